//! The reads of drafting: a step, its editor (with the author's draft and any conflict), its
//! history, a deliverable with its versions, and a deliverable as one document.
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::{DeliverableState, DraftError, PolicyEvent, RevisionInfo, Segment, StepState, VersionInfo};
use crate::web::WebError;

/// The one-time message under which a refused version note goes back to its form.
pub const NOTE_FLASH: &str = "nota_version";
/// The guide typed with a refused freeze, kept on the server the same way.
pub const GUIDE_FLASH: &str = "guia_version";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepPage {
    pub policy_code: String,
    pub policy_name: String,
    pub number: u8,
    pub deliverable: u8,
    pub deliverable_state: DeliverableState,
    pub state: StepState,
    /// Sanitised HTML rendered on the server; empty when the step has no text.
    pub body_html: String,
    pub updated_at: Option<DateTime<Utc>>,
    /// Who saved the current text last.
    pub updated_by: Option<String>,
    /// The current revision (0: never saved).
    pub revision: u32,
    pub may_edit: bool,
}


/// The step editor: the text to edit, the revision it is based on, and what came back from a
/// preview, a refused save or a conflict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditorPage {
    pub policy_code: String,
    pub policy_name: String,
    pub number: u8,
    pub deliverable: u8,
    /// The revision a save from this form is based on.
    pub base: u32,
    pub text: String,
    pub summary: String,
    /// The text rendered exactly as the step page will show it.
    pub preview_html: String,
    /// The server-side draft this text came from (a preview, a refused save or a conflict).
    pub draft: Option<String>,
    pub error: Option<DraftError>,
    pub current: Option<RevisionInfo>,
    pub conflict: Option<Conflict>,
}

/// Someone saved the step after the author opened the editor: their text, and what the author
/// would change in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// The revision the author started from.
    pub started_from: u32,
    pub newer: RevisionInfo,
    pub newer_text: String,
    /// From the newer text to the author's text.
    pub diff: Vec<Segment>,
}

/// Two revisions (or versions) compared: what turns `from` into `to`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub from: u32,
    pub to: u32,
    pub segments: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryPage {
    pub policy_code: String,
    pub policy_name: String,
    pub number: u8,
    pub revisions: Vec<RevisionInfo>,
    pub total: usize,
    pub page: usize,
    pub page_size: usize,
    pub compare: Option<Comparison>,
}


/// A step of a deliverable as the deliverable page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeliverableStep {
    pub number: u8,
    pub state: StepState,
    pub revision: u32,
    pub updated_at: Option<DateTime<Utc>>,
    pub updated_by: Option<String>,
}

/// One step in a comparison of two versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepComparison {
    pub number: u8,
    pub from_revision: Option<u32>,
    pub to_revision: Option<u32>,
    pub segments: Vec<Segment>,
}

/// Two versions of a deliverable compared step by step (version 0 is the working text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionComparison {
    pub from: u32,
    pub to: u32,
    pub steps: Vec<StepComparison>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeliverablePage {
    pub policy_code: String,
    pub policy_name: String,
    pub number: u8,
    pub state: DeliverableState,
    pub steps: Vec<DeliverableStep>,
    /// Newest first.
    pub versions: Vec<VersionInfo>,
    pub may_freeze: bool,
    pub compare: Option<VersionComparison>,
    /// The note of a refused freeze, back in its form.
    pub kept_note: String,
    pub kept_guide: String,
    /// Whether the reader sees the working text (else only the versions sent to CEPLAN).
    pub may_read_draft: bool,
    /// The deliverable's events, oldest first (annulled ones included, marked).
    pub events: Vec<PolicyEvent>,
    /// The states this reader may record next, in the method's order.
    pub next_states: Vec<DeliverableState>,
    /// Whether this reader may record a validation by the policy's commission or working group.
    pub may_validate: bool,
    /// Ids of the events this reader may annul.
    pub annullable: Vec<String>,
    pub today: chrono::NaiveDate,
    /// The expediente's documents of this deliverable's events, for those who may read them.
    pub documents: Vec<crate::domain::expediente::DocumentInfo>,
}


/// A step of a deliverable document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentStep {
    pub number: u8,
    pub revision: Option<u32>,
    pub html: String,
}

/// A deliverable as one document: a frozen version, or the working text when `version` is none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentPage {
    pub policy_code: String,
    pub policy_name: String,
    pub deliverable: u8,
    pub version: Option<VersionInfo>,
    /// When the document was produced (the working text is as of now).
    pub generated_at: DateTime<Utc>,
    pub steps: Vec<DocumentStep>,
    pub annexes: Vec<DocumentAnnex>,
}

/// An annex of a deliverable document, ready to show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentAnnex {
    /// "Anexo 1. Fichas técnicas de …".
    pub heading: String,
    pub number: usize,
    pub blocks: Vec<AnnexPart>,
}

/// A part of an annex: sanitized HTML of its tables, or a chart as SVG with its legend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum AnnexPart {
    Html(String),
    Chart(String),
}

/// The annexes of a deliverable from its steps' items (`steps`, as the version or the working
/// text holds them); Entregable 5 adds the matriz de consistencia of the whole policy as it stood
/// when the version was frozen (or now).
#[cfg(feature = "ssr")]
pub async fn deliverable_annexes(
    store: &crate::store::Store,
    code: &str,
    deliverable: u8,
    steps: &[crate::domain::StepBody],
    frozen_at: Option<DateTime<Utc>>,
) -> Result<Vec<crate::domain::annexes::Annex>, crate::store::StoreError> {
    use crate::domain::structure::{consistency_matrix, problem_statement};
    let items: Vec<crate::domain::structure::Item> = steps.iter().flat_map(|s| s.structure.iter().cloned()).collect();
    let whole = if deliverable == 5 {
        Some(match frozen_at {
            Some(at) => store.structure_as_of(code, at).await?,
            None => crate::domain::structure::snapshot_all(&store.items(code).await?),
        })
    } else {
        None
    };
    let matrix = whole.as_ref().map(|w| (problem_statement(w), consistency_matrix(w)));
    Ok(crate::domain::annexes::annexes(&items, matrix.as_ref().map(|(p, rows)| (p.as_str(), rows.as_slice()))))
}


#[server(endpoint = "step")]
pub async fn get_step(code: String, number: u8) -> Result<StepPage, WebError> {
    use crate::web::{require, store, SignedIn};
    use crate::domain::{may, Action, Resource};
    let user = SignedIn::current().await?;
    let actor = user.actor();
    let code = crate::domain::Policy::normalize_code(&code);
    let def = crate::domain::step(number).ok_or(WebError::NotFound)?;
    let step = store()?.step_text(&code, number).await?.ok_or(WebError::NotFound)?;
    require(&user, Action::ReadDraft, Resource::Policy(&code))?;
    Ok(StepPage {
        policy_code: step.policy.code,
        policy_name: step.policy.name,
        number,
        deliverable: def.deliverable,
        deliverable_state: step.deliverable_state,
        state: crate::domain::step_state(!step.body.trim().is_empty(), step.deliverable_state),
        // The step's title is the page's h1.
        body_html: crate::markdown::render_off_thread(step.body.clone(), 2, String::new()).await,
        updated_at: step.updated_at,
        updated_by: step.updated_by,
        revision: step.revision,
        may_edit: may(&actor, Action::EditStep, Resource::Policy(&code)),
    })
}

/// The editor of a step, with the text of one of the user's drafts when `draft` names one: a
/// draft based on an older revision than the current one is a conflict, shown as such.
#[server(endpoint = "editor")]
pub async fn get_editor(code: String, number: u8, draft: Option<String>, error: Option<String>) -> Result<EditorPage, WebError> {
    use crate::web::{require, store, SignedIn};
    use crate::domain::{word_diff, Action, DraftError, Resource};
    let user = SignedIn::current().await?;
    let actor = user.actor();
    let code = crate::domain::Policy::normalize_code(&code);
    let def = crate::domain::step(number).ok_or(WebError::NotFound)?;
    let store = store()?;
    let step = store.step_text(&code, number).await?.ok_or(WebError::NotFound)?;
    require(&user, Action::EditStep, Resource::Policy(&code))?;
    let current = match step.revision {
        0 => None,
        n => store.revision(&code, number, n).await?.map(|(info, _)| info),
    };
    let draft = match draft.filter(|d| !d.is_empty()) {
        Some(id) => store.draft(&actor.user_id, &id).await?.filter(|d| d.policy == code && d.step == number).map(|d| (id, d)),
        None => None,
    };
    let conflict = match (&draft, &current) {
        (Some((_, d)), Some(newer)) if d.base != step.revision => Some(Conflict {
            started_from: d.base,
            newer: newer.clone(),
            newer_text: step.body.clone(),
            diff: word_diff(&step.body, &d.body),
        }),
        _ => None,
    };
    let (text, summary) = match &draft {
        Some((_, d)) => (d.body.clone(), d.summary.clone()),
        None => (step.body.clone(), String::new()),
    };
    Ok(EditorPage {
        policy_code: step.policy.code,
        policy_name: step.policy.name,
        number,
        deliverable: def.deliverable,
        base: step.revision,
        // The text travels once: its preview only when it was asked for (a draft: a preview, a
        // refused save, a conflict); otherwise the island renders it as the text changes.
        preview_html: match &draft {
            Some(_) => crate::markdown::render_off_thread(text.clone(), 2, String::new()).await,
            None => String::new(),
        },
        text,
        summary,
        draft: draft.map(|(id, _)| id),
        error: error.as_deref().and_then(DraftError::from_key),
        current,
        conflict,
    })
}

/// The editor's live preview: the text as it will be saved and read, and what saving will change
/// or show differently from what was typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EditorPreview {
    /// The text rendered as the step page will show it, after [`crate::domain::pasted::normalize`].
    pub html: String,
    /// What saving will change of the text (Word's indents, line breaks, bullets…).
    pub changes: Vec<(crate::domain::pasted::Change, usize)>,
    /// Whether the text has HTML that will be shown as text (a table is shown as a table).
    pub raw_html: bool,
}

/// The live preview of the editor: the same normalisation and renderer as saving and the step page.
#[server(endpoint = "preview")]
pub async fn preview_markdown(code: String, text: String) -> Result<EditorPreview, WebError> {
    use crate::web::{require, SignedIn};
    let code = crate::domain::Policy::normalize_code(&code);
    let user = SignedIn::current().await?;
    require(&user, crate::domain::Action::EditStep, crate::domain::Resource::Policy(&code))?;
    if text.len() > crate::domain::drafting::MAX_BODY_BYTES {
        return Ok(EditorPreview::default());
    }
    let normalized = crate::domain::pasted::normalize(&text);
    let raw_html = crate::markdown::shows_raw_html(&normalized.text);
    Ok(EditorPreview { html: crate::markdown::render_off_thread(normalized.text, 2, String::new()).await, changes: normalized.changes, raw_html })
}

/// What a paste became: the Markdown to insert, what was changed, and what could not be kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Pasted {
    pub markdown: String,
    pub changes: Vec<(crate::domain::pasted::Change, usize)>,
    pub lost: Vec<String>,
}

/// HTML pasted into the editor (from Word, a web page, a PDF viewer) as Markdown: its lists,
/// tables, emphasis, links and footnotes kept (by pandoc, as an import), then normalised as a
/// save is. An error when it cannot be converted: the editor then pastes the plain text.
#[server(endpoint = "pegar")]
pub async fn convert_paste(code: String, html: String) -> Result<Pasted, WebError> {
    use crate::web::{require, SignedIn};
    let code = crate::domain::Policy::normalize_code(&code);
    let user = SignedIn::current().await?;
    require(&user, crate::domain::Action::EditStep, crate::domain::Resource::Policy(&code))?;
    let (markdown, lost) = super::word::read_html(&html).await.map_err(|_| WebError::Unavailable)?;
    let normalized = crate::domain::pasted::normalize(&markdown);
    Ok(Pasted {
        markdown: normalized.text,
        changes: normalized.changes,
        lost: lost.into_iter().map(|(l, n)| crate::i18n::t().import_lost(l, n)).collect(),
    })
}

/// A step's revisions, newest first, and the comparison of revisions `from` → `to` when both are given.
#[server(endpoint = "history")]
pub async fn get_history(code: String, number: u8, page: usize, from: Option<u32>, to: Option<u32>) -> Result<HistoryPage, WebError> {
    use crate::web::{require, store, SignedIn};
    let user = SignedIn::current().await?;
    let code = crate::domain::Policy::normalize_code(&code);
    let store = store()?;
    let step = store.step_text(&code, number).await?.ok_or(WebError::NotFound)?;
    require(&user, crate::domain::Action::ReadDraft, crate::domain::Resource::Policy(&code))?;
    let (revisions, total) = store.revisions(&code, number, page).await?;
    let page_size = crate::store::HISTORY_PAGE_SIZE;
    let compare = match (from, to) {
        (Some(a), Some(b)) => {
            let text = |n: u32| {
                let store = store.clone();
                let code = code.clone();
                async move { store.revision_content(&code, number, n).await }
            };
            match (text(a).await?, text(b).await?) {
                (Some(old), Some(new)) => Some(Comparison { from: a, to: b, segments: crate::domain::word_diff(&old, &new) }),
                _ => None,
            }
        }
        _ => None,
    };
    Ok(HistoryPage {
        policy_code: step.policy.code,
        policy_name: step.policy.name,
        number,
        revisions,
        total,
        page: page.clamp(1, total.div_ceil(page_size).max(1)),
        page_size,
        compare,
    })
}

/// A deliverable: its steps, its frozen versions, and two versions compared step by step when
/// `from` and `to` are given (0 stands for the working text). After a refused freeze (`refused`),
/// the note the user typed comes back from the session.
#[server(endpoint = "deliverable")]
pub async fn get_deliverable(
    code: String,
    number: u8,
    from: Option<u32>,
    to: Option<u32>,
    refused: bool,
) -> Result<DeliverablePage, WebError> {
    use crate::web::{require, store, SignedIn};
    use crate::domain::review::{action_for, sent_versions};
    use crate::domain::EventKind;
    use crate::domain::{may, step_state, Action, Resource};
    let user = SignedIn::current().await?;
    let actor = user.actor();
    let code = crate::domain::Policy::normalize_code(&code);
    let store = store()?;
    let detail = store.policy_detail(&code).await?.ok_or(WebError::NotFound)?;
    let deliverable = detail.overview.deliverables.iter().find(|d| d.number == number).ok_or(WebError::NotFound)?;
    require(&user, Action::ReadPolicy, Resource::Policy(&code))?;
    let may_read_draft = may(&actor, Action::ReadDraft, Resource::Policy(&code));
    let (kept_note, kept_guide) = match (refused, crate::web::session::current_session_digest()) {
        (true, Some(session)) => (
            store.take_flash_named(&session, NOTE_FLASH).await?.unwrap_or_default(),
            store.take_flash_named(&session, GUIDE_FLASH).await?.unwrap_or_default(),
        ),
        _ => (String::new(), String::new()),
    };
    let working = store.working_text(&code, number).await?;
    let steps = working
        .iter()
        .map(|s| DeliverableStep {
            number: s.step,
            state: step_state(!s.body.trim().is_empty(), deliverable.state),
            revision: if may_read_draft { s.revision.unwrap_or(0) } else { 0 },
            updated_at: s.updated_at.filter(|_| may_read_draft),
            updated_by: s.updated_by.clone().filter(|_| may_read_draft),
        })
        .collect();
    let compare = match (from, to) {
        (Some(a), Some(b)) if may_read_draft => {
            let version = |n: u32| store.deliverable_text(&code, number, (n > 0).then_some(n));
            match (version(a).await?, version(b).await?) {
                (Some(old), Some(new)) => Some(VersionComparison {
                    from: a,
                    to: b,
                    steps: old
                        .iter()
                        .zip(new.iter())
                        .map(|(o, n)| StepComparison {
                            number: o.step,
                            from_revision: o.revision,
                            to_revision: n.revision,
                            segments: if o.revision == n.revision { Vec::new() } else { crate::domain::word_diff(&o.full_content(), &n.full_content()) },
                        })
                        .collect(),
                }),
                _ => None,
            }
        }
        _ => None,
    };
    let events: Vec<_> = detail.events.iter().filter(|e| e.deliverable == Some(number)).cloned().collect();
    let sent = sent_versions(&events, number);
    let versions = store
        .versions(&code, number)
        .await?
        .into_iter()
        .filter(|v| crate::domain::review::may_read_version(&actor, &code, Some(v.number), &sent))
        .collect();
    let next_states = deliverable
        .state
        .next_states()
        .iter()
        .copied()
        .filter(|to| may(&actor, action_for(*to), Resource::Policy(&code)))
        .collect();
    let may_validate =
        deliverable.state != DeliverableState::NoIniciado && may(&actor, Action::RecordTransition, Resource::Policy(&code));
    // Only the latest standing transition can be annulled, by whoever may record its kind; a
    // validation, by whoever may record one.
    let annullable = events
        .iter()
        .rev()
        .find(|e| e.stands() && e.kind == EventKind::Transition)
        .filter(|e| e.state_to.is_some_and(|to| may(&actor, action_for(to), Resource::Policy(&code))))
        .map(|e| e.id.clone())
        .into_iter()
        .chain(
            events
                .iter()
                .filter(|e| e.stands() && e.kind == EventKind::Validation)
                .filter(|_| may(&actor, Action::RecordTransition, Resource::Policy(&code)))
                .map(|e| e.id.clone()),
        )
        .collect();
    let documents = if may(&actor, Action::ReadDocuments, Resource::Policy(&code)) {
        store.documents(&code).await?.into_iter().filter(|d| d.doc.event.as_ref().is_some_and(|id| events.iter().any(|e| &e.id == id))).collect()
    } else {
        Vec::new()
    };
    Ok(DeliverablePage {
        policy_code: detail.overview.policy.code.clone(),
        policy_name: detail.overview.policy.name.clone(),
        number,
        state: deliverable.state,
        steps,
        versions,
        may_freeze: may(&actor, Action::FreezeVersion, Resource::Policy(&code)),
        compare,
        kept_note,
        kept_guide,
        may_read_draft,
        events,
        next_states,
        may_validate,
        annullable,
        today: crate::domain::time::today(),
        documents,
    })
}

/// A deliverable as one document: version `version`, or the working text.
#[server(endpoint = "document")]
pub async fn get_document(code: String, number: u8, version: Option<u32>) -> Result<DocumentPage, WebError> {
    use crate::web::{store, SignedIn};
    let user = SignedIn::current().await?;
    let actor = user.actor();
    let code = crate::domain::Policy::normalize_code(&code);
    let store = store()?;
    let policy = store.policy(&code).await?.ok_or(WebError::NotFound)?;
    crate::domain::steps_of(number).next().ok_or(WebError::NotFound)?;
    let sent = store.sent_versions(&code, number).await?;
    if !crate::domain::review::may_read_version(&actor, &code, version, &sent) {
        return Err(crate::web::refused(WebError::Forbidden));
    }
    let steps = store.deliverable_text(&code, number, version).await?.ok_or(WebError::NotFound)?;
    let version = match version {
        Some(n) => store.versions(&code, number).await?.into_iter().find(|v| v.number == n),
        None => None,
    };
    let annexes = deliverable_annexes(&store, &code, number, &steps, version.as_ref().map(|v| v.at)).await?;
    let mut rendered = Vec::with_capacity(steps.len());
    for s in steps {
        rendered.push(DocumentStep { number: s.step, revision: s.revision, html: crate::markdown::render_off_thread(s.content(), 3, format!("p{}", s.step)).await });
    }
    let mut shown = Vec::with_capacity(annexes.len());
    for mut a in annexes {
        let heading = a.heading();
        let mut blocks = Vec::with_capacity(a.blocks.len());
        for (n, b) in std::mem::take(&mut a.blocks).into_iter().enumerate() {
            blocks.push(match b {
                crate::domain::annexes::AnnexBlock::Markdown(md) => AnnexPart::Html(crate::markdown::render_off_thread(md, 3, format!("anexo-{}-{n}", a.number)).await),
                crate::domain::annexes::AnnexBlock::Chart(c) => AnnexPart::Chart(c.svg(&format!("anexo-{}-grafico-{n}", a.number))),
            });
        }
        shown.push(DocumentAnnex { heading, number: a.number, blocks });
    }
    Ok(DocumentPage { policy_code: policy.code, policy_name: policy.name, deliverable: number, version, generated_at: chrono::Utc::now(), steps: rendered, annexes: shown })
}


/// A step of an import's preview: the text read from the document, as it will be saved, and the
/// revision the step had when the document was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportStep {
    pub number: u8,
    pub title: String,
    pub markdown: String,
    pub preview_html: String,
    /// The step's revision when the document was read.
    pub base: u32,
    /// The step's revision now: when it differs from `base`, someone saved the step meanwhile.
    pub current: u32,
    /// Whether the step was ticked to be saved (all are, until the form comes back refused).
    pub ticked: bool,
}

/// `/politicas/{code}/entregables/{n}/importar`: the form, and the preview of a document read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportPage {
    pub policy_code: String,
    pub policy_name: String,
    pub deliverable: u8,
    /// The deliverable's steps (number, title), to import into one of them.
    pub steps: Vec<(u8, String)>,
    /// The document read, when there is one to preview: its name.
    pub file: Option<String>,
    pub preview: Vec<ImportStep>,
    /// What the steps do not keep, each said (pictures, comments, tracked changes…).
    pub lost: Vec<String>,
    /// How many characters came before the first "Paso N" heading (a cover, a table of contents).
    pub before_chars: usize,
    /// The "Paso N" headings found that are not steps of this deliverable.
    pub other_steps: Vec<u8>,
    /// A refusal of the form, if one came back.
    pub error: Option<String>,
    /// Whether pandoc, which reads Word documents, is installed on this server.
    pub available: bool,
}

/// The import page of a deliverable, with the preview of the document read (held for its
/// reader by the upload: see `actions::import_docx`).
#[server(endpoint = "importar")]
pub async fn get_import(code: String, deliverable: u8, error: Option<String>) -> Result<ImportPage, WebError> {
    use super::form::{base_field, text_field, ImportSaveForm, HELD_BEFORE, HELD_FILE, HELD_LOST, HELD_OTHER_STEPS, IMPORT_ANCHOR};
    use crate::web::{require, store, SignedIn};
    let user = SignedIn::current().await?;
    let code = crate::domain::Policy::normalize_code(&code);
    let def = crate::domain::DELIVERABLES.iter().find(|d| d.number == deliverable).ok_or(WebError::NotFound)?;
    let store = store()?;
    let policy = store.policy(&code).await?.ok_or(WebError::NotFound)?;
    require(&user, crate::domain::Action::EditStep, crate::domain::Resource::Policy(&code))?;
    let held = crate::ui::held().filter(|h| h.anchor == IMPORT_ANCHOR);
    let field = |name: &str| held.as_ref().and_then(|h| h.fields.iter().find(|(k, _)| k == name)).map(|(_, v)| v.clone());
    let ticked: Option<ImportSaveForm> = held.as_ref().map(|h| crate::web::form::filled("", Some(h)));
    let mut preview = Vec::new();
    for number in def.steps.iter().copied() {
        let Some(markdown) = field(&text_field(number)) else { continue };
        let current = store.step_text(&code, number).await?.map_or(0, |s| s.revision);
        preview.push(ImportStep {
            number,
            title: crate::domain::step(number).map(|s| s.title.to_string()).unwrap_or_default(),
            preview_html: crate::markdown::render_off_thread(markdown.clone(), 3, format!("p{number}")).await,
            markdown,
            base: field(&base_field(number)).and_then(|b| b.parse().ok()).unwrap_or(0),
            current,
            ticked: ticked.as_ref().is_none_or(|f| f.pasos.is_empty() || f.pasos.contains(&number.to_string())),
        });
    }
    let error = held.as_ref().map(|h| h.error.clone()).or(error).filter(|e| !e.is_empty());
    Ok(ImportPage {
        policy_code: policy.code,
        policy_name: policy.name,
        deliverable,
        steps: def.steps.iter().map(|n| (*n, crate::domain::step(*n).map(|s| s.title.to_string()).unwrap_or_default())).collect(),
        file: field(HELD_FILE),
        preview,
        lost: held.as_ref().map(|h| h.fields.iter().filter(|(k, _)| k == HELD_LOST).map(|(_, v)| v.clone()).collect()).unwrap_or_default(),
        before_chars: field(HELD_BEFORE).and_then(|b| b.parse().ok()).unwrap_or(0),
        other_steps: field(HELD_OTHER_STEPS).map(|s| s.split(',').filter_map(|n| n.parse().ok()).collect()).unwrap_or_default(),
        error,
        available: super::word::available().await,
    })
}

//! The reads of rounds and consultations: the rounds a reader may read, a round's text block by
//! block with the contributions this reader may read, the matriz de aportes, and the notices.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::rounds::{ContributionInfo, Notice, RoundInfo, RoundStatus};
use crate::web::WebError;

/// A round in a list, with its figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundSummary {
    pub round: RoundInfo,
    pub status: RoundStatus,
    /// (contributions, without answer); none for a reader who may not see the figures yet
    /// ([`RoundInfo::figures_visible_to`]).
    pub figures: Option<(usize, usize)>,
}

/// One top-level block of a step's frozen text, with its anchor ("p3-4": step 3, block 4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextBlock {
    pub anchor: String,
    pub html: String,
    pub text: String,
    /// A heading of the text: it names what follows and is not commented on by itself.
    #[serde(default)]
    pub heading: bool,
    /// The rows of a table or the items of a list, each commentable on its own: its anchor
    /// (`p3-4-f2`: row 2 of that block; `p3-4-e2`: item 2) and its words.
    #[serde(default)]
    pub parts: Vec<TextPart>,
}

/// A table row or list item of a [`TextBlock`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextPart {
    pub anchor: String,
    pub text: String,
}

impl TextBlock {
    /// The words a contribution on `anchor` quotes, when it points into this block (the block
    /// itself, or one of its rows or items); a heading is not commented on.
    pub fn quoted(&self, anchor: &str) -> Option<&str> {
        if self.heading {
            return None;
        }
        if self.anchor == anchor {
            return Some(&self.text);
        }
        self.parts.iter().find(|p| p.anchor == anchor).map(|p| p.text.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundStep {
    pub number: u8,
    pub blocks: Vec<TextBlock>,
}

/// A contribution as this reader may see it: the answer only when the reader may read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContributionView {
    pub info: ContributionInfo,
    pub body_html: String,
    pub jurisdiction_name: Option<String>,
    /// For a reply in the matriz: the contribution it answers, named and quoted.
    pub replies_to: Option<String>,
}

/// Per jurisdiction, in a consultation round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoverageRow {
    pub ubigeo: String,
    pub name: String,
    pub invited: bool,
    /// (contributions, accepted); none while this reader may not see other regions' figures.
    pub figures: Option<(usize, usize)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundPage {
    pub summary: RoundSummary,
    pub policy_name: String,
    pub steps: Vec<RoundStep>,
    /// The threads of this page (`THREADS_PER_PAGE`) with their replies.
    pub contributions: Vec<ContributionView>,
    /// How many contributions this reader may read, on every page.
    pub readable: usize,
    pub page: usize,
    pub pages: usize,
    /// Contributions per anchor (paragraph or item) of the text, on every page.
    pub per_anchor: Vec<(String, usize)>,
    /// Whether answers are shown to this reader (the team always; others once published).
    pub answers_visible: bool,
    pub may_contribute: bool,
    pub may_manage: bool,
    pub may_force: bool,
    pub coverage: Vec<CoverageRow>,
    /// (ubigeo, name) of every jurisdiction, for the team's form.
    pub jurisdictions: Vec<(String, String)>,
    /// For the team's answers: the revisions of the deliverable's steps that may have made a
    /// change, newest first, as (value, label, when saved).
    pub revisions: Vec<(String, String, chrono::DateTime<chrono::Utc>)>,
}

/// The matriz de aportes of a round: its rows as this reader may see them, filtered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatrixPage {
    pub summary: RoundSummary,
    pub rows: Vec<ContributionView>,
    pub answers_visible: bool,
    pub jurisdictions: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotificationsPage {
    pub items: Vec<Notice>,
}


/// What a contribution can anchor to in a step of a frozen version: each top-level block of its
/// text ("p3-4": step 3, block 4) and each structured item ("i-IOP1.1"), with its HTML and the
/// plain text a contribution quotes.
#[cfg(feature = "ssr")]
pub fn step_blocks(step: &crate::domain::StepBody) -> Vec<TextBlock> {
    use crate::domain::structure::item_line;
    let n = step.step;
    // The round page titles each step with an h3: the text's own headings go below it.
    let paragraphs = crate::markdown::render_blocks(&step.body, 4, &format!("p{n}"))
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            let anchor = format!("p{n}-{}", i + 1);
            let letter = if matches!(b.parts, crate::markdown::Parts::Rows(_)) { 'f' } else { 'e' };
            let parts = b.parts.texts().iter().enumerate().map(|(k, text)| TextPart { anchor: format!("{anchor}-{letter}{}", k + 1), text: text.clone() }).collect();
            let html = crate::markdown::mark_parts(&b.html, &b.parts, &anchor);
            TextBlock { anchor, html, text: b.text, heading: b.heading, parts }
        });
    let items = step.structure.iter().map(|item| {
        let text = item_line(item);
        TextBlock { anchor: format!("i-{}", crate::domain::structure::code_slug(&item.code)), html: format!("<p>{}</p>", crate::domain::text::escape_html(&text)), text, heading: false, parts: Vec::new() }
    });
    paragraphs.chain(items).collect()
}

/// A round as this reader sees it, with its figures when they may see them.
#[cfg(feature = "ssr")]
fn summary(user: &crate::domain::User, round: RoundInfo, contributions: &[ContributionInfo], now: chrono::DateTime<chrono::Utc>) -> RoundSummary {
    let figures = round
        .figures_visible_to(user, now)
        .then(|| (contributions.len(), contributions.iter().filter(|c| c.answer.is_none()).count()));
    RoundSummary { status: round.status(now), figures, round: round.for_reader(user, now) }
}

/// The rounds this reader may read, newest first (optionally one deliverable's).
#[server(endpoint = "rounds")]
pub async fn get_rounds(code: Option<String>, deliverable: Option<u8>) -> Result<Vec<RoundSummary>, WebError> {
    use crate::domain::{may, Action, Resource};
    use crate::web::{store, SignedIn};
    let user = SignedIn::current().await?;
    let actor = user.actor();
    let store = store()?;
    let now = chrono::Utc::now();
    let code = code.map(|c| crate::domain::Policy::normalize_code(&c));
    let rounds: Vec<_> = store
        .rounds(code.as_deref(), deliverable)
        .await?
        .into_iter()
        .filter(|r| may(&actor, Action::ReadRound, Resource::Round(r.reference(&user, now))))
        .collect();
    let figures = store.round_figures(&rounds.iter().collect::<Vec<_>>()).await?;
    Ok(rounds
        .into_iter()
        .map(|round| {
            let shown = round.figures_visible_to(&user, now).then(|| figures.get(&round.id).copied().unwrap_or_default());
            RoundSummary { status: round.status(now), figures: shown, round: round.for_reader(&user, now) }
        })
        .collect())
}

/// Contributions ready to show: Markdown rendered and sanitized, jurisdiction named.
#[cfg(feature = "ssr")]
fn contribution_views(list: Vec<ContributionInfo>, names: &[(String, String)]) -> Vec<ContributionView> {
    list.into_iter()
        .map(|c| ContributionView {
            // A contribution is titled with an h3 (its N°).
            body_html: crate::markdown::render_message(&c.body, 4, &format!("aporte-{}", c.number)),
            jurisdiction_name: c.jurisdiction.as_ref().and_then(|u| names.iter().find(|n| &n.0 == u).map(|n| n.1.clone())),
            replies_to: None,
            info: c,
        })
        .collect()
}

/// A round: its frozen text block by block (each with its anchor), the contributions this reader
/// may read, and, for consultations, who was invited and who took part.
#[server(endpoint = "round")]
pub async fn get_round(id: String, pagina: Option<usize>, foco: Option<String>) -> Result<RoundPage, WebError> {
    use crate::domain::rounds::{thread_page, THREADS_PER_PAGE};
    use crate::domain::{may, Action, Resource, RoundKind};
    use crate::web::{require, store, SignedIn};
    let user = SignedIn::current().await?;
    let actor = user.actor();
    let store = store()?;
    let now = chrono::Utc::now();
    let round = store.round(&id).await?.ok_or(WebError::NotFound)?;
    let reference = round.reference(&user, now);
    require(&user, Action::ReadRound, Resource::Round(reference))?;
    let may_contribute = may(&actor, Action::Contribute, Resource::Round(reference));
    let may_manage = may(&actor, Action::ManageRounds, Resource::Round(reference));
    let may_force = may(&actor, Action::ForceCloseRound, Resource::Round(reference));
    let policy_name = store.policy(&round.policy_code).await?.map(|p| p.name).unwrap_or_default();
    // The frozen text, to those who may read that version (CEPLAN: only what was sent to it).
    let texts = match round.version {
        Some(v) if may_read_round_text(&store, &user, &round, v).await? => {
            store.version_text(&round.policy_code, round.deliverable, v).await?.unwrap_or_default()
        }
        _ => Vec::new(),
    };
    let steps = round
        .steps
        .iter()
        .map(|n| RoundStep { number: *n, blocks: texts.iter().find(|t| t.step == *n).map(step_blocks).unwrap_or_default() })
        .collect();
    let all = store.contributions_of(&round).await?;
    let answers_visible = round.answers_visible_to(&user, now);
    let jurisdictions = store.jurisdiction_names().await?;
    let readable = round.readable_refs(&user, &all, now);
    let mut per_anchor: Vec<(String, usize)> = Vec::new();
    for anchor in readable.iter().filter_map(|c| c.anchor.as_ref()) {
        match per_anchor.iter_mut().find(|(a, _)| a == anchor) {
            Some((_, n)) => *n += 1,
            None => per_anchor.push((anchor.clone(), 1)),
        }
    }
    // The focus is a number as this reader knows it (see `shown_to`), or an id.
    let focus = foco.map(|f| f.parse::<u32>().ok().and_then(|n| round.named_by(&user, &readable, n, now)).map_or(f, String::from));
    let (page, pages, shown) = thread_page(&readable, pagina, focus.as_deref(), THREADS_PER_PAGE);
    let contributions = contribution_views(round.shown_to(&user, &readable, shown.into_iter(), now), &jurisdictions);
    let figures_visible = round.figures_visible_to(&user, now);
    let coverage = if round.kind == RoundKind::ConsultaRegional {
        jurisdictions
            .iter()
            .map(|(ubigeo, name)| {
                let mine: Vec<_> = all.iter().filter(|c| c.jurisdiction.as_ref() == Some(ubigeo) && c.parent.is_none()).collect();
                let accepted = if answers_visible { mine.iter().filter(|c| c.answer.as_ref().is_some_and(|a| a.state.accepted())).count() } else { 0 };
                CoverageRow {
                    ubigeo: ubigeo.clone(),
                    name: name.clone(),
                    invited: round.jurisdictions.contains(ubigeo),
                    figures: figures_visible.then_some((mine.len(), accepted)),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let revisions = if may_manage { revision_choices(&store, &round.policy_code, round.deliverable).await? } else { Vec::new() };
    Ok(RoundPage {
        summary: summary(&user, round, &all, now),
        policy_name,
        steps,
        contributions,
        readable: readable.len(),
        page,
        pages,
        per_anchor,
        answers_visible,
        may_contribute,
        may_manage,
        may_force,
        coverage,
        jurisdictions,
        revisions,
    })
}

/// The newest revisions of each step of deliverable `n` (a page of the history each), as the
/// answer form offers them: `("3-12", "Paso 3 · revisión 12 · 14/10/2023 · Ana", when)`.
#[cfg(feature = "ssr")]
pub async fn revision_choices(store: &crate::store::Store, code: &str, n: u8) -> Result<Vec<(String, String, chrono::DateTime<chrono::Utc>)>, WebError> {
    let t = crate::i18n::t();
    let mut out = Vec::new();
    for step in crate::domain::steps_of(n).map(|s| s.number) {
        let (revisions, _) = store.revisions(code, step, 1).await?;
        out.extend(revisions.into_iter().map(|r| {
            let label = format!("{} {step} · {} {} · {} · {}", t.step, t.revision.to_lowercase(), r.number, crate::ui::moment(&r.at), r.author);
            (crate::domain::rounds::revision_choice(step, r.number), label, r.at)
        }));
    }
    Ok(out)
}

/// Whether `user`, a reader of the round, may read its text (version `v` of the deliverable):
/// every reader of a consultation or internal review; in CEPLAN's observations rounds, the
/// policy's readers of drafts, and CEPLAN only when that version was sent to it.
#[cfg(feature = "ssr")]
pub async fn may_read_round_text(store: &crate::store::Store, user: &crate::domain::User, round: &RoundInfo, v: u32) -> Result<bool, WebError> {
    use crate::domain::{may, Action, Resource, RoundKind};
    let actor = user.actor();
    if round.kind != RoundKind::ObservacionesCeplan || may(&actor, Action::ReadDraft, Resource::Policy(&round.policy_code)) {
        return Ok(true);
    }
    let sent = store.sent_versions(&round.policy_code, round.deliverable).await?;
    Ok(crate::domain::review::may_read_version(&actor, &round.policy_code, Some(v), &sent))
}

/// Where a contribution was made, as its reader says it: "Paso 3, párrafo 2" for `p3-2`, "elemento
/// OP1.1" for `i-OP1.1`.
pub fn place_name(anchor: &str) -> String {
    let t = crate::i18n::t();
    if let Some(code) = anchor.strip_prefix("i-") {
        return format!("{} {code}", t.item_word);
    }
    match anchor.strip_prefix('p').and_then(|r| r.split_once('-')) {
        Some((step, rest)) => match rest.split_once('-') {
            Some((n, part)) => {
                let (word, k) = match part.split_at_checked(1) {
                    Some(("f", k)) => (t.table_row, k),
                    Some((_, k)) => (t.list_item, k),
                    None => (t.list_item, part),
                };
                format!("{} {step}, {} {n}, {word} {k}", t.step, t.paragraph)
            }
            None => format!("{} {step}, {} {rest}", t.step, t.paragraph),
        },
        None => anchor.to_string(),
    }
}

/// Filters of the matriz de aportes: a jurisdiction (ubigeo), a step, an answer state ("sin" for unanswered).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MatrixFilter {
    pub jurisdiction: Option<String>,
    pub step: Option<u8>,
    pub answer: Option<String>,
}

impl MatrixFilter {
    pub fn keeps(&self, c: &ContributionInfo) -> bool {
        self.jurisdiction.as_ref().is_none_or(|j| c.jurisdiction.as_ref() == Some(j))
            && self.step.is_none_or(|s| c.step == s)
            && self.answer.as_deref().is_none_or(|a| match a {
                "sin" => c.answer.is_none(),
                key => c.answer.as_ref().is_some_and(|x| x.state.key() == key),
            })
    }
}

/// The matriz de aportes of a round, as this reader may see it.
#[server(endpoint = "matrix")]
pub async fn get_matrix(id: String, filter: MatrixFilter) -> Result<MatrixPage, WebError> {
    use crate::web::{require, store, SignedIn};
    let user = SignedIn::current().await?;
    let store = store()?;
    let now = chrono::Utc::now();
    let round = store.round(&id).await?.ok_or(WebError::NotFound)?;
    require(&user, crate::domain::Action::ReadRound, crate::domain::Resource::Round(round.reference(&user, now)))?;
    let all = store.contributions_of(&round).await?;
    let answers_visible = round.answers_visible_to(&user, now);
    let jurisdictions = store.jurisdiction_names().await?;
    let readable = round.readable(&user, &all, now);
    // Numbers as this reader knows them: the round's, or their places among what they may read.
    let numbered = if round.figures_visible_to(&user, now) { &all } else { &readable };
    let mut rows = contribution_views(readable.iter().filter(|c| filter.keeps(c)).cloned().collect(), &jurisdictions);
    for row in &mut rows {
        row.replies_to = row.info.replies_to(numbered, &readable).map(|(number, words)| crate::i18n::t().replies_to(number, words));
    }
    Ok(MatrixPage { summary: summary(&user, round, &all, now), rows, answers_visible, jurisdictions })
}

/// This user's notices, newest first.
#[server(endpoint = "notifications")]
pub async fn get_notifications() -> Result<NotificationsPage, WebError> {
    use crate::web::{store, SignedIn};
    let user = SignedIn::current().await?;
    Ok(NotificationsPage { items: store()?.notifications(&user).await? })
}

/// One accepted contribution and the change it caused, in the informe de sistematización.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeView {
    pub id: String,
    pub number: u32,
    /// Author, organisation and jurisdiction, as the round names them.
    pub who: String,
    pub state: crate::domain::rounds::AnswerState,
    /// The contribution's first words.
    pub opening: String,
    /// The step and revision that made the change, with the place the answer names.
    pub change: Option<(u8, u32)>,
    pub place: Option<String>,
    /// The revision's changes (its text against the one before), cut to what changed; none when
    /// it was not compared (see [`MAX_COMPARED`]) or is not found.
    pub segments: Option<Vec<crate::domain::Segment>>,
}

/// A chart of the report: its SVG (texts escaped) and the description that says its values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChartView {
    pub svg: String,
    pub description: String,
}

/// The informe de sistematización de aportes of a round, as its page and its DOCX show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SystematizationPage {
    pub summary: RoundSummary,
    pub policy_name: String,
    /// The sentences that open the report, each from the record.
    pub paragraphs: Vec<String>,
    pub figures: crate::domain::systematization::Figures,
    /// (ubigeo, name) of every jurisdiction.
    pub jurisdictions: Vec<(String, String)>,
    pub coverage: Vec<CoverageRow>,
    pub charts: Vec<ChartView>,
    /// The accepted contributions, each with the change it caused.
    pub changes: Vec<ChangeView>,
}

/// How many distinct revisions one report compares (each reads two texts): the rest are named.
pub const MAX_COMPARED: usize = 60;

/// The report of round `id` for `user`: the team's, the managers' and whoever sees the round's
/// figures and answers.
#[cfg(feature = "ssr")]
pub async fn systematization_of(store: &crate::store::Store, user: &crate::domain::User, id: &str) -> Result<SystematizationPage, WebError> {
    use crate::domain::systematization::{changed_excerpt, figures, percent, Bars};
    use crate::domain::{Action, Resource};
    use crate::web::require;
    let t = crate::i18n::t();
    let now = chrono::Utc::now();
    let round = store.round(id).await?.ok_or(WebError::NotFound)?;
    require(user, Action::ReadRound, Resource::Round(round.reference(user, now)))?;
    if !round.figures_visible_to(user, now) || !round.answers_visible_to(user, now) {
        return Err(WebError::Forbidden);
    }
    let all = store.contributions_of(&round).await?;
    let readable = round.readable(user, &all, now);
    let policy_name = store.policy(&round.policy_code).await?.map(|p| p.name).unwrap_or_default();
    let jurisdictions = store.jurisdiction_names().await?;
    let name_of = |u: &str| jurisdictions.iter().find(|j| j.0 == u).map_or(u.to_string(), |j| j.1.clone());
    let f = figures(&round, &readable);
    let (full, part) = f.accepted();
    let (invited, took_part) = f.jurisdictions();
    let mut paragraphs = vec![t.systematization_opening(&round, &policy_name, round.status(now))];
    paragraphs.push(t.systematization_participation(&round, invited, took_part, f.by_organisation.len(), f.authors));
    paragraphs.push(t.systematization_answers(&f, percent(full + part, f.total)));
    let answer_bars = Bars {
        title: t.chart_by_answer.to_string(),
        description: String::new(),
        bars: f.by_answer.iter().map(|(a, n)| (t.answer_state(*a).to_string(), *n)).chain((f.unanswered > 0).then(|| (t.unanswered.to_string(), f.unanswered))).collect(),
    };
    let step_bars = Bars {
        title: t.chart_by_step.to_string(),
        description: String::new(),
        bars: f.by_step.iter().map(|(s, n, _)| (format!("{} {s}", t.step), *n)).collect(),
    };
    let region_bars = Bars {
        title: t.chart_by_region.to_string(),
        description: String::new(),
        bars: f.by_jurisdiction.iter().filter(|j| j.2 > 0).map(|(u, _, n, _)| (name_of(u), *n)).collect(),
    };
    let charts = [answer_bars, step_bars, region_bars]
        .into_iter()
        .filter(|b| !b.bars.is_empty())
        .enumerate()
        .map(|(i, mut b)| {
            b.description = format!("{}: {}.", b.title, b.bars.iter().map(|(l, n)| format!("{l}, {n}")).collect::<Vec<_>>().join("; "));
            ChartView { svg: b.svg(&format!("grafico-{}", i + 1)), description: b.description }
        })
        .collect();
    let coverage = jurisdictions
        .iter()
        .map(|(u, name)| {
            let row = f.by_jurisdiction.iter().find(|j| &j.0 == u);
            CoverageRow { ubigeo: u.clone(), name: name.clone(), invited: round.jurisdictions.contains(u), figures: Some(row.map_or((0, 0), |j| (j.2, j.3))) }
        })
        .collect();
    // The changes: each accepted contribution, with its revision's diff (each revision read once).
    let mut compared: std::collections::HashMap<(u8, u32), Option<Vec<crate::domain::Segment>>> = std::collections::HashMap::new();
    let mut changes = Vec::new();
    for c in readable.iter().filter(|c| c.answer.as_ref().is_some_and(|a| a.state.accepted())) {
        let Some(answer) = c.answer.as_ref() else { continue };
        let change = answer.change(c.step);
        let segments = match change {
            Some(key) if compared.contains_key(&key) => compared[&key].clone(),
            Some((s, r)) if compared.len() < MAX_COMPARED => {
                let new = store.revision_content(&round.policy_code, s, r).await?;
                let old = if r > 1 { store.revision_content(&round.policy_code, s, r - 1).await?.unwrap_or_default() } else { String::new() };
                let diff = new.map(|new| changed_excerpt(&crate::domain::word_diff(&old, &new), 12));
                compared.insert((s, r), diff.clone());
                diff
            }
            _ => None,
        };
        let who = [Some(c.author.clone()), c.organisation.clone(), c.jurisdiction.as_deref().map(name_of)].into_iter().flatten().collect::<Vec<_>>().join(" · ");
        changes.push(ChangeView {
            id: c.id.clone(),
            number: c.number,
            who,
            state: answer.state,
            opening: crate::domain::text::shortened_lines(&c.body, 400),
            change,
            place: answer.place.clone(),
            segments,
        });
    }
    Ok(SystematizationPage {
        summary: summary(user, round, &all, now),
        policy_name,
        paragraphs,
        figures: f,
        jurisdictions,
        coverage,
        charts,
        changes,
    })
}

/// The informe de sistematización of a round.
#[server(endpoint = "systematization")]
pub async fn get_systematization(id: String) -> Result<SystematizationPage, WebError> {
    use crate::web::{store, SignedIn};
    let user = SignedIn::current().await?;
    systematization_of(&store()?, &user, &id).await
}

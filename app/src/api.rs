//! Server functions: the only way the pages reach data. Each reads like: who is asking → may
//! they (the domain rule) → store call → typed result.
use leptos::prelude::*;

use crate::domain::Jurisdiction;
use crate::error::AppError;
use crate::model::{
    AdminAudit, AdminUsers, AuditFilter, DashboardPage, DeliverablePage, DocumentPage, EditorPage, HistoryPage,
    MatrixPage, NotificationsPage, PolicyData, PolicyOverview, ReportPage, RoundPage, RoundSummary, SessionInfo, StepPage,
    StructurePage, ConsistencyPage,
};

#[cfg(feature = "ssr")]
fn store() -> Result<crate::store::Store, AppError> {
    use_context::<crate::store::Store>().ok_or(AppError::Unavailable)
}

/// The signed-in actor, or `Unauthenticated`.
#[cfg(feature = "ssr")]
fn actor() -> Result<crate::domain::Actor, AppError> {
    crate::auth::current_user().map(|u| u.actor()).ok_or_else(|| refused(AppError::Unauthenticated))
}

/// What a contribution can anchor to in a step of a frozen version: each top-level block of its
/// text ("p3-4": step 3, block 4) and each structured item ("i-IOP1.1"), with its HTML and the
/// plain text a contribution quotes.
#[cfg(feature = "ssr")]
pub fn step_blocks(step: &crate::store::StepBody) -> Vec<crate::model::TextBlock> {
    use crate::domain::structure::item_line;
    let n = step.step;
    let paragraphs = crate::markdown::render_blocks(&step.body)
        .into_iter()
        .enumerate()
        .map(|(i, (html, text))| crate::model::TextBlock { anchor: format!("p{n}-{}", i + 1), html, text });
    let items = step.structure.iter().map(|item| {
        let text = item_line(item);
        crate::model::TextBlock { anchor: format!("i-{}", item.code), html: format!("<p>{}</p>", crate::format::escape_html(&text)), text }
    });
    paragraphs.chain(items).collect()
}

/// A refusal, with its HTTP status on the response (a server function's errors are 500 otherwise).
#[cfg(feature = "ssr")]
fn refused(error: AppError) -> AppError {
    crate::pages::set_status(if error == AppError::Forbidden { 403 } else { 401 });
    error
}

/// Asks the permission rule; `Forbidden` when it says no.
#[cfg(feature = "ssr")]
fn require(
    actor: &crate::domain::Actor,
    action: crate::domain::Action,
    resource: crate::domain::Resource<'_>,
) -> Result<(), AppError> {
    if crate::domain::may(actor, action, resource) { Ok(()) } else { Err(refused(AppError::Forbidden)) }
}

/// Who is signed in, for the page header (none for a visitor).
#[server(endpoint = "session")]
pub async fn get_session() -> Result<Option<SessionInfo>, AppError> {
    let Some(u) = crate::auth::current_user() else { return Ok(None) };
    Ok(Some(SessionInfo { name: u.name, email: u.email, roles: u.roles, unread: crate::auth::current_unread() }))
}

#[server(endpoint = "overview")]
pub async fn get_overview() -> Result<Vec<PolicyOverview>, AppError> {
    use crate::domain::{may, Action, Resource};
    let actor = actor()?;
    let all = store()?.overview().await?;
    Ok(all.into_iter().filter(|p| may(&actor, Action::ReadPolicy, Resource::Policy(&p.policy.code))).collect())
}

/// A policy with its history, and what this reader may record on it (the next milestone).
#[server(endpoint = "policy")]
pub async fn get_policy(code: String) -> Result<PolicyData, AppError> {
    use crate::domain::{may, Action, DeliverableState, EventKind, Milestone, Resource};
    let actor = actor()?;
    let code = crate::domain::Policy::normalize_code(&code);
    let detail = store()?.policy_detail(&code).await?.ok_or(AppError::NotFound)?;
    require(&actor, Action::ReadPolicy, Resource::Policy(&code))?;
    let may_record = may(&actor, Action::RecordMilestone, Resource::Policy(&code));
    let standing: Vec<_> = detail.events.iter().filter(|e| e.stands()).collect();
    let all_conforme = detail.overview.deliverables.iter().all(|d| d.state == DeliverableState::Conforme);
    let next_milestone = Milestone::next_after(standing.iter().filter_map(|e| e.milestone).max()).filter(|_| all_conforme && may_record);
    let annullable_milestone = standing
        .iter()
        .rev()
        .find(|e| e.kind == EventKind::Milestone)
        .filter(|_| may_record)
        .map(|e| e.id.clone());
    let may_read_draft = may(&actor, Action::ReadDraft, Resource::Policy(&code));
    Ok(PolicyData { detail, next_milestone, annullable_milestone, today: crate::format::today(), may_read_draft })
}

#[server(endpoint = "step")]
pub async fn get_step(code: String, number: u8) -> Result<StepPage, AppError> {
    use crate::domain::{may, Action, Resource};
    let actor = actor()?;
    let code = crate::domain::Policy::normalize_code(&code);
    let def = crate::domain::step(number).ok_or(AppError::NotFound)?;
    let step = store()?.step_text(&code, number).await?.ok_or(AppError::NotFound)?;
    require(&actor, Action::ReadDraft, Resource::Policy(&code))?;
    Ok(StepPage {
        policy_code: step.policy.code,
        policy_name: step.policy.name,
        number,
        deliverable: def.deliverable,
        deliverable_state: step.deliverable_state,
        state: crate::domain::step_state(!step.body.trim().is_empty(), step.deliverable_state),
        body_html: crate::markdown::render_off_thread(step.body.clone()).await,
        updated_at: step.updated_at,
        updated_by: step.updated_by,
        revision: step.revision,
        may_edit: may(&actor, Action::EditStep, Resource::Policy(&code)),
    })
}

/// The editor of a step, with the text of one of the user's drafts when `draft` names one: a
/// draft based on an older revision than the current one is a conflict, shown as such.
#[server(endpoint = "editor")]
pub async fn get_editor(code: String, number: u8, draft: Option<String>, error: Option<String>) -> Result<EditorPage, AppError> {
    use crate::domain::{word_diff, Action, DraftError, Resource};
    use crate::model::Conflict;
    let actor = actor()?;
    let code = crate::domain::Policy::normalize_code(&code);
    let def = crate::domain::step(number).ok_or(AppError::NotFound)?;
    let store = store()?;
    let step = store.step_text(&code, number).await?.ok_or(AppError::NotFound)?;
    require(&actor, Action::EditStep, Resource::Policy(&code))?;
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
        preview_html: crate::markdown::render_off_thread(text.clone()).await,
        text,
        summary,
        draft: draft.map(|(id, _)| id),
        error: error.as_deref().and_then(DraftError::from_key),
        current,
        conflict,
    })
}

/// The live preview of the editor: the same renderer as the step page.
#[server(endpoint = "preview")]
pub async fn preview_markdown(code: String, text: String) -> Result<String, AppError> {
    let code = crate::domain::Policy::normalize_code(&code);
    require(&actor()?, crate::domain::Action::EditStep, crate::domain::Resource::Policy(&code))?;
    if text.len() > crate::domain::drafting::MAX_BODY_BYTES {
        return Ok(String::new());
    }
    Ok(crate::markdown::render_off_thread(text).await)
}

/// A step's revisions, newest first, and the comparison of revisions `from` → `to` when both are given.
#[server(endpoint = "history")]
pub async fn get_history(code: String, number: u8, page: usize, from: Option<u32>, to: Option<u32>) -> Result<HistoryPage, AppError> {
    use crate::model::Comparison;
    let actor = actor()?;
    let code = crate::domain::Policy::normalize_code(&code);
    let store = store()?;
    let step = store.step_text(&code, number).await?.ok_or(AppError::NotFound)?;
    require(&actor, crate::domain::Action::ReadDraft, crate::domain::Resource::Policy(&code))?;
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
) -> Result<DeliverablePage, AppError> {
    use crate::domain::review::{action_for, sent_versions, EventKind};
    use crate::domain::{may, step_state, Action, Resource};
    use crate::model::{DeliverableStep, StepComparison, VersionComparison};
    let actor = actor()?;
    let code = crate::domain::Policy::normalize_code(&code);
    let store = store()?;
    let detail = store.policy_detail(&code).await?.ok_or(AppError::NotFound)?;
    let deliverable = detail.overview.deliverables.iter().find(|d| d.number == number).ok_or(AppError::NotFound)?;
    require(&actor, Action::ReadPolicy, Resource::Policy(&code))?;
    let may_read_draft = may(&actor, Action::ReadDraft, Resource::Policy(&code));
    let kept_note = match (refused, crate::auth::current_session_digest()) {
        (true, Some(session)) => store.take_flash_named(&session, NOTE_FLASH).await?.unwrap_or_default(),
        _ => String::new(),
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
                            segments: if o.revision == n.revision { Vec::new() } else { crate::domain::word_diff(&o.content(), &n.content()) },
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
    // Only the latest standing transition can be annulled, by whoever may record its kind.
    let annullable = events
        .iter()
        .rev()
        .find(|e| e.stands() && e.kind == EventKind::Transition)
        .filter(|e| e.state_to.is_some_and(|to| may(&actor, action_for(to), Resource::Policy(&code))))
        .map(|e| vec![e.id.clone()])
        .unwrap_or_default();
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
        may_read_draft,
        events,
        next_states,
        annullable,
        today: crate::format::today(),
    })
}

/// A deliverable as one document: version `version`, or the working text.
#[server(endpoint = "document")]
pub async fn get_document(code: String, number: u8, version: Option<u32>) -> Result<DocumentPage, AppError> {
    use crate::model::DocumentStep;
    let actor = actor()?;
    let code = crate::domain::Policy::normalize_code(&code);
    let store = store()?;
    let policy = store.policy(&code).await?.ok_or(AppError::NotFound)?;
    crate::domain::steps_of(number).next().ok_or(AppError::NotFound)?;
    let sent = store.sent_versions(&code, number).await?;
    if !crate::domain::review::may_read_version(&actor, &code, version, &sent) {
        return Err(refused(AppError::Forbidden));
    }
    let steps = store.deliverable_text(&code, number, version).await?.ok_or(AppError::NotFound)?;
    let version = match version {
        Some(n) => store.versions(&code, number).await?.into_iter().find(|v| v.number == n),
        None => None,
    };
    let mut rendered = Vec::with_capacity(steps.len());
    for s in steps {
        rendered.push(DocumentStep { number: s.step, revision: s.revision, html: crate::markdown::render_off_thread(s.content()).await });
    }
    Ok(DocumentPage { policy_code: policy.code, policy_name: policy.name, deliverable: number, version, generated_at: chrono::Utc::now(), steps: rendered })
}

#[server(endpoint = "regions")]
pub async fn get_regions() -> Result<Vec<Jurisdiction>, AppError> {
    require(&actor()?, crate::domain::Action::ReadRegions, crate::domain::Resource::Site)?;
    Ok(store()?.jurisdictions().await?)
}

/// The managers' dashboard: every policy's deliverables with time in state, time with CEPLAN and
/// rounds, the timelines, and what has waited longer than `threshold` days; filtered by topic and
/// by a state some deliverable is in.
#[server(endpoint = "dashboard")]
pub async fn get_dashboard(topic: Option<String>, state: Option<String>, threshold: Option<i64>) -> Result<DashboardPage, AppError> {
    use crate::domain::dashboard::{attention, track};
    use crate::domain::{may, Action, EventKind, Resource};
    use crate::model::{AttentionItem, DashboardPolicy};
    let actor = actor()?;
    let store = store()?;
    let today = crate::format::today();
    let threshold = threshold.unwrap_or(DEFAULT_ATTENTION_DAYS).clamp(0, 3650);
    let state = state.as_deref().and_then(crate::domain::DeliverableState::from_key);
    let details = store.details().await?;
    let mut topics: Vec<String> = details.iter().map(|d| d.overview.policy.topic.clone()).collect();
    topics.sort();
    topics.dedup();
    let mut policies = Vec::new();
    let mut alerts = Vec::new();
    for crate::model::PolicyDetail { overview, events } in
        details.iter().filter(|d| may(&actor, Action::ReadPolicy, Resource::Policy(&d.overview.policy.code)))
    {
        if topic.as_ref().is_some_and(|t| !t.is_empty() && *t != overview.policy.topic) {
            continue;
        }
        if state.is_some_and(|s| !overview.deliverables.iter().any(|d| d.state == s)) {
            continue;
        }
        let tracks: Vec<_> = overview.deliverables.iter().map(|d| track(d.number, d.state, &events, today)).collect();
        for t in &tracks {
            if let Some(kind) = attention(t, threshold) {
                alerts.push(AttentionItem {
                    code: overview.policy.code.clone(),
                    name: overview.policy.name.clone(),
                    deliverable: t.number,
                    kind,
                    days: t.days_in_state.unwrap_or(0),
                });
            }
        }
        let standing: Vec<_> = events.iter().filter(|e| e.stands()).collect();
        policies.push(DashboardPolicy {
            code: overview.policy.code.clone(),
            name: overview.policy.name.clone(),
            topic: overview.policy.topic.clone(),
            tracks,
            start: standing.iter().filter(|e| e.kind == EventKind::Transition).map(|e| e.date.date).min(),
            milestone: standing.iter().filter_map(|e| e.milestone).max(),
        });
    }
    alerts.sort_by_key(|a| std::cmp::Reverse(a.days));
    Ok(DashboardPage { policies, topics, today, threshold, attention: alerts })
}

/// Days after which a deliverable with CEPLAN, or with unanswered observations, is flagged.
pub const DEFAULT_ATTENTION_DAYS: i64 = 30;

/// The progress-report text of a policy for the months `from`..=`to` ("2023-05"); by default the
/// current year up to this month.
#[server(endpoint = "report")]
pub async fn get_report(code: String, from: Option<String>, to: Option<String>) -> Result<ReportPage, AppError> {
    use chrono::Datelike;
    let actor = actor()?;
    let code = crate::domain::Policy::normalize_code(&code);
    let store = store()?;
    let detail = store.policy_detail(&code).await?.ok_or(AppError::NotFound)?;
    require(&actor, crate::domain::Action::ReadPolicy, crate::domain::Resource::Policy(&code))?;
    let today = crate::format::today();
    let from = from.filter(|f| !f.is_empty()).unwrap_or_else(|| format!("{}-01", today.year()));
    let to = to.filter(|t| !t.is_empty()).unwrap_or_else(|| today.format("%Y-%m").to_string());
    let period = crate::report::period(&from, &to);
    let policy = detail.overview.policy.clone();
    let report = period.map(|(a, b)| {
        let current: Vec<_> = detail.overview.deliverables.iter().map(|d| (d.number, d.state)).collect();
        crate::report::progress_report(&policy, &current, &detail.events, a, b)
    });
    let markdown = report.as_ref().map(|r| r.markdown(&today.format("%d/%m/%Y").to_string())).unwrap_or_default();
    Ok(ReportPage { policy_code: policy.code, policy_name: policy.name, bad_period: report.is_none(), from, to, report, markdown })
}

/// The signed-in user (the whole account: rounds invite by jurisdiction, organisation and e-mail).
#[cfg(feature = "ssr")]
fn user() -> Result<crate::model::User, AppError> {
    crate::auth::current_user().ok_or_else(|| refused(AppError::Unauthenticated))
}

/// A round as this reader sees it, with its figures when they may see them.
#[cfg(feature = "ssr")]
fn summary(user: &crate::model::User, round: crate::model::RoundInfo, contributions: &[crate::model::ContributionInfo]) -> RoundSummary {
    let figures = round
        .figures_visible_to(user)
        .then(|| (contributions.len(), contributions.iter().filter(|c| c.answer.is_none()).count()));
    RoundSummary { status: round.status(chrono::Utc::now()), figures, round: round.for_reader(user) }
}

/// The rounds this reader may read, newest first (optionally one deliverable's).
#[server(endpoint = "rounds")]
pub async fn get_rounds(code: Option<String>, deliverable: Option<u8>) -> Result<Vec<RoundSummary>, AppError> {
    use crate::domain::{may, Action, Resource};
    let user = user()?;
    let actor = user.actor();
    let store = store()?;
    let code = code.map(|c| crate::domain::Policy::normalize_code(&c));
    let rounds: Vec<_> = store
        .rounds(code.as_deref(), deliverable)
        .await?
        .into_iter()
        .filter(|r| may(&actor, Action::ReadRound, Resource::Round(r.reference(&user))))
        .collect();
    let figures = store.round_figures(&rounds.iter().map(|r| r.id.clone()).collect::<Vec<_>>()).await?;
    let now = chrono::Utc::now();
    Ok(rounds
        .into_iter()
        .map(|round| {
            let shown = round.figures_visible_to(&user).then(|| figures.get(&round.id).copied().unwrap_or_default());
            RoundSummary { status: round.status(now), figures: shown, round: round.for_reader(&user) }
        })
        .collect())
}

/// (ubigeo, name) of every jurisdiction, for naming them and for the forms.
#[cfg(feature = "ssr")]
async fn jurisdiction_names(store: &crate::store::Store) -> Result<Vec<(String, String)>, AppError> {
    Ok(store.jurisdictions().await?.into_iter().map(|j| (j.ubigeo, j.name)).collect())
}

/// Contributions ready to show: Markdown rendered and sanitized, jurisdiction named.
#[cfg(feature = "ssr")]
fn contribution_views(list: Vec<crate::model::ContributionInfo>, names: &[(String, String)]) -> Vec<crate::model::ContributionView> {
    list.into_iter()
        .map(|c| crate::model::ContributionView {
            body_html: crate::markdown::render(&c.body),
            jurisdiction_name: c.jurisdiction.as_ref().and_then(|u| names.iter().find(|n| &n.0 == u).map(|n| n.1.clone())),
            replies_to: None,
            info: c,
        })
        .collect()
}

/// A round: its frozen text block by block (each with its anchor), the contributions this reader
/// may read, and, for consultations, who was invited and who took part.
#[server(endpoint = "round")]
pub async fn get_round(id: String, pagina: Option<usize>, foco: Option<String>) -> Result<RoundPage, AppError> {
    use crate::domain::{may, Action, Resource, RoundKind};
    use crate::model::{CoverageRow, RoundStep};
    let user = user()?;
    let actor = user.actor();
    let store = store()?;
    let round = store.round(&id).await?.ok_or(AppError::NotFound)?;
    let reference = round.reference(&user);
    require(&actor, Action::ReadRound, Resource::Round(reference))?;
    let may_contribute = may(&actor, Action::Contribute, Resource::Round(reference));
    let may_manage = may(&actor, Action::ManageRounds, Resource::Round(reference));
    let may_force = may(&actor, Action::ForceCloseRound, Resource::Round(reference));
    let policy_name = store.policy(&round.policy_code).await?.map(|p| p.name).unwrap_or_default();
    // The frozen text, to those who may read that version (CEPLAN: only what was sent to it).
    let texts = match round.version {
        Some(v) if may_read_round_text(&store, &actor, &round, v).await? => {
            store.version_text(&round.policy_code, round.deliverable, v).await?.unwrap_or_default()
        }
        _ => Vec::new(),
    };
    let steps = round
        .steps
        .iter()
        .map(|n| RoundStep {
            number: *n,
            blocks: texts.iter().find(|t| t.step == *n).map(step_blocks).unwrap_or_default(),
        })
        .collect();
    let all = store.contributions_of(&round).await?;
    let answers_visible = round.answers_visible_to(&actor);
    let jurisdictions = jurisdiction_names(&store).await?;
    let readable = round.readable_refs(&user, &all);
    let mut per_anchor: Vec<(String, usize)> = Vec::new();
    for anchor in readable.iter().filter_map(|c| c.anchor.as_ref()) {
        match per_anchor.iter_mut().find(|(a, _)| a == anchor) {
            Some((_, n)) => *n += 1,
            None => per_anchor.push((anchor.clone(), 1)),
        }
    }
    let (page, pages, shown) = crate::model::thread_page(&readable, pagina, foco.as_deref(), crate::model::THREADS_PER_PAGE);
    let contributions = contribution_views(round.shown_to(&user, shown.into_iter()), &jurisdictions);
    let figures_visible = round.figures_visible_to(&user);
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
    Ok(RoundPage {
        summary: summary(&user, round, &all),
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
    })
}

/// Whether `actor`, a reader of the round, may read its text (version `v` of the deliverable):
/// every reader of a consultation or internal review; in CEPLAN's observations rounds, the
/// policy's readers of drafts, and CEPLAN only when that version was sent to it.
#[cfg(feature = "ssr")]
pub async fn may_read_round_text(
    store: &crate::store::Store,
    actor: &crate::domain::Actor,
    round: &crate::model::RoundInfo,
    v: u32,
) -> Result<bool, AppError> {
    use crate::domain::{may, Action, Resource, RoundKind};
    if round.kind != RoundKind::ObservacionesCeplan || may(actor, Action::ReadDraft, Resource::Policy(&round.policy_code)) {
        return Ok(true);
    }
    let sent = store.sent_versions(&round.policy_code, round.deliverable).await?;
    Ok(crate::domain::review::may_read_version(actor, &round.policy_code, Some(v), &sent))
}

/// Filters of the matriz de aportes: a jurisdiction (ubigeo), a step, an answer state ("sin" for unanswered).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MatrixFilter {
    pub jurisdiction: Option<String>,
    pub step: Option<u8>,
    pub answer: Option<String>,
}

impl MatrixFilter {
    pub fn keeps(&self, c: &crate::model::ContributionInfo) -> bool {
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
pub async fn get_matrix(id: String, filter: MatrixFilter) -> Result<MatrixPage, AppError> {
    let user = user()?;
    let store = store()?;
    let round = store.round(&id).await?.ok_or(AppError::NotFound)?;
    require(&user.actor(), crate::domain::Action::ReadRound, crate::domain::Resource::Round(round.reference(&user)))?;
    let all = store.contributions_of(&round).await?;
    let answers_visible = round.answers_visible_to(&user.actor());
    let jurisdictions = jurisdiction_names(&store).await?;
    let readable = round.readable(&user, &all);
    let mut rows = contribution_views(readable.iter().filter(|c| filter.keeps(c)).cloned().collect(), &jurisdictions);
    for row in &mut rows {
        row.replies_to = row.info.replies_to(&all, &readable);
    }
    Ok(MatrixPage { summary: summary(&user, round, &all), rows, answers_visible, jurisdictions })
}

/// This user's notices, newest first.
#[server(endpoint = "notifications")]
pub async fn get_notifications() -> Result<NotificationsPage, AppError> {
    let user = user()?;
    Ok(NotificationsPage { items: store()?.notifications(&user).await? })
}

/// The one-time message under which a refused version note goes back to its form.
pub const NOTE_FLASH: &str = "nota_version";

/// Rows per page of the account list.
pub const USERS_PAGE_SIZE: usize = 50;

#[server(endpoint = "admin_users")]
pub async fn get_admin_users(page: usize) -> Result<AdminUsers, AppError> {
    require(&actor()?, crate::domain::Action::ManageUsers, crate::domain::Resource::Site)?;
    let store = store()?;
    let all = store.users().await?;
    let total = all.len();
    let page = page.clamp(1, total.div_ceil(USERS_PAGE_SIZE).max(1));
    let users = all.into_iter().skip((page - 1) * USERS_PAGE_SIZE).take(USERS_PAGE_SIZE).collect();
    let jurisdictions = jurisdiction_names(&store).await?;
    let policies = store.overview().await?.into_iter().map(|p| p.policy.code).collect();
    let flash = match crate::auth::current_session_digest() {
        Some(digest) => store.take_flash(&digest).await?,
        None => Vec::new(),
    };
    Ok(AdminUsers { users, total, page, page_size: USERS_PAGE_SIZE, jurisdictions, policies, flash })
}

#[server(endpoint = "admin_audit")]
pub async fn get_admin_audit(filter: AuditFilter, page: usize) -> Result<AdminAudit, AppError> {
    require(&actor()?, crate::domain::Action::ReadAudit, crate::domain::Resource::Site)?;
    let store = store()?;
    let page = store.audit_page(&filter, page).await?;
    let users = store.users().await?.into_iter().map(|u| (u.id, u.name)).collect();
    let policies = store.overview().await?.into_iter().map(|p| p.policy.code).collect();
    Ok(AdminAudit { page, users, policies })
}

/// The structured content of a step (its tables, the forms to change it when this reader may).
#[server(endpoint = "structure")]
pub async fn get_structure(code: String, number: u8) -> Result<StructurePage, AppError> {
    use crate::domain::{may, Action, Resource};
    let actor = actor()?;
    let code = crate::domain::Policy::normalize_code(&code);
    crate::domain::step(number).ok_or(AppError::NotFound)?;
    let store = store()?;
    let policy = store.policy(&code).await?.ok_or(AppError::NotFound)?;
    require(&actor, Action::ReadDraft, Resource::Policy(&code))?;
    let (horizon, criteria) = store.structure_settings(&code).await?;
    Ok(StructurePage {
        policy_code: policy.code,
        policy_name: policy.name,
        step: number,
        items: store.items(&code).await?,
        horizon,
        criteria,
        may_edit: may(&actor, Action::EditStep, Resource::Policy(&code)),
        this_year: chrono::Datelike::year(&crate::format::today()) as u16,
    })
}

/// The matriz de consistencia, generated from the policy's items.
#[server(endpoint = "consistency")]
pub async fn get_consistency(code: String) -> Result<ConsistencyPage, AppError> {
    let actor = actor()?;
    let code = crate::domain::Policy::normalize_code(&code);
    let store = store()?;
    let policy = store.policy(&code).await?.ok_or(AppError::NotFound)?;
    require(&actor, crate::domain::Action::ReadDraft, crate::domain::Resource::Policy(&code))?;
    consistency(&store, policy).await
}

/// The matriz de consistencia of a policy (shared by the page and the XLSX download).
#[cfg(feature = "ssr")]
pub async fn consistency(store: &crate::store::Store, policy: crate::domain::Policy) -> Result<ConsistencyPage, AppError> {
    let items = store.items(&policy.code).await?;
    let problem = store
        .step_text(&policy.code, 1)
        .await?
        .map(|s| crate::markdown::render_blocks(&s.body))
        .and_then(|blocks| blocks.into_iter().find(|(html, text)| html.starts_with("<p") && !text.trim().is_empty()).map(|(_, text)| text))
        .unwrap_or_default();
    Ok(ConsistencyPage {
        policy_code: policy.code,
        policy_name: policy.name,
        problem,
        rows: crate::domain::structure::consistency_matrix(&items),
    })
}

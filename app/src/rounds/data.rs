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
    let figures = store.round_figures(&rounds.iter().map(|r| r.id.clone()).collect::<Vec<_>>()).await?;
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
            body_html: crate::markdown::render_in(&c.body, 4, &format!("aporte-{}", c.number)),
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
    })
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

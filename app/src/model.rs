//! What the pages receive from the server: plain serde types, the same on both sides.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{step_state, DeliverableState, DraftError, Policy, PolicyEvent, Role, Segment, StepState};

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub policy: Option<String>,
    pub entity: String,
    pub summary: String,
}

/// Which audit lines to show: by user (id), policy code and Lima calendar days (inclusive).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub user_id: Option<String>,
    pub policy: Option<String>,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub total: usize,
    pub page: usize,
    pub page_size: usize,
}

impl AuditPage {
    pub fn pages(&self) -> usize {
        self.total.div_ceil(self.page_size.max(1)).max(1)
    }
}

/// An account (never with its password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    pub email: String,
    pub name: String,
    pub organisation: Option<String>,
    pub jurisdiction: Option<String>,
    pub roles: Vec<Role>,
    pub policies: Vec<String>,
    pub active: bool,
}

impl User {
    /// This user as the permission rule sees them.
    pub fn actor(&self) -> crate::domain::Actor {
        crate::domain::Actor {
            user_id: self.id.clone(),
            roles: self.roles.clone(),
            policies: self.policies.clone(),
            jurisdiction: self.jurisdiction.clone(),
            organisation: self.organisation.clone(),
        }
    }
}

/// The signed-in user, as the page header shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub name: String,
    pub email: String,
    pub roles: Vec<Role>,
    /// Notices not yet read (the bell).
    pub unread: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepOverview {
    pub number: u8,
    pub has_text: bool,
    pub state: StepState,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeliverableOverview {
    pub number: u8,
    pub state: DeliverableState,
    pub steps: Vec<StepOverview>,
}

impl DeliverableOverview {
    /// Builds a deliverable's overview; each step's state derives from its text and the deliverable.
    pub fn new(number: u8, state: DeliverableState, steps_with_text: &[(u8, bool)]) -> Self {
        let steps = steps_with_text
            .iter()
            .map(|&(number, has_text)| StepOverview { number, has_text, state: step_state(has_text, state) })
            .collect();
        Self { number, state, steps }
    }

    pub fn steps_delivered(&self) -> usize {
        self.steps.iter().filter(|s| s.state == StepState::Entregado).count()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PolicyOverview {
    pub policy: Policy,
    pub deliverables: Vec<DeliverableOverview>,
    pub last_event: Option<PolicyEvent>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PolicyDetail {
    pub overview: PolicyOverview,
    /// The dated history, oldest first.
    pub events: Vec<PolicyEvent>,
}

/// The policy page: its detail and what the reader may record on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PolicyData {
    pub detail: PolicyDetail,
    /// The milestone this reader may record next (none: not allowed, not due, or all recorded).
    pub next_milestone: Option<crate::domain::Milestone>,
    /// The latest standing milestone, when this reader may annul it.
    pub annullable_milestone: Option<String>,
    pub today: chrono::NaiveDate,
    /// Whether the reader may read working texts (and so the matriz de consistencia).
    pub may_read_draft: bool,
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delivered_steps_count() {
        let d = DeliverableOverview::new(1, DeliverableState::EnLevantamiento, &[(1, true), (2, false)]);
        assert_eq!(d.steps_delivered(), 2);
        let d = DeliverableOverview::new(2, DeliverableState::EnElaboracion, &[(3, true), (4, false)]);
        assert_eq!(d.steps_delivered(), 0);
        assert_eq!(d.steps[0].state, StepState::EnElaboracion);
        assert_eq!(d.steps[1].state, StepState::NoIniciado);
    }

    fn contribution(number: u32, parent: Option<u32>) -> ContributionInfo {
        ContributionInfo {
            id: format!("c{number}"),
            number,
            parent: parent.map(|p| format!("c{p}")),
            author_id: None,
            author: "Ana".into(),
            organisation: None,
            jurisdiction: None,
            channel: crate::domain::rounds::Channel::Plataforma,
            step: 1,
            anchor: None,
            passage: None,
            body: String::new(),
            created_at: DateTime::<Utc>::default(),
            received_on: None,
            source_document: None,
            recorded_by: None,
            illustrative: false,
            answer: None,
            answered_by: None,
        }
    }

    #[test]
    fn threads_page_with_their_replies_and_follow_the_focus() {
        // Seven threads (1–7); 8 replies to 2, 9 replies to 6. Three threads per page.
        let mut all: Vec<_> = (1..=7).map(|n| contribution(n, None)).collect();
        all.push(contribution(8, Some(2)));
        all.push(contribution(9, Some(6)));
        let all: Vec<&ContributionInfo> = all.iter().collect();
        let numbers = |v: Vec<&ContributionInfo>| v.iter().map(|c| c.number).collect::<Vec<_>>();

        let (page, pages, shown) = thread_page(&all, None, None, 3);
        assert_eq!((page, pages, numbers(shown)), (1, 3, vec![1, 2, 3, 8]));
        let (page, _, shown) = thread_page(&all, Some(2), None, 3);
        assert_eq!((page, numbers(shown)), (2, vec![4, 5, 6, 9]));
        // The focus finds the page of a thread, of a reply (its thread's page), by number or id.
        assert_eq!(thread_page(&all, None, Some("7"), 3).0, 3);
        assert_eq!(thread_page(&all, None, Some("9"), 3).0, 2);
        assert_eq!(thread_page(&all, None, Some("c8"), 3).0, 1);
        assert_eq!(thread_page(&all, None, Some("99"), 3).0, 1);
        // An explicit page wins and is clamped; an empty round has one empty page.
        assert_eq!(thread_page(&all, Some(40), Some("1"), 3).0, 3);
        assert_eq!(thread_page(&all, Some(0), None, 3).0, 1);
        assert_eq!(thread_page(&[], None, None, 3), (1, 1, Vec::<&ContributionInfo>::new()));
    }
}

/// What the account administration page needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminUsers {
    pub users: Vec<User>,
    pub total: usize,
    pub page: usize,
    pub page_size: usize,
    /// (ubigeo, name) of every jurisdiction, for the forms.
    pub jurisdictions: Vec<(String, String)>,
    /// Codes of every policy, for the forms.
    pub policies: Vec<String>,
    /// One-time messages for this session (a temporary password, shown once).
    pub flash: Vec<(String, Option<String>)>,
}

/// The audit page: a page of entries and the accounts to filter by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminAudit {
    pub page: AuditPage,
    /// (id, name) of every account.
    pub users: Vec<(String, String)>,
    pub policies: Vec<String>,
}

/// One saved state of a step's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RevisionInfo {
    pub number: u32,
    pub author: String,
    pub at: DateTime<Utc>,
    pub summary: Option<String>,
    /// Length of the text in characters.
    pub size: usize,
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

/// A frozen version of a deliverable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionInfo {
    pub number: u32,
    pub note: String,
    pub author: String,
    pub at: DateTime<Utc>,
    /// The revision frozen for each step (none: the step had no text).
    pub revisions: Vec<(u8, Option<u32>)>,
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
    /// Whether the reader sees the working text (else only the versions sent to CEPLAN).
    pub may_read_draft: bool,
    /// The deliverable's events, oldest first (annulled ones included, marked).
    pub events: Vec<PolicyEvent>,
    /// The states this reader may record next, in the method's order.
    pub next_states: Vec<DeliverableState>,
    /// Ids of the events this reader may annul.
    pub annullable: Vec<String>,
    pub today: chrono::NaiveDate,
}

/// One policy on the managers' dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DashboardPolicy {
    pub code: String,
    pub name: String,
    pub topic: String,
    pub tracks: Vec<crate::domain::dashboard::DeliverableTrack>,
    /// Where the timeline starts: the first dated event.
    pub start: Option<chrono::NaiveDate>,
    pub milestone: Option<crate::domain::Milestone>,
}

/// A deliverable that needs a manager's attention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttentionItem {
    pub code: String,
    pub name: String,
    pub deliverable: u8,
    pub kind: crate::domain::dashboard::AttentionKind,
    pub days: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DashboardPage {
    pub policies: Vec<DashboardPolicy>,
    /// Every topic, for the filter.
    pub topics: Vec<String>,
    pub today: chrono::NaiveDate,
    pub threshold: i64,
    pub attention: Vec<AttentionItem>,
}

/// The progress-report page: the text for the chosen period, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportPage {
    pub policy_code: String,
    pub policy_name: String,
    pub from: String,
    pub to: String,
    pub report: Option<crate::report::ProgressReport>,
    pub markdown: String,
    /// The period could not be read (bad month, or the end before the start).
    pub bad_period: bool,
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
}

/// A round as lists and pages show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundInfo {
    pub id: String,
    pub policy_code: String,
    pub deliverable: u8,
    /// The frozen version put to the round (none: a round held before Pasos).
    pub version: Option<u32>,
    pub kind: crate::domain::RoundKind,
    pub title: String,
    pub steps: Vec<u8>,
    pub opens: DateTime<Utc>,
    pub closes: DateTime<Utc>,
    /// Ubigeos of the invited jurisdictions.
    pub jurisdictions: Vec<String>,
    pub organisations: Vec<String>,
    /// E-mail addresses of invited accounts.
    pub users: Vec<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub systematized: bool,
    pub forced_reason: Option<String>,
    pub published: bool,
    pub created_by: String,
    /// Seeded as an example, not a real record.
    pub illustrative: bool,
    /// Counts every write to the round's contributions (see `Store::contributions_of`).
    #[serde(default)]
    pub changes: i64,
    /// How many invited accounts `users` held before [`RoundInfo::for_reader`] hid them.
    #[serde(default)]
    pub hidden_accounts: usize,
}

impl RoundInfo {
    /// The round as this reader may see it: the invited accounts' e-mail addresses only for the
    /// team that manages it (everyone else learns how many accounts were invited).
    pub fn for_reader(mut self, user: &User) -> RoundInfo {
        use crate::domain::{may, Action, Resource};
        if !may(&user.actor(), Action::ManageRounds, Resource::Round(self.reference(user))) {
            self.hidden_accounts = self.users.len();
            self.users = Vec::new();
        }
        self
    }

    /// Whether this reader sees the round's figures (contributions in all, per region, without
    /// answer): whoever may read the contributions of others — the team, managers, CEPLAN in its
    /// rounds — and every reader once the answers are published.
    pub fn figures_visible_to(&self, user: &User) -> bool {
        use crate::domain::{may, Action, Resource};
        may(&user.actor(), Action::ReadContribution, Resource::Contribution { round: self.reference(user), jurisdiction: None, author_id: "" })
    }

    pub fn status(&self, now: DateTime<Utc>) -> crate::domain::rounds::RoundStatus {
        crate::domain::rounds::round_status(self.opens, self.closes, self.closed_at, self.systematized, now)
    }

    /// The round as the permission rule sees it, for this reader at this moment.
    pub fn reference(&self, user: &User) -> crate::domain::RoundRef<'_> {
        crate::domain::RoundRef {
            policy: &self.policy_code,
            kind: self.kind,
            invites_actor: self.invites(user),
            open: self.status(Utc::now()) == crate::domain::rounds::RoundStatus::Abierta,
            answers_published: self.published,
        }
    }

    /// Whether this reader sees the team's answers: the team, directivos and administrators always,
    /// everyone else once the answers are published.
    pub fn answers_visible_to(&self, actor: &crate::domain::Actor) -> bool {
        use crate::domain::{may, Action, Resource, Role};
        self.published
            || actor.has(Role::Directivo)
            || actor.has(Role::Admin)
            || may(actor, Action::ManageRounds, Resource::Policy(&self.policy_code))
    }

    /// The contributions this reader may read, with the answers hidden where they may not see them.
    pub fn readable(&self, user: &User, all: &[ContributionInfo]) -> Vec<ContributionInfo> {
        self.shown_to(user, self.readable_refs(user, all).into_iter())
    }

    /// Which contributions this reader may read, without copying them (a round may hold
    /// thousands; a page shows fifty).
    pub fn readable_refs<'a>(&self, user: &User, all: &'a [ContributionInfo]) -> Vec<&'a ContributionInfo> {
        use crate::domain::{may, Action, Resource};
        let actor = user.actor();
        let reference = self.reference(user);
        all.iter()
            .filter(|c| {
                may(&actor, Action::ReadContribution, Resource::Contribution {
                    round: reference,
                    jurisdiction: c.jurisdiction.as_deref(),
                    author_id: c.author_id.as_deref().unwrap_or(""),
                })
            })
            .collect()
    }

    /// Copies of readable contributions as this reader sees them: answers hidden until published.
    pub fn shown_to<'a>(&self, user: &User, list: impl Iterator<Item = &'a ContributionInfo>) -> Vec<ContributionInfo> {
        let answers_visible = self.answers_visible_to(&user.actor());
        list.cloned()
            .map(|mut c| {
                if !answers_visible {
                    c.answer = None;
                    c.answered_by = None;
                }
                c
            })
            .collect()
    }

    /// Whether the actor is among those invited (by jurisdiction, organisation or account).
    pub fn invites(&self, user: &User) -> bool {
        user.jurisdiction.as_ref().is_some_and(|j| self.jurisdictions.contains(j))
            || user.organisation.as_ref().is_some_and(|o| self.organisations.iter().any(|x| x.eq_ignore_ascii_case(o)))
            || self.users.iter().any(|u| u.eq_ignore_ascii_case(&user.email))
    }
}

/// A contribution with, where the reader may see it, its answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContributionInfo {
    pub id: String,
    /// N° within the round.
    pub number: u32,
    /// The contribution this one replies to.
    pub parent: Option<String>,
    pub author_id: Option<String>,
    pub author: String,
    pub organisation: Option<String>,
    pub jurisdiction: Option<String>,
    pub channel: crate::domain::rounds::Channel,
    pub step: u8,
    pub anchor: Option<String>,
    pub passage: Option<String>,
    /// The text as written (Markdown).
    pub body: String,
    pub created_at: DateTime<Utc>,
    /// For contributions from outside the platform: when they arrived and the document that brought them.
    pub received_on: Option<DateTime<Utc>>,
    pub source_document: Option<String>,
    pub recorded_by: Option<String>,
    pub illustrative: bool,
    pub answer: Option<crate::domain::rounds::Answer>,
    pub answered_by: Option<String>,
}

/// Threads (a contribution and its replies) shown per page of a round.
pub const THREADS_PER_PAGE: usize = 50;

/// One page of a round's threads, in the order given, with each thread's replies: `page` when
/// given (clamped), else the page holding `focus` (a contribution's number or id, e.g. the one just
/// sent or answered), else the first. Returns (page, pages, the page's contributions).
pub fn thread_page<'a>(all: &[&'a ContributionInfo], page: Option<usize>, focus: Option<&str>, size: usize) -> (usize, usize, Vec<&'a ContributionInfo>) {
    let threads: Vec<&ContributionInfo> = all.iter().copied().filter(|c| c.parent.is_none()).collect();
    let pages = threads.len().div_ceil(size.max(1)).max(1);
    let focused = || {
        let hit = all.iter().find(|c| focus.is_some_and(|f| c.id == f || c.number.to_string() == f))?;
        let root = hit.parent.as_deref().unwrap_or(&hit.id);
        threads.iter().position(|t| t.id == root).map(|i| i / size.max(1) + 1)
    };
    let page = page.map(|p| p.clamp(1, pages)).or_else(focused).unwrap_or(1);
    let shown: Vec<&str> = threads.iter().skip((page - 1) * size).take(size).map(|t| t.id.as_str()).collect();
    let selected = all.iter().copied().filter(|c| shown.contains(&c.parent.as_deref().unwrap_or(&c.id))).collect();
    (page, pages, selected)
}

/// A round in a list, with its figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundSummary {
    pub round: RoundInfo,
    pub status: crate::domain::rounds::RoundStatus,
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

impl ContributionInfo {
    /// What this contribution replies to, as the matriz names it: the number and the words of the
    /// contribution answered, the words only when it is among those this reader may read.
    pub fn replies_to(&self, all: &[ContributionInfo], readable: &[ContributionInfo]) -> Option<String> {
        let parent = self.parent.as_ref()?;
        let number = all.iter().find(|c| &c.id == parent)?.number;
        let text = readable.iter().find(|c| &c.id == parent).map(|c| c.body.as_str());
        Some(crate::i18n::t().replies_to(number, text))
    }
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
    pub items: Vec<crate::domain::rounds::Notice>,
}

/// The structured content of one step: every standing item of the policy (other steps' items are
/// what links point to), the policy's horizon and scoring criteria, and whether this reader edits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StructurePage {
    pub policy_code: String,
    pub policy_name: String,
    pub step: u8,
    pub items: Vec<crate::domain::structure::Item>,
    pub horizon: u16,
    pub criteria: Vec<String>,
    pub may_edit: bool,
    pub this_year: u16,
}

/// The matriz de consistencia of a policy, generated from its items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsistencyPage {
    pub policy_code: String,
    pub policy_name: String,
    /// The public problem, as the first paragraph of Paso 1 states it.
    pub problem: String,
    pub rows: Vec<crate::domain::structure::MatrixRow>,
}

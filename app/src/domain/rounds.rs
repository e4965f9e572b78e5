//! Comment rounds and consultations: who is invited to which frozen text and for how long, the
//! contributions they make, and the team's answer to every one.
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use super::account::User;
use super::{may, Action, Resource, RoundKind, RoundRef};

impl RoundKind {
    pub const ALL: [RoundKind; 4] =
        [RoundKind::RevisionInterna, RoundKind::ObservacionesCeplan, RoundKind::ConsultaRegional, RoundKind::ConsultaActores];

    pub fn key(self) -> &'static str {
        match self {
            RoundKind::RevisionInterna => "revision_interna",
            RoundKind::ObservacionesCeplan => "observaciones_ceplan",
            RoundKind::ConsultaRegional => "consulta_regional",
            RoundKind::ConsultaActores => "consulta_actores",
        }
    }

    pub fn from_key(key: &str) -> Option<RoundKind> {
        RoundKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// How a contribution reached the team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Channel {
    Plataforma,
    Taller,
    Correo,
    Oficio,
}

impl Channel {
    pub const ALL: [Channel; 4] = [Channel::Plataforma, Channel::Taller, Channel::Correo, Channel::Oficio];
    pub fn key(self) -> &'static str {
        match self {
            Channel::Plataforma => "plataforma",
            Channel::Taller => "taller",
            Channel::Correo => "correo",
            Channel::Oficio => "oficio",
        }
    }
    pub fn from_key(key: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// The team's answer to a contribution: in a consultation or a comment round, whether it was
/// taken up (*acogido*); to one of CEPLAN's observations, whether it was lifted (*levantada*), as
/// the *matriz de levantamiento de observaciones* the team returns with the re-entry says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnswerState {
    Acogido,
    AcogidoParcialmente,
    NoAcogido,
    NoCorresponde,
    Levantada,
    LevantadaParcialmente,
    /// *No levantada – se sustenta*: the text stays, and the justification says why.
    NoLevantada,
}

impl AnswerState {
    pub const ALL: [AnswerState; 7] = [
        AnswerState::Acogido,
        AnswerState::AcogidoParcialmente,
        AnswerState::NoAcogido,
        AnswerState::NoCorresponde,
        AnswerState::Levantada,
        AnswerState::LevantadaParcialmente,
        AnswerState::NoLevantada,
    ];
    /// The answers to a contribution in a consultation or a comment round.
    pub const CONSULTATION: [AnswerState; 4] =
        [AnswerState::Acogido, AnswerState::AcogidoParcialmente, AnswerState::NoAcogido, AnswerState::NoCorresponde];
    /// The answers to one of CEPLAN's observations.
    pub const OBSERVATION: [AnswerState; 3] = [AnswerState::Levantada, AnswerState::LevantadaParcialmente, AnswerState::NoLevantada];

    pub fn key(self) -> &'static str {
        match self {
            AnswerState::Acogido => "acogido",
            AnswerState::AcogidoParcialmente => "acogido_parcialmente",
            AnswerState::NoAcogido => "no_acogido",
            AnswerState::NoCorresponde => "no_corresponde",
            AnswerState::Levantada => "levantada",
            AnswerState::LevantadaParcialmente => "levantada_parcialmente",
            AnswerState::NoLevantada => "no_levantada",
        }
    }
    pub fn from_key(key: &str) -> Option<AnswerState> {
        AnswerState::ALL.into_iter().find(|a| a.key() == key)
    }
    /// The answers a round of this kind gives.
    pub fn for_round(kind: RoundKind) -> &'static [AnswerState] {
        match kind {
            RoundKind::ObservacionesCeplan => &AnswerState::OBSERVATION,
            _ => &AnswerState::CONSULTATION,
        }
    }
    /// Whether it counts as accepted (or an observation as lifted) in the figures, in full or in part.
    pub fn accepted(self) -> bool {
        matches!(self, AnswerState::Acogido | AnswerState::AcogidoParcialmente | AnswerState::Levantada | AnswerState::LevantadaParcialmente)
    }
    /// Whether the text changed for it, so the answer says where.
    pub fn changes_the_text(self) -> bool {
        matches!(self, AnswerState::Levantada | AnswerState::LevantadaParcialmente)
    }
    /// Whether it needs its justification (all but a plain *acogido* or *levantada*).
    pub fn needs_justification(self) -> bool {
        !matches!(self, AnswerState::Acogido | AnswerState::Levantada)
    }
}

/// A notice for a user in the app (and by e-mail, as they chose: `domain::mail`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub kind: String,
    pub message: String,
    pub link: String,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

/// Where a round stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoundStatus {
    /// Not open yet.
    Programada,
    Abierta,
    /// No more contributions; answers may still be missing.
    Cerrada,
    /// Every contribution answered (or a directivo forced it): the round is done.
    Sistematizada,
}

impl RoundStatus {
    pub fn key(self) -> &'static str {
        match self {
            RoundStatus::Programada => "programada",
            RoundStatus::Abierta => "abierta",
            RoundStatus::Cerrada => "cerrada",
            RoundStatus::Sistematizada => "sistematizada",
        }
    }
}

pub fn round_status(
    opens: DateTime<Utc>,
    closes: DateTime<Utc>,
    closed_at: Option<DateTime<Utc>>,
    systematized: bool,
    now: DateTime<Utc>,
) -> RoundStatus {
    if systematized {
        RoundStatus::Sistematizada
    } else if closed_at.is_some_and(|c| c <= now) || now >= closes {
        RoundStatus::Cerrada
    } else if now < opens {
        RoundStatus::Programada
    } else {
        RoundStatus::Abierta
    }
}

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_CONTRIBUTION_CHARS: usize = 10_000;
pub const MAX_JUSTIFICATION_CHARS: usize = 4_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoundError {
    MissingTitle,
    TitleTooLong,
    BadVersion,
    NoSteps,
    BadWindow,
    ClosesBeforeOpens,
    ClosesInPast,
    NoInvitees,
    UnknownJurisdiction,
    EmptyContribution,
    ContributionTooLong,
    BadStep,
    BadChannel,
    BadDate,
    MissingSource,
    BadAnswer,
    MissingJustification,
    JustificationTooLong,
    Unanswered,
    MissingReason,
    NotOpen,
    AlreadySystematized,
    /// Lists or quotes nested past `text::MAX_NESTING`.
    TooDeep,
    /// More than `text::MAX_ELEMENTS` elements.
    TooManyElements,
    /// Opens before `event::EARLIEST_DATE` or closes more than `event::LATEST_CLOSE_YEARS` ahead.
    ImplausibleWindow,
    /// An observations round for CEPLAN on a version never sent to CEPLAN.
    VersionNotSent,
    /// A reply to a contribution that is not in the round, or not one this reader may read.
    BadReply,
    /// Closing or systematizing a round is not undone: the form's confirmation was not ticked.
    NotConfirmed,
    /// A round still open is systematized only by a directivo, with a reason.
    StillOpen,
    /// An observation lifted (in full or in part) says where the text changed: a revision or a place.
    MissingChange,
    /// The place of the change is longer than [`MAX_PLACE_CHARS`].
    PlaceTooLong,
    /// The revision chosen is not one of the deliverable's steps' revisions.
    BadRevision,
}

impl RoundError {
    pub const ALL: [RoundError; 32] = [
        RoundError::MissingTitle,
        RoundError::TitleTooLong,
        RoundError::BadVersion,
        RoundError::NoSteps,
        RoundError::BadWindow,
        RoundError::ClosesBeforeOpens,
        RoundError::ClosesInPast,
        RoundError::NoInvitees,
        RoundError::UnknownJurisdiction,
        RoundError::EmptyContribution,
        RoundError::ContributionTooLong,
        RoundError::BadStep,
        RoundError::BadChannel,
        RoundError::BadDate,
        RoundError::MissingSource,
        RoundError::BadAnswer,
        RoundError::MissingJustification,
        RoundError::JustificationTooLong,
        RoundError::Unanswered,
        RoundError::MissingReason,
        RoundError::NotOpen,
        RoundError::AlreadySystematized,
        RoundError::TooDeep,
        RoundError::TooManyElements,
        RoundError::ImplausibleWindow,
        RoundError::VersionNotSent,
        RoundError::BadReply,
        RoundError::NotConfirmed,
        RoundError::StillOpen,
        RoundError::MissingChange,
        RoundError::PlaceTooLong,
        RoundError::BadRevision,
    ];

    pub fn key(self) -> &'static str {
        match self {
            RoundError::MissingTitle => "titulo",
            RoundError::TitleTooLong => "titulo_largo",
            RoundError::BadVersion => "version",
            RoundError::NoSteps => "pasos",
            RoundError::BadWindow => "plazo",
            RoundError::ClosesBeforeOpens => "cierre_antes",
            RoundError::ClosesInPast => "cierre_pasado",
            RoundError::NoInvitees => "invitados",
            RoundError::UnknownJurisdiction => "region",
            RoundError::EmptyContribution => "aporte_vacio",
            RoundError::ContributionTooLong => "aporte_largo",
            RoundError::BadStep => "paso",
            RoundError::BadChannel => "canal",
            RoundError::BadDate => "fecha",
            RoundError::MissingSource => "fuente",
            RoundError::BadAnswer => "respuesta",
            RoundError::MissingJustification => "justificacion",
            RoundError::JustificationTooLong => "justificacion_larga",
            RoundError::Unanswered => "sin_respuesta",
            RoundError::MissingReason => "motivo",
            RoundError::NotOpen => "no_abierta",
            RoundError::AlreadySystematized => "sistematizada",
            RoundError::TooDeep => "anidado",
            RoundError::TooManyElements => "elementos",
            RoundError::ImplausibleWindow => "plazo_improbable",
            RoundError::VersionNotSent => "version_no_remitida",
            RoundError::BadReply => "respuesta_a",
            RoundError::NotConfirmed => "sin_confirmar",
            RoundError::StillOpen => "abierta",
            RoundError::MissingChange => "cambio",
            RoundError::PlaceTooLong => "ubicacion_larga",
            RoundError::BadRevision => "revision",
        }
    }

    pub fn from_key(key: &str) -> Option<RoundError> {
        RoundError::ALL.into_iter().find(|e| e.key() == key)
    }
}

/// A moment typed in a `datetime-local` field ("2026-11-27T09:00"), read as Lima time.
pub fn lima_moment(s: &str) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%dT%H:%M").ok()?;
    let lima = super::time::lima();
    naive.and_local_timezone(lima).single().map(|t| t.with_timezone(&Utc))
}

/// The round form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundForm {
    pub kind: String,
    pub title: String,
    pub version: String,
    pub steps: Vec<String>,
    pub opens: String,
    pub closes: String,
    pub jurisdictions: Vec<String>,
    /// Organisations, one per line or separated by commas.
    pub organisations: String,
    /// E-mail addresses of invited accounts, separated by commas, spaces or lines.
    pub users: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewRound {
    pub kind: RoundKind,
    pub title: String,
    pub version: u32,
    pub steps: Vec<u8>,
    pub opens: DateTime<Utc>,
    pub closes: DateTime<Utc>,
    pub jurisdictions: Vec<String>,
    pub organisations: Vec<String>,
    pub users: Vec<String>,
}

/// A round to create: a title, an existing version of the deliverable, some of its steps, a window
/// that closes after it opens and in the future, and someone invited when the kind invites.
pub fn check_round(
    form: &RoundForm,
    versions: &[u32],
    sent_to_ceplan: &[u32],
    deliverable_steps: &[u8],
    known_jurisdictions: &[String],
    now: DateTime<Utc>,
) -> Result<NewRound, RoundError> {
    let kind = RoundKind::from_key(&form.kind).ok_or(RoundError::NoInvitees)?;
    let title = form.title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        return Err(RoundError::MissingTitle);
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(RoundError::TitleTooLong);
    }
    let version: u32 = form.version.parse().ok().filter(|v| versions.contains(v)).ok_or(RoundError::BadVersion)?;
    // CEPLAN reads only what the ministry sent it, by a recorded sending.
    if kind == RoundKind::ObservacionesCeplan && !sent_to_ceplan.contains(&version) {
        return Err(RoundError::VersionNotSent);
    }
    let mut steps: Vec<u8> = form.steps.iter().filter_map(|s| s.parse().ok()).filter(|s| deliverable_steps.contains(s)).collect();
    steps.sort();
    steps.dedup();
    if steps.is_empty() {
        return Err(RoundError::NoSteps);
    }
    let (Some(opens), Some(closes)) = (lima_moment(&form.opens), lima_moment(&form.closes)) else {
        return Err(RoundError::BadWindow);
    };
    if closes <= opens {
        return Err(RoundError::ClosesBeforeOpens);
    }
    if closes <= now {
        return Err(RoundError::ClosesInPast);
    }
    let earliest = super::event::EARLIEST_DATE.and_hms_opt(0, 0, 0).map(|d| d.and_utc());
    if earliest.is_some_and(|e| opens < e) || closes > now + chrono::Duration::days(365 * super::event::LATEST_CLOSE_YEARS) {
        return Err(RoundError::ImplausibleWindow);
    }
    let list = |s: &str| -> Vec<String> {
        let mut v: Vec<String> =
            s.split([',', '\n', ';']).map(|x| x.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|x| !x.is_empty()).collect();
        v.dedup();
        v
    };
    let organisations = list(&form.organisations);
    let users: Vec<String> = form.users.split([',', '\n', ';', ' ']).map(|u| u.trim().to_lowercase()).filter(|u| !u.is_empty()).collect();
    let mut jurisdictions = form.jurisdictions.clone();
    jurisdictions.sort();
    jurisdictions.dedup();
    if jurisdictions.iter().any(|j| !known_jurisdictions.contains(j)) {
        return Err(RoundError::UnknownJurisdiction);
    }
    let invited = match kind {
        RoundKind::ConsultaRegional => !jurisdictions.is_empty(),
        RoundKind::ConsultaActores => !organisations.is_empty() || !users.is_empty(),
        RoundKind::RevisionInterna | RoundKind::ObservacionesCeplan => true,
    };
    if !invited {
        return Err(RoundError::NoInvitees);
    }
    Ok(NewRound { kind, title, version, steps, opens, closes, jurisdictions, organisations, users })
}

/// A contribution's text: not blank, at most `MAX_CONTRIBUTION_CHARS`.
pub fn check_contribution(body: &str) -> Result<String, RoundError> {
    let body = body.trim().replace("\r\n", "\n");
    if body.is_empty() {
        Err(RoundError::EmptyContribution)
    } else if body.chars().count() > MAX_CONTRIBUTION_CHARS {
        Err(RoundError::ContributionTooLong)
    } else {
        super::text::check_markdown(&body).map_err(|c| match c {
            super::text::Complexity::TooDeep => RoundError::TooDeep,
            super::text::Complexity::TooManyElements => RoundError::TooManyElements,
        })?;
        Ok(body)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub state: AnswerState,
    pub justification: Option<String>,
    /// The revision that incorporated it, of step [`Answer::changed_step`] (or, when none is
    /// recorded, of the contribution's own step).
    pub revision: Option<u32>,
    #[serde(default)]
    pub changed_step: Option<u8>,
    /// Where in the document the text changed, as the team says it ("Paso 3, párrafo 4").
    #[serde(default)]
    pub place: Option<String>,
}

impl Answer {
    /// The step and revision that incorporated it, for a contribution on `step`.
    pub fn change(&self, step: u8) -> Option<(u8, u32)> {
        self.revision.map(|r| (self.changed_step.unwrap_or(step), r))
    }
}

pub const MAX_PLACE_CHARS: usize = 300;

/// The value of a revision in the answer's list: `"3-12"` is step 3's revision 12.
pub fn revision_choice(step: u8, revision: u32) -> String {
    format!("{step}-{revision}")
}

/// An answer as typed: the state (`state` key), its justification, the revision that made the
/// change (`"3-12"` as [`revision_choice`] writes it, or a bare number for the contribution's own
/// `step`), and the place of the change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnswerInput<'a> {
    pub state: &'a str,
    pub justification: &'a str,
    pub revision: &'a str,
    pub place: &'a str,
}

/// An answer to a contribution on `step` in a round of `kind`: a state the kind gives
/// ([`AnswerState::for_round`]), a justification unless plainly accepted or lifted, and, for an
/// observation lifted, where the text changed (a revision of one of `steps`, or a place). The
/// handler checks that the revision exists.
pub fn check_answer(kind: RoundKind, step: u8, steps: &[u8], input: AnswerInput<'_>) -> Result<Answer, RoundError> {
    let state = AnswerState::from_key(input.state).filter(|s| AnswerState::for_round(kind).contains(s)).ok_or(RoundError::BadAnswer)?;
    let justification = input.justification.trim().replace("\r\n", "\n");
    if justification.is_empty() && state.needs_justification() {
        return Err(RoundError::MissingJustification);
    }
    if justification.chars().count() > MAX_JUSTIFICATION_CHARS {
        return Err(RoundError::JustificationTooLong);
    }
    let place = input.place.split_whitespace().collect::<Vec<_>>().join(" ");
    if place.chars().count() > MAX_PLACE_CHARS {
        return Err(RoundError::PlaceTooLong);
    }
    let (changed_step, revision) = match input.revision.trim() {
        "" => (None, None),
        r => {
            let (s, n) = r.split_once('-').map_or((Some(step), r), |(s, n)| (s.parse().ok(), n));
            let n = n.parse::<u32>().ok().filter(|n| *n > 0).ok_or(RoundError::BadRevision)?;
            (Some(s.filter(|s| steps.contains(s)).ok_or(RoundError::BadRevision)?), Some(n))
        }
    };
    if state.changes_the_text() && revision.is_none() && place.is_empty() {
        return Err(RoundError::MissingChange);
    }
    Ok(Answer {
        state,
        justification: (!justification.is_empty()).then_some(justification),
        revision,
        changed_step: changed_step.filter(|s| *s != step),
        place: (!place.is_empty()).then_some(place),
    })
}

/// Closing a round as *Sistematizada*: every contribution answered, or a directivo's recorded reason.
pub fn check_systematize(unanswered: usize, forced_reason: Option<&str>) -> Result<Option<String>, RoundError> {
    match forced_reason.map(str::trim) {
        Some("") => Err(RoundError::MissingReason),
        Some(reason) => Ok(Some(reason.to_string())),
        None if unanswered > 0 => Err(RoundError::Unanswered),
        None => Ok(None),
    }
}

/// A round as lists and pages show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundInfo {
    pub id: String,
    pub policy_code: String,
    pub deliverable: u8,
    /// The frozen version put to the round (none: a round held before Pasos).
    pub version: Option<u32>,
    pub kind: RoundKind,
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
    pub fn for_reader(mut self, user: &User, now: DateTime<Utc>) -> RoundInfo {
        if !may(&user.actor(), Action::ManageRounds, Resource::Round(self.reference(user, now))) {
            self.hidden_accounts = self.users.len();
            self.users = Vec::new();
        }
        self
    }

    /// Whether this reader sees the round's figures (contributions in all, per region, without
    /// answer): whoever may read the contributions of others — the team, managers, CEPLAN in its
    /// rounds — and every reader once the answers are published.
    pub fn figures_visible_to(&self, user: &User, now: DateTime<Utc>) -> bool {
        let others = Resource::Contribution { round: self.reference(user, now), jurisdiction: None, author_id: "" };
        may(&user.actor(), Action::ReadContribution, others)
    }

    pub fn status(&self, now: DateTime<Utc>) -> RoundStatus {
        round_status(self.opens, self.closes, self.closed_at, self.systematized, now)
    }

    /// The round as the permission rule sees it, for this reader at `now`.
    pub fn reference(&self, user: &User, now: DateTime<Utc>) -> RoundRef<'_> {
        RoundRef {
            policy: &self.policy_code,
            kind: self.kind,
            invites_actor: self.invites(user),
            open: self.status(now) == RoundStatus::Abierta,
            answers_published: self.published,
        }
    }

    /// Whether this reader sees the team's answers ([`Action::ReadAnswers`]).
    pub fn answers_visible_to(&self, user: &User, now: DateTime<Utc>) -> bool {
        may(&user.actor(), Action::ReadAnswers, Resource::Round(self.reference(user, now)))
    }

    /// The contributions this reader may read, with the answers hidden where they may not see them.
    pub fn readable(&self, user: &User, all: &[ContributionInfo], now: DateTime<Utc>) -> Vec<ContributionInfo> {
        let readable = self.readable_refs(user, all, now);
        self.shown_to(user, &readable, readable.iter().copied(), now)
    }

    /// Which contributions this reader may read, without copying them (a round may hold
    /// thousands; a page shows fifty).
    pub fn readable_refs<'a>(&self, user: &User, all: &'a [ContributionInfo], now: DateTime<Utc>) -> Vec<&'a ContributionInfo> {
        let actor = user.actor();
        let reference = self.reference(user, now);
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

    /// Copies of some of the `readable` contributions (`list`) as this reader sees them: answers
    /// hidden until published; and, while the figures of others are hidden from this reader
    /// ([`RoundInfo::figures_visible_to`]), each numbered by its place among the contributions
    /// they may read, since the round's N° would tell how many others wrote before it.
    pub fn shown_to<'a>(
        &self,
        user: &User,
        readable: &[&ContributionInfo],
        list: impl Iterator<Item = &'a ContributionInfo>,
        now: DateTime<Utc>,
    ) -> Vec<ContributionInfo> {
        let answers_visible = self.answers_visible_to(user, now);
        let renumber = !self.figures_visible_to(user, now);
        list.cloned()
            .map(|mut c| {
                if !answers_visible {
                    c.answer = None;
                    c.answered_by = None;
                }
                if renumber {
                    c.number = local_number(readable, &c.id).unwrap_or(0);
                }
                c
            })
            .collect()
    }

    /// The contribution a reader names by `number` (as [`RoundInfo::shown_to`] numbers them for
    /// this reader) among the `readable` ones: its id.
    pub fn named_by<'a>(&self, user: &User, readable: &[&'a ContributionInfo], number: u32, now: DateTime<Utc>) -> Option<&'a str> {
        let found = if self.figures_visible_to(user, now) {
            readable.iter().find(|c| c.number == number)
        } else {
            readable.get((number as usize).checked_sub(1)?)
        };
        found.map(|c| c.id.as_str())
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
    pub channel: Channel,
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
    pub answer: Option<Answer>,
    pub answered_by: Option<String>,
    /// The workshop it was received in, if recorded against one.
    #[serde(default)]
    pub workshop: Option<String>,
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


impl ContributionInfo {
    /// What this contribution replies to, as the matriz names it (`Catalog::replies_to`): the
    /// number of the contribution answered and its words, the words only when it is among those
    /// this reader may read.
    pub fn replies_to<'a>(&self, all: &[ContributionInfo], readable: &'a [ContributionInfo]) -> Option<(u32, Option<&'a str>)> {
        let parent = self.parent.as_ref()?;
        let number = all.iter().find(|c| &c.id == parent)?.number;
        Some((number, readable.iter().find(|c| &c.id == parent).map(|c| c.body.as_str())))
    }
}


/// The place (from 1) of contribution `id` among `readable`, in the round's order.
fn local_number(readable: &[&ContributionInfo], id: &str) -> Option<u32> {
    readable.iter().position(|c| c.id == id).map(|i| i as u32 + 1)
}

/// A contribution to store: who, where in the text, what, and by which channel.
#[derive(Debug, Clone, PartialEq)]
pub struct NewContribution {
    pub parent: Option<String>,
    pub author: super::account::Author,
    pub author_name: String,
    pub organisation: Option<String>,
    pub jurisdiction: Option<String>,
    pub channel: Channel,
    pub step: u8,
    pub anchor: Option<String>,
    pub passage: Option<String>,
    pub body: String,
    pub received_on: Option<DateTime<Utc>>,
    pub source_document: Option<String>,
    /// The team member who transcribed a contribution from outside the platform.
    pub recorded_by: Option<String>,
    pub illustrative: bool,
    /// The workshop it was received in (channel *taller*), if recorded against one.
    pub workshop: Option<String>,
}

#[cfg(test)]
pub(crate) mod tests {
    /// A contribution by Ana on the platform, on Paso 1, with nothing else said.
    pub(crate) fn contribution(number: u32, parent: Option<u32>) -> ContributionInfo {
        ContributionInfo {
            id: format!("c{number}"),
            number,
            parent: parent.map(|p| format!("c{p}")),
            author_id: None,
            author: "Ana".into(),
            organisation: None,
            jurisdiction: None,
            channel: Channel::Plataforma,
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
            workshop: None,
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

    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 15, 0, 0).unwrap()
    }

    fn form() -> RoundForm {
        RoundForm {
            kind: "consulta_regional".into(),
            title: " Consulta   sobre pasos 3 y 4 ".into(),
            version: "1".into(),
            steps: vec!["3".into(), "4".into(), "4".into()],
            opens: "2026-11-27T09:00".into(),
            closes: "2026-12-11T18:00".into(),
            jurisdictions: vec!["08".into(), "16".into()],
            organisations: String::new(),
            users: String::new(),
        }
    }

    fn check(f: &RoundForm) -> Result<NewRound, RoundError> {
        check_round(f, &[1, 2], &[2], &[3, 4], &["08".into(), "16".into()], now())
    }

    #[test]
    fn a_valid_round_is_normalised() {
        let r = check(&form()).unwrap();
        assert_eq!(r.title, "Consulta sobre pasos 3 y 4");
        assert_eq!(r.steps, vec![3, 4]);
        assert_eq!(r.opens, Utc.with_ymd_and_hms(2026, 11, 27, 14, 0, 0).unwrap(), "09:00 in Lima is 14:00 UTC");
    }

    #[test]
    fn bad_rounds_are_refused() {
        let with = |f: fn(&mut RoundForm)| {
            let mut x = form();
            f(&mut x);
            check(&x)
        };
        assert_eq!(with(|f| f.title = " ".into()), Err(RoundError::MissingTitle));
        assert_eq!(with(|f| f.version = "3".into()), Err(RoundError::BadVersion));
        assert_eq!(with(|f| { f.kind = "observaciones_ceplan".into(); f.version = "1".into() }), Err(RoundError::VersionNotSent));
        assert!(with(|f| { f.kind = "observaciones_ceplan".into(); f.version = "2".into() }).is_ok(), "a version sent to CEPLAN");
        assert_eq!(with(|f| f.opens = "0001-01-01T08:00".into()), Err(RoundError::ImplausibleWindow));
        assert_eq!(with(|f| f.closes = "9999-12-31T08:00".into()), Err(RoundError::ImplausibleWindow));
        assert_eq!(with(|f| f.steps = vec!["5".into()]), Err(RoundError::NoSteps));
        assert_eq!(with(|f| f.closes = "mañana".into()), Err(RoundError::BadWindow));
        assert_eq!(with(|f| f.closes = "2026-11-27T08:00".into()), Err(RoundError::ClosesBeforeOpens));
        assert_eq!(with(|f| { f.opens = "2026-11-01T08:00".into(); f.closes = "2026-11-20T08:00".into() }), Err(RoundError::ClosesInPast));
        assert_eq!(with(|f| f.jurisdictions.clear()), Err(RoundError::NoInvitees));
        assert_eq!(with(|f| f.jurisdictions = vec!["99".into()]), Err(RoundError::UnknownJurisdiction));
        assert_eq!(with(|f| { f.kind = "consulta_actores".into(); f.jurisdictions.clear() }), Err(RoundError::NoInvitees));
        let actors = with(|f| { f.kind = "consulta_actores".into(); f.users = "Ana@Cpeti.pe, luis@x.pe".into() }).unwrap();
        assert_eq!(actors.users, vec!["ana@cpeti.pe", "luis@x.pe"]);
        assert!(with(|f| { f.kind = "revision_interna".into(); f.jurisdictions.clear() }).is_ok());
    }

    #[test]
    fn the_status_follows_the_window_and_the_team() {
        let opens = Utc.with_ymd_and_hms(2026, 11, 27, 14, 0, 0).unwrap();
        let closes = Utc.with_ymd_and_hms(2026, 12, 11, 23, 0, 0).unwrap();
        let at = |h| Utc.with_ymd_and_hms(2026, 11, 27, h, 0, 0).unwrap();
        assert_eq!(round_status(opens, closes, None, false, at(13)), RoundStatus::Programada);
        assert_eq!(round_status(opens, closes, None, false, at(15)), RoundStatus::Abierta);
        assert_eq!(round_status(opens, closes, Some(at(15)), false, at(16)), RoundStatus::Cerrada);
        assert_eq!(round_status(opens, closes, None, false, closes), RoundStatus::Cerrada);
        assert_eq!(round_status(opens, closes, Some(at(15)), true, at(16)), RoundStatus::Sistematizada);
    }

    fn answer(kind: RoundKind, state: &str, justification: &str, revision: &str, place: &str) -> Result<Answer, RoundError> {
        check_answer(kind, 3, &[3, 4], AnswerInput { state, justification, revision, place })
    }

    #[test]
    fn answers_need_a_justification_unless_accepted() {
        let consulta = |s, j, r| answer(RoundKind::ConsultaRegional, s, j, r, "");
        assert_eq!(consulta("acogido", "", "").unwrap().justification, None);
        assert_eq!(consulta("no_acogido", "  ", ""), Err(RoundError::MissingJustification));
        assert_eq!(consulta("acogido_parcialmente", "", ""), Err(RoundError::MissingJustification));
        assert_eq!(consulta("no_corresponde", "", ""), Err(RoundError::MissingJustification));
        assert_eq!(consulta("quizas", "x", ""), Err(RoundError::BadAnswer));
        assert_eq!(consulta("no_acogido", "Fuera del alcance", "x"), Err(RoundError::BadRevision));
        let a = consulta("acogido_parcialmente", " Se incorporó la cifra ", "3").unwrap();
        assert_eq!((a.justification.as_deref(), a.change(3)), (Some("Se incorporó la cifra"), Some((3, 3))));
        // A revision chosen from another step of the deliverable keeps its step.
        let a = consulta("acogido", "", "4-12").unwrap();
        assert_eq!((a.changed_step, a.change(3)), (Some(4), Some((4, 12))));
        assert_eq!(consulta("acogido", "", "3-12").unwrap().changed_step, None, "the contribution's own step is not repeated");
        assert_eq!(consulta("acogido", "", "5-12"), Err(RoundError::BadRevision), "a step outside the deliverable");
        assert_eq!(consulta("acogido", "", "3-0"), Err(RoundError::BadRevision));
        // A consultation's contribution is not "levantada", nor an observation "acogida".
        assert_eq!(consulta("levantada", "", "3-1"), Err(RoundError::BadAnswer));
        assert_eq!(answer(RoundKind::ObservacionesCeplan, "acogido", "", "", ""), Err(RoundError::BadAnswer));
    }

    /// CEPLAN's observations are answered as the matriz de levantamiento says: lifted (with where
    /// the text changed), lifted in part (with both), or not lifted with the team's reasons.
    #[test]
    fn observations_are_lifted_where_the_text_changed_or_sustained() {
        let obs = |s, j, r, p| answer(RoundKind::ObservacionesCeplan, s, j, r, p);
        assert_eq!(obs("levantada", "", "", ""), Err(RoundError::MissingChange));
        assert_eq!(obs("levantada", "", "", "  "), Err(RoundError::MissingChange));
        let lifted = obs("levantada", "", "", " Paso 3,   párrafo 4 ").unwrap();
        assert_eq!((lifted.place.as_deref(), lifted.justification), (Some("Paso 3, párrafo 4"), None));
        assert_eq!(obs("levantada", "", "4-7", "").unwrap().change(3), Some((4, 7)));
        assert_eq!(obs("levantada_parcialmente", "", "4-7", ""), Err(RoundError::MissingJustification));
        assert_eq!(obs("levantada_parcialmente", "Se precisó la fuente; la serie no existe.", "", ""), Err(RoundError::MissingChange));
        assert!(obs("levantada_parcialmente", "Se precisó la fuente; la serie no existe.", "4-7", "").is_ok());
        assert_eq!(obs("no_levantada", "", "", ""), Err(RoundError::MissingJustification));
        let kept = obs("no_levantada", "1. La ENAHO no mide el trabajo forzoso.\r\n2. Se usará la ETI.", "", "").unwrap();
        assert_eq!(kept.justification.as_deref(), Some("1. La ENAHO no mide el trabajo forzoso.\n2. Se usará la ETI."), "line breaks kept");
        assert_eq!(obs("no_levantada", "x", "", &"p".repeat(MAX_PLACE_CHARS + 1)), Err(RoundError::PlaceTooLong));
        for s in AnswerState::OBSERVATION {
            assert!(!AnswerState::CONSULTATION.contains(&s));
            assert_eq!(AnswerState::from_key(s.key()), Some(s));
        }
    }

    #[test]
    fn a_round_is_systematized_only_when_all_is_answered_or_forced() {
        assert_eq!(check_systematize(2, None), Err(RoundError::Unanswered));
        assert_eq!(check_systematize(0, None), Ok(None));
        assert_eq!(check_systematize(2, Some(" ")), Err(RoundError::MissingReason));
        assert_eq!(check_systematize(2, Some("Plazo del CEPLAN")), Ok(Some("Plazo del CEPLAN".into())));
    }

    #[test]
    fn contributions_and_keys() {
        assert_eq!(check_contribution(" \n"), Err(RoundError::EmptyContribution));
        assert_eq!(check_contribution(&"a".repeat(MAX_CONTRIBUTION_CHARS + 1)), Err(RoundError::ContributionTooLong));
        for e in RoundError::ALL {
            assert_eq!(RoundError::from_key(e.key()), Some(e));
        }
        for k in RoundKind::ALL {
            assert_eq!(RoundKind::from_key(k.key()), Some(k));
        }
        assert_eq!(lima_moment("2026-11-27T09:30").unwrap().to_rfc3339(), "2026-11-27T14:30:00+00:00");
    }
}

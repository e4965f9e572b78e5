//! Recording the formal review: a deliverable's transitions (internal review, CEPLAN's
//! observations and conformity) and the policy's milestones after the fifth deliverable, with the
//! rules that make the record trustworthy.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Action, DeliverableState};
use super::event::{CeplanAnswer, Milestone};

/// The permission a transition into `to` needs: CEPLAN's own decisions are a separate right.
pub fn action_for(to: DeliverableState) -> Action {
    match to {
        DeliverableState::ObservadoCeplan | DeliverableState::Conforme => Action::RecordCeplanDecision,
        _ => Action::RecordTransition,
    }
}

/// Transitions that are official acts between institutions and so need their document number.
pub fn needs_document(to: DeliverableState) -> bool {
    use DeliverableState::*;
    matches!(to, RemitidoCeplan | ReingresadoCeplan | ObservadoCeplan | Conforme)
}

/// Transitions that hand a text to CEPLAN: they must name the exact version sent.
pub fn sends_to_ceplan(to: DeliverableState) -> bool {
    matches!(to, DeliverableState::RemitidoCeplan | DeliverableState::ReingresadoCeplan)
}

pub const MAX_DOCUMENT_CHARS: usize = 200;
pub const MAX_REVIEW_NOTE_CHARS: usize = 2_000;
pub const MAX_LINK_CHARS: usize = 500;
pub const MAX_REASON_CHARS: usize = 1_000;

/// Which version goes to CEPLAN with a sending transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VersionChoice {
    /// Freeze the current text as a new version and send that.
    FreezeNow,
    Existing(u32),
}

/// What the user typed to record a transition or a milestone.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RecordForm {
    pub date: String,
    pub document: String,
    pub note: String,
    pub link: String,
    /// The key of the kind of CEPLAN's answer ([`CeplanAnswer::key`]); empty when none is given.
    pub answer: String,
}

/// A checked record: the date parsed, text trimmed, empty fields gone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub date: NaiveDate,
    pub document: Option<String>,
    pub note: String,
    pub link: Option<String>,
    /// The kind of CEPLAN's answer, for CEPLAN's decisions (see [`answer_for`]).
    pub answer: Option<CeplanAnswer>,
    /// A milestone left out (the note gives the reason).
    pub skipped: bool,
}

/// What the rules know about a deliverable when a transition is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliverableFacts {
    pub number: u8,
    pub state: DeliverableState,
    /// The state of deliverable `number − 1` (none for the first).
    pub previous_deliverable: Option<DeliverableState>,
    /// The date of the deliverable's latest event that stands (not annulled).
    pub last_event: Option<NaiveDate>,
    /// Its frozen versions.
    pub versions: Vec<u32>,
    /// The policy is approved (a standing approval milestone): its deliverables are not reopened.
    pub policy_approved: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReviewError {
    NotAllowed,
    /// Deliverable n+1 goes to CEPLAN only once deliverable n is *Conforme*.
    PreviousNotConforme,
    BadDate,
    FutureDate,
    /// Before [`super::event::EARLIEST_DATE`].
    TooEarly,
    BeforePrevious,
    MissingDocument,
    DocumentTooLong,
    NoteTooLong,
    BadLink,
    MissingVersion,
    UnknownVersion,
    /// "Freeze the current text" with no text in any step.
    NothingToFreeze,
    /// The next milestone is another one (or the deliverables are not all *Conforme*).
    MilestoneOutOfOrder,
    DeliverablesNotConforme,
    MissingReason,
    ReasonTooLong,
    /// Only the latest standing event of a deliverable (or the latest milestone) can be annulled.
    NotLatest,
    /// A kind of CEPLAN answer that does not exist or does not fit the decision recorded.
    BadAnswer,
    /// Reopening a *Conforme* deliverable, or leaving out a milestone, needs the reason in the note.
    MissingJustification,
    /// Only some milestones may be left out (prepublication, the co-responsible sectors' conformity).
    NotSkippable,
    /// An approved policy's deliverables are not reopened.
    PolicyApproved,
    /// A chosen report status needs its commentary, within [`super::report::MAX_COMMENTARY_CHARS`].
    MissingCommentary,
    CommentaryTooLong,
}

impl ReviewError {
    pub const ALL: [ReviewError; 24] = [
        ReviewError::NotAllowed,
        ReviewError::PreviousNotConforme,
        ReviewError::BadDate,
        ReviewError::FutureDate,
        ReviewError::TooEarly,
        ReviewError::BeforePrevious,
        ReviewError::MissingDocument,
        ReviewError::DocumentTooLong,
        ReviewError::NoteTooLong,
        ReviewError::BadLink,
        ReviewError::MissingVersion,
        ReviewError::UnknownVersion,
        ReviewError::NothingToFreeze,
        ReviewError::MilestoneOutOfOrder,
        ReviewError::DeliverablesNotConforme,
        ReviewError::MissingReason,
        ReviewError::ReasonTooLong,
        ReviewError::NotLatest,
        ReviewError::BadAnswer,
        ReviewError::MissingJustification,
        ReviewError::NotSkippable,
        ReviewError::PolicyApproved,
        ReviewError::MissingCommentary,
        ReviewError::CommentaryTooLong,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ReviewError::NotAllowed => "no_permitida",
            ReviewError::PreviousNotConforme => "anterior_no_conforme",
            ReviewError::BadDate => "fecha",
            ReviewError::FutureDate => "fecha_futura",
            ReviewError::TooEarly => "fecha_antigua",
            ReviewError::BeforePrevious => "fecha_anterior",
            ReviewError::MissingDocument => "documento",
            ReviewError::DocumentTooLong => "documento_largo",
            ReviewError::NoteTooLong => "nota_larga",
            ReviewError::BadLink => "enlace",
            ReviewError::MissingVersion => "version",
            ReviewError::UnknownVersion => "version_desconocida",
            ReviewError::NothingToFreeze => "sin_texto",
            ReviewError::MilestoneOutOfOrder => "hito_fuera_de_orden",
            ReviewError::DeliverablesNotConforme => "entregables_pendientes",
            ReviewError::MissingReason => "motivo",
            ReviewError::ReasonTooLong => "motivo_largo",
            ReviewError::NotLatest => "no_es_el_ultimo",
            ReviewError::BadAnswer => "respuesta",
            ReviewError::MissingJustification => "motivo_requerido",
            ReviewError::NotSkippable => "no_omitible",
            ReviewError::PolicyApproved => "politica_aprobada",
            ReviewError::MissingCommentary => "comentario",
            ReviewError::CommentaryTooLong => "comentario_largo",
        }
    }

    pub fn from_key(key: &str) -> Option<ReviewError> {
        ReviewError::ALL.into_iter().find(|e| e.key() == key)
    }
}

/// The common checks of a record: an ISO date that is not in the future nor before the previous
/// standing event, a document reference when one is due, bounded texts, a web link.
pub fn check_record(
    form: &RecordForm,
    today: NaiveDate,
    previous: Option<NaiveDate>,
    document_due: bool,
) -> Result<Record, ReviewError> {
    let date = NaiveDate::parse_from_str(form.date.trim(), "%Y-%m-%d").map_err(|_| ReviewError::BadDate)?;
    if date > today {
        return Err(ReviewError::FutureDate);
    }
    if date < super::event::EARLIEST_DATE {
        return Err(ReviewError::TooEarly);
    }
    if previous.is_some_and(|p| date < p) {
        return Err(ReviewError::BeforePrevious);
    }
    let document = form.document.split_whitespace().collect::<Vec<_>>().join(" ");
    if document.is_empty() && document_due {
        return Err(ReviewError::MissingDocument);
    }
    if document.chars().count() > MAX_DOCUMENT_CHARS {
        return Err(ReviewError::DocumentTooLong);
    }
    let note = form.note.trim().replace("\r\n", "\n");
    if note.chars().count() > MAX_REVIEW_NOTE_CHARS {
        return Err(ReviewError::NoteTooLong);
    }
    let link = form.link.trim();
    let web = ["http://", "https://"].iter().any(|s| link.to_ascii_lowercase().starts_with(s));
    if !link.is_empty() && (!web || link.len() > MAX_LINK_CHARS || link.contains(char::is_whitespace)) {
        return Err(ReviewError::BadLink);
    }
    let answer = match form.answer.trim() {
        "" => None,
        key => Some(CeplanAnswer::from_key(key).ok_or(ReviewError::BadAnswer)?),
    };
    Ok(Record {
        date,
        document: (!document.is_empty()).then_some(document),
        note,
        link: (!link.is_empty()).then(|| link.to_string()),
        answer,
        skipped: false,
    })
}

/// The kind of answer a CEPLAN decision records: observations may be *comentarios y
/// recomendaciones* or *observaciones* (the default; any other kind is refused), a conformity is
/// always a *conformidad*; other transitions record none (the form offers the choice beside every
/// state, so what it sends for them is not an answer).
pub fn answer_for(to: DeliverableState, given: Option<CeplanAnswer>) -> Result<Option<CeplanAnswer>, ReviewError> {
    use CeplanAnswer::*;
    match (to, given) {
        (DeliverableState::ObservadoCeplan, None) => Ok(Some(Observaciones)),
        (DeliverableState::ObservadoCeplan, Some(a @ (Observaciones | ComentariosRecomendaciones))) => Ok(Some(a)),
        (DeliverableState::ObservadoCeplan, Some(_)) => Err(ReviewError::BadAnswer),
        (DeliverableState::Conforme, _) => Ok(Some(Conformidad)),
        _ => Ok(None),
    }
}

/// A transition that may be recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedTransition {
    pub from: DeliverableState,
    pub to: DeliverableState,
    pub record: Record,
    /// The version sent to CEPLAN, for a sending transition.
    pub version: Option<VersionChoice>,
}

/// The rules of DOMAIN.md: allowed transitions only; sending to CEPLAN names a version (or freezes
/// one) and needs the previous deliverable *Conforme*; official acts carry their document.
pub fn check_transition(
    facts: &DeliverableFacts,
    to: DeliverableState,
    form: &RecordForm,
    version: Option<VersionChoice>,
    today: NaiveDate,
) -> Result<CheckedTransition, ReviewError> {
    if !facts.state.may_become(to) {
        return Err(ReviewError::NotAllowed);
    }
    if sends_to_ceplan(to) && facts.previous_deliverable.is_some_and(|p| p != DeliverableState::Conforme) {
        return Err(ReviewError::PreviousNotConforme);
    }
    let mut record = check_record(form, today, facts.last_event, needs_document(to))?;
    if facts.state.reopens(to) && facts.policy_approved {
        return Err(ReviewError::PolicyApproved);
    }
    if facts.state.reopens(to) && record.note.is_empty() {
        return Err(ReviewError::MissingJustification);
    }
    record.answer = answer_for(to, record.answer)?;
    let version = if sends_to_ceplan(to) {
        match version {
            None => return Err(ReviewError::MissingVersion),
            Some(VersionChoice::Existing(n)) if !facts.versions.contains(&n) => return Err(ReviewError::UnknownVersion),
            Some(v) => Some(v),
        }
    } else {
        None
    };
    Ok(CheckedTransition { from: facts.state, to, record, version })
}

/// A milestone that may be recorded: the next in order, once every deliverable is *Conforme*;
/// the approval names its Decreto Supremo. `skipped`: the milestone does not apply and is left
/// out, which only some may be ([`Milestone::skippable`]) and always with the reason in the note.
pub fn check_milestone(
    deliverables: &[DeliverableState],
    last: Option<Milestone>,
    milestone: Milestone,
    skipped: bool,
    form: &RecordForm,
    previous: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Record, ReviewError> {
    if deliverables.len() != 5 || deliverables.iter().any(|s| *s != DeliverableState::Conforme) {
        return Err(ReviewError::DeliverablesNotConforme);
    }
    if Milestone::next_after(last) != Some(milestone) {
        return Err(ReviewError::MilestoneOutOfOrder);
    }
    if skipped && !milestone.skippable() {
        return Err(ReviewError::NotSkippable);
    }
    let document_due = !skipped && matches!(milestone, Milestone::Aprobacion | Milestone::OpinionTecnica);
    let mut record = check_record(form, today, previous, document_due)?;
    if skipped && record.note.is_empty() {
        return Err(ReviewError::MissingJustification);
    }
    record.skipped = skipped;
    record.answer = match (milestone, record.answer) {
        (Milestone::OpinionTecnica, None | Some(CeplanAnswer::OpinionTecnicaFavorable)) => Some(CeplanAnswer::OpinionTecnicaFavorable),
        (_, None) => None,
        _ => return Err(ReviewError::BadAnswer),
    };
    Ok(record)
}

/// A validation of a deliverable by the policy's multisectoral commission or working group: a
/// started deliverable, and the common checks of a record (the act's number is welcome, not due).
pub fn check_validation(facts: &DeliverableFacts, form: &RecordForm, today: NaiveDate) -> Result<Record, ReviewError> {
    if facts.state == DeliverableState::NoIniciado {
        return Err(ReviewError::NotAllowed);
    }
    // An act may arrive late: it is dated as signed, whatever was recorded since.
    let mut record = check_record(form, today, None, false)?;
    record.answer = None;
    Ok(record)
}

/// The reason for annulling an event: mandatory, bounded.
pub fn check_reason(reason: &str) -> Result<String, ReviewError> {
    let reason = reason.trim().replace("\r\n", "\n");
    if reason.is_empty() {
        Err(ReviewError::MissingReason)
    } else if reason.chars().count() > MAX_REASON_CHARS {
        Err(ReviewError::ReasonTooLong)
    } else {
        Ok(reason)
    }
}

/// The versions of deliverable `n` that were sent to CEPLAN (standing sending transitions).
pub fn sent_versions(events: &[super::PolicyEvent], n: u8) -> Vec<u32> {
    events
        .iter()
        .filter(|e| e.stands() && e.deliverable == Some(n) && e.state_to.is_some_and(sends_to_ceplan))
        .filter_map(|e| e.version)
        .collect()
}

/// Whether `actor` may read version `version` of a policy's deliverable (`None`: the working
/// text), given the versions sent to CEPLAN: the permission rule's [`Action::ReadVersion`].
pub fn may_read_version(actor: &super::Actor, policy: &str, version: Option<u32>, sent: &[u32]) -> bool {
    let sent_to_ceplan = version.is_some_and(|v| sent.contains(&v));
    super::may(actor, Action::ReadVersion, super::Resource::Version { policy, version, sent_to_ceplan })
}

#[cfg(test)]
mod tests {
    use super::DeliverableState::*;
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 3, 15).unwrap()
    }

    fn form(date: &str, document: &str) -> RecordForm {
        RecordForm { date: date.into(), document: document.into(), note: "nota".into(), ..RecordForm::default() }
    }

    fn facts(state: DeliverableState) -> DeliverableFacts {
        DeliverableFacts { number: 1, state, previous_deliverable: None, last_event: None, versions: vec![1, 2], policy_approved: false }
    }

    /// Every pair of states: allowed exactly when the state machine says so, and then recorded.
    #[test]
    fn every_allowed_and_forbidden_transition() {
        let mut allowed = 0;
        for from in DeliverableState::ALL {
            for to in DeliverableState::ALL {
                let version = sends_to_ceplan(to).then_some(VersionChoice::Existing(1));
                let result = check_transition(&facts(from), to, &form("2024-01-10", "Oficio N° 1"), version, today());
                let expected = matches!(
                    (from, to),
                    (NoIniciado, EnElaboracion)
                        | (EnElaboracion, EnRevisionInterna)
                        | (EnRevisionInterna, RemitidoCeplan)
                        | (EnRevisionInterna, EnElaboracion)
                        | (RemitidoCeplan, ObservadoCeplan)
                        | (RemitidoCeplan, Conforme)
                        | (ObservadoCeplan, EnLevantamiento)
                        | (EnLevantamiento, ReingresadoCeplan)
                        | (EnLevantamiento, EnRevisionInterna)
                        | (ReingresadoCeplan, ObservadoCeplan)
                        | (ReingresadoCeplan, Conforme)
                        | (Conforme, EnElaboracion)
                );
                assert_eq!(result.is_ok(), expected, "{from:?} -> {to:?}: {result:?}");
                if !expected {
                    assert_eq!(result, Err(ReviewError::NotAllowed));
                }
                allowed += usize::from(expected);
            }
        }
        assert_eq!(allowed, 12);
    }

    #[test]
    fn a_deliverable_goes_to_ceplan_only_after_the_previous_one_is_conforme() {
        let mut f = facts(EnRevisionInterna);
        f.number = 2;
        let send = |f: &DeliverableFacts| {
            check_transition(f, RemitidoCeplan, &form("2024-01-10", "Oficio"), Some(VersionChoice::FreezeNow), today())
        };
        for previous in DeliverableState::ALL.into_iter().filter(|s| *s != Conforme) {
            f.previous_deliverable = Some(previous);
            assert_eq!(send(&f), Err(ReviewError::PreviousNotConforme), "{previous:?}");
            // Drafting in parallel, and sending back to drafting, are fine.
            assert!(check_transition(&f, EnElaboracion, &form("2024-01-10", ""), None, today()).is_ok());
        }
        f.previous_deliverable = Some(Conforme);
        assert!(send(&f).is_ok());
        // Re-entering after observations follows the same rule.
        let mut g = facts(EnLevantamiento);
        g.number = 3;
        g.previous_deliverable = Some(ObservadoCeplan);
        let resend = check_transition(&g, ReingresadoCeplan, &form("2024-01-10", "Oficio"), Some(VersionChoice::FreezeNow), today());
        assert_eq!(resend, Err(ReviewError::PreviousNotConforme));
    }

    #[test]
    fn sending_names_a_version_that_exists() {
        let f = facts(EnRevisionInterna);
        let send = |v| check_transition(&f, RemitidoCeplan, &form("2024-01-10", "Oficio N° 5"), v, today());
        assert_eq!(send(None), Err(ReviewError::MissingVersion));
        assert_eq!(send(Some(VersionChoice::Existing(7))), Err(ReviewError::UnknownVersion));
        assert_eq!(send(Some(VersionChoice::Existing(2))).unwrap().version, Some(VersionChoice::Existing(2)));
        assert_eq!(send(Some(VersionChoice::FreezeNow)).unwrap().version, Some(VersionChoice::FreezeNow));
        // A transition that sends nothing carries no version even if one is offered.
        let back = check_transition(&f, EnElaboracion, &form("2024-01-10", ""), Some(VersionChoice::FreezeNow), today());
        assert_eq!(back.unwrap().version, None);
    }

    #[test]
    fn dates_documents_and_links_are_checked() {
        let mut f = facts(RemitidoCeplan);
        f.last_event = NaiveDate::from_ymd_opt(2023, 6, 1);
        let observe = |form: &RecordForm| check_transition(&f, ObservadoCeplan, form, None, today());
        assert_eq!(observe(&form("15/07/2023", "Informe")), Err(ReviewError::BadDate));
        assert_eq!(observe(&form("2024-03-16", "Informe")), Err(ReviewError::FutureDate));
        assert_eq!(observe(&form("0001-01-01", "Informe")), Err(ReviewError::TooEarly), "739,949 days with CEPLAN");
        assert_eq!(observe(&form("1989-12-31", "Informe")), Err(ReviewError::TooEarly));
        assert_eq!(observe(&form("2023-05-31", "Informe")), Err(ReviewError::BeforePrevious));
        assert_eq!(observe(&form("2023-07-15", "  ")), Err(ReviewError::MissingDocument));
        assert_eq!(observe(&form("2023-07-15", &"x".repeat(201))), Err(ReviewError::DocumentTooLong));
        let mut long = form("2023-07-15", "Informe");
        long.note = "n".repeat(2001);
        assert_eq!(observe(&long), Err(ReviewError::NoteTooLong));
        for bad in ["javascript:alert(1)", "ftp://x", "https://a b", "www.gob.pe"] {
            let mut linked = form("2023-07-15", "Informe");
            linked.link = bad.into();
            assert_eq!(observe(&linked), Err(ReviewError::BadLink), "{bad}");
        }
        let mut ok = form("2024-03-15", "  Informe   N° 12-2023  ");
        ok.link = " https://www.gob.pe/x ".into();
        let t = observe(&ok).unwrap();
        assert_eq!(t.record.document.as_deref(), Some("Informe N° 12-2023"));
        assert_eq!(t.record.link.as_deref(), Some("https://www.gob.pe/x"));
        // Internal steps need no document.
        assert!(check_transition(&facts(EnElaboracion), EnRevisionInterna, &form("2024-01-01", ""), None, today()).is_ok());
    }

    #[test]
    fn ceplan_decisions_need_their_own_right() {
        for to in DeliverableState::ALL {
            let expected = if matches!(to, ObservadoCeplan | Conforme) { Action::RecordCeplanDecision } else { Action::RecordTransition };
            assert_eq!(action_for(to), expected);
        }
    }

    #[test]
    fn milestones_come_in_order_after_five_conforme_deliverables() {
        let all = [Conforme; 5];
        let f = form("2024-01-10", "Decreto Supremo N° 001-2024-TR");
        let check = |states: &[DeliverableState], last, m| check_milestone(states, last, m, false, &f, None, today());
        assert_eq!(check(&[Conforme, Conforme, Conforme, Conforme, EnElaboracion], None, Milestone::OpinionTecnica), Err(ReviewError::DeliverablesNotConforme));
        assert!(check(&all, None, Milestone::OpinionTecnica).is_ok());
        assert_eq!(check(&all, None, Milestone::Aprobacion), Err(ReviewError::MilestoneOutOfOrder));
        assert!(check(&all, Some(Milestone::ConsejoMinistros), Milestone::Aprobacion).is_ok());
        assert_eq!(check(&all, Some(Milestone::Prepublicacion), Milestone::Aprobacion), Err(ReviewError::MilestoneOutOfOrder), "the sectors and the Consejo de Ministros come first");
        assert_eq!(check(&all, Some(Milestone::Implementacion), Milestone::Implementacion), Err(ReviewError::MilestoneOutOfOrder));
        let no_decree = check_milestone(&all, Some(Milestone::ConsejoMinistros), Milestone::Aprobacion, false, &form("2024-01-10", ""), None, today());
        assert_eq!(no_decree, Err(ReviewError::MissingDocument));
        assert_eq!(Milestone::next_after(Some(Milestone::Implementacion)), None);
    }

    #[test]
    fn ceplan_reads_only_what_was_sent_to_it() {
        let ceplan = super::super::Actor {
            user_id: "c".into(),
            roles: vec![super::super::Role::Ceplan],
            policies: vec![],
            jurisdiction: None,
            organisation: None,
        };
        assert!(may_read_version(&ceplan, "PNX", Some(2), &[2]));
        assert!(!may_read_version(&ceplan, "PNX", Some(1), &[2]), "an unsent version");
        assert!(!may_read_version(&ceplan, "PNX", None, &[2]), "the working text");
        let participant = super::super::Actor { roles: vec![super::super::Role::Participante], ..ceplan };
        assert!(!may_read_version(&participant, "PNX", Some(2), &[2]));
    }

    #[test]
    fn reasons_and_keys() {
        assert_eq!(check_reason("  "), Err(ReviewError::MissingReason));
        assert_eq!(check_reason(&"r".repeat(1001)), Err(ReviewError::ReasonTooLong));
        assert_eq!(check_reason(" Fecha equivocada "), Ok("Fecha equivocada".into()));
        for e in ReviewError::ALL {
            assert_eq!(ReviewError::from_key(e.key()), Some(e));
        }
        for m in Milestone::ALL {
            assert_eq!(Milestone::from_key(m.key()), Some(m));
        }
    }

    #[test]
    fn ceplan_answers_have_a_kind_that_fits_the_decision() {
        let observe = |answer: &str| {
            let mut f = form("2024-01-10", "Informe N° 3-2024-CEPLAN");
            f.answer = answer.into();
            check_transition(&facts(RemitidoCeplan), ObservadoCeplan, &f, None, today()).map(|t| t.record.answer)
        };
        assert_eq!(observe(""), Ok(Some(CeplanAnswer::Observaciones)));
        assert_eq!(observe("comentarios_recomendaciones"), Ok(Some(CeplanAnswer::ComentariosRecomendaciones)));
        assert_eq!(observe("conformidad"), Err(ReviewError::BadAnswer));
        assert_eq!(observe("otra"), Err(ReviewError::BadAnswer));
        let conform = check_transition(&facts(RemitidoCeplan), Conforme, &form("2024-01-10", "Oficio"), None, today());
        assert_eq!(conform.map(|t| t.record.answer), Ok(Some(CeplanAnswer::Conformidad)));
        let internal = check_transition(&facts(EnElaboracion), EnRevisionInterna, &form("2024-01-10", ""), None, today());
        assert_eq!(internal.map(|t| t.record.answer), Ok(None));
        // The form sends its choice with every state: a conformity stays a conformity.
        let mut with_choice = form("2024-01-10", "Oficio");
        with_choice.answer = "observaciones".into();
        let conform = check_transition(&facts(RemitidoCeplan), Conforme, &with_choice, None, today());
        assert_eq!(conform.map(|t| t.record.answer), Ok(Some(CeplanAnswer::Conformidad)));
        for a in CeplanAnswer::ALL {
            assert_eq!(CeplanAnswer::from_key(a.key()), Some(a));
        }
    }

    /// Some milestones may be left out, each with its reason; the others may not.
    #[test]
    fn only_some_milestones_are_skipped_and_always_with_a_reason() {
        let all = [Conforme; 5];
        let skip = |last, m, note: &str| {
            let f = RecordForm { note: note.into(), ..form("2024-01-10", "") };
            check_milestone(&all, last, m, true, &f, None, today())
        };
        let why = "No se prepublicó: el proyecto se consultó en la consulta pública previa.";
        assert!(skip(Some(Milestone::OpinionTecnica), Milestone::Prepublicacion, why).is_ok());
        assert_eq!(skip(Some(Milestone::OpinionTecnica), Milestone::Prepublicacion, "  "), Err(ReviewError::MissingJustification));
        assert!(skip(Some(Milestone::Prepublicacion), Milestone::ConformidadSectores, "Política de un solo sector.").is_ok());
        assert_eq!(skip(Some(Milestone::ConformidadSectores), Milestone::ConsejoMinistros, why), Err(ReviewError::NotSkippable));
        assert_eq!(skip(None, Milestone::OpinionTecnica, why), Err(ReviewError::NotSkippable));
        let order: Vec<Milestone> = std::iter::successors(Milestone::next_after(None), |m| Milestone::next_after(Some(*m))).collect();
        assert_eq!(order, Milestone::ALL.to_vec());
    }

    #[test]
    fn reopening_a_conforme_deliverable_needs_its_reason() {
        let reopen = |note: &str| {
            let f = RecordForm { note: note.into(), ..form("2024-01-10", "") };
            check_transition(&facts(Conforme), EnElaboracion, &f, None, today())
        };
        assert_eq!(reopen(""), Err(ReviewError::MissingJustification));
        assert!(reopen("La nueva Guía de Políticas Nacionales del CEPLAN obliga a reformular el paso 2.").is_ok());
        let approved = DeliverableFacts { policy_approved: true, ..facts(Conforme) };
        let f = RecordForm { note: "motivo".into(), ..form("2024-01-10", "") };
        assert_eq!(check_transition(&approved, EnElaboracion, &f, None, today()), Err(ReviewError::PolicyApproved));
    }

    #[test]
    fn a_commission_validates_a_started_deliverable() {
        assert_eq!(check_validation(&facts(NoIniciado), &form("2024-01-10", ""), today()), Err(ReviewError::NotAllowed));
        let v = check_validation(&facts(EnRevisionInterna), &form("2024-01-10", "Acta N° 3-2024"), today()).unwrap();
        assert_eq!(v.document.as_deref(), Some("Acta N° 3-2024"));
        assert!(check_validation(&facts(Conforme), &form("2024-01-10", ""), today()).is_ok(), "the act's number is not due");
    }
}

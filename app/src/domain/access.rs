//! Who may do what. Every server function and route asks `may`; the views only mirror it.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Accounts, regions, policies.
    Admin,
    /// The policy team: drafts and moves the policies it is a member of.
    Equipo,
    /// Managers: read everything, act on review milestones.
    Directivo,
    /// Regional participants, tied to one jurisdiction and organisation.
    Participante,
    /// CEPLAN analysts: record observations and conformity on what was sent to CEPLAN.
    Ceplan,
    /// An entity responsible for indicators of approved policies (a co-responsible sector, or an
    /// organ of the rector apart from its team): in the policies it is assigned, it reports the
    /// values obtained of the indicators whose ficha names its organisation as responsible.
    Sector,
}

impl Role {
    pub const ALL: [Role; 6] = [Role::Admin, Role::Equipo, Role::Directivo, Role::Participante, Role::Ceplan, Role::Sector];

    pub fn key(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Equipo => "equipo",
            Role::Directivo => "directivo",
            Role::Participante => "participante",
            Role::Ceplan => "ceplan",
            Role::Sector => "sector",
        }
    }

    pub fn from_key(key: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == key)
    }
}

/// The signed-in user as the rules see them. Inactive users never get this far: they have no session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: String,
    pub roles: Vec<Role>,
    /// Codes of the policies an `equipo` member works on.
    pub policies: Vec<String>,
    /// Ubigeo of a participant's jurisdiction.
    pub jurisdiction: Option<String>,
    pub organisation: Option<String>,
}

impl Actor {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    fn member_of(&self, policy: &str) -> bool {
        self.has(Role::Equipo) && self.assigned(policy)
    }

    fn assigned(&self, policy: &str) -> bool {
        self.policies.iter().any(|p| p.eq_ignore_ascii_case(policy))
    }

    /// An entity responsible for indicators of `policy`.
    fn reports_for(&self, policy: &str) -> bool {
        self.has(Role::Sector) && self.assigned(policy)
    }

    /// Whether an indicator's responsible entity, as its ficha names it, is this account's
    /// organisation: its name, or the acronym it gives in parentheses, as whole words, with any
    /// case and accents ("Ministerio de la Mujer y Poblaciones Vulnerables (MIMP)" reports for
    /// "MIMP – Dirección General contra la Violencia de Género").
    pub fn is_responsible_for(&self, responsible: &str) -> bool {
        let words = |s: &str| format!(" {} ", super::text::folded(s).chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "));
        let Some(org) = self.organisation.as_deref() else { return false };
        let (name, acronym) = match org.split_once('(') {
            Some((name, rest)) => (name, rest.split(')').next().unwrap_or("")),
            None => (org, ""),
        };
        let within = words(responsible);
        [name, acronym].into_iter().map(words).any(|w| w.trim().chars().count() >= 3 && within.contains(&w))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    /// A policy's card, deliverable states and dated history.
    ReadPolicy,
    /// The working text of the steps (drafts are not public).
    ReadDraft,
    /// A frozen version of a deliverable (or the working text: no version).
    ReadVersion,
    EditStep,
    FreezeVersion,
    /// Move a deliverable through drafting, internal review, sending and answering observations.
    RecordTransition,
    /// Record CEPLAN's observations or conformity.
    RecordCeplanDecision,
    /// Policy milestones after the fifth deliverable (technical opinion, decree, publication).
    RecordMilestone,
    /// Choose the status of a progress-report period instead of the computed one (with a commentary).
    ChooseReportStatus,
    /// Set or re-plan the policy's work plan (plan de trabajo).
    ManagePlan,
    /// The policy's file of documents (expediente) and their files: the ministry and CEPLAN.
    ReadDocuments,
    /// Add a document with its files to the policy's expediente.
    FileDocuments,
    /// The policy's workshops: the call, the acta, the counts of who attended.
    ReadWorkshops,
    /// Record a workshop, its acta, its attendance list and the contributions received in it.
    ManageWorkshops,
    /// The attendance lists' names and positions: personal data, for the team and managers only.
    ReadAttendance,
    ManageRounds,
    ForceCloseRound,
    ReadRound,
    Contribute,
    ReadContribution,
    /// The team's answers to a round's contributions: before their publication, only the team
    /// and managers read them.
    ReadAnswers,
    AnswerContribution,
    ReadRegions,
    /// The dashboard of every policy's standing with CEPLAN: the ministry's and CEPLAN's, not a
    /// regional participant's (who is led to their consultations instead).
    FollowProgress,
    ManageUsers,
    ReadAudit,
    /// A policy's yearly follow-up (reporte de seguimiento): an open period to those who work on
    /// it, a closed one to every signed-in reader.
    ReadFollowUp,
    /// Open a period, set its thresholds, write the analyses and close it: the policy's team.
    ManageFollowUp,
    /// Mark an objective's analysis as reviewed: the team or a manager.
    ReviewAnalysis,
    /// Record a value obtained of an indicator: the team, or the entity responsible for it.
    ReportValue,
}

impl Action {
    pub const ALL: [Action; 30] = [
        Action::ReadPolicy,
        Action::ReadDraft,
        Action::ReadVersion,
        Action::EditStep,
        Action::FreezeVersion,
        Action::RecordTransition,
        Action::RecordCeplanDecision,
        Action::RecordMilestone,
        Action::ChooseReportStatus,
        Action::ManagePlan,
        Action::ReadDocuments,
        Action::FileDocuments,
        Action::ReadWorkshops,
        Action::ManageWorkshops,
        Action::ReadAttendance,
        Action::ManageRounds,
        Action::ForceCloseRound,
        Action::ReadRound,
        Action::Contribute,
        Action::ReadContribution,
        Action::ReadAnswers,
        Action::AnswerContribution,
        Action::ReadRegions,
        Action::FollowProgress,
        Action::ManageUsers,
        Action::ReadAudit,
        Action::ReadFollowUp,
        Action::ManageFollowUp,
        Action::ReviewAnalysis,
        Action::ReportValue,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RoundKind {
    RevisionInterna,
    ObservacionesCeplan,
    ConsultaRegional,
    ConsultaActores,
}

/// What the action is on. Rounds and contributions carry what the rules need to know about them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource<'a> {
    /// Things that belong to no policy: accounts, the audit log, regions.
    Site,
    Policy(&'a str),
    Round(RoundRef<'a>),
    /// A deliverable's text: a frozen version, and whether it was sent to CEPLAN by a recorded
    /// sending; or the working text (`version` none).
    Version { policy: &'a str, version: Option<u32>, sent_to_ceplan: bool },
    Contribution { round: RoundRef<'a>, jurisdiction: Option<&'a str>, author_id: &'a str },
    /// A year of a policy's follow-up, open or closed.
    FollowUp { policy: &'a str, open: bool },
    /// An indicator of a policy, with the entity its ficha names as responsible.
    Indicator { policy: &'a str, responsible: &'a str },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoundRef<'a> {
    pub policy: &'a str,
    pub kind: RoundKind,
    /// Whether the actor's jurisdiction, organisation or account is among those invited.
    pub invites_actor: bool,
    pub open: bool,
    /// Answers published: from then on every invited reader sees every contribution.
    pub answers_published: bool,
}

/// The one authorization rule of Pasos.
pub fn may(actor: &Actor, action: Action, resource: Resource<'_>) -> bool {
    use Action::*;
    let admin = actor.has(Role::Admin);
    let directivo = actor.has(Role::Directivo);
    let ceplan = actor.has(Role::Ceplan);
    let participante = actor.has(Role::Participante);
    match (action, resource) {
        // The ministry's and CEPLAN's views of the whole; a participant's home is their consultations.
        (ReadRegions | FollowProgress, Resource::Site) => admin || directivo || ceplan || actor.has(Role::Equipo),
        (ManageUsers, Resource::Site) => admin,
        (ReadAudit, Resource::Site) => admin || directivo,

        (ReadPolicy, Resource::Policy(_)) => true,
        (ReadDraft, Resource::Policy(p)) => admin || directivo || actor.member_of(p),
        // CEPLAN reads exactly what the ministry sent it, never the working text.
        (ReadVersion, Resource::Version { policy, version, sent_to_ceplan }) => {
            admin || directivo || actor.member_of(policy) || (ceplan && version.is_some() && sent_to_ceplan)
        }
        (EditStep | FreezeVersion | ManageRounds | AnswerContribution, Resource::Policy(p)) => actor.member_of(p),
        (RecordTransition | RecordMilestone | ChooseReportStatus | ManagePlan, Resource::Policy(p)) => actor.member_of(p) || directivo,
        (RecordCeplanDecision | FileDocuments, Resource::Policy(p)) => actor.member_of(p) || directivo || ceplan,
        (ReadDocuments | ReadWorkshops, Resource::Policy(p)) => admin || directivo || ceplan || actor.member_of(p),
        (ManageWorkshops, Resource::Policy(p)) => actor.member_of(p),
        (ReadAttendance, Resource::Policy(p)) => directivo || actor.member_of(p),

        (ReadRound, Resource::Round(r)) => reads_round(actor, &r),
        (Contribute, Resource::Round(r)) => r.open && contributes_to(actor, &r),
        (ManageRounds, Resource::Round(r)) => actor.member_of(r.policy),
        (ForceCloseRound, Resource::Round(_)) => directivo,

        (ReadContribution, Resource::Contribution { round, jurisdiction, author_id }) => {
            if admin || directivo || actor.member_of(round.policy) {
                return true;
            }
            if !reads_round(actor, &round) {
                return false;
            }
            let own = author_id == actor.user_id
                || (participante && jurisdiction.is_some() && jurisdiction == actor.jurisdiction.as_deref());
            own || round.answers_published || ceplan
        }
        (AnswerContribution, Resource::Contribution { round, .. }) => actor.member_of(round.policy),
        (ReadAnswers, Resource::Round(r)) => r.answers_published || admin || directivo || actor.member_of(r.policy),

        (ReadFollowUp, Resource::FollowUp { policy, open }) => !open || admin || directivo || ceplan || actor.member_of(policy) || actor.reports_for(policy),
        (ManageFollowUp, Resource::Policy(p)) => actor.member_of(p),
        (ReviewAnalysis, Resource::Policy(p)) => actor.member_of(p) || directivo,
        // Whether the page offers the value form at all: to the team and the policy's entities.
        (ReportValue, Resource::Policy(p)) => actor.member_of(p) || actor.reports_for(p),
        (ReportValue, Resource::Indicator { policy, responsible }) => {
            actor.member_of(policy) || (actor.reports_for(policy) && actor.is_responsible_for(responsible))
        }

        _ => false,
    }
}

fn reads_round(actor: &Actor, r: &RoundRef<'_>) -> bool {
    if actor.has(Role::Admin) || actor.has(Role::Directivo) || actor.member_of(r.policy) {
        return true;
    }
    contributes_to(actor, r)
}

/// Who is invited to write in a round of each kind (besides the team, which records on others' behalf).
fn contributes_to(actor: &Actor, r: &RoundRef<'_>) -> bool {
    match r.kind {
        RoundKind::RevisionInterna => actor.member_of(r.policy) || actor.has(Role::Directivo),
        RoundKind::ObservacionesCeplan => actor.member_of(r.policy) || actor.has(Role::Ceplan),
        RoundKind::ConsultaRegional => {
            actor.member_of(r.policy) || (actor.has(Role::Participante) && r.invites_actor && actor.jurisdiction.is_some())
        }
        RoundKind::ConsultaActores => actor.member_of(r.policy) || (r.invites_actor && !actor.has(Role::Admin)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role) -> Actor {
        Actor {
            user_id: format!("user-{}", role.key()),
            roles: vec![role],
            policies: if matches!(role, Role::Equipo | Role::Sector) { vec!["PNMPETF".into()] } else { vec![] },
            jurisdiction: (role == Role::Participante).then(|| "08".to_string()),
            organisation: (role == Role::Sector).then(|| "Ministerio de la Mujer y Poblaciones Vulnerables (MIMP)".to_string()),
        }
    }

    /// The permission matrix on a policy the `equipo` actor is a member of, read as a table:
    /// one row per action, one column per role (admin, equipo, directivo, participante, ceplan, sector).
    #[test]
    fn every_role_and_action_on_a_policy() {
        use Action::*;
        let table: [(Action, [bool; 6]); 30] = [
            (ReadPolicy, [true, true, true, true, true, true]),
            (ReadDraft, [true, true, true, false, false, false]),
            (ReadVersion, [false, false, false, false, false, false]),
            (EditStep, [false, true, false, false, false, false]),
            (FreezeVersion, [false, true, false, false, false, false]),
            (RecordTransition, [false, true, true, false, false, false]),
            (RecordCeplanDecision, [false, true, true, false, true, false]),
            (RecordMilestone, [false, true, true, false, false, false]),
            (ChooseReportStatus, [false, true, true, false, false, false]),
            (ManagePlan, [false, true, true, false, false, false]),
            (ReadDocuments, [true, true, true, false, true, false]),
            (FileDocuments, [false, true, true, false, true, false]),
            (ReadWorkshops, [true, true, true, false, true, false]),
            (ManageWorkshops, [false, true, false, false, false, false]),
            (ReadAttendance, [false, true, true, false, false, false]),
            (ManageRounds, [false, true, false, false, false, false]),
            (ForceCloseRound, [false, false, false, false, false, false]),
            (ReadRound, [false, false, false, false, false, false]),
            (Contribute, [false, false, false, false, false, false]),
            (ReadContribution, [false, false, false, false, false, false]),
            (ReadAnswers, [false, false, false, false, false, false]),
            (AnswerContribution, [false, true, false, false, false, false]),
            (ReadRegions, [false, false, false, false, false, false]),
            (FollowProgress, [false, false, false, false, false, false]),
            (ManageUsers, [false, false, false, false, false, false]),
            (ReadAudit, [false, false, false, false, false, false]),
            (ReadFollowUp, [false, false, false, false, false, false]),
            (ManageFollowUp, [false, true, false, false, false, false]),
            (ReviewAnalysis, [false, true, true, false, false, false]),
            (ReportValue, [false, true, false, false, false, true]),
        ];
        assert_eq!(table.map(|r| r.0), Action::ALL, "the table covers every action");
        for (action, expected) in table {
            for (role, want) in Role::ALL.into_iter().zip(expected) {
                assert_eq!(may(&actor(role), action, Resource::Policy("PNMPETF")), want, "{role:?} {action:?}");
            }
        }
    }

    #[test]
    fn an_equipo_member_edits_only_their_policies() {
        let a = actor(Role::Equipo);
        assert!(may(&a, Action::EditStep, Resource::Policy("pnmpetf")), "codes compare case-insensitively");
        assert!(!may(&a, Action::EditStep, Resource::Policy("PNMPETI")));
        assert!(!may(&a, Action::ReadDraft, Resource::Policy("PNMPETI")));
        assert!(may(&a, Action::ReadPolicy, Resource::Policy("PNMPETI")));
    }

    #[test]
    fn site_actions() {
        let expect = [
            (Action::ReadRegions, [true, true, true, false, true, false]),
            (Action::FollowProgress, [true, true, true, false, true, false]),
            (Action::ManageUsers, [true, false, false, false, false, false]),
            (Action::ReadAudit, [true, false, true, false, false, false]),
        ];
        for (action, expected) in expect {
            for (role, want) in Role::ALL.into_iter().zip(expected) {
                assert_eq!(may(&actor(role), action, Resource::Site), want, "{role:?} {action:?}");
            }
        }
    }

    fn round(kind: RoundKind, invites_actor: bool, open: bool, answers_published: bool) -> RoundRef<'static> {
        RoundRef { policy: "PNMPETF", kind, invites_actor, open, answers_published }
    }

    #[test]
    fn participants_never_read_internal_or_ceplan_rounds() {
        let p = actor(Role::Participante);
        for kind in [RoundKind::RevisionInterna, RoundKind::ObservacionesCeplan] {
            let r = round(kind, true, true, true);
            assert!(!may(&p, Action::ReadRound, Resource::Round(r)), "{kind:?}");
            assert!(!may(&p, Action::Contribute, Resource::Round(r)), "{kind:?}");
        }
    }

    #[test]
    fn participants_read_and_write_where_invited_and_only_while_open() {
        let p = actor(Role::Participante);
        let invited = round(RoundKind::ConsultaRegional, true, true, false);
        assert!(may(&p, Action::ReadRound, Resource::Round(invited)));
        assert!(may(&p, Action::Contribute, Resource::Round(invited)));
        let closed = RoundRef { open: false, ..invited };
        assert!(may(&p, Action::ReadRound, Resource::Round(closed)));
        assert!(!may(&p, Action::Contribute, Resource::Round(closed)));
        let elsewhere = RoundRef { invites_actor: false, ..invited };
        assert!(!may(&p, Action::ReadRound, Resource::Round(elsewhere)));
        assert!(!may(&p, Action::ManageRounds, Resource::Round(invited)));
    }

    #[test]
    fn other_jurisdictions_contributions_stay_hidden_until_answers_are_published() {
        let p = actor(Role::Participante);
        let open = round(RoundKind::ConsultaRegional, true, true, false);
        let mine = Resource::Contribution { round: open, jurisdiction: Some("08"), author_id: "someone-in-cusco" };
        let loreto = Resource::Contribution { round: open, jurisdiction: Some("16"), author_id: "someone-in-loreto" };
        assert!(may(&p, Action::ReadContribution, mine));
        assert!(!may(&p, Action::ReadContribution, loreto));
        let published = RoundRef { open: false, answers_published: true, ..open };
        let loreto = Resource::Contribution { round: published, jurisdiction: Some("16"), author_id: "x" };
        assert!(may(&p, Action::ReadContribution, loreto));
        assert!(!may(&p, Action::AnswerContribution, loreto));
    }

    #[test]
    fn the_team_and_managers_read_every_contribution_and_only_the_team_answers() {
        let open = round(RoundKind::ConsultaRegional, false, true, false);
        let c = Resource::Contribution { round: open, jurisdiction: Some("16"), author_id: "x" };
        assert!(may(&actor(Role::Equipo), Action::ReadContribution, c));
        assert!(may(&actor(Role::Directivo), Action::ReadContribution, c));
        assert!(may(&actor(Role::Equipo), Action::AnswerContribution, c));
        assert!(!may(&actor(Role::Directivo), Action::AnswerContribution, c));
        assert!(may(&actor(Role::Directivo), Action::ForceCloseRound, Resource::Round(open)));
        assert!(!may(&actor(Role::Equipo), Action::ForceCloseRound, Resource::Round(open)));
    }

    #[test]
    fn answers_are_read_by_the_team_and_managers_and_by_everyone_once_published() {
        let open = round(RoundKind::ConsultaRegional, true, true, false);
        let expected = [true, true, true, false, false, false];
        for (role, want) in Role::ALL.into_iter().zip(expected) {
            assert_eq!(may(&actor(role), Action::ReadAnswers, Resource::Round(open)), want, "{role:?}");
        }
        let published = RoundRef { answers_published: true, ..open };
        assert!(Role::ALL.into_iter().all(|role| may(&actor(role), Action::ReadAnswers, Resource::Round(published))));
    }

    #[test]
    fn ceplan_works_in_ceplan_rounds() {
        let c = actor(Role::Ceplan);
        let r = round(RoundKind::ObservacionesCeplan, false, true, false);
        assert!(may(&c, Action::Contribute, Resource::Round(r)));
        assert!(!may(&c, Action::Contribute, Resource::Round(round(RoundKind::RevisionInterna, false, true, false))));
    }

    #[test]
    fn actions_on_the_wrong_kind_of_resource_are_refused() {
        for role in Role::ALL {
            assert!(!may(&actor(role), Action::EditStep, Resource::Site), "{role:?}");
            assert!(!may(&actor(role), Action::ManageUsers, Resource::Policy("PNMPETF")), "{role:?}");
        }
    }

    #[test]
    fn an_open_follow_up_is_read_by_who_works_on_it_and_a_closed_one_by_everyone() {
        let open = Resource::FollowUp { policy: "PNMPETF", open: true };
        let closed = Resource::FollowUp { policy: "PNMPETF", open: false };
        let expected = [true, true, true, false, true, true];
        for (role, want) in Role::ALL.into_iter().zip(expected) {
            assert_eq!(may(&actor(role), Action::ReadFollowUp, open), want, "{role:?}");
            assert!(may(&actor(role), Action::ReadFollowUp, closed), "{role:?}");
        }
        let elsewhere = Resource::FollowUp { policy: "PNTP", open: true };
        assert!(!may(&actor(Role::Sector), Action::ReadFollowUp, elsewhere), "not a policy it is assigned");
    }

    #[test]
    fn an_entity_reports_the_indicators_its_organisation_is_responsible_for() {
        let mimp = actor(Role::Sector);
        let indicator = |responsible| Resource::Indicator { policy: "PNMPETF", responsible };
        for named in ["MIMP", "Ministerio de la Mujer y Poblaciones Vulnerables", "MIMP – Dirección General contra la Violencia de Género", "ministerio de la mujer y poblaciones vulnerables (mimp)"] {
            assert!(may(&mimp, Action::ReportValue, indicator(named)), "{named}");
        }
        for other in ["Ministerio del Interior", "MINEDU", "", "Ministerio de la Mujer"] {
            assert!(!may(&mimp, Action::ReportValue, indicator(other)), "{other}");
        }
        assert!(!may(&mimp, Action::ReportValue, Resource::Indicator { policy: "PNTP", responsible: "MIMP" }), "only in its policies");
        // The team reports any indicator of its policy; nobody else does.
        assert!(may(&actor(Role::Equipo), Action::ReportValue, indicator("Ministerio del Interior")));
        for role in [Role::Admin, Role::Directivo, Role::Participante, Role::Ceplan] {
            assert!(!may(&actor(role), Action::ReportValue, indicator("MIMP")), "{role:?}");
        }
        let no_org = Actor { organisation: None, ..actor(Role::Sector) };
        assert!(!may(&no_org, Action::ReportValue, indicator("MIMP")));
    }

    #[test]
    fn role_keys_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::from_key(r.key()), Some(r));
        }
        assert_eq!(Role::from_key("root"), None);
    }
}

//! The states a deliverable goes through with CEPLAN, and the state of a step derived from them.
use serde::{Deserialize, Serialize};

/// A deliverable's state, in the order of DOMAIN.md (the derive order is that order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliverableState {
    NoIniciado,
    EnElaboracion,
    EnRevisionInterna,
    RemitidoCeplan,
    ObservadoCeplan,
    EnLevantamiento,
    ReingresadoCeplan,
    Conforme,
}

impl DeliverableState {
    pub const ALL: [DeliverableState; 8] = [
        Self::NoIniciado,
        Self::EnElaboracion,
        Self::EnRevisionInterna,
        Self::RemitidoCeplan,
        Self::ObservadoCeplan,
        Self::EnLevantamiento,
        Self::ReingresadoCeplan,
        Self::Conforme,
    ];

    /// The stable key stored in the database and used in CSS classes.
    pub fn key(self) -> &'static str {
        match self {
            Self::NoIniciado => "no_iniciado",
            Self::EnElaboracion => "en_elaboracion",
            Self::EnRevisionInterna => "en_revision_interna",
            Self::RemitidoCeplan => "remitido_ceplan",
            Self::ObservadoCeplan => "observado_ceplan",
            Self::EnLevantamiento => "en_levantamiento",
            Self::ReingresadoCeplan => "reingresado_ceplan",
            Self::Conforme => "conforme",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The states that may follow this one, as CEPLAN runs the review: rounds repeat (observed,
    /// answered, re-entered); an internal review may send a draft back to the drafting unit; after
    /// the observations are lifted the text may pass the OGPP again before it goes back to CEPLAN;
    /// and a *Conforme* deliverable may be reopened (a new guide, changes a later deliverable
    /// forces), with a reason.
    pub fn next_states(self) -> &'static [DeliverableState] {
        use DeliverableState::*;
        match self {
            NoIniciado => &[EnElaboracion],
            EnElaboracion => &[EnRevisionInterna],
            EnRevisionInterna => &[RemitidoCeplan, EnElaboracion],
            RemitidoCeplan => &[ObservadoCeplan, Conforme],
            ObservadoCeplan => &[EnLevantamiento],
            EnLevantamiento => &[ReingresadoCeplan, EnRevisionInterna],
            ReingresadoCeplan => &[ObservadoCeplan, Conforme],
            Conforme => &[EnElaboracion],
        }
    }

    /// Whether entering `next` from this state reopens a validated deliverable (a reason is due).
    pub fn reopens(self, next: DeliverableState) -> bool {
        self == Self::Conforme && next == Self::EnElaboracion
    }

    pub fn may_become(self, next: DeliverableState) -> bool {
        self.next_states().contains(&next)
    }

    /// Whether CEPLAN holds the deliverable (the clock managers watch).
    pub fn is_with_ceplan(self) -> bool {
        matches!(self, Self::RemitidoCeplan | Self::ReingresadoCeplan)
    }

    /// Whether the team has handed the text over for review at least once in its current cycle.
    pub fn is_handed_over(self) -> bool {
        self >= Self::EnRevisionInterna
    }
}

/// A step's state, derived from its text and its deliverable's state (never stored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepState {
    NoIniciado,
    EnElaboracion,
    /// The deliverable carrying the step has been handed over for review (OGPP or CEPLAN).
    Entregado,
}

impl StepState {
    pub fn key(self) -> &'static str {
        match self {
            Self::NoIniciado => "no_iniciado",
            Self::EnElaboracion => "en_elaboracion",
            Self::Entregado => "entregado",
        }
    }
}

/// A step handed over inside its deliverable counts as delivered even where Pasos holds no text
/// for it (the seeded history predates the platform); otherwise its text decides.
pub fn step_state(has_text: bool, deliverable: DeliverableState) -> StepState {
    if deliverable.is_handed_over() {
        StepState::Entregado
    } else if has_text {
        StepState::EnElaboracion
    } else {
        StepState::NoIniciado
    }
}

#[cfg(test)]
mod tests {
    use super::DeliverableState::*;
    use super::*;

    #[test]
    fn keys_round_trip() {
        for s in DeliverableState::ALL {
            assert_eq!(DeliverableState::from_key(s.key()), Some(s));
        }
        assert_eq!(DeliverableState::from_key("aprobado"), None);
    }

    #[test]
    fn the_happy_path_follows_the_documented_order() {
        let path = [NoIniciado, EnElaboracion, EnRevisionInterna, RemitidoCeplan, Conforme];
        for w in path.windows(2) {
            assert!(w[0].may_become(w[1]), "{:?} -> {:?}", w[0], w[1]);
        }
    }

    #[test]
    fn observation_rounds_may_repeat() {
        let path = [RemitidoCeplan, ObservadoCeplan, EnLevantamiento, ReingresadoCeplan, ObservadoCeplan];
        for w in path.windows(2) {
            assert!(w[0].may_become(w[1]), "{:?} -> {:?}", w[0], w[1]);
        }
        assert!(ReingresadoCeplan.may_become(Conforme));
    }

    #[test]
    fn no_skipping_and_conforme_only_reopens() {
        assert!(!NoIniciado.may_become(RemitidoCeplan));
        assert!(!EnElaboracion.may_become(RemitidoCeplan), "internal review comes first");
        assert!(!ObservadoCeplan.may_become(Conforme));
        assert!(EnRevisionInterna.may_become(EnElaboracion), "OGPP may send a draft back");
        assert!(EnLevantamiento.may_become(EnRevisionInterna), "the lifted text may pass the OGPP again");
        assert_eq!(Conforme.next_states(), &[EnElaboracion], "a validated deliverable is only reopened");
        assert!(Conforme.reopens(EnElaboracion) && !EnRevisionInterna.reopens(EnElaboracion));
        for s in DeliverableState::ALL {
            assert!(!s.may_become(s), "{s:?} cannot follow itself");
        }
    }

    #[test]
    fn every_state_but_conforme_can_reach_conforme() {
        for s in DeliverableState::ALL {
            let mut seen = vec![s];
            let mut i = 0;
            while i < seen.len() {
                for &n in seen[i].next_states() {
                    if !seen.contains(&n) {
                        seen.push(n);
                    }
                }
                i += 1;
            }
            assert!(seen.contains(&Conforme), "{s:?}");
        }
    }

    #[test]
    fn step_state_follows_text_until_handed_over() {
        assert_eq!(step_state(false, NoIniciado), StepState::NoIniciado);
        assert_eq!(step_state(false, EnElaboracion), StepState::NoIniciado);
        assert_eq!(step_state(true, EnElaboracion), StepState::EnElaboracion);
        assert_eq!(step_state(false, EnLevantamiento), StepState::Entregado);
        assert_eq!(step_state(true, Conforme), StepState::Entregado);
    }

    #[test]
    fn with_ceplan_only_while_ceplan_holds_it() {
        let with: Vec<_> = DeliverableState::ALL.into_iter().filter(|s| s.is_with_ceplan()).collect();
        assert_eq!(with, vec![RemitidoCeplan, ReingresadoCeplan]);
    }
}

//! The forms of rounds, shared by the pages that write them and the handlers that read them, and
//! the flags a handler's redirect adds to the round's address.
use crate::form;

form! {
    /// Opening a round on a frozen version of a deliverable.
    pub struct NewRoundForm {
        tipo: String,
        titulo: String,
        version_ronda: String,
        pasos: Vec<String>,
        abre: String,
        cierra: String,
        regiones: Vec<String>,
        organizaciones: String,
        cuentas: String,
    }
}

impl NewRoundForm {
    /// The form as the domain's rule reads it.
    pub fn to_domain(&self) -> crate::domain::rounds::RoundForm {
        crate::domain::rounds::RoundForm {
            kind: self.tipo.clone(),
            title: self.titulo.clone(),
            version: self.version_ronda.clone(),
            steps: self.pasos.clone(),
            opens: self.abre.clone(),
            closes: self.cierra.clone(),
            jurisdictions: self.regiones.clone(),
            organisations: self.organizaciones.clone(),
            users: self.cuentas.clone(),
        }
    }
}

form! {
    /// A contribution on the platform: a paragraph or item (`parrafo`), or a reply (`responde`).
    pub struct ContributionForm {
        paso: String,
        parrafo: String,
        responde: String,
        texto: String,
    }
}

form! {
    /// A contribution the team transcribes from a workshop, an e-mail or an oficio.
    pub struct ExternalForm {
        canal: String,
        paso: String,
        fecha: String,
        autor: String,
        organizacion: String,
        region: String,
        documento: String,
        texto: String,
    }
}

form! {
    /// The team's answer to one contribution (`aporte` names it on the way back).
    pub struct AnswerForm {
        estado: String,
        justificacion: String,
        revision: String,
        ubicacion: String,
        aporte: String,
    }
}

impl AnswerForm {
    /// The answer as the domain's rule reads it.
    pub fn input(&self) -> crate::domain::rounds::AnswerInput<'_> {
        crate::domain::rounds::AnswerInput { state: &self.estado, justification: &self.justificacion, revision: &self.revision, place: &self.ubicacion }
    }
}

/// `confirmar` of a confirmed irreversible action.
pub const CONFIRMED: &str = "1";

form! {
    /// Closing or systematizing a round: the confirmation ticked (`confirmar` = [`CONFIRMED`]),
    /// and a directivo's reason to systematize one with unanswered contributions or still open.
    pub struct ForceForm {
        motivo: String,
        confirmar: String,
    }
}

form! {
    /// The matriz de aportes' filters.
    pub struct MatrixQuery {
        region: String,
        paso: String,
        respuesta: String,
    }
}

impl MatrixQuery {
    pub fn filter(&self) -> super::data::MatrixFilter {
        let text = |v: &str| Some(v.to_string()).filter(|s| !s.is_empty());
        super::data::MatrixFilter { jurisdiction: text(&self.region), step: self.paso.parse().ok(), answer: text(&self.respuesta) }
    }
}

/// What a round's page says after one of its forms: the flag its handler's redirect carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundOutcome {
    /// A contribution sent, with its number.
    Sent(u32),
    /// A contribution transcribed by the team, with its number.
    Recorded(u32),
    /// A contribution answered, with its number.
    Answered(u32),
    /// One of the team's actions on the round.
    Done(RoundAction),
}

/// The team's actions on a round, by the last segment of their address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundAction {
    Publish,
    Close,
    Systematize,
}

impl RoundAction {
    pub const ALL: [RoundAction; 3] = [RoundAction::Publish, RoundAction::Close, RoundAction::Systematize];

    pub fn key(self) -> &'static str {
        match self {
            RoundAction::Publish => "publicar",
            RoundAction::Close => "cerrar",
            RoundAction::Systematize => "sistematizar",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.key() == key)
    }
}

impl RoundOutcome {
    /// `/rondas/{id}?enviado=3#aporte-3-mensaje` and the like: the notice, beside what it is about.
    pub fn location(self, round: &str) -> String {
        let page = crate::urls::round(round);
        match self {
            RoundOutcome::Sent(n) => format!("{page}?enviado={n}#aporte-{n}-mensaje"),
            RoundOutcome::Recorded(n) => format!("{page}?registrado={n}#aporte-{n}-mensaje"),
            RoundOutcome::Answered(n) => format!("{page}?respondido={n}#aporte-{n}-mensaje"),
            RoundOutcome::Done(action) => format!("{page}?hecho={}#gestion-mensaje", action.key()),
        }
    }

    /// The outcome an address's query carries, read with `get`.
    pub fn read(get: impl Fn(&str) -> Option<String>) -> Option<Self> {
        let number = |k: &str| get(k).and_then(|v| v.parse().ok());
        number("enviado")
            .map(RoundOutcome::Sent)
            .or_else(|| number("registrado").map(RoundOutcome::Recorded))
            .or_else(|| number("respondido").map(RoundOutcome::Answered))
            .or_else(|| get("hecho").and_then(|a| RoundAction::from_key(&a)).map(RoundOutcome::Done))
    }

    /// The contribution the outcome is about, to open its page of threads.
    pub fn contribution(self) -> Option<u32> {
        match self {
            RoundOutcome::Sent(n) | RoundOutcome::Recorded(n) | RoundOutcome::Answered(n) => Some(n),
            RoundOutcome::Done(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_go_into_the_address_and_come_back() {
        for outcome in [RoundOutcome::Sent(3), RoundOutcome::Recorded(4), RoundOutcome::Answered(5), RoundOutcome::Done(RoundAction::Close)] {
            let location = outcome.location("r1");
            let query = location.split(['?', '#']).nth(1).unwrap().to_string();
            let get = |k: &str| query.split('&').find_map(|p| p.strip_prefix(&format!("{k}="))).map(str::to_string);
            assert_eq!(RoundOutcome::read(get), Some(outcome), "{location}");
        }
        assert_eq!(RoundOutcome::Sent(3).location("r1"), "/rondas/r1?enviado=3#aporte-3-mensaje");
        // A link to a contribution opens the round at it: the round page reads the same key.
        assert_eq!(crate::urls::FOCUS, AnswerForm::aporte);
        assert_eq!(crate::urls::contribution("r1", "c52", 52), "/rondas/r1?aporte=c52#aporte-52");
    }
}

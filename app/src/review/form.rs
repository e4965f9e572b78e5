//! The forms of the review, shared by the pages that write them and the handlers that read them.
use crate::form;

form! {
    /// A deliverable's transition: the state it enters, the official record, and, when it is sent
    /// to CEPLAN, the version sent ([`FREEZE_NOW`] or a version's number).
    pub struct TransitionForm {
        estado: String,
        fecha: String,
        documento: String,
        nota: String,
        enlace: String,
        version: String,
    }
}

/// `version` of a sending that freezes the current text as a new version.
pub const FREEZE_NOW: &str = "nueva";

form! {
    /// The policy's next milestone after the fifth deliverable.
    pub struct MilestoneForm {
        hito: String,
        fecha: String,
        documento: String,
        nota: String,
        enlace: String,
    }
}

form! {
    /// Annulling a mistaken record: the reason, and the page to come back to.
    pub struct AnnulForm {
        motivo: String,
        volver: String,
    }
}

form! {
    /// The months of a progress report (`AAAA-MM`).
    pub struct PeriodQuery {
        desde: String,
        hasta: String,
    }
}

form! {
    /// The dashboard's filters.
    pub struct DashboardQuery {
        tema: String,
        estado: String,
        dias: String,
    }
}

/// The flags a recorded transition, milestone or annulment adds to its page's address.
pub const RECORDED: &str = "registrado";
pub const MILESTONE_RECORDED: &str = "hito";
pub const ANNULLED: &str = "anulado";

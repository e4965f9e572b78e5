//! The forms of the review, shared by the pages that write them and the handlers that read them.
use crate::form;

form! {
    /// A deliverable's transition: the state it enters, the official record, and, when it is sent
    /// to CEPLAN, the version sent ([`FREEZE_NOW`] or a version's number); for CEPLAN's
    /// observations, the kind of its answer (`CeplanAnswer::key`).
    pub struct TransitionForm {
        estado: String,
        fecha: String,
        documento: String,
        nota: String,
        enlace: String,
        version: String,
        respuesta: String,
    }
}

/// `version` of a sending that freezes the current text as a new version.
pub const FREEZE_NOW: &str = "nueva";

form! {
    /// The policy's next milestone after the fifth deliverable; `omitir` (= [`SKIP`]) leaves out
    /// one that does not apply, with the reason in `nota`.
    pub struct MilestoneForm {
        hito: String,
        fecha: String,
        documento: String,
        nota: String,
        enlace: String,
        omitir: String,
    }
}

/// `omitir` of a milestone left out.
pub const SKIP: &str = "1";

form! {
    /// A deliverable validated by the policy's multisectoral commission or working group
    /// (`validacion` is always sent, so a refused form is told from the others on its page).
    pub struct ValidationForm {
        validacion: String,
        fecha: String,
        documento: String,
        nota: String,
        enlace: String,
    }
}

form! {
    /// The work plan: one line per target (`linea` its key, `inicio` and `fin` its dates, in the
    /// same order), the reason for a re-planning, and the version the form was opened on (`base`).
    pub struct PlanForm {
        base: String,
        linea: Vec<String>,
        inicio: Vec<String>,
        fin: Vec<String>,
        motivo: String,
    }
}

impl PlanForm {
    /// The lines as the domain's rule reads them.
    pub fn inputs(&self) -> Vec<crate::domain::plan::PlanInput> {
        self.linea
            .iter()
            .enumerate()
            .map(|(i, target)| crate::domain::plan::PlanInput {
                target: target.clone(),
                start: self.inicio.get(i).cloned().unwrap_or_default(),
                end: self.fin.get(i).cloned().unwrap_or_default(),
            })
            .collect()
    }

    /// What was typed for `target` (start, end), if the form holds it.
    pub fn typed(&self, target: crate::domain::plan::PlanTarget) -> Option<(String, String)> {
        let i = self.linea.iter().position(|l| *l == target.key())?;
        Some((self.inicio.get(i).cloned().unwrap_or_default(), self.fin.get(i).cloned().unwrap_or_default()))
    }
}

/// The anchor of the plan's form, and of one of its lines (where a refusal about it is said).
pub const PLAN_ANCHOR: &str = "plan";
pub fn plan_line_anchor(target: crate::domain::plan::PlanTarget) -> String {
    format!("plan-{}", target.key())
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
    /// The team's choice of status for a report period (`situacion` empty: the computed one),
    /// with its mandatory commentary.
    pub struct ReportStatusForm {
        desde: String,
        hasta: String,
        situacion: String,
        comentario: String,
    }
}

/// The flag a saved choice of status adds to the report's address.
pub const STATUS_SAVED: &str = "guardado";

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
pub const VALIDATED: &str = "validado";

//! The forms of the follow-up, shared by the pages that write them and the handlers that read
//! them, with the anchors where each says its outcome and the flags of the redirects.
use crate::form;

form! {
    /// A reporting period opened, with the thresholds of its lights.
    pub struct OpenForm {
        anio: String,
        verde: String,
        ambar: String,
    }
}

form! {
    /// The thresholds of an open period's lights.
    pub struct ThresholdsForm {
        verde: String,
        ambar: String,
    }
}

form! {
    /// A value obtained of an indicator.
    pub struct ValueForm {
        indicador: String,
        valor: String,
        fuente: String,
        fecha_dato: String,
        explicacion: String,
        provisional: String,
    }
}

impl ValueForm {
    pub fn to_domain(&self) -> crate::domain::followup::ValueInput {
        crate::domain::followup::ValueInput {
            value: self.valor.clone(),
            source: self.fuente.clone(),
            data_date: self.fecha_dato.clone(),
            explanation: self.explicacion.clone(),
            provisional: !self.provisional.is_empty(),
        }
    }
}

form! {
    /// The supporting file of an indicator's value in force (multipart: the file is [`FILE`]).
    pub struct FileForm {
        indicador: String,
    }
}

form! {
    /// Closing a report, confirmed.
    pub struct CloseForm {
        confirmo: String,
    }
}

form! {
    /// An objective's analysis, over the version it was opened on (`base`).
    pub struct AnalysisForm {
        objetivo: String,
        texto: String,
        base: String,
    }
}

form! {
    /// The review of the version of an objective's analysis the reader saw.
    pub struct ReviewForm {
        objetivo: String,
        version: String,
    }
}

/// The file field of the supporting file's form.
pub const FILE: &str = "sustento";
/// The checkbox value of a provisional value.
pub const YES: &str = "si";

/// Where each form sits on its page (and says its outcome).
pub const OPEN_ANCHOR: &str = "abrir-periodo";
pub const THRESHOLDS_ANCHOR: &str = "umbrales";
pub const CLOSE_ANCHOR: &str = "cierre";

/// The place of an indicator on the report (its value form's anchor).
pub fn indicator_anchor(id: &str) -> String {
    format!("indicador-{id}")
}

/// The place of an objective's analysis.
pub fn analysis_anchor(id: &str) -> String {
    format!("analisis-{id}")
}

/// The flags of the redirects: a period opened, thresholds saved, a value recorded (the
/// indicator's id) or found recorded already, an analysis saved or reviewed (the objective's id),
/// the period closed.
pub const OPENED: &str = "abierto";
pub const THRESHOLDS_SAVED: &str = "umbrales_guardados";
pub const VALUE_SAVED: &str = "valor_registrado";
pub const VALUE_UNCHANGED: &str = "valor_sin_cambios";
pub const FILE_SAVED: &str = "sustento_adjunto";
pub const ANALYSIS_SAVED: &str = "analisis_guardado";
pub const REVIEWED: &str = "revisado";
pub const CLOSED: &str = "cerrado";

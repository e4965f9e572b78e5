//! The forms of workshops, shared by the pages that write them and the handlers that read them,
//! with the anchors where each says its outcome and the flags of the redirects.
use crate::form;

form! {
    /// A workshop's call: title, days, modality, place or link, purpose, what was discussed, who
    /// was convened; a correction carries the version of the call it was opened on (`base`).
    pub struct WorkshopForm {
        titulo: String,
        inicio: String,
        fin: String,
        modalidad: String,
        lugar: String,
        proposito: String,
        version_taller: String,
        pasos: Vec<String>,
        ronda: String,
        regiones: Vec<String>,
        convocados: String,
        base: String,
    }
}

impl WorkshopForm {
    /// The form as a recorded call fills it, to be corrected.
    pub fn of(info: &crate::domain::workshop::WorkshopInfo) -> WorkshopForm {
        let w = &info.workshop;
        WorkshopForm {
            titulo: w.title.clone(),
            inicio: w.date.date.to_string(),
            fin: w.last_day.map(|d| d.to_string()).unwrap_or_default(),
            modalidad: w.modality.map(|m| m.key().to_string()).unwrap_or_default(),
            lugar: w.place.clone().unwrap_or_default(),
            proposito: w.purpose.clone().unwrap_or_default(),
            version_taller: w.version.map(|(n, v)| format!("{n}-{v}")).unwrap_or_default(),
            pasos: w.steps.iter().map(u8::to_string).collect(),
            ronda: w.round.clone().unwrap_or_default(),
            regiones: w.jurisdictions.clone(),
            convocados: w.organisations.clone().unwrap_or_default(),
            base: info.call_version.to_string(),
        }
    }

    /// The form as the domain's rule reads it.
    pub fn to_domain(&self) -> crate::domain::workshop::WorkshopInput {
        crate::domain::workshop::WorkshopInput {
            title: self.titulo.clone(),
            starts: self.inicio.clone(),
            ends: self.fin.clone(),
            modality: self.modalidad.clone(),
            place: self.lugar.clone(),
            purpose: self.proposito.clone(),
            version: self.version_taller.clone(),
            steps: self.pasos.clone(),
            round: self.ronda.clone(),
            jurisdictions: self.regiones.clone(),
            organisations: self.convocados.clone(),
        }
    }
}

form! {
    /// The acta, over the version it was opened on (`base`).
    pub struct MinutesForm {
        acta: String,
        base: String,
    }
}

form! {
    /// One person of the attendance list.
    pub struct AttendeeForm {
        nombre: String,
        cargo: String,
        entidad: String,
        tipo_entidad: String,
        region: String,
        sexo: String,
    }
}

impl AttendeeForm {
    pub fn to_domain(&self) -> crate::domain::workshop::AttendeeInput {
        crate::domain::workshop::AttendeeInput {
            name: self.nombre.clone(),
            position: self.cargo.clone(),
            entity: self.entidad.clone(),
            entity_type: self.tipo_entidad.clone(),
            jurisdiction: self.region.clone(),
            sex: self.sexo.clone(),
        }
    }
}

form! {
    /// A sheet refused, on the way back: `fila` is "row|error key|value read" for the first lines
    /// refused, `filas` how many were refused in all, `columna` and `otra_columna` two headers
    /// that say the same.
    pub struct ImportRefusal {
        fila: Vec<String>,
        filas: String,
        columna: String,
        otra_columna: String,
    }
}

form! {
    /// A contribution received in the workshop, transcribed by the team.
    pub struct WorkshopContributionForm {
        paso: String,
        autor: String,
        organizacion: String,
        region_aporte: String,
        texto: String,
    }
}

/// The file field of the import form.
pub const SHEET: &str = "hoja";

/// Where each form sits on its page (and says its outcome).
pub const NEW_ANCHOR: &str = "nuevo-taller";
pub const CALL_ANCHOR: &str = "convocatoria";
pub const MINUTES_ANCHOR: &str = "acta";
pub const ATTENDEE_ANCHOR: &str = "asistente";
pub const IMPORT_ANCHOR: &str = "importar";
pub const LIST_ANCHOR: &str = "lista-asistencia";
pub const CONTRIBUTION_ANCHOR: &str = "aporte-taller";

/// The flags of the redirects: a workshop recorded, its call corrected, the acta saved, people added (and how many
/// were listed already), one taken off the list, a contribution recorded (its number).
pub const RECORDED: &str = "registrado";
pub const CALL_SAVED: &str = "convocatoria_corregida";
pub const MINUTES_SAVED: &str = "acta_guardada";
pub const ADDED: &str = "agregados";
pub const LISTED_ALREADY: &str = "ya_listados";
pub const REMOVED: &str = "quitado";
pub const CONTRIBUTION_RECORDED: &str = "aporte_registrado";
/// The page of the attendance list.
pub const PAGE: &str = "pagina";

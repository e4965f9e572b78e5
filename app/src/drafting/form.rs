//! The forms of drafting, shared by the pages that write them and the handlers that read them,
//! and what each handler's redirect tells its page.
use crate::form;

form! {
    /// The step editor: "Guardar" saves a revision on `base`; "Vista previa" keeps a draft.
    pub struct StepForm {
        /// The revision the editor started from.
        base: String,
        /// The draft the text came from, if any.
        borrador: String,
        texto: String,
        resumen: String,
        /// [`SAVE`] or [`PREVIEW`].
        accion: String,
    }
}

/// `accion` of the editor's "Guardar" button.
pub const SAVE: &str = "guardar";
/// `accion` of the editor's "Vista previa" button.
pub const PREVIEW: &str = "vista_previa";

form! {
    /// The editor's address: the draft to show and why it came back.
    pub struct EditorQuery {
        borrador: String,
        error: String,
        /// What was changed of a pasted text (`domain::pasted::changes_param`).
        ajustes: String,
    }
}

form! {
    /// "Congelar versión" on a deliverable.
    pub struct FreezeForm {
        nota: String,
        guia: String,
    }
}

form! {
    /// Which version a document (page or DOCX) shows: empty for the working text.
    pub struct VersionQuery {
        version: String,
    }
}

form! {
    /// A deliverable's address after a form: what was frozen, refused or compared.
    pub struct DeliverableQuery {
        congelada: String,
        /// The steps an import saved ("1,2").
        importados: String,
        error: String,
        version: String,
        desde: String,
        hasta: String,
    }
}

form! {
    /// A step's history: a page of revisions and two of them compared.
    pub struct HistoryQuery {
        pagina: String,
        desde: String,
        hasta: String,
    }
}

form! {
    /// A step's address after a save: the revision saved (the browser then forgets its copy).
    pub struct StepQuery {
        guardado: String,
        /// What was changed of a pasted text (`domain::pasted::changes_param`).
        ajustes: String,
    }
}

/// Why a freeze went back to its form (besides the note's own checks).
pub const FREEZE_EMPTY: &str = "sin_texto";
pub const FREEZE_UNCHANGED: &str = "sin_cambios";

form! {
    /// "Importar un documento de Word": the file (multipart) and where it goes: `entregable`
    /// (split at its "Paso N" headings) or a step's number (the whole document into it).
    pub struct ImportForm {
        archivo: String,
        destino: String,
    }
}

/// `destino` of an import into the whole deliverable.
pub const WHOLE_DELIVERABLE: &str = "entregable";

form! {
    /// "Guardar como nuevas revisiones" after the preview: the steps ticked and the document's
    /// name. Each step's text and the revision it was previewed on travel as `texto_{n}` and
    /// `base_{n}` (see [`text_field`]).
    pub struct ImportSaveForm {
        pasos: Vec<String>,
        archivo: String,
    }
}

/// The field of step `n`'s imported text.
pub fn text_field(n: u8) -> String {
    format!("texto_{n}")
}

/// The field of the revision step `n` was previewed on.
pub fn base_field(n: u8) -> String {
    format!("base_{n}")
}

/// The fields of an import's held preview besides the texts: the document's name, what came
/// before the first step, the steps found that this deliverable does not have, what could not
/// be kept (one field per item, already worded).
pub const HELD_FILE: &str = "archivo";
pub const HELD_BEFORE: &str = "antes";
pub const HELD_OTHER_STEPS: &str = "otros_pasos";
pub const HELD_LOST: &str = "perdido";

/// The anchor of the import's forms.
pub const IMPORT_ANCHOR: &str = "importar";

/// Why an import went back to its form.
pub const IMPORT_NO_FILE: &str = "sin_archivo";
pub const IMPORT_TOO_BIG: &str = "demasiado_grande";
pub const IMPORT_UNREADABLE: &str = "ilegible";
pub const IMPORT_UNAVAILABLE: &str = "no_disponible";
pub const IMPORT_BUSY: &str = "ocupado";
pub const IMPORT_NO_STEPS: &str = "sin_pasos";
pub const IMPORT_CONFLICT: &str = "conflicto";
pub const IMPORT_NOTHING_TICKED: &str = "nada_marcado";

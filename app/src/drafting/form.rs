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
    }
}

/// Why a freeze went back to its form (besides the note's own checks).
pub const FREEZE_EMPTY: &str = "sin_texto";
pub const FREEZE_UNCHANGED: &str = "sin_cambios";

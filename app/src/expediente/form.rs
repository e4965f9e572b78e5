//! The expediente's forms: the document to add (sent as multipart, with its files) and the
//! filters of the list.
use crate::form;

form! {
    /// A document of the expediente; its files come in `archivos` (one or more).
    pub struct DocumentForm {
        tipo: String,
        numero: String,
        fecha: String,
        remitente: String,
        destinatario: String,
        cut: String,
        recepcion: String,
        evento: String,
    }
}

/// The file field of [`DocumentForm`].
pub const FILES: &str = "archivos";
/// The anchor of the form, where its feedback is said.
pub const ANCHOR: &str = "nuevo-documento";
/// The query key of a document just recorded (its number), and of one found already recorded.
pub const RECORDED: &str = "registrado";
pub const ALREADY: &str = "ya_registrado";
/// The query key of a ZIP refused for its size (the list says to filter it).
pub const ZIP_TOO_BIG: &str = "zip_grande";

impl DocumentForm {
    /// The document as the domain's rule reads it.
    pub fn to_domain(&self) -> crate::domain::expediente::DocumentInput {
        crate::domain::expediente::DocumentInput {
            kind: self.tipo.clone(),
            number: self.numero.clone(),
            date: self.fecha.clone(),
            sender: self.remitente.clone(),
            addressee: self.destinatario.clone(),
            file_number: self.cut.clone(),
            received_on: self.recepcion.clone(),
            event: self.evento.clone(),
        }
    }
}

form! {
    /// The list's filters: a kind of document, a deliverable (by its events).
    pub struct ExpedienteQuery {
        tipo: String,
        entregable: String,
    }
}

impl ExpedienteQuery {
    /// The filters as a query string (for the ZIP of what is listed).
    pub fn query(&self) -> String {
        form_urlencoded::Serializer::new(String::new()).append_pair(Self::tipo, &self.tipo).append_pair(Self::entregable, &self.entregable).finish()
    }
}

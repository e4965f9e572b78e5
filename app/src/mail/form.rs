//! The forms of notices by e-mail and what their handlers' answers tell the pages.
use crate::form;

form! {
    /// `/cuenta/correos`: how the signed-in user hears of their notices.
    pub struct FrequencyForm {
        frecuencia: String,
    }
}

/// The anchor of the choice on the account page, where its feedback is shown.
pub const FREQUENCY_ANCHOR: &str = "correos";

/// The query flag after a choice was saved (`/cuenta?aviso=correos`).
pub const SAVED: &str = "correos";
/// The refusal of a choice that is none of the options.
pub const BAD_CHOICE: &str = "frecuencia";
/// The query flag after an administrator sent a message again (`/admin/correos?aviso=reintentado`).
pub const RETRIED: &str = "reintentado";

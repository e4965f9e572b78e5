//! The one error of a request, whatever road it came by: a server function's (the page shows it
//! with `ui::ErrorView`) or a form handler's (it answers for itself: a status and a sentence from
//! the catalogue, or the way back to the form with what was typed).
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// Why a request got no page or no write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum WebError {
    /// The policy, step, round or page does not exist.
    #[error("not found")]
    NotFound,
    /// No one is signed in.
    #[error("not signed in")]
    NotSignedIn,
    /// Signed in, but the permission rule says no.
    #[error("forbidden")]
    Forbidden,
    /// The database or the server failed; the cause is in the server's log, not here.
    #[error("unavailable")]
    Unavailable,
    /// The request never reached the function, or its body could not be read.
    #[error("unreadable request")]
    Transport,
    /// A form refused by a rule: back to its page with the reason and everything typed.
    #[error("refused: {}", .0.error)]
    Back(Back),
}

/// The way back to a form: its page, the refusal's key (the page names it from the catalogue),
/// the fields as typed, and the anchor where the form is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Back {
    pub page: String,
    pub error: String,
    pub fields: Vec<(String, String)>,
    pub anchor: String,
}

impl WebError {
    /// Back to `page` (with `#anchor`) with the refusal `error` and the `fields` as typed.
    pub fn back(page: impl Into<String>, error: impl Into<String>, fields: &[(String, String)], anchor: impl Into<String>) -> Self {
        WebError::Back(Back { page: page.into(), error: error.into(), fields: fields.to_vec(), anchor: anchor.into() })
    }

    /// The HTTP status this error answers with.
    pub fn status(&self) -> u16 {
        match self {
            WebError::NotFound => 404,
            WebError::NotSignedIn => 401,
            WebError::Forbidden => 403,
            WebError::Unavailable => 503,
            WebError::Transport => 400,
            WebError::Back(_) => 303,
        }
    }
}


impl FromServerFnError for WebError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(_: ServerFnErrorErr) -> Self {
        WebError::Transport
    }
}

#[cfg(feature = "ssr")]
impl From<crate::store::StoreError> for WebError {
    fn from(e: crate::store::StoreError) -> Self {
        tracing::error!(error = %e, "error de base de datos");
        WebError::Unavailable
    }
}

#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for WebError {
    fn into_response(self) -> axum::response::Response {
        use axum::http::{header, HeaderValue, StatusCode};
        let t = crate::i18n::t();
        let text = match &self {
            // The gate holds the fields and writes the way back (`web::held`); the refusal travels
            // to it inside the response, never in an address.
            WebError::Back(back) => {
                let mut response = StatusCode::SEE_OTHER.into_response();
                response.extensions_mut().insert(back.clone());
                return response;
            }
            WebError::NotFound => t.not_found_answer,
            WebError::NotSignedIn => t.sign_in_to_continue,
            WebError::Forbidden => t.forbidden_answer,
            WebError::Unavailable => t.unavailable_answer,
            WebError::Transport => t.unreadable_answer,
        };
        let status = StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, text).into_response();
        // Already in Spanish: the layer that translates the framework's refusals leaves it alone.
        response.headers_mut().insert(crate::web::layers::SPANISH, HeaderValue::from_static("1"));
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_error_has_its_status() {
        let statuses: Vec<u16> = [WebError::NotFound, WebError::NotSignedIn, WebError::Forbidden, WebError::Unavailable, WebError::Transport]
            .iter()
            .map(WebError::status)
            .collect();
        assert_eq!(statuses, [404, 401, 403, 503, 400]);
    }
}

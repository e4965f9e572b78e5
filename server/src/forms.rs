//! What the plain-form handlers share: reading a urlencoded body (checkbox groups repeat their
//! name), who is signed in, the answer when the database fails, and the way back to a form with
//! the reason of a refusal and everything that was typed.
use axum::body::Bytes;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use pasos_app::auth::CurrentUser;
use pasos_app::store::{StoreError, User};

/// `?` for handlers that answer a `Response` either way: the value, or return the answer.
#[macro_export]
macro_rules! or_answer {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(answer) => return answer,
        }
    };
}

/// What a lookup answers: the thing, `missing()` when it is not there, 503 when the database fails.
pub fn found<T>(r: Result<Option<T>, StoreError>, missing: impl FnOnce() -> Response) -> Result<T, Response> {
    match r {
        Ok(Some(v)) => Ok(v),
        Ok(None) => Err(missing()),
        Err(e) => Err(unavailable(e)),
    }
}

/// A form's fields in the order they arrived.
pub type Fields = Vec<(String, String)>;

/// The fields of a urlencoded body, each as typed but for the characters no output can carry
/// (NUL and the like; Word's line and page breaks stay, see `domain::text::typed`).
pub fn parse(body: &Bytes) -> Fields {
    form_urlencoded::parse(body).map(|(k, v)| (k.into_owned(), pasos_app::domain::text::typed(&v).into_owned())).collect()
}

/// The first value of `name` (empty when absent).
pub fn one(fields: &[(String, String)], name: &str) -> String {
    fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
}

/// Every value of `name`.
pub fn all(fields: &[(String, String)], name: &str) -> Vec<String> {
    fields.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect()
}

pub fn signed_in(current: &CurrentUser) -> Result<&User, Response> {
    current.0.as_ref().ok_or_else(|| (StatusCode::UNAUTHORIZED, "Inicie sesión para continuar.").into_response())
}

/// The database failed: nothing was stored; the cause goes to the log, not to the user.
pub fn unavailable(e: StoreError) -> Response {
    tracing::error!(error = %e, "error de base de datos en un formulario");
    (
        StatusCode::SERVICE_UNAVAILABLE,
        "El servicio no está disponible y no se registró nada. Vuelva atrás e intente de nuevo: lo que escribió sigue en el formulario.",
    )
        .into_response()
}

/// Back to `page` with the refusal's key and every field as typed, scrolled to `anchor`.
pub fn back(page: &str, error: &str, fields: &[(String, String)], anchor: &str) -> Response {
    let mut q = form_urlencoded::Serializer::new(String::new());
    q.append_pair("error", error);
    for (k, v) in fields.iter().filter(|(k, _)| k != "error") {
        q.append_pair(k, v);
    }
    Redirect::to(&format!("{page}?{}#{anchor}", q.finish())).into_response()
}

/// A file download.
pub fn attachment(name: &str, content_type: &str, body: impl Into<axum::body::Body>) -> Response {
    (
        [(header::CONTENT_TYPE, content_type.to_string()), (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\""))],
        body.into(),
    )
        .into_response()
}

/// axum's `Path`, except that an address it cannot read (an id that is not valid UTF-8, a number
/// that is not one) is what it is for the reader: a page not found, said in Spanish.
pub struct Path<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned + Send> FromRequestParts<S> for Path<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(Path(v)),
            Err(_) => Err((StatusCode::NOT_FOUND, "No encontramos esa dirección: revise el enlace.").into_response()),
        }
    }
}

//! The errors a page can receive from a server function: what the user needs to know, no more.
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The policy, step or page does not exist.
    #[error("no encontrado")]
    NotFound,
    /// No one is signed in.
    #[error("sin sesión")]
    Unauthenticated,
    /// Signed in, but the permission rule says no.
    #[error("sin permiso")]
    Forbidden,
    /// The database or the server failed; the cause is in the server's log, not here.
    #[error("servicio no disponible")]
    Unavailable,
    /// The request never reached the function or its answer was unreadable.
    #[error("error de comunicación")]
    Transport,
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(_: ServerFnErrorErr) -> Self {
        AppError::Transport
    }
}

#[cfg(feature = "ssr")]
impl From<crate::store::StoreError> for AppError {
    fn from(e: crate::store::StoreError) -> Self {
        tracing::error!(error = %e, "error de base de datos");
        AppError::Unavailable
    }
}

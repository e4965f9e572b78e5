//! The one way in. Every request passes the layers and the gate ([`session`]); a handler or a
//! server function then reads like: who is asking ([`SignedIn`]) → may they ([`require`]) →
//! domain check → store → redirect or page. Errors are one type ([`WebError`]), forms are typed
//! contracts ([`form`]); every address comes from [`crate::urls`].
#[cfg(feature = "ssr")]
pub mod assets;
#[cfg(feature = "ssr")]
pub mod copies;
pub mod error;
pub mod form;
#[cfg(feature = "ssr")]
pub mod held;
#[cfg(feature = "ssr")]
pub mod layers;
#[cfg(feature = "ssr")]
pub mod session;

pub use error::{Back, WebError};
#[cfg(feature = "ssr")]
pub use form::Form;
#[cfg(feature = "ssr")]
pub use session::SignedIn;

#[cfg(feature = "ssr")]
pub use state::{parse_networks, AppState, AuthSettings};

#[cfg(feature = "ssr")]
mod state {
    use leptos::config::LeptosOptions;

    use crate::store::Store;

    /// What every handler and server function shares: the Leptos options, the store, and how
    /// this instance is reached. Cheap to clone.
    #[derive(Clone)]
    pub struct AppState {
        pub leptos_options: LeptosOptions,
        pub store: Store,
        pub auth: AuthSettings,
        /// The holidays of this deployment (`PASOS_FERIADOS`): with them the dashboard also counts
        /// working days; without them it counts calendar days only.
        pub holidays: Option<crate::domain::calendar::Holidays>,
        /// How this deployment sends notices by e-mail (`PASOS_SMTP_URL`…); none: it does not.
        pub mail: Option<crate::mail::MailSettings>,
        /// The pages this instance answers from a copy (`web::copies`); start with `Default::default()`.
        pub pages: crate::web::copies::PageCopies,
    }

    impl axum::extract::FromRef<AppState> for LeptosOptions {
        fn from_ref(state: &AppState) -> Self {
            state.leptos_options.clone()
        }
    }

    /// How this instance is reached from outside, for cookies, the cross-site check and the
    /// client's address.
    #[derive(Clone, Debug, Default)]
    pub struct AuthSettings {
        /// `scheme://host[:port]` of `PASOS_PUBLIC_URL`; without it, the request's own host is trusted.
        pub public_origin: Option<String>,
        /// Cookies marked `Secure` (when the public URL is https).
        pub secure_cookies: bool,
        /// The balancers whose `X-Forwarded-For` is believed (`PASOS_TRUSTED_PROXIES`); from
        /// anyone else the header is ignored, since a client can write whatever it likes there.
        pub trusted_proxies: Vec<ipnet::IpNet>,
    }

    impl AuthSettings {
        pub fn from_public_url(url: Option<&str>) -> Self {
            let url = url.map(str::trim).filter(|u| !u.is_empty());
            Self {
                public_origin: url.map(|u| {
                    let (scheme, rest) = u.split_once("://").unwrap_or(("http", u));
                    let host = rest.split('/').next().unwrap_or(rest);
                    format!("{scheme}://{host}")
                }),
                secure_cookies: url.is_some_and(|u| u.starts_with("https://")),
                trusted_proxies: Vec::new(),
            }
        }

        /// `PASOS_PUBLIC_URL` and `PASOS_TRUSTED_PROXIES` (addresses or networks separated by
        /// commas: `10.0.0.5, 10.1.0.0/16`); an unreadable entry is an error at start, not a gap.
        pub fn from_env() -> Result<Self, String> {
            let mut settings = Self::from_public_url(std::env::var("PASOS_PUBLIC_URL").ok().as_deref());
            settings.trusted_proxies = parse_networks(&std::env::var("PASOS_TRUSTED_PROXIES").unwrap_or_default())?;
            Ok(settings)
        }
    }

    /// Addresses (`10.0.0.5`) and networks (`10.1.0.0/16`) separated by commas or spaces.
    pub fn parse_networks(list: &str) -> Result<Vec<ipnet::IpNet>, String> {
        list.split([',', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<ipnet::IpNet>()
                    .or_else(|_| s.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                    .map_err(|_| crate::i18n::t().bad_trusted_proxy(s))
            })
            .collect()
    }
}

/// Sets the HTTP status of the server-rendered response (no effect in the browser).
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(status)) =
        (leptos::prelude::use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(code))
    {
        options.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// A refusal from a server function, with its HTTP status set on the response (a server
/// function's errors are 500 otherwise).
#[cfg(feature = "ssr")]
pub fn refused(error: WebError) -> WebError {
    set_status(error.status());
    error
}

/// Asks the permission rule, [`domain::may`](crate::domain::may); `Forbidden` when it says no.
#[cfg(feature = "ssr")]
pub fn require(user: &crate::domain::User, action: crate::domain::Action, resource: crate::domain::Resource<'_>) -> Result<(), WebError> {
    if crate::domain::may(&user.actor(), action, resource) { Ok(()) } else { Err(refused(WebError::Forbidden)) }
}

/// The store of the request being answered by a server function.
#[cfg(feature = "ssr")]
pub fn store() -> Result<crate::store::Store, WebError> {
    leptos::prelude::use_context::<crate::store::Store>().ok_or(WebError::Unavailable)
}

/// A lookup's answer: the thing, or `NotFound`.
#[cfg(feature = "ssr")]
pub fn found<T>(value: Option<T>) -> Result<T, WebError> {
    value.ok_or(WebError::NotFound)
}

/// Builds a document (a DOCX, a workbook) on the blocking pool, one at a time per instance, so a
/// large deliverable never holds the threads that answer every other request; a request that
/// waits more than [`EXPORT_QUEUE`] for its turn is answered 503 (busy), not queued forever.
#[cfg(feature = "ssr")]
pub async fn export_job<T: Send + 'static>(job: impl FnOnce() -> T + Send + 'static) -> Result<T, WebError> {
    static ONE_AT_A_TIME: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(1);
    let _turn = tokio::time::timeout(EXPORT_QUEUE, ONE_AT_A_TIME.acquire()).await.map_err(|_| WebError::Unavailable)?.map_err(|_| WebError::Unavailable)?;
    tokio::task::spawn_blocking(job).await.map_err(|e| {
        tracing::error!(error = %e, "la generación de un documento falló");
        WebError::Unavailable
    })
}

/// How long a download waits for the export before which it was asked.
#[cfg(feature = "ssr")]
pub const EXPORT_QUEUE: std::time::Duration = std::time::Duration::from_secs(20);

/// A file download: its name and type, and the bytes or stream.
#[cfg(feature = "ssr")]
pub fn attachment(name: &str, content_type: &str, body: impl Into<axum::body::Body>) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    (
        [(header::CONTENT_TYPE, content_type.to_string()), (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\""))],
        body.into(),
    )
        .into_response()
}

/// A file someone uploaded, as a download: its kind's media type, its name in plain ASCII and in
/// UTF-8 (RFC 6266), never cached, and a sandbox should anything try to show it.
#[cfg(feature = "ssr")]
pub fn download(name: &str, media_type: &str, body: Vec<u8>) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    let ascii: String = name.chars().map(|c| if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' { c } else { '_' }).collect();
    let encoded: String = form_urlencoded::byte_serialize(name.as_bytes()).collect::<String>().replace('+', "%20");
    (
        [
            (header::CONTENT_TYPE, media_type.to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")),
            (header::CONTENT_SECURITY_POLICY, "sandbox; default-src 'none'".to_string()),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

/// axum's `Path`, except that an address it cannot read (an id that is not valid UTF-8, a
/// number that is not one) is what it is for the reader: a page not found.
#[cfg(feature = "ssr")]
pub struct Path<T>(pub T);

#[cfg(feature = "ssr")]
impl<S: Send + Sync, T: serde::de::DeserializeOwned + Send> axum::extract::FromRequestParts<S> for Path<T> {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, WebError> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(Path(v)),
            Err(_) => Err(WebError::NotFound),
        }
    }
}

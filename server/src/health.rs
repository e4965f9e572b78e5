//! `/healthz`: tells a balancer whether this instance can reach its database.
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Serialize;

use pasos_app::web::AppState;

#[derive(Debug, Serialize)]
pub struct Health {
    pub status: &'static str,
    pub db: String,
    pub version: &'static str,
}

/// 200 while the database answers within two seconds, 503 otherwise.
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    let answered = tokio::time::timeout(Duration::from_secs(2), state.store.ping()).await;
    let ok = matches!(answered, Ok(Ok(())));
    if let Ok(Err(e)) = &answered {
        tracing::warn!(error = %e, "la base de datos no responde");
    }
    let health = Health {
        status: if ok { "ok" } else { "error" },
        db: state.store.scheme().to_string(),
        version: env!("CARGO_PKG_VERSION"),
    };
    (if ok { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE }, Json(health))
}

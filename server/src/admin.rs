//! Account administration writes: create, change, reset a password. Each handler reads like a
//! server function: who is asking → may they → validate → store → audit → back to the page.
use axum::body::Bytes;
use axum::extract::State;
use crate::forms::Path;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use pasos_app::auth::{hash_password, session_token, temporary_password, token_digest, CurrentUser};
use pasos_app::domain::{may, Action, AccountError, NewUser, Resource, Role};
use pasos_app::store::{Store, StoreError, User};

use crate::router::AppState;

/// The fields of a user form, in the order they arrived (checkbox groups repeat their name).
struct Fields(Vec<(String, String)>);

impl Fields {
    fn parse(body: &Bytes) -> Self {
        Fields(crate::forms::parse(body))
    }
    fn one(&self, name: &str) -> String {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }
    fn all(&self, name: &str) -> Vec<String> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect()
    }
    fn new_user(&self, email: String) -> Result<NewUser, &'static str> {
        let roles = self.all("roles").iter().filter_map(|r| Role::from_key(r)).collect();
        let user = NewUser {
            email,
            name: self.one("nombre"),
            organisation: Some(self.one("organizacion")),
            jurisdiction: Some(self.one("region")),
            roles,
            policies: self.all("politicas"),
        };
        user.validate().map_err(|e| match e {
            AccountError::InvalidEmail => "email",
            AccountError::MissingName => "name",
            AccountError::NoRole => "roles",
            _ => "jurisdiction",
        })
    }
    /// Back to the form, with the error and everything typed (never a password: there is none here).
    fn back(&self, error: &str, id: &str) -> Response {
        let mut q = form_urlencoded::Serializer::new(String::new());
        q.append_pair("error", error)
            .append_pair("id", id)
            .append_pair("correo", &self.one("correo"))
            .append_pair("nombre", &self.one("nombre"))
            .append_pair("organizacion", &self.one("organizacion"))
            .append_pair("region", &self.one("region"))
            .append_pair("roles", &self.all("roles").join(","))
            .append_pair("politicas", &self.all("politicas").join(","))
            .append_pair("activa", if self.one("activa") == "si" { "si" } else { "no" });
        Redirect::to(&format!("/admin/usuarios?{}", q.finish())).into_response()
    }
}

/// The administrator making the request, or the refusal to send back.
fn admin(current: &CurrentUser) -> Result<&User, Response> {
    match &current.0 {
        Some(user) if may(&user.actor(), Action::ManageUsers, Resource::Site) => Ok(user),
        Some(_) => Err((StatusCode::FORBIDDEN, "Su cuenta no tiene permiso para administrar cuentas.").into_response()),
        None => Err((StatusCode::UNAUTHORIZED, "Inicie sesión para continuar.").into_response()),
    }
}

fn session_digest(headers: &HeaderMap) -> String {
    session_token(headers).map(|t| token_digest(&t)).unwrap_or_default()
}

/// The account described by the form, valid and naming a region and policies that exist; or the
/// way back to the form with the reason (`id` is empty for the creation form).
async fn checked_user(store: &Store, fields: &Fields, email: String, id: &str) -> Result<NewUser, Response> {
    let user = fields.new_user(email).map_err(|code| fields.back(code, id))?;
    let missing = async {
        if let Some(ubigeo) = &user.jurisdiction {
            if !store.jurisdictions().await?.iter().any(|j| &j.ubigeo == ubigeo) {
                return Ok(Some("region"));
            }
        }
        for code in &user.policies {
            if store.policy(code).await?.is_none() {
                return Ok(Some("politica"));
            }
        }
        Ok::<_, StoreError>(None)
    };
    match missing.await {
        Ok(None) => Ok(user),
        Ok(Some(code)) => Err(fields.back(code, id)),
        Err(e) => Err(service_error(e, fields, id)),
    }
}

/// The account an id names, or the answer to send back.
async fn target_account(store: &Store, id: &str, fields: &Fields) -> Result<User, Response> {
    match store.user_by_id(id).await {
        Ok(Some(u)) => Ok(u),
        Ok(None) => Err((StatusCode::NOT_FOUND, "No existe esa cuenta.").into_response()),
        Err(e) => Err(service_error(e, fields, id)),
    }
}

/// A fresh temporary password and its hash (hashing is slow, so off the async threads).
async fn temporary_password_and_hash() -> Option<(String, String)> {
    let password = temporary_password();
    let p = password.clone();
    let hash = crate::auth::with_argon2(move || hash_password(&p)).await?.ok()?;
    Some((password, hash))
}

fn service_error(e: StoreError, fields: &Fields, id: &str) -> Response {
    tracing::error!(error = %e, "error en la administración de cuentas");
    fields.back("servicio", id)
}

/// `POST /admin/usuarios`: a new account with a temporary password, shown once.
pub async fn create(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let admin = match admin(&current) {
        Ok(a) => a,
        Err(refusal) => return refusal,
    };
    let fields = Fields::parse(&body);
    let user = match checked_user(&state.store, &fields, fields.one("correo"), "").await {
        Ok(u) => u,
        Err(back) => return back,
    };
    let Some((password, hash)) = temporary_password_and_hash().await else {
        return fields.back("servicio", "");
    };
    match state.store.create_user(user, hash, &admin.author()).await {
        Ok(created) => {
            let message = format!("Cuenta creada para {} <{}>.", created.name, created.email);
            if let Err(e) = state.store.put_flash(&session_digest(&headers), &message, Some(password)).await {
                return service_error(e, &fields, "");
            }
            Redirect::to("/admin/usuarios").into_response()
        }
        Err(StoreError::DuplicateEmail(_)) => fields.back("duplicado", ""),
        Err(e) => service_error(e, &fields, ""),
    }
}

/// `POST /admin/usuarios/{id}`: roles, policies, region, organisation, name and state.
pub async fn update(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let admin = match admin(&current) {
        Ok(a) => a,
        Err(refusal) => return refusal,
    };
    let fields = Fields::parse(&body);
    let target = match target_account(&state.store, &id, &fields).await {
        Ok(u) => u,
        Err(answer) => return answer,
    };
    let changes = match checked_user(&state.store, &fields, target.email.clone(), &id).await {
        Ok(u) => u,
        Err(back) => return back,
    };
    let active = fields.one("activa") == "si";
    match state.store.update_user(&target, changes, active, &admin.author()).await {
        Ok(updated) => {
            let message = format!("Cambios guardados en la cuenta de {}.", updated.email);
            match state.store.put_flash(&session_digest(&headers), &message, None).await {
                Ok(()) => Redirect::to("/admin/usuarios").into_response(),
                Err(e) => service_error(e, &fields, &id),
            }
        }
        Err(StoreError::LastAdmin) => fields.back("ultimo_admin", &id),
        Err(e) => service_error(e, &fields, &id),
    }
}

/// `POST /admin/usuarios/{id}/clave`: a temporary password, shown once; the account's sessions end.
pub async fn reset_password(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let admin = match admin(&current) {
        Ok(a) => a,
        Err(refusal) => return refusal,
    };
    let none = Fields(Vec::new());
    let target = match target_account(&state.store, &id, &none).await {
        Ok(u) => u,
        Err(answer) => return answer,
    };
    let Some((password, hash)) = temporary_password_and_hash().await else {
        return none.back("servicio", &id);
    };
    let result = async {
        state.store.set_password(&target, hash, &admin.author()).await?;
        let message = format!("Contraseña restablecida para {}; sus sesiones se cerraron.", target.email);
        state.store.put_flash(&session_digest(&headers), &message, Some(password)).await
    }
    .await;
    match result {
        Ok(()) => Redirect::to("/admin/usuarios").into_response(),
        Err(e) => service_error(e, &none, &id),
    }
}

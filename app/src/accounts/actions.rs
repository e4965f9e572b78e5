//! Account writes: one's own password, and an administrator creating an account, changing it,
//! or giving it a temporary password. Each reads: who is asking → may they → validate → store →
//! back to the page (refusals with everything typed).
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};

use super::form::{PasswordForm, PasswordOutcome, UserForm, UserRefusal};
use crate::store::credentials::{hash_password, temporary_password, token_digest, verify_password, with_argon2};
use crate::domain::account::check_password;
use crate::domain::{AccountError, Action, NewUser, Resource, Role, User};
use crate::i18n::t;
use crate::store::{Store, StoreError};
use crate::web::session::session_token;
use crate::web::{require, AppState, Form, Path, SignedIn, WebError};
use crate::urls;

/// `POST /cuenta/clave`: the user changes their own password; their other sessions end.
pub async fn change_password(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    headers: HeaderMap,
    Form { data: form, .. }: Form<PasswordForm>,
) -> Redirect {
    let back = |outcome: PasswordOutcome| Redirect::to(&outcome.location());
    if form.nueva != form.repetida {
        return back(PasswordOutcome::Mismatch);
    }
    if let Err(e) = check_password(&form.nueva) {
        return back(if e == AccountError::PasswordTooLong { PasswordOutcome::TooLong } else { PasswordOutcome::TooShort });
    }
    let result: Result<PasswordOutcome, StoreError> = async {
        let hash = state.store.user_with_hash(&user.email).await?.map(|(_, h)| h).unwrap_or_default();
        let (actual, nueva) = (form.actual.clone(), form.nueva.clone());
        let checked = with_argon2(move || verify_password(&actual, &hash).then(|| hash_password(&nueva).ok()).flatten()).await.flatten();
        let Some(new_hash) = checked else { return Ok(PasswordOutcome::WrongCurrent) };
        let keep = session_token(&headers).map(|t| token_digest(&t));
        state.store.change_password(&user, new_hash, keep.as_deref(), &user.author()).await?;
        Ok(PasswordOutcome::Changed)
    }
    .await;
    back(result.unwrap_or_else(|e| {
        tracing::error!(error = %e, "error al cambiar la contraseña");
        PasswordOutcome::Unavailable
    }))
}

/// The administrator making the request.
fn administrator(user: SignedIn) -> Result<User, WebError> {
    require(&user, Action::ManageUsers, Resource::Site)?;
    Ok(user.0)
}

/// Back to the account form with the refusal and everything typed (never a password: there is
/// none here); `id` names the account whose form it was (empty: the creation form).
fn back(refusal: UserRefusal, typed: &[(String, String)], id: &str) -> WebError {
    let mut fields: Vec<(String, String)> = typed.iter().filter(|(k, _)| k != UserForm::id).cloned().collect();
    fields.push((UserForm::id.to_string(), id.to_string()));
    WebError::back(urls::USERS, refusal.key(), &fields, "")
}

/// The account described by the form, valid and naming a region and policies that exist.
async fn checked_user(store: &Store, form: &UserForm, email: String) -> Result<Result<NewUser, UserRefusal>, StoreError> {
    let user = NewUser {
        email,
        name: form.nombre.clone(),
        organisation: Some(form.organizacion.clone()),
        jurisdiction: Some(form.region.clone()),
        roles: form.roles.iter().filter_map(|r| Role::from_key(r)).collect(),
        policies: form.politicas.clone(),
    };
    let user = match user.validate() {
        Ok(u) => u,
        Err(e) => return Ok(Err(UserRefusal::Invalid(e))),
    };
    if let Some(ubigeo) = &user.jurisdiction {
        if !store.jurisdictions().await?.iter().any(|j| &j.ubigeo == ubigeo) {
            return Ok(Err(UserRefusal::UnknownRegion));
        }
    }
    for code in &user.policies {
        if store.policy(code).await?.is_none() {
            return Ok(Err(UserRefusal::UnknownPolicy));
        }
    }
    Ok(Ok(user))
}

/// A fresh temporary password and its hash (hashing is slow, so off the async threads).
async fn temporary_password_and_hash() -> Option<(String, String)> {
    let password = temporary_password();
    let p = password.clone();
    let hash = with_argon2(move || hash_password(&p)).await?.ok()?;
    Some((password, hash))
}

/// The digest of the session the administrator is using, to key the one-time message to it.
fn session_digest(headers: &HeaderMap) -> String {
    session_token(headers).map(|t| token_digest(&t)).unwrap_or_default()
}

/// `POST /admin/usuarios`: a new account with a temporary password, shown once.
pub async fn create(State(state): State<AppState>, user: SignedIn, headers: HeaderMap, form: Form<UserForm>) -> Result<Response, WebError> {
    let admin = administrator(user)?;
    let refused = |r: UserRefusal| back(r, &form.typed, "");
    let new = match checked_user(&state.store, &form.data, form.data.correo.clone()).await {
        Ok(Ok(u)) => u,
        Ok(Err(r)) => return Err(refused(r)),
        Err(e) => return Err(service_error(e, &form.typed, "")),
    };
    let Some((password, hash)) = temporary_password_and_hash().await else { return Err(refused(UserRefusal::Unavailable)) };
    match state.store.create_user(new, hash, &admin.author()).await {
        Ok(created) => {
            let message = t().account_created(&created.name, &created.email);
            if let Err(e) = state.store.put_flash(&session_digest(&headers), &message, Some(password)).await {
                return Err(service_error(e, &form.typed, ""));
            }
            Ok(Redirect::to(urls::USERS).into_response())
        }
        Err(StoreError::DuplicateEmail(_)) => Err(refused(UserRefusal::Duplicate)),
        Err(e) => Err(service_error(e, &form.typed, "")),
    }
}

/// The database failed: back to the form, nothing saved, the cause to the log.
fn service_error(e: StoreError, typed: &[(String, String)], id: &str) -> WebError {
    tracing::error!(error = %e, "error en la administración de cuentas");
    back(UserRefusal::Unavailable, typed, id)
}

/// `POST /admin/usuarios/{id}`: roles, policies, region, organisation, name and state.
pub async fn update(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<String>,
    headers: HeaderMap,
    form: Form<UserForm>,
) -> Result<Redirect, WebError> {
    let admin = administrator(user)?;
    let target = state.store.user_by_id(&id).await.map_err(|e| service_error(e, &form.typed, &id))?.ok_or(WebError::NotFound)?;
    let changes = match checked_user(&state.store, &form.data, target.email.clone()).await {
        Ok(Ok(u)) => u,
        Ok(Err(r)) => return Err(back(r, &form.typed, &id)),
        Err(e) => return Err(service_error(e, &form.typed, &id)),
    };
    let active = form.data.activa == "si";
    match state.store.update_user(&target, changes, active, &admin.author()).await {
        Ok(updated) => {
            let message = t().account_changed(&updated.email);
            state.store.put_flash(&session_digest(&headers), &message, None).await.map_err(|e| service_error(e, &form.typed, &id))?;
            Ok(Redirect::to(urls::USERS))
        }
        Err(StoreError::LastAdmin) => Err(back(UserRefusal::LastAdmin, &form.typed, &id)),
        Err(e) => Err(service_error(e, &form.typed, &id)),
    }
}

/// `POST /admin/usuarios/{id}/clave`: a temporary password, shown once; the account's sessions end.
pub async fn reset_password(State(state): State<AppState>, user: SignedIn, Path(id): Path<String>, headers: HeaderMap) -> Result<Redirect, WebError> {
    let admin = administrator(user)?;
    let target = state.store.user_by_id(&id).await.map_err(|e| service_error(e, &[], &id))?.ok_or(WebError::NotFound)?;
    let Some((password, hash)) = temporary_password_and_hash().await else { return Err(back(UserRefusal::Unavailable, &[], &id)) };
    let result = async {
        state.store.set_password(&target, hash, &admin.author()).await?;
        state.store.put_flash(&session_digest(&headers), &t().password_reset_done(&target.email), Some(password)).await
    }
    .await;
    result.map(|()| Redirect::to(urls::USERS)).map_err(|e| service_error(e, &[], &id))
}

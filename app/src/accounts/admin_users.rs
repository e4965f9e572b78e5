//! `/admin/usuarios`: accounts — list (paginated), create, change roles, policies, region and
//! state, reset a password. Plain forms posted to the server: they work without the wasm.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::data::{get_admin_users, AdminUsers};
use super::form::{UserForm as F, UserRefusal};
use crate::domain::{Role, User};
use crate::i18n::t;
use crate::ui::{loaded, PageTitle, Pagination};
use crate::urls;

/// The values a form is filled with: the stored ones, or what the user typed before an error.
#[derive(Clone, Default)]
struct FormValues {
    email: String,
    name: String,
    organisation: String,
    jurisdiction: String,
    roles: Vec<String>,
    policies: Vec<String>,
    active: bool,
}

impl FormValues {
    fn of(u: &User) -> Self {
        Self {
            email: u.email.clone(),
            name: u.name.clone(),
            organisation: u.organisation.clone().unwrap_or_default(),
            jurisdiction: u.jurisdiction.clone().unwrap_or_default(),
            roles: u.roles.iter().map(|r| r.key().to_string()).collect(),
            policies: u.policies.clone(),
            active: u.active,
        }
    }
}

fn error_text(code: &str) -> Option<&'static str> {
    let t = t();
    Some(match UserRefusal::from_key(code)? {
        UserRefusal::Invalid(e) => t.account_error(e),
        UserRefusal::Duplicate => t.email_taken,
        UserRefusal::UnknownRegion => t.unknown_region,
        UserRefusal::UnknownPolicy => t.unknown_policy,
        UserRefusal::Unavailable => t.sign_in_unavailable,
        UserRefusal::LastAdmin => t.last_admin,
    })
}

#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let query = use_query_map();
    let page = move || query.read().get("pagina").and_then(|p| p.parse().ok()).unwrap_or(1usize);
    let data = Resource::new(page, get_admin_users);
    loaded(data, move |d| view! { <UsersView data=d /> })
}

#[component]
fn UsersView(data: AdminUsers) -> impl IntoView {
    let t = t();
    let query = use_query_map();
    let q = move |k: &str| query.read_untracked().get(k).unwrap_or_default();
    let error = error_text(&q("error"));
    // After an error, the form that failed is filled with what was typed (the same form's fields).
    let kept: F = crate::ui::kept();
    let typed = error.map(|_| FormValues {
        email: kept.correo.clone(),
        name: kept.nombre.clone(),
        organisation: kept.organizacion.clone(),
        jurisdiction: kept.region.clone(),
        roles: kept.roles.clone(),
        policies: kept.politicas.clone(),
        active: kept.activa == "si",
    });
    let failed_id = kept.id.clone();
    let options = (data.jurisdictions.clone(), data.policies.clone());
    let create_values = if failed_id.is_empty() { typed.clone().unwrap_or_default() } else { FormValues::default() };
    view! {
        <PageTitle text=t.users_title />
        <h1>{t.users_title}</h1>
        <p class="lead">{t.users_intro}</p>
        {data.flash.into_iter().map(|(message, secret)| view! {
            <div class="notice-ok" role="status">
                <p>{message}</p>
                {secret.map(|s| view! { <p>{t.temporary_password}" "<code class="secret">{s}</code></p> })}
            </div>
        }).collect_view()}
        {error.map(|e| view! { <p class="form-error" role="alert">{e}</p> })}

        <section class="card" aria-labelledby="crear">
            <h2 id="crear">{t.create_user}</h2>
            <UserForm action=urls::USERS.to_string() prefix="nuevo".to_string() values=create_values options=options.clone() with_email=true />
        </section>

        <section aria-labelledby="lista">
            <h2 id="lista">{t.users_title}" ("{data.total}")"</h2>
            {if data.users.is_empty() {
                view! { <p>{t.no_users}</p> }.into_any()
            } else {
                view! {
                    <ul class="user-list">
                        {data.users.into_iter().map(|u| {
                            let values = if failed_id == u.id { typed.clone().unwrap_or_else(|| FormValues::of(&u)) } else { FormValues::of(&u) };
                            let open = failed_id == u.id;
                            let roles = u.roles.iter().map(|r| t.role(*r)).collect::<Vec<_>>().join(", ");
                            view! {
                                <li class="card user">
                                    <p class="user-head">
                                        <strong>{u.name.clone()}</strong>" · "{u.email.clone()}" · "{roles}
                                        {(!u.active).then(|| view! { " " <span class="badge state-observado_ceplan">{t.inactive}</span> })}
                                    </p>
                                    <details open=open>
                                        <summary>{t.edit}" "<span class="visually-hidden">{u.email.clone()}</span></summary>
                                        <UserForm action=urls::user(&u.id) prefix=format!("u{}", u.id) values=values options=options.clone() with_email=false />
                                        <form method="post" action=urls::user_password(&u.id) class="form reset">
                                            <crate::ui::FormKey anchor="" />
                                            <p class="meta">{t.reset_password_help}</p>
                                            <button type="submit" class="button button-secondary">{t.reset_password}</button>
                                        </form>
                                    </details>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <Pagination base=format!("{}?", urls::USERS) page=data.page pages=data.total.div_ceil(data.page_size).max(1) />
        </section>
    }
}

#[component]
fn UserForm(
    action: String,
    prefix: String,
    values: FormValues,
    options: (Vec<(String, String)>, Vec<String>),
    with_email: bool,
) -> impl IntoView {
    let t = t();
    let id = move |f: &str| format!("{prefix}-{f}");
    let (jurisdictions, policies) = options;
    view! {
        <form method="post" action=action class="form user-form">
            <crate::ui::FormKey anchor="" />
            {with_email.then(|| view! {
                <div class="field">
                    <label for=id("correo")>{t.email}</label>
                    <input id=id("correo") name=F::correo type="email" required maxlength="254" value=values.email.clone() />
                </div>
            })}
            <div class="field">
                <label for=id("nombre")>{t.name}</label>
                <input id=id("nombre") name=F::nombre required maxlength="200" value=values.name.clone() />
            </div>
            <div class="field">
                <label for=id("organizacion")>{t.organisation}</label>
                <input id=id("organizacion") name=F::organizacion maxlength="200" value=values.organisation.clone() />
            </div>
            <div class="field">
                <label for=id("region")>{t.jurisdiction}</label>
                <select id=id("region") name=F::region>
                    <option value="" selected=values.jurisdiction.is_empty()>{t.no_jurisdiction}</option>
                    {jurisdictions.into_iter().map(|(ubigeo, name)| {
                        let selected = values.jurisdiction == ubigeo;
                        view! { <option value=ubigeo selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <fieldset class="field">
                <legend>{t.roles}</legend>
                {Role::ALL.into_iter().map(|r| {
                    let checked = values.roles.iter().any(|k| k == r.key());
                    view! { <label class="check"><input type="checkbox" name=F::roles value=r.key() checked=checked />" "{t.role(r)}</label> }
                }).collect_view()}
            </fieldset>
            <fieldset class="field">
                <legend>{t.policies}</legend>
                {policies.into_iter().map(|p| {
                    let checked = values.policies.contains(&p);
                    view! { <label class="check"><input type="checkbox" name=F::politicas value=p.clone() checked=checked />" "{p.clone()}</label> }
                }).collect_view()}
            </fieldset>
            {(!with_email).then(|| view! {
                <label class="check"><input type="checkbox" name=F::activa value="si" checked=values.active />" "{t.active}</label>
            })}
            <button type="submit" class="button">{if with_email { t.create_user } else { t.save }}</button>
        </form>
    }
}

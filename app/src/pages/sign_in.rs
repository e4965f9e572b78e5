//! `/ingresar`: the sign-in form. A plain HTML form posted to the server, so it works before
//! (and without) the wasm; the server answers with a redirect that carries any error.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::i18n::t;

#[component]
pub fn SignInPage() -> impl IntoView {
    let t = t();
    let query = use_query_map();
    let get = move |k: &str| query.read_untracked().get(k).unwrap_or_default();
    let message = match get("error").as_str() {
        "faltan" => Some(t.sign_in_missing),
        "credenciales" => Some(t.sign_in_wrong),
        "bloqueado" => Some(t.sign_in_throttled),
        "servicio" => Some(t.sign_in_unavailable),
        _ => None,
    };
    let notice = (get("aviso") == "salida").then_some(t.signed_out);
    view! {
        <Title text=t.sign_in_title />
        <section class="card sign-in" aria-labelledby="sign-in-title">
            <h1 id="sign-in-title">{t.sign_in_title}</h1>
            <p>{t.sign_in_intro}</p>
            {notice.map(|n| view! { <p class="notice-ok" role="status">{n}</p> })}
            {message.map(|m| view! { <p class="form-error" role="alert" id="sign-in-error">{m}</p> })}
            <form method="post" action="/ingresar" class="form">
                <input type="hidden" name="siguiente" value=get("siguiente") />
                <div class="field">
                    <label for="correo">{t.email}</label>
                    <input
                        id="correo"
                        name="correo"
                        type="email"
                        autocomplete="username"
                        required
                        maxlength="254"
                        value=get("correo")
                        aria-describedby=message.map(|_| "sign-in-error")
                        aria-invalid=message.map(|_| "true")
                    />
                </div>
                <div class="field">
                    <label for="contrasena">{t.password}</label>
                    <input
                        id="contrasena"
                        name="contrasena"
                        type="password"
                        autocomplete="current-password"
                        required
                        maxlength="256"
                    />
                </div>
                <button type="submit" class="button">{t.sign_in_button}</button>
            </form>
        </section>
    }
}

//! The choice of frequency on one's account page, and `/admin/correos`: the outbox's counts and
//! the messages that failed, each with a button to send it again.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::data::{get_mail_choice, get_outbox, MailChoice, OutboxView};
use super::form::{FrequencyForm as F, BAD_CHOICE, FREQUENCY_ANCHOR, RETRIED, SAVED};
use crate::domain::mail::Frequency;
use crate::i18n::t;
use crate::ui::{loaded, machine_moment, moment, FormFeedback, FormKey, PageTitle};
use crate::urls;

/// The account page's section: how this user hears of their notices by e-mail.
#[component]
pub fn MailPreference() -> impl IntoView {
    let query = use_query_map();
    let flag = move |k: &str| query.read_untracked().get(k).unwrap_or_default();
    let saved = flag("aviso") == SAVED;
    let refused = flag("error") == BAD_CHOICE;
    let data = Resource::new(|| (), |_| get_mail_choice());
    loaded(data, move |c| view! { <ChoiceForm choice=c saved=saved refused=refused /> })
}

#[component]
fn ChoiceForm(choice: MailChoice, saved: bool, refused: bool) -> impl IntoView {
    let t = t();
    let hint_id = "correos-ayuda";
    view! {
        <section class="card" aria-labelledby="correos-titulo" id=FREQUENCY_ANCHOR>
            <h2 id="correos-titulo">{t.mail_section_title()}</h2>
            <FormFeedback
                anchor=FREQUENCY_ANCHOR
                error=refused.then(|| t.mail_frequency_bad().to_string())
                ok=saved.then(|| t.mail_frequency_saved().to_string())
            />
            <p id=hint_id>
                {if choice.enabled { t.mail_sent_to(&choice.email) } else { t.mail_off().to_string() }}
                " "{t.mail_digest_hint(choice.digest_hour)}
            </p>
            <form method="post" action=urls::MAIL_FREQUENCY class="form">
                <FormKey anchor=FREQUENCY_ANCHOR />
                <fieldset aria-describedby=hint_id>
                    <legend>{t.mail_frequency_legend()}</legend>
                    {Frequency::ALL.into_iter().map(|f| {
                        let (id, label_for) = (format!("frecuencia-{}", f.key()), format!("frecuencia-{}", f.key()));
                        view! {
                            <label class="check" for=label_for>
                                <input type="radio" id=id name=F::frecuencia value=f.key() required checked=choice.frequency == f.key() />
                                " "{t.mail_frequency(f)}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <button type="submit" class="button">{t.mail_frequency_save()}</button>
            </form>
        </section>
    }
}

/// `/admin/correos`.
#[component]
pub fn OutboxPage() -> impl IntoView {
    let query = use_query_map();
    let retried = query.read_untracked().get("aviso").is_some_and(|a| a == RETRIED);
    let data = Resource::new(|| (), |_| get_outbox());
    loaded(data, move |o| view! { <OutboxList data=o retried=retried /> })
}

#[component]
fn OutboxList(data: OutboxView, retried: bool) -> impl IntoView {
    let t = t();
    let o = data.outbox;
    let [to, subject, created, attempts, error, status] = t.admin_mail_columns();
    view! {
        <PageTitle text=t.admin_mail_title() />
        <h1>{t.admin_mail_title()}</h1>
        {retried.then(|| view! { <p class="notice-ok" role="status">{t.admin_mail_retried()}</p> })}
        {(!data.enabled).then(|| view! { <p class="notice">{t.admin_mail_off()}</p> })}
        <p class="lead">{t.admin_mail_intro()}</p>
        <p>{t.admin_mail_counts(o.pending, o.sent, o.failed)}</p>
        {if o.problems.is_empty() {
            view! { <p class="empty">{t.admin_mail_none()}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="correos-fallas">
                    <table>
                        <caption id="correos-fallas">{t.admin_mail_title()}</caption>
                        <thead><tr>
                            <th scope="col">{to}</th><th scope="col">{subject}</th><th scope="col">{created}</th>
                            <th scope="col">{attempts}</th><th scope="col">{error}</th><th scope="col">{status}</th>
                        </tr></thead>
                        <tbody>
                            {o.problems.into_iter().map(|p| view! {
                                <tr>
                                    <td>{p.to.clone()}</td>
                                    <td>{p.subject.clone()}</td>
                                    <td><time datetime=machine_moment(&p.created_at)>{moment(&p.created_at)}</time></td>
                                    <td>{p.attempts}</td>
                                    <td>{p.last_error.clone().unwrap_or_default()}</td>
                                    <td>
                                        {if p.failed { t.admin_mail_failed().to_string() } else { t.admin_mail_retrying(&moment(&p.next_at)) }}
                                        <form method="post" action=urls::mail_retry(&p.id)>
                                            <FormKey anchor="" />
                                            <button type="submit" class="button button-secondary">{t.admin_mail_retry()}</button>
                                        </form>
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}

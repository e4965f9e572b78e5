//! `/admin/auditoria`: the audit log, filtered by user, policy and dates, newest first, paginated.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::data::{get_admin_audit, AdminAudit};
use super::form::AuditQuery as F;
use crate::domain::AuditFilter;
use crate::i18n::t;
use crate::ui::{loaded, machine_moment, moment, PageTitle, Pagination};
use crate::urls;

#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let query = use_query_map();
    let params = move || {
        let q = query.read();
        let text = |k: &str| q.get(k).filter(|v| !v.is_empty());
        let date = |k: &str| text(k).and_then(|v| chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok());
        let filter = AuditFilter { user_id: text(F::usuario), policy: text(F::politica), from: date(F::desde), to: date(F::hasta) };
        (filter, q.get(F::pagina).and_then(|p| p.parse().ok()).unwrap_or(1usize))
    };
    let data = Resource::new(params, |(filter, page)| get_admin_audit(filter, page));
    loaded(data, move |d| {
        let (filter, _) = params();
        view! { <AuditView data=d filter=filter /> }
    })
}

#[component]
fn AuditView(data: AdminAudit, filter: AuditFilter) -> impl IntoView {
    let t = t();
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
    let base = format!(
        "{}?{}={}&{}={}&{}={}&{}={}&",
        urls::AUDIT,
        F::usuario,
        filter.user_id.clone().unwrap_or_default(),
        F::politica,
        filter.policy.clone().unwrap_or_default(),
        F::desde,
        date(filter.from),
        F::hasta,
        date(filter.to)
    );
    let page = data.page;
    view! {
        <PageTitle text=t.audit_title />
        <h1>{t.audit_title}</h1>
        <p class="lead">{t.audit_intro}</p>
        <form method="get" action=urls::AUDIT class="form filters">
            <div class="field">
                <label for="f-usuario">{t.user}</label>
                <select id="f-usuario" name=F::usuario>
                    <option value="">{t.all}</option>
                    {data.users.into_iter().map(|(id, name)| {
                        let selected = filter.user_id.as_deref() == Some(id.as_str());
                        view! { <option value=id selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-politica">{t.policy}</label>
                <select id="f-politica" name=F::politica>
                    <option value="">{t.all}</option>
                    {data.policies.into_iter().map(|code| {
                        let selected = filter.policy.as_deref() == Some(code.as_str());
                        view! { <option value=code.clone() selected=selected>{code.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-desde">{t.from}</label>
                <input id="f-desde" name=F::desde type="date" value=date(filter.from) />
            </div>
            <div class="field">
                <label for="f-hasta">{t.to}</label>
                <input id="f-hasta" name=F::hasta type="date" value=date(filter.to) />
            </div>
            <button type="submit" class="button">{t.filter}</button>
        </form>
        <p class="meta" role="status">{format!("{}: {}", t.results, page.total)}</p>
        {if page.entries.is_empty() {
            view! { <p>{t.no_audit}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" tabindex="0">
                    <table class="data">
                        <thead>
                            <tr>
                                <th scope="col">{t.when}</th>
                                <th scope="col">{t.who}</th>
                                <th scope="col">{t.policy}</th>
                                <th scope="col">{t.entity}</th>
                                <th scope="col">{t.what}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {page.entries.iter().map(|e| view! {
                                <tr>
                                    <td><time datetime=machine_moment(&e.at)>{moment(&e.at)}</time></td>
                                    <td>{e.actor.clone()}</td>
                                    <td>{e.policy.clone().unwrap_or_default()}</td>
                                    <td>{t.audit_entity(&e.entity).to_string()}</td>
                                    <td>{e.summary.clone()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        <Pagination base=base page=page.page pages=page.pages() />
    }
}

//! `/admin/auditoria`: the audit log, filtered by user, policy and dates, newest first, paginated.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::parts::{loaded, Pagination};
use crate::api::get_admin_audit;
use crate::format::moment;
use crate::i18n::t;
use crate::model::{AdminAudit, AuditFilter};

#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let query = use_query_map();
    let params = move || {
        let q = query.read();
        let text = |k: &str| q.get(k).filter(|v| !v.is_empty());
        let date = |k: &str| text(k).and_then(|v| chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok());
        let filter = AuditFilter { user_id: text("usuario"), policy: text("politica"), from: date("desde"), to: date("hasta") };
        (filter, q.get("pagina").and_then(|p| p.parse().ok()).unwrap_or(1usize))
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
        "/admin/auditoria?usuario={}&politica={}&desde={}&hasta={}&",
        filter.user_id.clone().unwrap_or_default(),
        filter.policy.clone().unwrap_or_default(),
        date(filter.from),
        date(filter.to)
    );
    let page = data.page;
    view! {
        <Title text=t.audit_title />
        <h1>{t.audit_title}</h1>
        <p class="lead">{t.audit_intro}</p>
        <form method="get" action="/admin/auditoria" class="form filters">
            <div class="field">
                <label for="f-usuario">{t.user}</label>
                <select id="f-usuario" name="usuario">
                    <option value="">{t.all}</option>
                    {data.users.into_iter().map(|(id, name)| {
                        let selected = filter.user_id.as_deref() == Some(id.as_str());
                        view! { <option value=id selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-politica">{t.policy}</label>
                <select id="f-politica" name="politica">
                    <option value="">{t.all}</option>
                    {data.policies.into_iter().map(|code| {
                        let selected = filter.policy.as_deref() == Some(code.as_str());
                        view! { <option value=code.clone() selected=selected>{code.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-desde">{t.from}</label>
                <input id="f-desde" name="desde" type="date" value=date(filter.from) />
            </div>
            <div class="field">
                <label for="f-hasta">{t.to}</label>
                <input id="f-hasta" name="hasta" type="date" value=date(filter.to) />
            </div>
            <button type="submit" class="button">{t.filter}</button>
        </form>
        <p class="meta" role="status">{format!("{}: {}", t.results, page.total)}</p>
        {if page.entries.is_empty() {
            view! { <p>{t.no_audit}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll">
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
                                    <td><time datetime=crate::format::machine_moment(&e.at)>{moment(&e.at)}</time></td>
                                    <td>{e.actor.clone()}</td>
                                    <td>{e.policy.clone().unwrap_or_default()}</td>
                                    <td>{e.entity.clone()}</td>
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

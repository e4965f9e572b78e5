//! `/talleres/{id}`: one workshop — the call, who attended counted by region, type of entity and
//! sex (tables and pictures), the attendance list to the team and managers (entered or imported
//! from a sheet), the acta, its documents in the expediente, and the contributions received there
//! with the form that transcribes one.
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::data::{get_workshop, WorkshopPage as Page};
use super::call::CallForm;
use super::form::{
    AttendeeForm as A, ImportRefusal, MinutesForm as M, WorkshopContributionForm as C, WorkshopForm, ADDED, ATTENDEE_ANCHOR, CALL_ANCHOR, CALL_SAVED,
    CONTRIBUTION_ANCHOR, CONTRIBUTION_RECORDED, IMPORT_ANCHOR, LISTED_ALREADY, LIST_ANCHOR, MINUTES_ANCHOR, MINUTES_SAVED, PAGE, RECORDED, REMOVED, SHEET,
};
use crate::domain::rounds::RoundError;
use crate::domain::workshop::{AttendeeError, EntityType, Sex, SheetError, WorkshopError};
use crate::i18n::t;
use crate::ui::{held, kept, loaded, textarea_html, Crumbs, FormFeedback, FormKey, PageTitle, Pagination};
use crate::urls;

#[component]
pub fn WorkshopPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || (params.read().get("id").unwrap_or_default(), query.read().get(PAGE).and_then(|p| p.parse().ok()).unwrap_or(1usize));
    let page = Resource::new(key, |(id, page)| get_workshop(id, page));
    loaded(page, move |p| {
        let q = query.read();
        let flags = Flags {
            recorded: q.get(RECORDED).is_some(),
            corrected: q.get(CALL_SAVED).is_some(),
            minutes_saved: q.get(MINUTES_SAVED).is_some(),
            added: q.get(ADDED).and_then(|n| n.parse().ok()).zip(q.get(LISTED_ALREADY).and_then(|n| n.parse().ok())),
            removed: q.get(REMOVED).is_some(),
            contribution: q.get(CONTRIBUTION_RECORDED).and_then(|n| n.parse().ok()),
        };
        view! { <Workshop page=p flags=flags /> }
    })
}

/// What the last form did, as its redirect says.
#[derive(Clone, Copy, Default)]
struct Flags {
    recorded: bool,
    corrected: bool,
    minutes_saved: bool,
    added: Option<(usize, usize)>,
    removed: bool,
    contribution: Option<u32>,
}

/// The held form of the form at `anchor`, if the last refusal was its: its error key.
fn refused_at(anchor: &str) -> Option<String> {
    held().filter(|h| h.anchor == anchor).map(|h| h.error.clone())
}

/// What was typed in the form at `anchor` (a refusal's), else nothing.
fn typed_at<T: serde::de::DeserializeOwned + Default>(anchor: &str) -> T {
    if refused_at(anchor).is_some() { kept() } else { T::default() }
}

#[component]
fn Workshop(page: Page, flags: Flags) -> impl IntoView {
    let t = t();
    let w = page.info.workshop.clone();
    let id = page.info.id.clone();
    let code = page.info.policy_code.clone();
    let region_name = {
        let regions = page.regions.clone();
        move |u: &str| regions.iter().find(|(c, _)| c == u).map(|(_, n)| n.clone()).unwrap_or_else(|| u.to_string())
    };
    let convened: Vec<String> = w.jurisdictions.iter().map(|u| region_name(u)).collect();
    let place = w.place.clone().map(|p| {
        if p.starts_with("https://") || p.starts_with("http://") {
            view! { <a href=p.clone() rel="noopener noreferrer">{p.clone()}</a> }.into_any()
        } else {
            p.into_any()
        }
    });
    view! {
        <PageTitle text=format!("{} · {}", w.title, code) />
        <Crumbs trail=vec![(code.clone(), urls::policy(&code)), (t.workshops_title.to_string(), urls::workshops(&code))] here=t.workshop_short />
        <p class="eyebrow">{format!("{} · {}", page.policy_name, t.workshop_short)}</p>
        <h1>{w.title.clone()}</h1>
        {flags.recorded.then(|| view! { <p class="notice-ok" role="status">{t.workshop_recorded}</p> })}
        {view! { <dl class="facts">
            <div><dt>{t.workshop_days}</dt><dd>{t.workshop_days_short(&w)}</dd></div>
            <div><dt>{t.workshop_modality}</dt><dd>{w.modality.map_or(t.not_recorded_f, |m| t.modality(m))}</dd></div>
            {place.map(|p| view! { <div><dt>{t.workshop_place}</dt><dd>{p}</dd></div> })}
            {w.purpose.clone().map(|p| view! { <div><dt>{t.workshop_purpose_short}</dt><dd>{p}</dd></div> })}
            {w.version.map(|(n, v)| view! { <div><dt>{t.workshop_version_label}</dt><dd>{t.workshop_version(n, v)}</dd></div> })}
            {(!w.steps.is_empty()).then(|| view! { <div><dt>{t.workshop_steps}</dt><dd>{w.steps.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", ")}</dd></div> })}
            {page.round.clone().map(|(rid, title, _)| {
                let title = if page.contributions.is_some() { view! { <a href=urls::round(&rid)>{title}</a> }.into_any() } else { title.into_any() };
                view! { <div><dt>{t.workshop_round}</dt><dd>{title}</dd></div> }
            })}
            {w.organisations.clone().map(|o| view! { <div><dt>{t.workshop_convened}</dt><dd>{o}</dd></div> })}
            {(!convened.is_empty()).then(|| view! { <div><dt>{t.workshop_regions_convened}</dt><dd>{format!("{} ({})", convened.join(", "), convened.len())}</dd></div> })}
            <div><dt>{t.recorded_by}</dt><dd>{page.info.recorded_by.clone()}</dd></div>
        </dl> }.into_any()}
        {page.may_manage.then(|| view! { <CorrectCall page=page.clone() saved=flags.corrected /> })}

        <Attendance page=page.clone() flags=flags />
        <Minutes page=page.clone() saved=flags.minutes_saved />
        {page.documents.clone().map(|docs| view! {
            <section aria-labelledby="documentos">
                <h2 id="documentos">{t.workshop_documents}</h2>
                {docs.is_empty().then(|| view! { <p class="empty">{t.workshop_no_documents}</p> })}
                <ul class="files">
                    {docs.iter().map(|d| view! {
                        <li>
                            <strong>{t.document_title(d.doc.kind, &d.doc.number)}</strong>" "
                            <span class="meta">{d.doc.date.format("%d/%m/%Y").to_string()}</span>
                            <ul>
                                {d.files.iter().map(|f| view! { <li><a href=urls::document_file(&f.id) download="">{f.name.clone()}</a>" "<span class="meta">{t.file_size(f.kind, f.size)}</span></li> }).collect_view()}
                            </ul>
                        </li>
                    }).collect_view()}
                </ul>
                {page.may_file.then(|| {
                    let href = format!("{}?{}={}#{}", urls::expediente(&code), crate::expediente::form::DocumentForm::evento, id, crate::expediente::form::ANCHOR);
                    view! { <p class="actions"><a href=href>{t.workshop_add_document}</a></p> }
                })}
            </section>
        }.into_any())}
        {page.contributions.is_some().then(|| view! { <Contributions page=page.clone() recorded=flags.contribution /> })}
    }
}

/// The call's correction, folded away until wanted (open, as typed, when refused); its outcome
/// said where the page lands.
#[component]
fn CorrectCall(page: Page, saved: bool) -> impl IntoView {
    let t = t();
    let fixed = page.contributions.as_ref().is_some_and(|c| !c.is_empty());
    let error = refused_at(CALL_ANCHOR).and_then(|e| WorkshopError::from_key(&e));
    let values = match error {
        // The facts above are the call as it stands now: saving again over it is a choice made seeing it.
        Some(WorkshopError::CallChanged) => WorkshopForm { base: page.info.call_version.to_string(), ..kept() },
        Some(_) => kept(),
        None => WorkshopForm::of(&page.info),
    };
    view! {
        <div id=CALL_ANCHOR tabindex="-1">
            {saved.then(|| view! { <p class="notice-ok" role="status">{t.call_saved}</p> })}
            <details class="edit-call" open=error.is_some()>
                <summary>{t.call_edit}</summary>
                {fixed.then(|| view! { <p class="hint">{t.call_fixed_by_contributions}</p> })}
                <CallForm action=urls::workshop_call(&page.info.id) anchor=CALL_ANCHOR values=values error=error choices=page.choices.clone() button=t.call_save />
            </details>
        </div>
    }
}

/// Who attended: the counts to every reader, the list with its forms to the team and managers.
#[component]
fn Attendance(page: Page, flags: Flags) -> impl IntoView {
    let t = t();
    let c = page.counts.clone();
    let region_name = |u: &Option<String>| match u {
        Some(u) => page.regions.iter().find(|(c, _)| c == u).map(|(_, n)| n.clone()).unwrap_or_else(|| u.clone()),
        None => t.not_recorded_f.to_string(),
    };
    let id = page.info.id.clone();
    let ok = flags.added.map(|(n, already)| t.attendees_added(n, already)).or_else(|| flags.removed.then(|| t.attendee_removed.to_string()));
    view! {
        <section aria-labelledby="asistencia">
            <h2 id="asistencia">{t.attendance_heading}</h2>
            // To the team an empty list says so itself, below.
            {(c.total > 0 || page.attendance.is_none()).then(|| view! { <p>{format!("{}.", t.participants_summary(&c))}</p> })}
            {(c.total > 0).then(|| view! {
                <div class="count-tables">
                    <table class="data">
                        <caption>{t.by_region}</caption>
                        <thead><tr><th scope="col">{t.region}</th><th scope="col">{t.workshop_participants}</th></tr></thead>
                        <tbody>{c.by_jurisdiction.iter().map(|(j, n)| view! { <tr><th scope="row">{region_name(j)}</th><td>{*n}</td></tr> }).collect_view()}</tbody>
                    </table>
                    <table class="data">
                        <caption>{t.by_entity_type}</caption>
                        <thead><tr><th scope="col">{t.entity_type_label}</th><th scope="col">{t.workshop_participants}</th></tr></thead>
                        <tbody>{c.by_entity_type.iter().map(|(e, n)| view! { <tr><th scope="row">{e.map_or(t.not_recorded, |e| t.entity_type(e))}</th><td>{*n}</td></tr> }).collect_view()}</tbody>
                    </table>
                    <table class="data">
                        <caption>{t.by_sex}</caption>
                        <thead><tr><th scope="col">{t.sex_label}</th><th scope="col">{t.workshop_participants}</th></tr></thead>
                        <tbody>{c.by_sex.iter().map(|(s, n)| view! { <tr><th scope="row">{s.map_or(t.not_recorded, |s| t.sex(s))}</th><td>{*n}</td></tr> }).collect_view()}</tbody>
                    </table>
                </div>
                {page.charts.iter().enumerate().map(|(i, chart)| view! {
                    <figure class="chart">
                        <div inner_html=chart.svg(&format!("asistencia-{i}"))></div>
                        <figcaption>{chart.description.clone()}</figcaption>
                    </figure>
                }).collect_view()}
            }.into_any())}
            {page.attendance.clone().map(|(people, at, pages)| view! {
                <h3 id=LIST_ANCHOR tabindex="-1">{t.attendance_list}</h3>
                <p class="hint">{t.attendance_private}</p>
                <FormFeedback anchor=LIST_ANCHOR ok=ok.clone() />
                {people.is_empty().then(|| view! { <p class="empty">{t.attendance_empty}</p> })}
                {(!people.is_empty()).then(|| view! {
                    <table class="data cards" aria-labelledby=LIST_ANCHOR>
                        <thead><tr>
                            <th scope="col">{t.attendee_name}</th>
                            <th scope="col">{t.attendee_position}</th>
                            <th scope="col">{t.attendee_entity}</th>
                            <th scope="col">{t.entity_type_label}</th>
                            <th scope="col">{t.region}</th>
                            <th scope="col">{t.sex_label}</th>
                            {page.may_manage.then(|| view! { <th scope="col"><span class="visually-hidden">{t.attendee_remove}</span></th> })}
                        </tr></thead>
                        <tbody>
                            {people.iter().map(|p| {
                                let a = &p.attendee;
                                view! {
                                    <tr>
                                        <th scope="row" data-label=t.attendee_name>{a.name.clone()}</th>
                                        <td data-label=t.attendee_position>{a.position.clone().unwrap_or_default()}</td>
                                        <td data-label=t.attendee_entity>{a.entity.clone().unwrap_or_default()}</td>
                                        <td data-label=t.entity_type_label>{a.entity_type.map(|e| t.entity_type(e)).unwrap_or_default()}</td>
                                        <td data-label=t.region>{a.jurisdiction.as_ref().map(|j| region_name(&Some(j.clone()))).unwrap_or_default()}</td>
                                        <td data-label=t.sex_label>{a.sex.map(|s| t.sex(s)).unwrap_or_default()}</td>
                                        {page.may_manage.then(|| view! {
                                            <td>
                                                <form method="post" action=urls::workshop_attendee_remove(&id, &p.id) class="inline-form">
                                                    <FormKey anchor=LIST_ANCHOR />
                                                    <button type="submit" class="button-link" aria-label=format!("{} {}", t.attendee_remove, a.name)>{t.attendee_remove}</button>
                                                </form>
                                            </td>
                                        })}
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                })}
                <Pagination base=format!("{}?", urls::workshop(&id)) page=at pages=pages fragment="#lista-asistencia" />
            }.into_any())}
            {page.may_manage.then(|| view! { <AttendeeForms page=page.clone() /> })}
        </section>
    }
}

/// Adding one person, and importing a sheet.
#[component]
fn AttendeeForms(page: Page) -> impl IntoView {
    let t = t();
    let id = page.info.id.clone();
    let error = refused_at(ATTENDEE_ANCHOR).and_then(|e| AttendeeError::from_key(&e));
    let typed: A = typed_at(ATTENDEE_ANCHOR);
    let wrong = |e: AttendeeError| (error == Some(e)).then_some("true");
    let described = |e: AttendeeError| (error == Some(e)).then(|| crate::ui::feedback_id(ATTENDEE_ANCHOR));
    let sheet_error = refused_at(IMPORT_ANCHOR).and_then(|e| SheetError::from_key(&e));
    let lines: ImportRefusal = typed_at(IMPORT_ANCHOR);
    let sheet_message = sheet_error.map(|e| match e {
        SheetError::DuplicateColumn if !lines.columna.is_empty() => t.sheet_duplicate_column(&lines.columna, &lines.otra_columna),
        e => t.sheet_error(e).to_string(),
    });
    let more = lines.filas.parse::<usize>().unwrap_or(0).saturating_sub(lines.fila.len());
    view! {
        <h3 id=ATTENDEE_ANCHOR>{t.attendee_add}</h3>
        <FormFeedback anchor=ATTENDEE_ANCHOR error=error.map(|e| t.attendee_error(e).to_string()) />
        <form method="post" action=urls::workshop_attendees(&id) class="review-form">
            <FormKey anchor=ATTENDEE_ANCHOR />
            <label for="asistente-nombre">{t.attendee_name}" "<span class="meta">{t.required_mark}</span></label>
            <input id="asistente-nombre" name=A::nombre type="text" maxlength="300" required autocomplete="off" value=typed.nombre.clone()
                aria-invalid=wrong(AttendeeError::MissingName) aria-describedby=described(AttendeeError::MissingName) />
            <label for="asistente-cargo">{t.attendee_position}</label>
            <input id="asistente-cargo" name=A::cargo type="text" maxlength="300" autocomplete="off" value=typed.cargo.clone() />
            <label for="asistente-entidad">{t.attendee_entity}</label>
            <input id="asistente-entidad" name=A::entidad type="text" maxlength="300" autocomplete="off" value=typed.entidad.clone() />
            <label for="asistente-tipo">{t.entity_type_label}</label>
            <select id="asistente-tipo" name=A::tipo_entidad aria-invalid=wrong(AttendeeError::BadEntityType)>
                <option value="">{t.not_recorded}</option>
                {EntityType::ALL.iter().map(|e| view! { <option value=e.key() selected=typed.tipo_entidad == e.key()>{t.entity_type(*e)}</option> }).collect_view()}
            </select>
            <label for="asistente-region">{t.region}</label>
            <select id="asistente-region" name=A::region aria-invalid=wrong(AttendeeError::UnknownJurisdiction)>
                <option value="">{t.not_recorded_f}</option>
                {page.regions.iter().map(|(u, n)| view! { <option value=u.clone() selected=typed.region == *u>{n.clone()}</option> }).collect_view()}
            </select>
            <label for="asistente-sexo">{t.sex_label}</label>
            <select id="asistente-sexo" name=A::sexo aria-invalid=wrong(AttendeeError::BadSex)>
                <option value="">{t.not_recorded}</option>
                {Sex::ALL.iter().map(|s| view! { <option value=s.key() selected=typed.sexo == s.key()>{t.sex(*s)}</option> }).collect_view()}
            </select>
            <button type="submit" class="button">{t.attendee_save}</button>
        </form>

        <h3 id=IMPORT_ANCHOR>{t.attendance_import}</h3>
        <FormFeedback anchor=IMPORT_ANCHOR error=sheet_message />
        {(!lines.fila.is_empty()).then(|| view! {
            <ul class="form-error-list" aria-labelledby=crate::ui::feedback_id(IMPORT_ANCHOR)>
                {lines.fila.iter().filter_map(|l| {
                    let mut parts = l.splitn(3, '|');
                    let row: usize = parts.next()?.parse().ok()?;
                    let error = AttendeeError::from_key(parts.next()?)?;
                    Some(view! { <li>{t.sheet_row_error(row, error, parts.next().unwrap_or_default())}</li> })
                }).collect_view()}
                {(more > 0).then(|| view! { <li>{t.sheet_more_rows(more)}</li> })}
            </ul>
        })}
        <form method="post" action=urls::workshop_import(&id) enctype="multipart/form-data" class="review-form">
            <FormKey anchor=IMPORT_ANCHOR />
            <label for="asistencia-hoja">{t.attendance_sheet}</label>
            <input id="asistencia-hoja" name=SHEET type="file" required accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-invalid=sheet_error.map(|_| "true") aria-describedby=format!("asistencia-hoja-ayuda{}", sheet_error.map(|_| format!(" {}", crate::ui::feedback_id(IMPORT_ANCHOR))).unwrap_or_default()) />
            <p id="asistencia-hoja-ayuda" class="hint">{t.attendance_sheet_hint}</p>
            <button type="submit" class="button">{t.attendance_import_button}</button>
        </form>
    }
}

/// The acta: as written, and the form that writes it (over the version it was opened on).
#[component]
fn Minutes(page: Page, saved: bool) -> impl IntoView {
    let t = t();
    let error = refused_at(MINUTES_ANCHOR).and_then(|e| WorkshopError::from_key(&e));
    let typed: M = typed_at(MINUTES_ANCHOR);
    // A refused text comes back as typed (and, when the acta changed meanwhile, beside the new one).
    let text = if error.is_some() { typed.acta.clone() } else { page.info.minutes.clone() };
    let base = page.info.minutes_version.to_string();
    view! {
        <section aria-labelledby=MINUTES_ANCHOR>
            <h2 id=MINUTES_ANCHOR>{t.minutes_heading}</h2>
            // Said where the page lands, above an acta however long.
            {page.may_manage.then(|| view! { <FormFeedback anchor=MINUTES_ANCHOR error=error.map(|e| t.workshop_error(e).to_string()) ok=saved.then(|| t.minutes_saved.to_string()) /> })}
            {page.info.minutes.is_empty().then(|| view! { <p class="empty">{t.minutes_empty}</p> })}
            {(!page.info.minutes.is_empty()).then(|| view! { <div class="prose" inner_html=page.minutes_html.clone()></div> })}
            {page.may_manage.then(|| view! {
                <details class="edit-minutes" open=error.is_some() || page.info.minutes.is_empty()>
                    <summary>{t.minutes_edit}</summary>
                    <form method="post" action=urls::workshop_minutes(&page.info.id) class="review-form">
                        <FormKey anchor=MINUTES_ANCHOR />
                        <input type="hidden" name=M::base value=base />
                        <label for="acta-texto">{t.minutes_label}</label>
                        <textarea id="acta-texto" name=M::acta rows="12" maxlength="50000"
                            aria-describedby=format!("acta-ayuda{}", error.map(|_| format!(" {}", crate::ui::feedback_id(MINUTES_ANCHOR))).unwrap_or_default())
                            aria-invalid=error.map(|_| "true") inner_html=textarea_html(&text)></textarea>
                        <p id="acta-ayuda" class="hint">{t.minutes_hint}</p>
                        <button type="submit" class="button">{t.minutes_save}</button>
                    </form>
                </details>
            })}
        </section>
    }
}

/// The contributions received in the workshop, and the form that transcribes one into its round
/// (to those who may read the round).
#[component]
fn Contributions(page: Page, recorded: Option<u32>) -> impl IntoView {
    let t = t();
    let contributions = page.contributions.clone().unwrap_or_default();
    let error = refused_at(CONTRIBUTION_ANCHOR).and_then(|e| RoundError::from_key(&e));
    let typed: C = typed_at(CONTRIBUTION_ANCHOR);
    let ok = recorded.map(|n| t.workshop_contribution_recorded(n));
    view! {
        <section aria-labelledby="aportes">
            <h2 id="aportes">{format!("{} ({})", t.workshop_contributions, contributions.len())}</h2>
            {page.round.is_none().then(|| view! { <p class="empty">{t.workshop_no_round_yet}</p> })}
            {(page.round.is_some() && contributions.is_empty()).then(|| view! { <p class="empty">{t.workshop_contributions_empty}</p> })}
            <ol class="contributions-brief">
                {contributions.iter().map(|c| {
                    let rid = page.round.as_ref().map(|r| r.0.clone()).unwrap_or_default();
                    view! {
                        <li>
                            <a href=urls::contribution(&rid, &c.id, c.number)>{format!("{} {}", t.contribution_number, c.number)}</a>
                            {format!(" · {} · {} {}", c.author, t.step, c.step)}
                            " · "<span class="meta">{c.answer.as_ref().map_or(t.unanswered, |a| t.answer_state(a.state))}</span>
                            <p class="keep-lines">{crate::domain::text::shortened(&c.body, 300)}</p>
                        </li>
                    }
                }).collect_view()}
            </ol>
            {match (&page.round, page.may_manage, page.round_closed_to_records) {
                (Some((_, _, steps)), true, false) => view! {
                    <h3 id=CONTRIBUTION_ANCHOR>{t.workshop_contribution_add}</h3>
                    <FormFeedback anchor=CONTRIBUTION_ANCHOR error=error.map(|e| t.round_error(e).to_string()) ok=ok />
                    <form method="post" action=urls::workshop_contributions(&page.info.id) class="review-form">
                        <FormKey anchor=CONTRIBUTION_ANCHOR />
                        <label for="ta-autor">{t.author}</label>
                        <input id="ta-autor" name=C::autor type="text" maxlength="200" value=typed.autor.clone() aria-describedby="ta-fuente-ayuda" />
                        <label for="ta-org">{t.organisation}</label>
                        <input id="ta-org" name=C::organizacion type="text" maxlength="200" value=typed.organizacion.clone() aria-describedby="ta-fuente-ayuda" />
                        <label for="ta-region">{t.region}</label>
                        <select id="ta-region" name=C::region_aporte aria-describedby="ta-fuente-ayuda">
                            <option value="">{t.no_region}</option>
                            {page.regions.iter().map(|(u, n)| view! { <option value=u.clone() selected=typed.region_aporte == *u>{n.clone()}</option> }).collect_view()}
                        </select>
                        <p id="ta-fuente-ayuda" class="hint">{t.workshop_contribution_source_hint}</p>
                        <label for="ta-paso">{t.step}</label>
                        <select id="ta-paso" name=C::paso>
                            {steps.iter().map(|s| view! { <option value=s.to_string() selected=typed.paso == s.to_string()>{format!("{} {s}", t.step)}</option> }).collect_view()}
                        </select>
                        <label for="ta-texto">{t.contribution}</label>
                        <textarea id="ta-texto" name=C::texto rows="4" maxlength="10000" required inner_html=textarea_html(&typed.texto)
                            aria-invalid=error.map(|_| "true") aria-describedby=error.map(|_| crate::ui::feedback_id(CONTRIBUTION_ANCHOR))></textarea>
                        <button type="submit" class="button">{t.record_button}</button>
                    </form>
                }.into_any(),
                (Some(_), true, true) => view! { <p class="hint">{t.workshop_round_systematized}</p> }.into_any(),
                _ => ().into_any(),
            }}
        </section>
    }
}

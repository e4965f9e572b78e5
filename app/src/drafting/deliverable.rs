//! `/politicas/{code}/entregables/{n}`: the deliverable in the order of the work — its steps and
//! their states; its frozen versions, any two compared, and the form that freezes a new one; its
//! consultations; its review with CEPLAN.
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::data::{get_deliverable, DeliverablePage as Page};
use super::form::{DeliverableQuery, FreezeForm, VersionQuery, FREEZE_UNCHANGED};
use crate::domain::review::sends_to_ceplan;
use crate::domain::{step, steps_of, CeplanAnswer, DeliverableState, ReviewError};
use crate::i18n::t;
use crate::review::form::{TransitionForm, ValidationForm, ANNULLED, FREEZE_NOW, RECORDED, VALIDATED};
use crate::rounds::form::NewRoundForm;
use crate::ui::{by_whom, kept, loaded, moment, textarea_html, AnnulTarget, Crumbs, DiffView, FormFeedback, FormKey, Loading, PageTitle, StateBadge, StepBadge, TimelineItem};
use crate::web::WebError;
use crate::urls;

/// What came back from the freeze or review forms, read from the query string.
#[derive(Clone, Default)]
struct Outcome {
    frozen: Option<u32>,
    error: Option<String>,
    unchanged_since: Option<u32>,
    /// A refused transition, with what was typed in its form.
    review_error: Option<ReviewError>,
    review_form: TransitionForm,
    /// A refused validation, with what was typed in its form.
    validation_error: Option<ReviewError>,
    validation_form: ValidationForm,
    recorded: bool,
    /// The steps an import saved ("1,2").
    imported: Option<String>,
}

#[component]
pub fn DeliverablePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let (p, q) = (params.read(), query.read());
        let number = |k: &str| q.get(k).and_then(|v| v.parse::<u32>().ok());
        (
            p.get("code").unwrap_or_default(),
            p.get("n").and_then(|n| n.parse::<u8>().ok()),
            number(DeliverableQuery::desde),
            number(DeliverableQuery::hasta),
            q.get(DeliverableQuery::error),
        )
    };
    let outcome = move || {
        let q = query.read();
        let back: DeliverableQuery = kept();
        let review_form: TransitionForm = kept();
        let validation_form: ValidationForm = kept();
        // The transition form always sends `estado`, the validation form `validacion`; the freeze form neither.
        let review = !review_form.estado.is_empty();
        let validation = !validation_form.validacion.is_empty();
        Outcome {
            frozen: back.congelada.parse().ok(),
            error: Some(back.error.clone()).filter(|e| !review && !validation && !e.is_empty()),
            unchanged_since: back.version.parse().ok().filter(|_| !review && !validation),
            review_error: Some(back.error.clone()).filter(|_| review).and_then(|e| ReviewError::from_key(&e)),
            review_form,
            validation_error: Some(back.error).filter(|_| validation).and_then(|e| ReviewError::from_key(&e)),
            validation_form,
            recorded: q.get(RECORDED).is_some() || q.get(ANNULLED).is_some() || q.get(VALIDATED).is_some(),
            imported: Some(back.importados.clone()).filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == ',')),
        }
    };
    let page = Resource::new(key, |(code, n, from, to, error)| async move {
        match n {
            Some(n) => get_deliverable(code, n, from, to, error.is_some()).await,
            None => Err(WebError::NotFound),
        }
    });
    loaded(page, move |p| view! { <Deliverable page=p outcome=outcome() /> })
}

#[component]
fn Deliverable(page: Page, outcome: Outcome) -> impl IntoView {
    let t = t();
    let round_versions: Vec<(u32, String)> = page.versions.iter().map(|v| (v.number, v.note.clone())).collect();
    let with_text: Vec<u8> = page.steps.iter().filter(|s| s.revision > 0).map(|s| s.number).collect();
    let rounds = view! {
        <Rounds code=page.policy_code.clone() number=page.number may_manage=page.may_freeze versions=round_versions with_text=with_text today=page.today />
    };
    let code = page.policy_code.clone();
    let href = urls::deliverable(&code, page.number);
    let steps_label = steps_of(page.number).map(|s| s.number.to_string()).collect::<Vec<_>>().join(" y ");
    let version_name = |n: u32| if n == 0 { t.working_text.to_string() } else { format!("{} {n}", t.version) };
    let (from, to) = match &page.compare {
        Some(c) => (c.from, c.to),
        None => (page.versions.first().map_or(0, |v| v.number), 0),
    };
    let choices: Vec<u32> = std::iter::once(0).chain(page.versions.iter().map(|v| v.number)).collect();
    let guide_refused = outcome.error.as_deref() == Some(crate::domain::DraftError::GuideTooLong.key());
    let error = outcome.error.as_deref().map(|e| match crate::domain::DraftError::from_key(e) {
        Some(e) => t.draft_error(e).to_string(),
        None if e == FREEZE_UNCHANGED => format!("{} {}.", t.freeze_unchanged, outcome.unchanged_since.unwrap_or_default()),
        None => t.freeze_empty.to_string(),
    });
    view! {
        <PageTitle text=format!("{} {} · {}", t.deliverable, page.number, page.policy_code) />
        <Crumbs trail=vec![(code.clone(), urls::policy(&code))] here=format!("{} {}", t.deliverable, page.number) />
        <p class="eyebrow">{page.policy_name.clone()}</p>
        <h1>{format!("{} {} ({} {steps_label})", t.deliverable, page.number, t.steps.to_lowercase())}</h1>
        <p><StateBadge state=page.state /></p>

        <section aria-labelledby="pasos">
            <h2 id="pasos">{t.steps}</h2>
            {outcome.imported.clone().map(|steps| view! { <p class="notice notice-ok" role="status">{t.imported_steps(&steps)}</p> })}
            <table class="data cards">
                <thead>
                    <tr>
                        <th scope="col">{t.step}</th>
                        <th scope="col">{t.state}</th>
                        <th scope="col">{t.revision}</th>
                        <th scope="col">{t.last_change}</th>
                        <th scope="col"><span class="visually-hidden">{t.actions}</span></th>
                    </tr>
                </thead>
                <tbody>
                    {page.steps.iter().map(|s| {
                        let step_href = urls::step(&code, s.number);
                        let title = step(s.number).map(|d| d.title).unwrap_or_default();
                        view! {
                            <tr>
                                <th scope="row">
                                    {if page.may_read_draft {
                                        view! { <A href=step_href.clone()>{format!("{} {}: {title}", t.step, s.number)}</A> }.into_any()
                                    } else {
                                        view! { <span>{format!("{} {}: {title}", t.step, s.number)}</span> }.into_any()
                                    }}
                                </th>
                                <td data-label=t.state><StepBadge state=s.state /></td>
                                <td data-label=t.revision>{if s.revision == 0 { "—".to_string() } else { s.revision.to_string() }}</td>
                                <td data-label=t.last_change>{Some(by_whom(s.updated_at.as_ref(), s.updated_by.as_deref())).filter(|w| !w.is_empty()).unwrap_or_else(|| "—".into())}</td>
                                <td>
                                    {page.may_freeze.then(|| view! { <A href=urls::editor(&code, s.number)>{t.edit_step}</A>" · " })}
                                    {page.may_read_draft.then(|| view! { <A href=urls::history(&code, s.number)>{t.history_link}</A> })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {page.may_read_draft.then(|| view! {
                <p class="actions">
                    <A href=urls::document(&code, page.number)>{t.document_working}</A>
                    <a href=urls::document_docx(&code, page.number) download="">{t.download_docx}</a>
                    {page.may_freeze.then(|| view! { <A href=urls::import(&code, page.number)>{t.import_link}</A> })}
                </p>
            })}
        </section>

        <section aria-labelledby="versiones-titulo" id="versiones">
            <h2 id="versiones-titulo">{t.versions_heading}</h2>
            {outcome.frozen.map(|n| view! { <p class="notice notice-ok" role="status">{format!("{} {n}.", t.version_frozen)}</p> })}
            {if page.versions.is_empty() {
                view! { <p class="empty">{t.no_versions}</p> }.into_any()
            } else {
                view! {
                    <table class="data cards">
                        <thead>
                            <tr>
                                <th scope="col">{t.version}</th>
                                <th scope="col">{t.date}</th>
                                <th scope="col">{t.author}</th>
                                <th scope="col">{t.note}</th>
                                <th scope="col">{t.frozen_revisions}</th>
                                <th scope="col"><span class="visually-hidden">{t.document}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {page.versions.iter().map(|v| {
                                let revisions = v.revisions.iter().map(|(s, r)| match r {
                                    Some(r) => format!("{} {s}: {} {r}", t.step, t.revision.to_lowercase()),
                                    None => format!("{} {s}: {}", t.step, t.no_text),
                                }).collect::<Vec<_>>().join("; ");
                                view! {
                                    <tr>
                                        <th scope="row">{format!("{} {}", t.version, v.number)}</th>
                                        <td data-label=t.date>{moment(&v.at)}</td>
                                        <td data-label=t.author>{v.author.clone()}</td>
                                        <td class="note" data-label=t.note>
                                            {v.note.clone()}
                                            {v.guide.clone().map(|g| view! { <span class="meta">{format!("{} {g}", t.guide_of_version)}</span> })}
                                        </td>
                                        <td data-label=t.frozen_revisions>{revisions}</td>
                                        <td>
                                            <A href=format!("{}?{}={}", urls::document(&code, page.number), VersionQuery::version, v.number)>{t.document}</A>
                                            " · "
                                            <a href=format!("{}?{}={}", urls::document_docx(&code, page.number), VersionQuery::version, v.number) download="">{"DOCX"}</a>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <form method="get" action=format!("{href}#comparacion") class="inline-form">
                        <label for="desde">{t.compare_from}</label>
                        <select id="desde" name=DeliverableQuery::desde>
                            {choices.iter().map(|&n| view! { <option value=n.to_string() selected=n == from>{version_name(n)}</option> }).collect_view()}
                        </select>
                        <label for="hasta">{t.compare_to}</label>
                        <select id="hasta" name=DeliverableQuery::hasta>
                            {choices.iter().map(|&n| view! { <option value=n.to_string() selected=n == to>{version_name(n)}</option> }).collect_view()}
                        </select>
                        <button type="submit" class="button">{t.compare}</button>
                    </form>
                }.into_any()
            }}
            {page.compare.clone().map(|c| view! {
                <section aria-labelledby="comparacion" class="comparison">
                    <h3 id="comparacion">{format!("{} → {}", version_name(c.from), version_name(c.to))}</h3>
                    {c.steps.into_iter().map(|s| {
                        let same = s.from_revision == s.to_revision;
                        view! {
                            <h4>{format!("{} {}", t.step, s.number)}</h4>
                            {if same {
                                view! { <p class="empty">{t.diff_no_changes}</p> }.into_any()
                            } else {
                                view! { <DiffView segments=s.segments /> }.into_any()
                            }}
                        }
                    }).collect_view()}
                </section>
            })}
            {page.may_freeze.then(|| view! {
                <section aria-labelledby="congelar-titulo" class="card" id="congelar">
                    <h3 id="congelar-titulo">{t.freeze_heading}</h3>
                    <p>{t.freeze_text}</p>
                    <FormFeedback anchor="congelar" error=error.clone() />
                    <form method="post" action=urls::versions(&code, page.number) class="review-form">
                        <FormKey anchor="congelar" />
                        <label for="nota">{t.note}</label>
                        <textarea id="nota" name=FreezeForm::nota rows="3" maxlength="2000" required inner_html=textarea_html(&page.kept_note)
                            aria-invalid=(error.is_some() && !guide_refused).then_some("true")
                            aria-describedby=if error.is_some() && !guide_refused { "nota-ayuda congelar-mensaje" } else { "nota-ayuda" }></textarea>
                        <p id="nota-ayuda" class="hint">{t.freeze_note_hint}</p>
                        <label for="guia">{t.guide_label}</label>
                        <input id="guia" name=FreezeForm::guia type="text" maxlength="200" value=page.kept_guide.clone()
                            aria-invalid=guide_refused.then_some("true")
                            aria-describedby=if guide_refused { "guia-ayuda congelar-mensaje" } else { "guia-ayuda" } />
                        <p id="guia-ayuda" class="hint">{t.guide_hint}</p>
                        <button type="submit" class="button">{t.freeze_button}</button>
                    </form>
                </section>
            })}
        </section>

        {rounds}

        <section aria-labelledby="revision-titulo" id="revision">
            <h2 id="revision-titulo">{t.review_heading}</h2>
            {outcome.recorded.then(|| view! { <p class="notice-ok" role="status">{t.recorded}</p> })}
            {if page.events.is_empty() {
                view! { <p class="empty">{t.no_review_events}</p> }.into_any()
            } else {
                view! {
                    <ol class="timeline">
                        {page.events.clone().into_iter().map(|e| {
                            let annul = page.annullable.contains(&e.id).then(|| AnnulTarget {
                                action: urls::annul(&code, &e.id),
                                back: href.clone(),
                            });
                            let documents = crate::domain::expediente::DocumentInfo::of_event(&page.documents, &e.id);
                            view! { <TimelineItem event=e annul=annul documents=documents /> }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            {(!page.next_states.is_empty()).then(|| {
                let form = outcome.review_form.clone();
                let chosen = form.estado.clone();
                let sends = page.next_states.iter().any(|s| sends_to_ceplan(*s));
                let version_kept = form.version.clone();
                let date = if form.fecha.is_empty() { page.today.to_string() } else { form.fecha.clone() };
                // The field a refusal is about is marked and tied to the message.
                let wrong = outcome.review_error.map(error_field);
                let invalid = move |field: &str| (wrong == Some(field)).then_some("true");
                let described = move |field: &str, hint: &'static str| {
                    let ids = if wrong == Some(field) { format!("{hint} revision-mensaje") } else { hint.to_string() };
                    Some(ids.trim().to_string()).filter(|ids| !ids.is_empty())
                };
                view! {
                    <form method="post" action=urls::transitions(&code, page.number) class="card review-form">
                        <h3>{t.record_review_step}</h3>
                        <FormFeedback anchor="revision" error=outcome.review_error.map(|e| t.review_error(e).to_string()) />
                        <FormKey anchor="revision" />
                        <fieldset>
                            <legend>{t.new_state}</legend>
                            {page.next_states.iter().map(|s| {
                                let (id, label_for) = (format!("estado-{}", s.key()), format!("estado-{}", s.key()));
                                view! {
                                    <label class="check" for=label_for>
                                        <input type="radio" id=id name=TransitionForm::estado value=s.key() required checked=chosen == s.key() />
                                        " "{t.transition_action(page.state, *s)}
                                    </label>
                                }
                            }).collect_view()}
                        </fieldset>
                        <label for="fecha">{t.official_date}</label>
                        <input id="fecha" name=TransitionForm::fecha type="date" required max=page.today.to_string() value=date
                            aria-invalid=invalid("fecha") aria-describedby=described("fecha", "") />
                        <label for="documento">{t.official_document}</label>
                        <input id="documento" name=TransitionForm::documento type="text" maxlength="200" value=form.documento.clone()
                            aria-invalid=invalid("documento") aria-describedby=described("documento", "documento-ayuda") />
                        <p id="documento-ayuda" class="hint">{t.official_document_hint}</p>
                        <label for="nota-revision">{t.review_note}</label>
                        <textarea id="nota-revision" name=TransitionForm::nota rows="3" maxlength="2000" inner_html=textarea_html(&form.nota)
                            aria-invalid=invalid("nota") aria-describedby=described("nota", "nota-revision-ayuda")></textarea>
                        <p id="nota-revision-ayuda" class="hint">{t.review_note_hint}</p>
                        <label for="enlace">{t.attachment_link}</label>
                        <input id="enlace" name=TransitionForm::enlace type="url" maxlength="500" value=form.enlace.clone()
                            aria-invalid=invalid("enlace") aria-describedby=described("enlace", "") />
                        {page.next_states.contains(&DeliverableState::ObservadoCeplan).then(|| {
                            let kept = form.respuesta.clone();
                            view! {
                                <label for="respuesta">{t.ceplan_answer_label}</label>
                                <select id="respuesta" name=TransitionForm::respuesta aria-describedby="respuesta-ayuda">
                                    {[CeplanAnswer::Observaciones, CeplanAnswer::ComentariosRecomendaciones].into_iter().map(|a| view! {
                                        <option value=a.key() selected=kept == a.key()>{t.ceplan_answer(a)}</option>
                                    }).collect_view()}
                                </select>
                                <p id="respuesta-ayuda" class="hint">{t.ceplan_answer_hint}</p>
                            }
                        })}
                        {sends.then(|| view! {
                            <label for="version">{t.version_to_send}</label>
                            <select id="version" name=TransitionForm::version>
                                {page.may_freeze.then(|| view! { <option value=FREEZE_NOW selected=version_kept.is_empty() || version_kept == FREEZE_NOW>{t.freeze_and_send}</option> })}
                                {page.versions.iter().map(|v| {
                                    let value = v.number.to_string();
                                    view! { <option value=value.clone() selected=version_kept == value>{format!("{} {} — {}", t.version, v.number, crate::domain::text::shortened(&v.note, 60))}</option> }
                                }).collect_view()}
                            </select>
                            <p class="hint">{t.version_to_send_hint}</p>
                        })}
                        <button type="submit" class="button">{t.record_button}</button>
                    </form>
                }
            })}
            {page.may_validate.then(|| {
                let form = outcome.validation_form.clone();
                let error = outcome.validation_error;
                let wrong = error.map(error_field);
                let tie = move |field: &str| (wrong == Some(field)).then_some("validacion-mensaje");
                let invalid = move |field: &str| (wrong == Some(field)).then_some("true");
                let date = if form.fecha.is_empty() { page.today.to_string() } else { form.fecha.clone() };
                view! {
                    <details class="card" id="validacion" open=error.is_some()>
                        <summary>{t.validation_summary}</summary>
                        <form method="post" action=urls::validations(&code, page.number) class="review-form">
                            <input type="hidden" name=ValidationForm::validacion value="1" />
                            <FormKey anchor="validacion" />
                            <p class="hint">{t.validation_hint}</p>
                            <FormFeedback anchor="validacion" error=error.map(|e| t.review_error(e).to_string()) />
                            <label for="validacion-fecha">{t.official_date}</label>
                            <input id="validacion-fecha" name=ValidationForm::fecha type="date" required max=page.today.to_string() value=date
                                aria-invalid=invalid("fecha") aria-describedby=tie("fecha") />
                            <label for="validacion-documento">{t.validation_document}</label>
                            <input id="validacion-documento" name=ValidationForm::documento type="text" maxlength="200" value=form.documento.clone()
                                aria-invalid=invalid("documento") aria-describedby=tie("documento") />
                            <label for="validacion-nota">{t.review_note}</label>
                            <textarea id="validacion-nota" name=ValidationForm::nota rows="3" maxlength="2000" inner_html=textarea_html(&form.nota)
                                aria-invalid=invalid("nota") aria-describedby=tie("nota")></textarea>
                            <label for="validacion-enlace">{t.attachment_link}</label>
                            <input id="validacion-enlace" name=ValidationForm::enlace type="url" maxlength="500" value=form.enlace.clone()
                                aria-invalid=invalid("enlace") aria-describedby=tie("enlace") />
                            <button type="submit" class="button button-secondary">{t.record_button}</button>
                        </form>
                    </details>
                }
            })}
        </section>


        <p><A href=urls::policy(&code)>{t.back_to_policy}</A></p>
    }
}

/// The field of a review form a refusal is about ("fecha", "documento", "nota", "enlace",
/// "version", "respuesta"; "estado" for the choice of state itself).
fn error_field(e: ReviewError) -> &'static str {
    use ReviewError::*;
    match e {
        BadDate | FutureDate | TooEarly | BeforePrevious => "fecha",
        MissingDocument | DocumentTooLong => "documento",
        NoteTooLong | MissingJustification => "nota",
        BadLink => "enlace",
        MissingVersion | UnknownVersion | NothingToFreeze => "version",
        BadAnswer => "respuesta",
        _ => "estado",
    }
}

/// The deliverable's rounds and, for the team, the form that opens one on a frozen version.
#[component]
fn Rounds(code: String, number: u8, may_manage: bool, versions: Vec<(u32, String)>, with_text: Vec<u8>, today: chrono::NaiveDate) -> impl IntoView {
    let t = t();
    let query = use_query_map();
    // The round form always sends `tipo`: its refusals are the ones carrying it.
    let form: NewRoundForm = kept();
    let refused = !form.tipo.is_empty();
    let error = query.read_untracked().get("error").filter(|_| refused).and_then(|e| crate::domain::rounds::RoundError::from_key(&e));
    let NewRoundForm { tipo: kind, titulo: title, version_ronda: version, abre: opens, cierra: closes, organizaciones: organisations, cuentas: users, pasos: steps, regiones: regions } =
        if refused { form } else { NewRoundForm::default() };
    let action = urls::new_round(&code, number);
    let (csv, xlsx) = (urls::deliverable_matrix(&code, number, "csv"), urls::deliverable_matrix(&code, number, "xlsx"));
    let rounds = Resource::new(move || (code.clone(), number), |(code, n)| crate::rounds::data::get_rounds(Some(code), Some(n)));
    // Only the team opens rounds, and only it reads the list of regions.
    let regions_list = may_manage.then(|| Resource::new(|| (), |_| crate::policies::data::get_regions()));
    view! {
        <section aria-labelledby="rondas-titulo" id="rondas">
            <h2 id="rondas-titulo">{t.rounds_heading}</h2>
            <p class="actions">
                <a href=csv download="">{t.deliverable_matrix_csv}</a>
                <a href=xlsx download="">{t.deliverable_matrix_xlsx}</a>
            </p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    rounds.await.map(|list| view! { <crate::rounds::RoundList rounds=list /> })
                        .unwrap_or_else(|_| view! { <crate::rounds::RoundList rounds=Vec::new() /> })
                })}
            </Suspense>
            {may_manage.then(|| {
                let (kind, title, version, opens, closes, organisations, users, steps, regions) =
                    (kind.clone(), title.clone(), version.clone(), opens.clone(), closes.clone(), organisations.clone(), users.clone(), steps.clone(), regions.clone());
                let default_opens = format!("{}T00:00", today);
                let default_closes = format!("{}T18:00", today + chrono::Duration::days(14));
                view! {
                    <form method="post" action=action.clone() class="card review-form" id="nueva-ronda">
                        <h3>{t.open_round}</h3>
                        <FormFeedback anchor="nueva-ronda" error=error.map(|e| t.round_error(e).to_string()) />
                        <FormKey anchor="nueva-ronda" />
                        {versions.is_empty().then(|| view! { <p class="hint">{t.round_needs_version}</p> })}
                        <label for="tipo">{t.kind}</label>
                        <select id="tipo" name=NewRoundForm::tipo>
                            {crate::domain::RoundKind::ALL.iter().map(|k| view! {
                                <option value=k.key() selected=kind == k.key() || (kind.is_empty() && *k == crate::domain::RoundKind::ConsultaRegional)>{t.round_kind(*k)}</option>
                            }).collect_view()}
                        </select>
                        <label for="titulo">{t.title}</label>
                        <input id="titulo" name=NewRoundForm::titulo type="text" maxlength="200" required value=title />
                        <label for="version_ronda">{t.version}</label>
                        <select id="version_ronda" name=NewRoundForm::version_ronda>
                            {versions.iter().map(|(n, note)| view! {
                                <option value=n.to_string() selected=version == n.to_string()>{format!("{} {n} — {note}", t.version)}</option>
                            }).collect_view()}
                        </select>
                        <fieldset>
                            <legend>{t.steps}</legend>
                            {crate::domain::steps_of(number).map(|s| {
                                let (id, label_for) = (format!("ronda-paso-{}", s.number), format!("ronda-paso-{}", s.number));
                                // A new round offers the steps that have text; a refused one, what was ticked.
                                let checked = if refused { steps.contains(&s.number.to_string()) } else { with_text.contains(&s.number) };
                                view! {
                                    <label class="check" for=label_for>
                                        <input type="checkbox" id=id name=NewRoundForm::pasos value=s.number.to_string() checked=checked />
                                        {format!(" {} {}: {}", t.step, s.number, s.title)}
                                    </label>
                                }
                            }).collect_view()}
                        </fieldset>
                        <label for="abre">{t.opens}</label>
                        <input id="abre" name=NewRoundForm::abre type="datetime-local" required value=if opens.is_empty() { default_opens } else { opens } />
                        <label for="cierra">{t.closes}</label>
                        <input id="cierra" name=NewRoundForm::cierra type="datetime-local" required value=if closes.is_empty() { default_closes } else { closes } />
                        <p class="hint">{t.lima_time}</p>
                        <fieldset class="regions">
                            <legend>{t.invited_regions}</legend>
                            <Suspense fallback=Loading>
                                {move || {
                                    let regions = regions.clone();
                                    Suspend::new(async move {
                                        let list = match regions_list { Some(list) => list.await.unwrap_or_default(), None => Vec::new() };
                                        list.into_iter().map(|j| {
                                            let (id, label_for) = (format!("region-{}", j.ubigeo), format!("region-{}", j.ubigeo));
                                            view! {
                                                <label class="check" for=label_for>
                                                    <input type="checkbox" id=id name=NewRoundForm::regiones value=j.ubigeo.clone() checked=regions.contains(&j.ubigeo) />
                                                    {format!(" {}", j.name)}
                                                </label>
                                            }
                                        }).collect_view()
                                    })
                                }}
                            </Suspense>
                        </fieldset>
                        <label for="organizaciones">{t.invited_organisations}</label>
                        <textarea id="organizaciones" name=NewRoundForm::organizaciones rows="2" inner_html=textarea_html(&organisations)></textarea>
                        <label for="cuentas">{t.invited_accounts}</label>
                        <textarea id="cuentas" name=NewRoundForm::cuentas rows="2" inner_html=textarea_html(&users)></textarea>
                        <button type="submit" class="button">{t.open_round_button}</button>
                    </form>
                }
            })}
        </section>
    }
}

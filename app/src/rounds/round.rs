//! `/rondas/{id}`: a round — its frozen text block by block, each with a "Comentar" link that works
//! by keyboard and without wasm; the contributions this reader may read, in threads, with their
//! answers when published; the coverage of a regional consultation; and the team's tools.
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::data::{get_round, place_name, ContributionView, CoverageRow, RoundPage as Page};
use super::form::{AnswerForm, ContributionForm, ExternalForm, ForceForm, RoundAction, RoundOutcome, CONFIRMED};
use crate::domain::rounds::{AnswerState, Channel, RoundError, RoundStatus};
use crate::domain::step;
use crate::i18n::t;
use crate::ui::{kept, loaded, moment, textarea_html, Crumbs, FormFeedback, FormKey, PageTitle, Pagination};
use crate::urls;

/// What the query string carries back to this page: the outcome of a form, or a refusal with
/// what was typed, in the forms' own structs.
#[derive(Clone, Default)]
struct Back {
    error: Option<RoundError>,
    /// The anchor of the form the refusal is about (the held form's).
    at: String,
    notice: Option<String>,
    /// What the notice is about: a contribution's number, or none (the team's tools).
    notice_on: Option<u32>,
    /// The notice of one of the team's actions (shown with the team's tools).
    done: Option<String>,
    /// Also what a "Comentar" link opens the form with (step, paragraph, reply).
    contribution: ContributionForm,
    /// A refused transcription (that form always sends its `canal`).
    external: Option<ExternalForm>,
    answer: AnswerForm,
    force: ForceForm,
}

impl Back {
    /// The refusal, worded, if it is about the form at `anchor`.
    fn error_at(&self, anchor: &str) -> Option<String> {
        self.error.filter(|_| self.at == anchor).map(|e| t().round_error(e).to_string())
    }
    fn step(&self) -> Option<u8> {
        self.contribution.paso.parse().ok()
    }
    fn anchor(&self) -> Option<String> {
        Some(self.contribution.parrafo.clone()).filter(|p| !p.is_empty())
    }
    fn reply_to(&self) -> Option<String> {
        Some(self.contribution.responde.clone()).filter(|p| !p.is_empty())
    }
}

#[component]
pub fn RoundPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    // The page of threads: the one asked for, else the one holding the contribution just sent,
    // recorded, answered or being replied to.
    let page = Resource::new(
        move || {
            let q = query.read();
            let get = |k: &str| q.get(k).filter(|v| !v.is_empty());
            let focus = RoundOutcome::read(get)
                .and_then(RoundOutcome::contribution)
                .map(|n| n.to_string())
                .or_else(|| Some(kept::<AnswerForm>().aporte).filter(|a| !a.is_empty()))
                .or_else(|| get(ContributionForm::responde));
            (params.read().get("id").unwrap_or_default(), q.get("pagina").and_then(|p| p.parse::<usize>().ok()), focus)
        },
        |(id, page, focus)| get_round(id, page, focus),
    );
    let back = move || {
        let q = query.read();
        let t = t();
        let outcome = RoundOutcome::read(|k| q.get(k));
        let notice = outcome.map(|outcome| match outcome {
            RoundOutcome::Sent(n) => format!("{} {n}.", t.contribution_sent),
            RoundOutcome::Recorded(n) => format!("{} {n}.", t.contribution_recorded),
            RoundOutcome::Answered(n) => format!("{} {n}.", t.answer_saved),
            RoundOutcome::Done(_) => t.recorded.to_string(),
        });
        let external: ExternalForm = kept();
        Back {
            error: q.get("error").and_then(|e| RoundError::from_key(&e)),
            at: crate::ui::held().map(|h| h.anchor.clone()).unwrap_or_default(),
            notice: notice.clone(),
            notice_on: outcome.and_then(RoundOutcome::contribution),
            done: notice.clone().filter(|_| matches!(outcome, Some(RoundOutcome::Done(_)))),
            contribution: kept(),
            external: (!external.canal.is_empty()).then_some(external),
            answer: kept(),
            force: kept(),
        }
    };
    loaded(page, move |p| view! { <Round page=p back=back() /> })
}

#[component]
fn Round(page: Page, back: Back) -> impl IntoView {
    let t = t();
    let round = page.summary.round.clone();
    let id = round.id.clone();
    let href = urls::round(&id);
    let code = round.policy_code.clone();
    let region_names = |list: &[String]| {
        list.iter().map(|u| page.jurisdictions.iter().find(|j| &j.0 == u).map_or(u.clone(), |j| j.1.clone())).collect::<Vec<_>>().join(", ")
    };
    let accounts = match round.hidden_accounts {
        0 => round.users.join(", "),
        n => t.invited_accounts_count(n),
    };
    let invited = [region_names(&round.jurisdictions), round.organisations.join(", "), accounts]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let (_, unanswered) = page.summary.figures.unwrap_or_default();
    let threads: Vec<ContributionView> = page.contributions.iter().filter(|c| c.info.parent.is_none()).cloned().collect();
    let replies = page.contributions.clone();
    let quoted = back.anchor().and_then(|a| {
        page.steps.iter().flat_map(|s| s.blocks.iter()).find_map(|b| b.quoted(&a)).map(str::to_string)
    });
    // What the quoted passage is: a paragraph, a table's row or a list's item.
    let part = back.anchor().filter(|a| a.starts_with('p')).and_then(|a| a.splitn(3, '-').nth(2).map(|p| p.chars().next()));
    let about = match part {
        Some(Some('f')) => t.about_row,
        Some(Some('e')) => t.about_item,
        _ => t.about_paragraph,
    };
    let replying = back.reply_to().and_then(|r| page.contributions.iter().find(|c| c.info.id == r)).map(|c| c.info.number);
    view! {
        <PageTitle text=format!("{} · {}", round.title, round.policy_code) />
        <Crumbs
            trail=vec![
                (code.clone(), urls::policy(&code)),
                (format!("{} {}", t.deliverable, round.deliverable), urls::deliverable(&code, round.deliverable)),
                (t.nav_rounds.to_string(), urls::ROUNDS.to_string()),
            ]
            here=round.title.clone()
        />
        <p class="eyebrow">{format!("{} · {}", t.round_kind(round.kind), page.policy_name)}</p>
        <h1>{round.title.clone()}</h1>
        {round.illustrative.then(|| view! { <p class="notice">{t.illustrative_round}</p> })}
        <dl class="facts">
            <div><dt>{t.state}</dt><dd><span class=format!("badge round-{}", page.summary.status.key())>{t.round_status(page.summary.status)}</span></dd></div>
            <div><dt>{t.window}</dt><dd>{format!("{} – {}", moment(&round.opens), moment(&round.closes))}</dd></div>
            <div><dt>{t.version}</dt><dd>{round.version.map(|v| v.to_string()).unwrap_or_else(|| t.not_in_pasos.to_string())}</dd></div>
            <div><dt>{t.invited}</dt><dd>{if invited.is_empty() { t.invited_by_role.to_string() } else { invited }}</dd></div>
        </dl>
        // A refusal whose form is not known (an address typed by hand) is said here.
        {back.error.filter(|_| back.at.is_empty()).map(|e| view! { <div class="notice notice-error" role="alert">{t.round_error(e)}</div> })}

        {view! { <section aria-labelledby="texto-titulo" id="texto">
            <h2 id="texto-titulo">{t.round_text}</h2>
            {page.steps.iter().map(|s| {
                let title = step(s.number).map(|d| d.title).unwrap_or_default();
                let n = s.number;
                view! {
                    <h3>{format!("{} {n}. {title}", t.step)}</h3>
                    {s.blocks.is_empty().then(|| view! { <p class="empty">{if round.version.is_some() { t.round_step_empty } else { t.round_text_missing }}</p> })}
                    {s.blocks.iter().map(|b| {
                        let on_it: usize = page.per_anchor.iter().filter(|(a, _)| a.strip_prefix(b.anchor.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))).map(|(_, n)| *n).sum();
                        view! {
                            <div class="block" id=b.anchor.clone()>
                                <div class="prose" inner_html=b.html.clone()></div>
                                <p class="block-tools">
                                    // A heading names what follows: its paragraphs are commented, not it.
                                    {(page.may_contribute && !b.heading).then(|| view! {
                                        <a href=format!("{href}?{}={n}&{}={}#comentar", ContributionForm::paso, ContributionForm::parrafo, b.anchor)>{match b.anchor.strip_prefix("i-") {
                                            Some(code) => format!("{} ({code})", t.comment_item),
                                            None => format!("{}: «{}»", t.comment_paragraph, crate::domain::text::opening_words(&b.text, 8)),
                                        }}</a>
                                    })}
                                    {(on_it > 0).then(|| view! { <span class="meta">{format!(" {}", t.contributions_on_paragraph(on_it))}</span> })}
                                </p>
                                // A table's rows and a list's items, each commented on by itself.
                                {(page.may_contribute && !b.parts.is_empty()).then(|| {
                                    let row = b.parts.first().is_some_and(|p| p.anchor.contains("-f"));
                                    view! {
                                        <details class="block-parts">
                                            <summary>{if row { t.comment_a_row } else { t.comment_an_item }}</summary>
                                            <ul>
                                                {b.parts.iter().enumerate().map(|(k, p)| view! {
                                                    <li><a href=format!("{href}?{}={n}&{}={}#comentar", ContributionForm::paso, ContributionForm::parrafo, p.anchor)>
                                                        {format!("{} {}: «{}»", if row { t.table_row } else { t.list_item }, k + 1, crate::domain::text::opening_words(&p.text, 8))}
                                                    </a></li>
                                                }).collect_view()}
                                            </ul>
                                        </details>
                                    }
                                })}
                            </div>
                        }
                    }).collect_view()}
                    {page.may_contribute.then(|| view! {
                        <p><a href=format!("{href}?{}={n}#comentar", ContributionForm::paso)>{format!("{} {n} {}", t.comment_step, t.as_a_whole)}</a></p>
                    })}
                }
            }).collect_view()}
        </section> }.into_any()}

        {page.may_contribute.then(|| view! {
            <section aria-labelledby="comentar-titulo" id="comentar" class="card">
                <h2 id="comentar-titulo">{t.your_contribution}</h2>
                {quoted.clone().map(|q| view! { <p class="meta">{about}</p><blockquote class="passage">{q}</blockquote> })}
                {replying.map(|n| view! { <p class="meta">{format!("{} {n}", t.replying_to)}</p> })}
                <FormFeedback anchor="comentar" error=back.error_at("comentar") />
                <form method="post" action=urls::contribute(&id) class="review-form">
                    <FormKey anchor="comentar" />
                    <input type="hidden" name=ContributionForm::parrafo value=back.anchor().unwrap_or_default() />
                    <input type="hidden" name=ContributionForm::responde value=back.reply_to().unwrap_or_default() />
                    <label for="paso">{t.step}</label>
                    <select id="paso" name=ContributionForm::paso>
                        {page.steps.iter().map(|s| view! {
                            <option value=s.number.to_string() selected=back.step() == Some(s.number)>{format!("{} {}", t.step, s.number)}</option>
                        }).collect_view()}
                    </select>
                    <label for="texto-aporte">{t.contribution}</label>
                    <textarea id="texto-aporte" name=ContributionForm::texto rows="6" maxlength="10000" required
                        aria-invalid=back.error_at("comentar").map(|_| "true")
                        aria-describedby=if back.error_at("comentar").is_some() { "comentar-mensaje texto-aporte-ayuda" } else { "texto-aporte-ayuda" }
                        inner_html=textarea_html(if back.external.is_none() { &back.contribution.texto } else { "" })></textarea>
                    <p id="texto-aporte-ayuda" class="hint">{t.contribution_hint}</p>
                    <button type="submit" class="button">{t.send_contribution}</button>
                </form>
            </section>
        }.into_any())}

        // A contribution refused because the consultation no longer receives any: its text, to copy.
        {(!page.may_contribute && !back.contribution.texto.is_empty() && back.at == "comentar").then(|| view! {
            <section aria-labelledby="comentar-titulo" id="comentar" class="card">
                <h2 id="comentar-titulo">{t.your_contribution}</h2>
                <FormFeedback anchor="comentar" error=back.error_at("comentar") />
                <label for="texto-aporte">{t.unsent_text}</label>
                <textarea id="texto-aporte" rows="6" readonly aria-describedby="comentar-mensaje" inner_html=textarea_html(&back.contribution.texto)></textarea>
            </section>
        }.into_any())}

        {view! { <section aria-labelledby="aportes-titulo" id="aportes">
            <h2 id="aportes-titulo">{format!("{} ({})", t.contributions, page.readable)}</h2>
            <p class="actions">
                <A href=urls::round_matrix(&id)>{t.matrix_link}</A>
                {(page.summary.figures.is_some() && page.answers_visible).then(|| view! {
                    <a href=urls::systematization(&id)>{t.systematization_link}</a>
                })}
                {(round.kind == crate::domain::RoundKind::ObservacionesCeplan).then(|| view! {
                    <a href=urls::lifting_file(&id, "docx") download="">{t.lifting_docx}</a>
                    <a href=urls::lifting_file(&id, "xlsx") download="">{t.lifting_xlsx}</a>
                })}
                {(!page.answers_visible).then(|| view! { <span class="meta">{t.answers_not_published}</span> })}
            </p>
            {threads.is_empty().then(|| view! { <p class="empty">{t.no_contributions}</p> })}
            <ol class="contributions">
                {threads.into_iter().map(|c| {
                    let replies: Vec<ContributionView> = replies.iter().filter(|r| r.info.parent.as_deref() == Some(c.info.id.as_str())).cloned().collect();
                    view! {
                        <li>
                            <Contribution c=c.clone() round=round.clone() revisions=page.revisions.clone() may_manage=page.may_manage may_reply=page.may_contribute back=back.clone() />
                            {(!replies.is_empty()).then(|| view! {
                                <ol class="replies">
                                    {replies.into_iter().map(|r| view! {
                                        <li><Contribution c=r round=round.clone() revisions=page.revisions.clone() may_manage=page.may_manage may_reply=false back=back.clone() /></li>
                                    }).collect_view()}
                                </ol>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            <Pagination base=format!("{href}?") page=page.page pages=page.pages fragment="#aportes" />
        </section> }.into_any()}

        {(!page.coverage.is_empty()).then(|| view! { <Coverage rows=page.coverage.clone() /> }.into_any())}

        {page.may_manage.then(|| view! { <Management page=page.clone() back=back.clone() /> }.into_any())}
        {(page.may_force && !page.may_manage && (unanswered > 0 || page.summary.status == RoundStatus::Abierta) && page.summary.status != RoundStatus::Sistematizada).then(|| view! {
            <section aria-labelledby="forzar" id="gestion" class="card">
                <h2 id="forzar">{t.force_heading}</h2>
                <p>{format!("{} {unanswered}.", t.unanswered_count)}</p>
                <FormFeedback anchor="gestion" error=back.error_at("gestion") ok=back.done.clone() />
                <form method="post" action=urls::round_action(&id, RoundAction::Systematize.key()) class="review-form">
                    <FormKey anchor="gestion" />
                    <label for="motivo">{t.force_reason}</label>
                    <textarea id="motivo" name=ForceForm::motivo rows="2" required inner_html=textarea_html(&back.force.motivo)
                        aria-invalid=back.error_at("gestion").map(|_| "true") aria-describedby=back.error_at("gestion").map(|_| "gestion-mensaje")></textarea>
                    <p>{t.confirm_systematize_facts(page.summary.figures.map_or(0, |f| f.0), unanswered)}</p>
                    <Confirm id="confirmar-forzar" />
                    <button type="submit" class="button button-secondary">{t.force_button}</button>
                </form>
            </section>
        }.into_any())}
    }
}

/// The ticked confirmation an irreversible act wants (checked by the browser and by the handler).
#[component]
fn Confirm(id: &'static str) -> impl IntoView {
    view! {
        <label class="check" for=id>
            <input type="checkbox" id=id name=ForceForm::confirmar value=CONFIRMED required />
            " "{t().confirm_irreversible}
        </label>
    }
}

/// A contribution with its answer, and for the team the form that answers it: the answers its
/// round's kind gives, the justification, and where the text changed (a revision chosen from the
/// deliverable's steps' revisions, and the place in the document).
#[component]
fn Contribution(c: ContributionView, round: crate::domain::RoundInfo, revisions: Vec<(String, String, chrono::DateTime<chrono::Utc>)>, may_manage: bool, may_reply: bool, back: Back) -> impl IntoView {
    let t = t();
    let round_id = round.id.clone();
    let href = urls::round(&round_id);
    let info = c.info.clone();
    let who = [Some(info.author.clone()), info.organisation.clone(), c.jurisdiction_name.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
    let when = info.received_on.unwrap_or(info.created_at);
    let kept_here = back.answer.aporte == info.id;
    let chosen = if kept_here { back.answer.estado.clone() } else { info.answer.as_ref().map(|a| a.state.key().to_string()).unwrap_or_default() };
    let justification = if kept_here { back.answer.justificacion.clone() } else { info.answer.as_ref().and_then(|a| a.justification.clone()).unwrap_or_default() };
    let change = info.answer.as_ref().and_then(|a| a.change(info.step));
    let revision = if kept_here { back.answer.revision.clone() } else { change.map(|(s, r)| crate::domain::rounds::revision_choice(s, r)).unwrap_or_default() };
    let place = if kept_here { back.answer.ubicacion.clone() } else { info.answer.as_ref().and_then(|a| a.place.clone()).unwrap_or_default() };
    // Only a revision saved after the contribution arrived can have been caused by it; the one
    // recorded stays offered even when it is older than the newest the list shows.
    let arrived = info.received_on.unwrap_or(info.created_at);
    let mut revisions: Vec<(String, String)> = revisions.into_iter().filter(|r| r.2 >= arrived).map(|(v, l, _)| (v, l)).collect();
    if let Some((s, r)) = change.filter(|(s, r)| !revisions.iter().any(|(v, _)| *v == crate::domain::rounds::revision_choice(*s, *r))) {
        revisions.push((crate::domain::rounds::revision_choice(s, r), format!("{} {s} · {} {r}", t.step, t.revision.to_lowercase())));
    }
    let observation = round.kind == crate::domain::RoundKind::ObservacionesCeplan;
    let anchor = format!("aporte-{}", info.number);
    let refusal = back.error_at(&anchor);
    let (justification_wrong, revision_wrong, state_wrong, place_wrong) = match back.error.filter(|_| refusal.is_some()) {
        Some(RoundError::MissingJustification | RoundError::JustificationTooLong) => (true, false, false, false),
        Some(RoundError::BadAnswer) => (false, false, true, false),
        Some(RoundError::PlaceTooLong) => (false, false, false, true),
        Some(RoundError::MissingChange) => (false, true, false, true),
        Some(_) => (false, true, false, false),
        None => (false, false, false, false),
    };
    let notice = back.notice.clone().filter(|_| back.notice_on == Some(info.number));
    let j_id = format!("j-{}", info.number);
    view! {
        <article class="contribution" id=format!("aporte-{}", info.number) aria-labelledby=format!("aporte-{}-t", info.number)>
            <h3 id=format!("aporte-{}-t", info.number)>{format!("{} {}", t.contribution_number, info.number)}</h3>
            <FormFeedback anchor=anchor.clone() ok=notice />
            <p class="meta">
                {format!("{who} · {} · {} {} · {}", t.channel(info.channel), t.step, info.step, crate::ui::moment(&when))}
                {info.illustrative.then(|| view! { " · "<strong>{t.illustrative}</strong> })}
            </p>
            {(info.channel != Channel::Plataforma).then(|| view! {
                <p class="meta">{format!("{} {}", t.recorded_by_team, info.recorded_by.clone().unwrap_or_default())}
                    {info.source_document.clone().map(|d| format!(" · {}: {d}", t.document))}</p>
            })}
            {info.passage.clone().map(|p| view! {
                <blockquote class="passage"><a href=format!("#{}", info.anchor.clone().unwrap_or_default())>{place_name(info.anchor.as_deref().unwrap_or_default())}</a>": "{p}</blockquote>
            })}
            <div class="prose" inner_html=c.body_html.clone()></div>
            {info.answer.clone().map(|a| view! {
                <div class=format!("answer answer-{}", a.state.key())>
                    <p><strong>{format!("{}: {}", t.answer, t.answer_state(a.state))}</strong></p>
                    {a.justification.map(|j| view! { <p class="keep-lines">{j}</p> })}
                    {(change.is_some() || a.place.is_some()).then(|| {
                        let words = change.map(|(s, r)| format!("{} {s}, {} {r}", t.step, t.revision.to_lowercase()));
                        view! {
                            <p class="meta">{format!("{}: ", t.change_location)}
                                {a.place.clone().map(|p| if words.is_some() { format!("{p} · ") } else { p })}
                                {match (change, may_manage) {
                                    (Some((s, r)), true) => view! { <a href=urls::revision_change(&round.policy_code, s, r)>{words.clone().unwrap_or_default()}</a> }.into_any(),
                                    _ => words.clone().unwrap_or_default().into_any(),
                                }}
                            </p>
                        }
                    })}
                </div>
            })}
            {may_reply.then(|| view! { <p><a href=format!("{href}?{}={}&{}={}#comentar", ContributionForm::responde, info.id, ContributionForm::paso, info.step)>{t.reply}</a></p> })}
            {may_manage.then(|| view! {
                <details class="answer-form" open=kept_here || info.answer.is_none()>
                    <summary>{if info.answer.is_some() { t.change_answer } else { t.give_answer }}</summary>
                    <FormFeedback anchor=anchor.clone() error=refusal.clone() />
                    <form method="post" action=urls::answer(&round_id, &info.id) class="review-form">
                        <FormKey anchor=anchor.clone() />
                        <fieldset aria-invalid=state_wrong.then_some("true") aria-describedby=state_wrong.then(|| crate::ui::feedback_id(&anchor))>
                            <legend>{t.answer}</legend>
                            {AnswerState::for_round(round.kind).iter().map(|s| {
                                let (input_id, label_for) = (format!("r-{}-{}", info.number, s.key()), format!("r-{}-{}", info.number, s.key()));
                                view! {
                                    <label class="check" for=label_for>
                                        <input type="radio" id=input_id name=AnswerForm::estado value=s.key() required checked=chosen == s.key() />
                                        " "{t.answer_state(*s)}
                                    </label>
                                }
                            }).collect_view()}
                        </fieldset>
                        <label for=j_id.clone()>{if observation { t.observation_justification } else { t.justification }}</label>
                        <textarea id=j_id name=AnswerForm::justificacion rows="3" maxlength="4000" inner_html=textarea_html(&justification)
                            aria-invalid=justification_wrong.then_some("true") aria-describedby=justification_wrong.then(|| crate::ui::feedback_id(&anchor))></textarea>
                        <label for=format!("v-{}", info.number)>{if observation { t.observation_revision } else { t.linked_revision }}</label>
                        <select id=format!("v-{}", info.number) name=AnswerForm::revision
                            aria-invalid=revision_wrong.then_some("true") aria-describedby=revision_wrong.then(|| crate::ui::feedback_id(&anchor))>
                            <option value="">{t.no_revision}</option>
                            {revisions.iter().map(|(v, label)| view! { <option value=v.clone() selected=*v == revision>{label.clone()}</option> }).collect_view()}
                        </select>
                        <label for=format!("u-{}", info.number)>{t.change_place}</label>
                        <input id=format!("u-{}", info.number) name=AnswerForm::ubicacion type="text" maxlength="300" value=place
                            aria-describedby=if place_wrong { format!("u-{}-ayuda {}", info.number, crate::ui::feedback_id(&anchor)) } else { format!("u-{}-ayuda", info.number) }
                            aria-invalid=place_wrong.then_some("true") />
                        <p id=format!("u-{}-ayuda", info.number) class="hint">{if observation { t.change_place_hint_observation } else { t.change_place_hint }}</p>
                        <button type="submit" class="button">{t.save_answer}</button>
                    </form>
                </details>
            })}
        </article>
    }
}

/// The team's tools: publish the answers, close, systematize, and transcribe outside contributions.
#[component]
fn Management(page: Page, back: Back) -> impl IntoView {
    let t = t();
    let round = page.summary.round.clone();
    let id = round.id.clone();
    let status = page.summary.status;
    let ext = back.external.clone().unwrap_or_default();
    view! {
        <section aria-labelledby="gestion-titulo" id="gestion" class="card">
            <h2 id="gestion-titulo">{t.manage_round}</h2>
            <FormFeedback anchor="gestion" error=back.error_at("gestion") ok=back.done.clone() />
            {page.summary.figures.map(|(all, unanswered)| view! { <p>{format!("{} {all} · {} {unanswered}", t.contributions, t.unanswered_count)}</p> })}
            <div class="actions">
                {(!round.published).then(|| view! {
                    <form method="post" action=urls::round_action(&id, RoundAction::Publish.key())><FormKey anchor="gestion" /><button type="submit" class="button">{t.publish_answers}</button></form>
                })}
                {round.published.then(|| view! { <p class="meta">{t.answers_published}</p> })}
            </div>
            // The two acts that cannot be undone state their facts and ask for a ticked confirmation.
            {(status == RoundStatus::Abierta || status == RoundStatus::Programada).then(|| {
                let closes = round.closes;
                let days_left = (closes - chrono::Utc::now()).num_days().max(0);
                let all = page.summary.figures.map_or(0, |f| f.0);
                view! {
                    <form method="post" action=urls::round_action(&id, RoundAction::Close.key()) class="review-form confirm">
                        <FormKey anchor="gestion" />
                        <p>{t.confirm_close_facts(all, &crate::ui::moment(&closes), days_left)}</p>
                        <Confirm id="confirmar-cierre" />
                        <button type="submit" class="button button-secondary">{t.close_round}</button>
                    </form>
                }
            })}
            {(status == RoundStatus::Cerrada).then(|| {
                let (all, unanswered) = page.summary.figures.unwrap_or((0, 0));
                view! {
                    <form method="post" action=urls::round_action(&id, RoundAction::Systematize.key()) class="review-form confirm">
                        <FormKey anchor="gestion" />
                        <p>{t.confirm_systematize_facts(all, unanswered)}</p>
                        <Confirm id="confirmar-sistematizar" />
                        <button type="submit" class="button button-secondary">{t.systematize}</button>
                    </form>
                }
            })}
            <h3 id="externo">{t.external_heading}</h3>
            <FormFeedback anchor="externo" error=back.error_at("externo") />
            <form method="post" action=urls::external(&id) class="review-form">
                <FormKey anchor="externo" />
                <label for="canal">{t.channel_label}</label>
                <select id="canal" name=ExternalForm::canal>
                    {[Channel::Taller, Channel::Correo, Channel::Oficio].iter().map(|c| view! {
                        <option value=c.key() selected=ext.canal == c.key()>{t.channel(*c)}</option>
                    }).collect_view()}
                </select>
                <label for="ext-fecha">{t.received_on}</label>
                <input id="ext-fecha" name=ExternalForm::fecha type="date" required value=ext.fecha.clone() />
                <label for="ext-autor">{t.author}</label>
                <input id="ext-autor" name=ExternalForm::autor type="text" maxlength="200" value=ext.autor.clone() />
                <label for="ext-org">{t.organisation}</label>
                <input id="ext-org" name=ExternalForm::organizacion type="text" maxlength="200" value=ext.organizacion.clone() />
                <label for="ext-region">{t.region}</label>
                <select id="ext-region" name=ExternalForm::region>
                    <option value="">{t.no_region}</option>
                    {page.jurisdictions.iter().map(|(u, n)| view! { <option value=u.clone() selected=ext.region == *u>{n.clone()}</option> }).collect_view()}
                </select>
                <label for="ext-doc">{t.source_document}</label>
                <input id="ext-doc" name=ExternalForm::documento type="text" maxlength="200" value=ext.documento.clone() />
                <label for="ext-paso">{t.step}</label>
                <select id="ext-paso" name=ExternalForm::paso>
                    {round.steps.iter().map(|s| view! { <option value=s.to_string() selected=ext.paso == s.to_string()>{format!("{} {s}", t.step)}</option> }).collect_view()}
                </select>
                <label for="ext-texto">{t.contribution}</label>
                <textarea id="ext-texto" name=ExternalForm::texto rows="4" maxlength="10000" required inner_html=textarea_html(&ext.texto)
                    aria-invalid=back.error_at("externo").map(|_| "true") aria-describedby=back.error_at("externo").map(|_| "externo-mensaje")></textarea>
                <button type="submit" class="button">{t.record_button}</button>
            </form>
        </section>
    }
}

/// Peru's 26 jurisdictions on a grid that keeps their rough places (north at the top).
const TILES: [(&str, &str, u8, u8); 26] = [
    ("24", "TUM", 0, 0),
    ("16", "LOR", 3, 1),
    ("20", "PIU", 0, 1),
    ("06", "CAJ", 1, 1),
    ("01", "AMA", 2, 1),
    ("14", "LAM", 0, 2),
    ("13", "LAL", 1, 2),
    ("22", "SAM", 2, 2),
    ("02", "ANC", 1, 3),
    ("10", "HUC", 2, 3),
    ("25", "UCA", 3, 3),
    ("15", "LIP", 1, 4),
    ("19", "PAS", 2, 4),
    ("12", "JUN", 3, 4),
    ("07", "CAL", 0, 5),
    ("1501", "LIM", 1, 5),
    ("09", "HUV", 2, 5),
    ("08", "CUS", 3, 5),
    ("17", "MDD", 4, 5),
    ("11", "ICA", 1, 6),
    ("05", "AYA", 2, 6),
    ("03", "APU", 3, 6),
    ("21", "PUN", 4, 6),
    ("04", "ARE", 2, 7),
    ("18", "MOQ", 3, 7),
    ("23", "TAC", 4, 7),
];

#[component]
pub(super) fn Coverage(rows: Vec<CoverageRow>) -> impl IntoView {
    let t = t();
    let (w, h) = (84.0, 46.0);
    view! {
        <section aria-labelledby="cobertura-titulo" id="cobertura">
            <h2 id="cobertura-titulo">{t.coverage_heading}</h2>
            <div class="coverage">
                <figure>
                    <svg viewBox=format!("0 0 {} {}", w * 5.0 + 8.0, h * 8.0 + 8.0) role="img" aria-labelledby="mapa-titulo" class="tile-map">
                        <title id="mapa-titulo">{t.coverage_map}</title>
                        {TILES.iter().filter_map(|(ubigeo, abbr, col, row)| {
                            let r = rows.iter().find(|r| r.ubigeo == *ubigeo)?.clone();
                            let contributed = r.figures.is_some_and(|(n, _)| n > 0);
                            let class = if contributed { "tile tile-contributed" } else if r.invited { "tile tile-invited" } else { "tile" };
                            let (x, y) = (4.0 + f64::from(*col) * w, 4.0 + f64::from(*row) * h);
                            let invited = if r.invited { t.invited } else { t.not_invited };
                            let label = match r.figures {
                                Some((n, accepted)) => format!("{}: {invited}; {n} {}; {accepted} {}", r.name, t.contributions.to_lowercase(), t.accepted),
                                None => format!("{}: {invited}", r.name),
                            };
                            Some(view! {
                                <g class=class>
                                    <rect x=x y=y width=w - 4.0 height=h - 4.0 rx="4">
                                        <title>{label}</title>
                                    </rect>
                                    <text x=x + 6.0 y=y + 17.0 class="tile-abbr">{abbr.to_string()}</text>
                                    <text x=x + 6.0 y=y + 34.0 class="tile-count">{r.figures.filter(|(n, _)| r.invited || *n > 0).map(|(n, _)| n.to_string()).unwrap_or_default()}</text>
                                </g>
                            })
                        }).collect_view()}
                    </svg>
                    <figcaption class="legend">
                        <span><span class="swatch tile-contributed" aria-hidden="true"></span>{t.contributed}</span>
                        <span><span class="swatch tile-invited" aria-hidden="true"></span>{t.invited_only}</span>
                        <span><span class="swatch tile-none" aria-hidden="true"></span>{t.not_invited}</span>
                    </figcaption>
                </figure>
                <table class="data cards">
                    <caption class="visually-hidden">{t.coverage_heading}</caption>
                    <thead><tr><th scope="col">{t.region}</th><th scope="col">{t.invited}</th><th scope="col">{t.contributions}</th><th scope="col">{t.accepted_short}</th></tr></thead>
                    <tbody>
                        {rows.iter().filter(|r| r.invited || r.figures.is_some_and(|(n, _)| n > 0)).map(|r| view! {
                            <tr>
                                <th scope="row">{r.name.clone()}</th>
                                <td data-label=t.invited>{if r.invited { t.yes } else { t.no }}</td>
                                <td data-label=t.contributions>{r.figures.map_or_else(|| t.figures_after_publication.to_string(), |(n, _)| n.to_string())}</td>
                                <td data-label=t.accepted_short>{r.figures.map_or_else(|| t.figures_after_publication.to_string(), |(_, a)| a.to_string())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

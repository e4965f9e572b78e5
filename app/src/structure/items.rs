//! `/politicas/{code}/pasos/{n}/estructura`: a step's structured content — its items as tables
//! (the causal tree for Paso 2, the scoring matrix for Paso 4, the indicators' fichas técnicas and
//! yearly targets for Paso 5) and, for the team, plain forms generated from the catalogue to add,
//! change and delete items. A refused form comes back with its reason and every value as typed.
use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::data::get_structure;
use super::form::{Change, StructureForm as F, StructureOutcome, DETAIL, EDIT, SCORE, TARGET, VALUE};
use crate::ui::{loaded, textarea_html, FormFeedback, FormKey, PageTitle, StepCrumbs};
use crate::urls;
use crate::domain::step;
use crate::domain::structure::{kind_name, kind_title, kinds_of, of_kind, score_key, shown, total_score, FieldDef, FieldType, Item, ItemKind};
use crate::web::WebError;
use crate::i18n::t;
use super::data::StructurePage as Page;

/// What the query string carries back: a refusal with every field as typed, an item being
/// edited, or what was just done.
#[derive(Clone, Default)]
struct Back {
    error: Option<(String, String)>,
    /// The anchor of the form the refusal is about (the held form's).
    at: String,
    kept: BTreeMap<String, String>,
    editing: Option<String>,
    notice: Option<String>,
}

impl Back {
    /// The refusal, worded, if it is about the form at `anchor`.
    fn error_at(&self, anchor: &str) -> Option<String> {
        self.error.as_ref().filter(|_| self.at == anchor).map(|(k, d)| t().structure_error(k, d))
    }
}

#[component]
pub fn StructurePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        let p = params.read();
        (p.get("code").unwrap_or_default(), p.get("n").and_then(|n| n.parse::<u8>().ok()))
    };
    let page = Resource::new(key, |(code, n)| async move {
        match n {
            Some(n) => get_structure(code, n).await,
            None => Err(WebError::NotFound),
        }
    });
    let back = move || {
        let q = query.read();
        let t = t();
        let notice = StructureOutcome::read(|k| q.get(k)).map(|outcome| match outcome {
            StructureOutcome::Saved(code) => format!("{} {code}.", t.item_saved),
            StructureOutcome::Deleted => t.item_deleted.to_string(),
            StructureOutcome::Renumbered(n) => format!("{} {n}.", t.codes_renumbered),
            StructureOutcome::Settings => t.settings_saved.to_string(),
        });
        // Every field as typed, the catalogue's (`v:…`, `meta:…`) as well as the form's own.
        let held = crate::ui::held().unwrap_or_default();
        let kept: BTreeMap<String, String> = held.fields.iter().cloned().collect();
        let error = q.get("error").map(|e| (e, kept.get(DETAIL).cloned().unwrap_or_default()));
        let editing = q.get(EDIT).or_else(|| kept.get(F::id).cloned()).filter(|id| !id.is_empty());
        Back { error, at: held.anchor.clone(), kept, editing, notice }
    };
    loaded(page, move |p| view! { <Structure page=p back=back() /> })
}

#[component]
fn Structure(page: Page, back: Back) -> impl IntoView {
    let t = t();
    let title = step(page.step).map(|s| s.title).unwrap_or_default();
    let href = urls::structure(&page.policy_code, page.step);
    let kinds = kinds_of(page.step);
    let error = back.error.as_ref().map(|(k, d)| t.structure_error(k, d));
    let settings = (page.may_edit && matches!(page.step, 4 | 5)).then(|| view! { <Settings page=page.clone() back=back.clone() href=href.clone() /> });
    let tree = (page.step == 2).then(|| view! { <CausalTree items=page.items.clone() /> });
    let scoring = (page.step == 4).then(|| view! { <Scoring items=page.items.clone() criteria=page.criteria.clone() /> });
    let sections = kinds
        .iter()
        .map(|k| view! { <KindSection kind=*k page=page.clone() back=back.clone() href=href.clone() /> })
        .collect_view();
    view! {
        <PageTitle text=format!("{} · {} {} · {}", t.structure_title, t.step, page.step, page.policy_code) />
        <StepCrumbs policy_code=page.policy_code.clone() number=page.step here=t.structure_title />
        <p class="eyebrow">{t.step}" "{page.step}" · "{title}</p>
        <h1 id="estructura">{t.structure_title}</h1>
        <p class="lead">{t.structure_intro}</p>
        {back.notice.clone().map(|n| view! { <p class="notice notice-ok" role="status">{n}</p> })}
        // A refusal about the whole structure (or whose form is not known) is said here.
        <FormFeedback anchor="estructura" error=error.clone().filter(|_| back.at.is_empty() || back.at == "estructura") />
        <p class="actions">
            <A href=urls::consistency(&page.policy_code)>{t.consistency_title}</A>
            <A href=urls::history(&page.policy_code, page.step)>{t.history_link}</A>
        </p>
        {kinds.is_empty().then(|| view! { <p>{t.no_items}</p> })}
        {settings}
        {tree}
        {scoring}
        {sections}
        {page.may_edit.then(|| view! {
            <section class="panel" aria-labelledby="renumerar">
                <h2 id="renumerar">{t.renumber}</h2>
                <p class="meta">{t.renumber_help}</p>
                <form method="post" action=href.clone()>
                    <FormKey anchor="renumerar" />
                    <input type="hidden" name=F::accion value=Change::Renumber.key() />
                    <button type="submit" class="button button-secondary">{t.renumber}</button>
                </form>
            </section>
        })}
    }
    .into_any()
}

/// The horizon (Paso 5) or the scoring criteria (Paso 4).
#[component]
fn Settings(page: Page, back: Back, href: String) -> impl IntoView {
    let t = t();
    let kept = |k: &str, default: String| back.kept.get(k).cloned().unwrap_or(default);
    let refusal = back.error_at("ajustes");
    if page.step == 5 {
        let value = kept(F::horizonte, page.horizon.to_string());
        view! {
            <form method="post" action=href id="ajustes" class="inline-form panel">
                <FormFeedback anchor="ajustes" error=refusal />
                <FormKey anchor="ajustes" />
                <input type="hidden" name=F::accion value=Change::Horizon.key() />
                <label for="horizonte">{t.horizon_label}</label>
                <input id="horizonte" name=F::horizonte inputmode="numeric" size="6" value=value required />
                <button type="submit" class="button button-secondary">{t.set_horizon}</button>
            </form>
        }
        .into_any()
    } else {
        let value = kept(F::criterios, page.criteria.join("\n"));
        view! {
            <form method="post" action=href id="ajustes" class="panel">
                <FormFeedback anchor="ajustes" error=refusal />
                <FormKey anchor="ajustes" />
                <input type="hidden" name=F::accion value=Change::Criteria.key() />
                <label for="criterios">{t.criteria_label}</label>
                <textarea id="criterios" name=F::criterios rows="5" inner_html=textarea_html(&value)></textarea>
                <button type="submit" class="button button-secondary">{t.save_criteria}</button>
            </form>
        }
        .into_any()
    }
}

/// Paso 2's causes as a nested list: each direct cause with its indirect causes.
#[component]
fn CausalTree(items: Vec<Item>) -> impl IntoView {
    let t = t();
    let direct = of_kind(&items, ItemKind::DirectCause, None);
    let rows = direct
        .iter()
        .map(|d| {
            let kids = of_kind(&items, ItemKind::IndirectCause, Some(&d.id));
            view! {
                <li>
                    <a href=format!("#item-{}", d.code)><strong>{d.code.clone()}</strong></a>" "{d.value("enunciado").to_string()}
                    {(!kids.is_empty()).then(|| view! {
                        <ul>
                            {kids.into_iter().map(|c| view! {
                                <li><a href=format!("#item-{}", c.code)><strong>{c.code.clone()}</strong></a>" "{c.value("enunciado").to_string()}</li>
                            }).collect_view()}
                        </ul>
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="arbol">
            <h2 id="arbol">{t.causal_tree}</h2>
            {if direct.is_empty() { view! { <p>{t.no_items}</p> }.into_any() } else { view! { <ul class="tree">{rows}</ul> }.into_any() }}
        </section>
    }
    .into_any()
}

/// Paso 4's alternatives against the criteria, with their totals and decisions.
#[component]
fn Scoring(items: Vec<Item>, criteria: Vec<String>) -> impl IntoView {
    let t = t();
    let alternatives = of_kind(&items, ItemKind::Alternative, None);
    let decision = ItemKind::Alternative.fields().iter().find(|f| f.key == "decision").copied();
    view! {
        <section class="panel" aria-labelledby="evaluacion">
            <h2 id="evaluacion">{t.scoring_title}</h2>
            {if alternatives.is_empty() {
                view! { <p>{t.no_items}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0">
                        <table class="data">
                            <thead>
                                <tr>
                                    <th scope="col">{t.code}</th>
                                    {criteria.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view()}
                                    <th scope="col">{t.total_score}</th>
                                    <th scope="col">{t.decision}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {alternatives.iter().map(|a| view! {
                                    <tr>
                                        <th scope="row"><a href=format!("#item-{}", a.code)>{a.code.clone()}</a></th>
                                        {criteria.iter().map(|c| view! { <td class="num">{a.value(&score_key(c)).to_string()}</td> }).collect_view()}
                                        <td class="num"><strong>{total_score(a, &criteria)}</strong></td>
                                        <td>{decision.map(|f| shown(a, &f)).unwrap_or_default()}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
    .into_any()
}

/// One kind's table and its form.
#[component]
fn KindSection(kind: ItemKind, page: Page, back: Back, href: String) -> impl IntoView {
    let t = t();
    let mine = of_kind(&page.items, kind, None);
    let code_of = |id: &str| page.items.iter().find(|i| i.id == id).map(|i| i.code.clone()).unwrap_or_default();
    let fields = kind.fields();
    let headers = fields.iter().map(|f| view! { <th scope="col">{f.label}</th> }).collect_view();
    let rows = mine
        .iter()
        .map(|i| {
            let cells = fields
                .iter()
                .map(|f| {
                    let v = match f.ty {
                        FieldType::Ref(_) => code_of(i.value(f.key)),
                        _ => shown(i, f),
                    };
                    view! { <td>{v}</td> }
                })
                .collect_view();
            let targets = (kind == ItemKind::Indicator).then(|| view! { <td>{crate::domain::structure::targets_line(i)}</td> });
            let edit = format!("{href}?{EDIT}={}#nuevo-{}", i.id, kind.key());
            view! {
                <tr id=format!("item-{}", i.code)>
                    <th scope="row">{i.code.clone()}</th>
                    {kind.parent().is_some().then(|| view! { <td>{i.parent.as_deref().map(code_of).unwrap_or_default()}</td> })}
                    {cells}
                    {targets}
                    {page.may_edit.then(|| view! {
                        <td class="row-actions">
                            <a href=edit>{format!("{} {}", t.editing, i.code)}</a>
                            <form method="post" action=href.clone()>
                                <FormKey anchor=format!("titulo-{}", kind.key()) />
                                <input type="hidden" name=F::accion value=Change::Delete.key() />
                                <input type="hidden" name=F::id value=i.id.clone() />
                                <button type="submit" class="link-button">{format!("{} {}", t.delete, i.code)}</button>
                            </form>
                        </td>
                    })}
                </tr>
            }
        })
        .collect_view();
    let table = if mine.is_empty() {
        view! { <p>{t.no_items}</p> }.into_any()
    } else {
        view! {
            <div class="table-scroll" tabindex="0">
                <table class="data structure-table">
                    <thead>
                        <tr>
                            <th scope="col">{t.code}</th>
                            {kind.parent().is_some().then(|| view! { <th scope="col">{t.depends_on}</th> })}
                            {headers}
                            {(kind == ItemKind::Indicator).then(|| view! { <th scope="col">{t.yearly_targets}</th> })}
                            {page.may_edit.then(|| view! { <th scope="col"><span class="visually-hidden">{t.actions_col}</span></th> })}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let form = page.may_edit.then(|| view! { <ItemForm kind=kind page=page.clone() back=back.clone() href=href.clone() /> });
    view! {
        <section aria-labelledby=format!("titulo-{}", kind.key())>
            <h2 id=format!("titulo-{}", kind.key())>{kind_title(kind)}</h2>
            {table}
            {form}
        </section>
    }
    .into_any()
}

/// The form of one kind, generated from its fields: empty to add, filled to edit, or as typed
/// after a refusal.
#[component]
fn ItemForm(kind: ItemKind, page: Page, back: Back, href: String) -> impl IntoView {
    let t = t();
    let editing: Option<Item> = back.editing.as_ref().and_then(|id| page.items.iter().find(|i| &i.id == id && i.kind == kind)).cloned();
    // Values come back from a refusal of this kind's form, else from the item being edited.
    let refused_here = back.error.is_some() && back.kept.get(F::tipo).map(String::as_str) == Some(kind.key());
    let value = |key: &str| -> String {
        if refused_here {
            back.kept.get(key).cloned().unwrap_or_default()
        } else {
            editing.as_ref().map(|i| {
                if let Some(year) = key.strip_prefix(TARGET) {
                    year.parse::<u16>().ok().and_then(|y| i.targets.get(&y).cloned()).unwrap_or_default()
                } else if key.starts_with(SCORE) {
                    i.value(key).to_string()
                } else {
                    i.value(key.trim_start_matches(VALUE)).to_string()
                }
            }).unwrap_or_default()
        }
    };
    let id_prefix = kind.key();
    let heading = match &editing {
        Some(i) => format!("{} {}", t.editing, i.code),
        None => format!("{} {}", t.add, kind_name(kind).to_lowercase()),
    };
    let parent = match (kind.parent(), &editing) {
        (Some(pk), None) => {
            let options = options_of(&page.items, pk);
            let chosen = value("padre");
            let id = format!("{id_prefix}-padre");
            Some(view! {
                <div class="field">
                    <label for=id.clone()>{format!("{} ({})", t.depends_on, kind_name(pk).to_lowercase())}" "<span class="meta">{t.required_mark}</span></label>
                    <select id=id name=F::padre required>
                        <option value="">{t.choose}</option>
                        {options.into_iter().map(|(oid, label)| view! { <option value=oid.clone() selected=chosen == oid>{label}</option> }).collect_view()}
                    </select>
                </div>
            }.into_any())
        }
        _ => None,
    };
    let fields = kind.fields().iter().map(|f| field_input(f, id_prefix, value(&format!("{VALUE}{}", f.key)), &page.items)).collect_view();
    let scores = (kind == ItemKind::Alternative).then(|| {
        page.criteria
            .iter()
            .enumerate()
            .map(|(n, c)| {
                let id = format!("{id_prefix}-puntaje-{n}");
                let chosen = value(&score_key(c));
                view! {
                    <div class="field">
                        <label for=id.clone()>{format!("{} (1–5)", c)}</label>
                        <select id=id name=score_key(c)>
                            <option value="">"—"</option>
                            {(1..=5).map(|s| view! { <option value=s.to_string() selected=chosen == s.to_string()>{s}</option> }).collect_view()}
                        </select>
                    </div>
                }
            })
            .collect_view()
    });
    let targets = (kind == ItemKind::Indicator).then(|| {
        let baseline: Option<u16> = value(&format!("{VALUE}linea_base_anio")).trim().parse().ok();
        let first = baseline.map(|b| b + 1).unwrap_or(page.this_year).min(page.this_year.saturating_sub(4));
        let years: Vec<u16> = (first..=page.horizon.max(first)).collect();
        view! {
            <fieldset class="targets">
                <legend>{t.yearly_targets}</legend>
                <p class="meta">{format!("{} ({}: {})", t.targets_help, t.horizon_label, page.horizon)}</p>
                <div class="target-grid">
                    {years.into_iter().map(|y| {
                        let id = format!("{id_prefix}-meta-{y}");
                        let name = format!("{TARGET}{y}");
                        let v = value(&name);
                        view! {
                            <div class="field">
                                <label for=id.clone()>{format!("{} {y}", t.target_for)}</label>
                                <input id=id name=name inputmode="decimal" size="8" value=v />
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        }
    });
    let cancel = editing.is_some().then(|| view! { <a href=format!("{href}#titulo-{}", kind.key())>{t.cancel}</a> });
    view! {
        <form method="post" action=href.clone() id=format!("nuevo-{}", kind.key()) class="panel item-form">
            <h3>{heading}</h3>
            <FormFeedback anchor=format!("nuevo-{}", kind.key()) error=back.error_at(&format!("nuevo-{}", kind.key())) />
            <FormKey anchor=format!("nuevo-{}", kind.key()) />
            <input type="hidden" name=F::accion value=Change::Save.key() />
            <input type="hidden" name=F::tipo value=kind.key() />
            <input type="hidden" name=F::id value=editing.as_ref().map(|i| i.id.clone()).unwrap_or_default() />
            {parent}
            {fields}
            {scores}
            {targets}
            <p class="actions">
                <button type="submit" class="button">{t.save}</button>
                {cancel}
            </p>
        </form>
    }
    .into_any()
}

/// One field of the catalogue as a form control.
fn field_input(f: &FieldDef, prefix: &str, value: String, items: &[Item]) -> AnyView {
    let t = t();
    let id = format!("{prefix}-{}", f.key);
    let name = format!("{VALUE}{}", f.key);
    let label = view! {
        <label for=id.clone()>{f.label}{f.required.then(|| view! { " "<span class="meta">{t.required_mark}</span> })}</label>
    };
    let control = match f.ty {
        FieldType::LongText => view! { <textarea id=id name=name rows="3" required=f.required inner_html=textarea_html(&value)></textarea> }.into_any(),
        FieldType::Number => view! { <input id=id name=name inputmode="decimal" value=value required=f.required /> }.into_any(),
        FieldType::Year => view! { <input id=id name=name inputmode="numeric" size="6" value=value required=f.required /> }.into_any(),
        FieldType::Choice(options) => view! {
            <select id=id name=name required=f.required>
                <option value="">{t.choose}</option>
                {options.iter().map(|(k, l)| view! { <option value=*k selected=value == *k>{*l}</option> }).collect_view()}
            </select>
        }
        .into_any(),
        FieldType::Ref(kind) => {
            let mut options = options_of(items, kind);
            // An alternative may answer an indirect cause as well.
            if kind == ItemKind::DirectCause {
                options.extend(options_of(items, ItemKind::IndirectCause));
            }
            view! {
                <select id=id name=name required=f.required>
                    <option value="">{t.choose}</option>
                    {options.into_iter().map(|(oid, l)| view! { <option value=oid.clone() selected=value == oid>{l}</option> }).collect_view()}
                </select>
            }
            .into_any()
        }
        FieldType::Text => view! { <input id=id name=name value=value required=f.required /> }.into_any(),
    };
    view! { <div class="field">{label}{control}</div> }.into_any()
}

/// The items of a kind as (id, "CODE. statement") options, in code order.
fn options_of(items: &[Item], kind: ItemKind) -> Vec<(String, String)> {
    of_kind(items, kind, None)
        .into_iter()
        .map(|i| (i.id.clone(), format!("{}. {}", i.code, i.headline().chars().take(80).collect::<String>())))
        .collect()
}

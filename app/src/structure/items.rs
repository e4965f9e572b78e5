//! `/politicas/{code}/pasos/{n}/estructura`: a step's structured content — its items as tables
//! (the causal tree for Paso 2, the scoring matrix for Paso 4, each indicator's ficha técnica with
//! its values by year and a chart) and, for the team, plain forms generated from the catalogue to
//! add, change and delete items, and the policy's settings (horizon, criteria, numbering,
//! standard attributes). A refused form comes back with its reason and every value as typed;
//! "Actualizar los años" brings the form back with the year fields for the baseline and horizon
//! typed, without saving.
use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::data::get_structure;
use super::years::{first_after, YearFields, YearGrid};
use super::form::{Change, StructureForm as F, StructureOutcome, DETAIL, EDIT, OBSERVED, SCORE, TARGET, VALUE, YEARS_UPDATED};
use crate::ui::{loaded, textarea_html, FormFeedback, FormKey, PageTitle, StepCrumbs};
use crate::urls;
use crate::domain::step;
use crate::domain::annexes::{Chart, CHART_LEGEND};
use crate::domain::structure::{
    item_anchor, kind_name, kind_title, kinds_of, of_kind, record_rows, score_key, shown, total_score, CodeScheme, FieldDef, FieldType, Item, ItemKind,
};
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
    /// Every field as typed, in order (a field of several choices appears once per choice).
    typed: Vec<(String, String)>,
    kept: BTreeMap<String, String>,
    editing: Option<String>,
    /// What was just done, said where it happened.
    outcome: Option<StructureOutcome>,
}

impl Back {
    /// The refusal, worded, if it is about the form at `anchor`.
    fn error_at(&self, anchor: &str) -> Option<String> {
        self.error.as_ref().filter(|(k, _)| self.at == anchor && k != YEARS_UPDATED).map(|(k, d)| t().structure_error(k, d))
    }

    /// Whether the form at `anchor` came back with its years updated.
    fn years_updated_at(&self, anchor: &str) -> bool {
        self.error.as_ref().is_some_and(|(k, _)| k == YEARS_UPDATED) && self.at == anchor
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
        let outcome = StructureOutcome::read(|k| q.get(k));
        // Every field as typed, the catalogue's (`v:…`, `meta:…`) as well as the form's own.
        let held = crate::ui::held().unwrap_or_default();
        let kept: BTreeMap<String, String> = held.fields.iter().cloned().collect();
        let error = q.get("error").map(|e| (e, kept.get(DETAIL).cloned().unwrap_or_default()));
        let editing = q.get(EDIT).or_else(|| kept.get(F::id).cloned()).filter(|id| !id.is_empty());
        Back { error, at: held.anchor.clone(), typed: held.fields.clone(), kept, editing, outcome }
    };
    loaded(page, move |p| view! { <Structure page=p back=back() /> })
}

#[component]
fn Structure(page: Page, back: Back) -> impl IntoView {
    let t = t();
    let title = step(page.step).map(|s| s.title).unwrap_or_default();
    let href = urls::structure(&page.policy_code, page.step);
    let kinds = kinds_of(page.step);
    let error = back.error.as_ref().filter(|(k, _)| k != YEARS_UPDATED).map(|(k, d)| t.structure_error(k, d));
    let settings = (page.may_edit && matches!(page.step, 4 | 5 | 7)).then(|| view! { <Settings page=page.clone() back=back.clone() href=href.clone() /> });
    let tree = (page.step == 2).then(|| view! { <CausalTree items=page.items.clone() /> });
    let scoring = (page.step == 4).then(|| view! { <Scoring items=page.items.clone() criteria=page.settings.criteria.clone() /> });
    // A saved item is said beside its table, the numbering beside its form; the rest up top.
    let notice = back.outcome.clone().and_then(|outcome| match outcome {
        StructureOutcome::Saved(_) | StructureOutcome::Scheme => None,
        StructureOutcome::Deleted => Some(t.item_deleted.to_string()),
        StructureOutcome::Renumbered(n) => Some(format!("{} {n}.", t.codes_renumbered)),
        StructureOutcome::Settings => Some(t.settings_saved.to_string()),
    });
    // The step's items as their records read them: links named by code, as a frozen version does.
    let readable = crate::domain::structure::snapshot(page.step, &page.items);
    let sections = kinds
        .iter()
        .map(|k| view! { <KindSection kind=*k page=page.clone() back=back.clone() href=href.clone() readable=readable.clone() /> })
        .collect_view();
    let scheme = page.settings.scheme;
    let known = |anchor: &str| ["estructura", "ajustes", "atributos", "numeracion"].contains(&anchor) || anchor.starts_with("nuevo-");
    view! {
        <PageTitle text=format!("{} · {} {} · {}", t.structure_title, t.step, page.step, page.policy_code) />
        <StepCrumbs policy_code=page.policy_code.clone() number=page.step here=t.structure_title />
        <p class="eyebrow">{t.step}" "{page.step}" · "{title}</p>
        <h1 id="estructura">{t.structure_title}</h1>
        <p class="lead">{t.structure_intro}</p>
        {notice.map(|n| view! { <p class="notice notice-ok" role="status">{n}</p> })}
        // A refusal about the whole structure (or whose form is not known) is said here.
        <FormFeedback anchor="estructura" error=error.clone().filter(|_| back.at == "estructura" || !known(&back.at)) />
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
            <section class="panel" aria-labelledby="numeracion-titulo">
                <h2 id="numeracion-titulo">{t.code_scheme_label}</h2>
                <form method="post" action=href.clone() id="numeracion" class="inline-form">
                    <FormFeedback anchor="numeracion" error=back.error_at("numeracion") ok=(back.outcome == Some(StructureOutcome::Scheme)).then(|| t.scheme_saved.to_string()) />
                    <FormKey anchor="numeracion" />
                    <input type="hidden" name=F::accion value=Change::Scheme.key() />
                    <label for="esquema">{t.code_scheme_label}</label>
                    <select id="esquema" name=F::esquema>
                        {CodeScheme::ALL.iter().zip(t.code_schemes).map(|(s, l)| view! { <option value=s.key() selected=*s == scheme>{l}</option> }).collect_view()}
                    </select>
                    <button type="submit" class="button button-secondary">{t.save_scheme}</button>
                </form>
                {(scheme != CodeScheme::Own).then(|| view! {
                    <h3 id="renumerar">{t.renumber}</h3>
                    <p class="meta">{t.renumber_help}</p>
                    <form method="post" action=href.clone()>
                        <FormKey anchor="renumerar" />
                        <input type="hidden" name=F::accion value=Change::Renumber.key() />
                        <button type="submit" class="button button-secondary">{t.renumber}</button>
                    </form>
                })}
            </section>
        })}
    }
    .into_any()
}

/// The horizon (Paso 5), the scoring criteria (Paso 4) or the standard attributes (Paso 7).
#[component]
fn Settings(page: Page, back: Back, href: String) -> impl IntoView {
    let t = t();
    let kept = |k: &str, default: String| back.kept.get(k).cloned().unwrap_or(default);
    match page.step {
        5 => {
            let value = kept(F::horizonte, page.settings.horizon.to_string());
            view! {
                <form method="post" action=href id="ajustes" class="inline-form panel">
                    <FormFeedback anchor="ajustes" error=back.error_at("ajustes") />
                    <FormKey anchor="ajustes" />
                    <input type="hidden" name=F::accion value=Change::Horizon.key() />
                    <label for="horizonte">{t.horizon_label}</label>
                    <input id="horizonte" name=F::horizonte inputmode="numeric" size="6" value=value required />
                    <button type="submit" class="button button-secondary">{t.set_horizon}</button>
                </form>
            }
            .into_any()
        }
        7 => view! {
            <ListSetting back=back.clone() href=href anchor="atributos" name=F::atributos change=Change::Attributes label=t.attributes_label button=t.save_attributes
                value=kept(F::atributos, page.settings.attributes.join("\n")) />
        }
        .into_any(),
        _ => view! {
            <ListSetting back=back.clone() href=href anchor="ajustes" name=F::criterios change=Change::Criteria label=t.criteria_label button=t.save_criteria
                value=kept(F::criterios, page.settings.criteria.join("\n")) />
        }
        .into_any(),
    }
}

/// A policy's list, one name per line (the scoring criteria, the standard attributes).
#[component]
fn ListSetting(back: Back, href: String, anchor: &'static str, name: &'static str, change: Change, label: &'static str, button: &'static str, value: String) -> impl IntoView {
    let field = format!("{anchor}-lista");
    view! {
        <form method="post" action=href id=anchor class="panel">
            <FormFeedback anchor=anchor error=back.error_at(anchor) />
            <FormKey anchor=anchor />
            <input type="hidden" name=F::accion value=change.key() />
            <label for=field.clone()>{label}</label>
            <textarea id=field name=name rows="6" inner_html=textarea_html(&value)></textarea>
            <button type="submit" class="button button-secondary">{button}</button>
        </form>
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
                    <a href=format!("#{}", item_anchor(&d.code))><strong>{d.code.clone()}</strong></a>" "{d.value("enunciado").to_string()}
                    {(!kids.is_empty()).then(|| view! {
                        <ul>
                            {kids.into_iter().map(|c| view! {
                                <li><a href=format!("#{}", item_anchor(&c.code))><strong>{c.code.clone()}</strong></a>" "{c.value("enunciado").to_string()}</li>
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
                                        <th scope="row"><a href=format!("#{}", item_anchor(&a.code))>{a.code.clone()}</a></th>
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

/// One kind's items: a short table (code, what it hangs from, its statement), each item's whole
/// record (an indicator's ficha técnica with its chart) below it, and the kind's form.
#[component]
fn KindSection(kind: ItemKind, page: Page, back: Back, href: String, readable: Vec<Item>) -> impl IntoView {
    let t = t();
    let mine = of_kind(&page.items, kind, None);
    let code_of = |id: &str| page.items.iter().find(|i| i.id == id).map(|i| i.code.clone()).unwrap_or_default();
    let parented = !kind.parents().is_empty();
    let rows = mine
        .iter()
        .map(|i| {
            let edit = format!("{href}?{EDIT}={}#nuevo-{}", i.id, kind.key());
            view! {
                <tr id=item_anchor(&i.code)>
                    <th scope="row">{i.code.clone()}</th>
                    {parented.then(|| view! { <td>{i.parent.as_deref().map(code_of).unwrap_or_default()}</td> })}
                    <td>{i.headline().to_string()}</td>
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
    let records = mine
        .iter()
        .map(|i| {
            let item = readable.iter().find(|r| r.code == i.code && r.kind == i.kind).cloned().unwrap_or_else(|| (*i).clone());
            view! { <Record item=item ficha=page.fichas.get(&i.id).cloned() /> }
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
                            {parented.then(|| view! { <th scope="col">{t.depends_on}</th> })}
                            <th scope="col">{kind_name(kind)}</th>
                            {page.may_edit.then(|| view! { <th scope="col"><span class="visually-hidden">{t.actions_col}</span></th> })}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {records}
        }
        .into_any()
    };
    let taken = kind.single() && !mine.is_empty() && back.editing.as_ref().is_none_or(|id| !mine.iter().any(|i| &i.id == id));
    let form = page.may_edit.then(|| {
        if taken {
            let anchor = format!("nuevo-{}", kind.key());
            view! {
                <div id=anchor.clone()>
                    <FormFeedback anchor=anchor.clone() error=back.error_at(&anchor) />
                    <p class="meta">{t.only_one_added}</p>
                </div>
            }
            .into_any()
        } else {
            view! { <ItemForm kind=kind page=page.clone() back=back.clone() href=href.clone() /> }.into_any()
        }
    });
    let saved = match &back.outcome {
        Some(StructureOutcome::Saved(code)) if mine.iter().any(|i| &i.code == code) => Some(format!("{} {code}.", t.item_saved)),
        _ => None,
    };
    view! {
        <section aria-labelledby=format!("titulo-{}", kind.key())>
            <h2 id=format!("titulo-{}", kind.key())>{kind_title(kind)}</h2>
            {saved.map(|n| view! { <p class="notice notice-ok" role="status">{n}</p> })}
            {table}
            {form}
        </section>
    }
    .into_any()
}

/// An item's whole record, folded: its fields in two columns (an indicator's ficha técnica, as
/// `ficha` renders it, with its values by year and their chart).
#[component]
fn Record(item: Item, ficha: Option<String>) -> impl IntoView {
    let anchor = format!("detalle-{}", item_anchor(&item.code));
    let t = t();
    let summary = if item.kind.is_indicator() { format!("{} {}", t.ficha_of, item.code) } else { format!("{} {} {}", t.record_of, kind_name(item.kind).to_lowercase(), item.code) };
    let body = if let Some(html) = ficha {
        let chart = Chart::of(&item).map(|c| {
            let svg = c.svg(&format!("grafico-{}", item_anchor(&item.code)));
            view! { <figure class="grafico"><div inner_html=svg></div><figcaption class="meta">{CHART_LEGEND}</figcaption></figure> }
        });
        view! { <div class="ficha prose" inner_html=html></div>{chart} }.into_any()
    } else {
        let rows = record_rows(&item)
            .into_iter()
            .map(|(k, v)| view! { <tr><th scope="row">{k}</th><td>{v}</td></tr> })
            .collect_view();
        view! { <div class="table-scroll" tabindex="0"><table class="data ficha"><tbody>{rows}</tbody></table></div> }.into_any()
    };
    view! {
        <details class="record" id=anchor>
            <summary>{summary}</summary>
            {body}
        </details>
    }
    .into_any()
}

/// The form of one kind, generated from its fields: empty to add, filled to edit, or as typed
/// after a refusal or "Actualizar los años".
#[component]
fn ItemForm(kind: ItemKind, page: Page, back: Back, href: String) -> impl IntoView {
    let t = t();
    let anchor = format!("nuevo-{}", kind.key());
    let editing: Option<Item> = back.editing.as_ref().and_then(|id| page.items.iter().find(|i| &i.id == id && i.kind == kind)).cloned();
    // Values come back from a refusal of this kind's form, else from the item being edited.
    let returned = back.error.is_some() && back.kept.get(F::tipo).map(String::as_str) == Some(kind.key());
    let value = |key: &str| -> String {
        if returned {
            back.kept.get(key).cloned().unwrap_or_default()
        } else {
            editing
                .as_ref()
                .map(|i| {
                    if let Some(year) = key.strip_prefix(TARGET) {
                        year.parse::<u16>().ok().and_then(|y| i.targets.get(&y).cloned()).unwrap_or_default()
                    } else if let Some(year) = key.strip_prefix(OBSERVED) {
                        year.parse::<u16>().ok().and_then(|y| i.observed.get(&y).cloned()).unwrap_or_default()
                    } else if key == F::codigo {
                        i.code.clone()
                    } else if key.starts_with(SCORE) {
                        i.value(key).to_string()
                    } else {
                        i.value(key.trim_start_matches(VALUE)).to_string()
                    }
                })
                .unwrap_or_default()
        }
    };
    // A field of several choices: every value it came back with.
    let values_of = |key: &str| -> Vec<String> {
        if returned {
            back.typed.iter().filter(|(k, _)| k == key).map(|(_, v)| v.clone()).collect()
        } else {
            value(key).split(',').map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).collect()
        }
    };
    let id_prefix = kind.key();
    let heading = match &editing {
        Some(i) => format!("{} {}", t.editing, i.code),
        None => format!("{} {}", t.add, kind_name(kind).to_lowercase()),
    };
    let parent = match (kind.parents(), &editing) {
        ([], _) | (_, Some(_)) => None,
        (kinds, None) => {
            let options: Vec<(String, String)> = kinds.iter().flat_map(|k| options_of(&page.items, *k)).collect();
            let chosen = value(F::padre);
            let id = format!("{id_prefix}-padre");
            let names = kinds.iter().map(|k| kind_name(*k).to_lowercase()).collect::<Vec<_>>().join(" o ");
            Some(view! {
                <div class="field">
                    <label for=id.clone()>{format!("{} ({names})", t.depends_on)}" "<span class="meta">{t.required_mark}</span></label>
                    <select id=id name=F::padre required>
                        <option value="">{t.choose}</option>
                        {options.into_iter().map(|(oid, label)| view! { <option value=oid.clone() selected=chosen == oid>{label}</option> }).collect_view()}
                    </select>
                </div>
            }.into_any())
        }
    };
    let own_code = (page.settings.scheme == CodeScheme::Own).then(|| {
        let id = format!("{id_prefix}-codigo");
        let help = format!("{id}-ayuda");
        view! {
            <div class="field">
                <label for=id.clone()>{t.code}" "<span class="meta">{t.required_mark}</span></label>
                <p class="meta" id=help.clone()>{t.own_code_help}</p>
                <input id=id name=F::codigo value=value(F::codigo) size="20" maxlength="20" required aria-describedby=help />
            </div>
        }
    });
    let fields = kind
        .shown_fields(editing.as_ref().unwrap_or(&Item { id: String::new(), kind, code: String::new(), parent: None, values: BTreeMap::new(), targets: BTreeMap::new(), observed: BTreeMap::new() }))
        .map(|f| {
            let name = format!("{VALUE}{}", f.key);
            field_input(f, id_prefix, value(&name), values_of(&name), &page)
        })
        .collect_view();
    let scores = (kind == ItemKind::Alternative).then(|| {
        page.settings
            .criteria
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
    // The year grid: after the baseline typed (or the last five years) up to the horizon, and
    // every year that already holds a value, so nothing typed is ever dropped.
    let grid = kind.has_targets().then(|| {
        let baseline_input = format!("{id_prefix}-linea_base_anio");
        let first = match (kind.is_indicator(), first_after(&value(&format!("{VALUE}linea_base_anio")))) {
            (true, Some(f)) => f,
            (true, None) => page.this_year.saturating_sub(5),
            (false, _) => page.this_year,
        };
        let held_years = |prefix: &str| -> Vec<u16> {
            if returned {
                back.typed.iter().filter(|(k, v)| k.starts_with(prefix) && !v.trim().is_empty()).filter_map(|(k, _)| k[prefix.len()..].parse().ok()).collect()
            } else {
                editing.as_ref().map(|i| if prefix == TARGET { i.targets.keys().copied().collect() } else { i.observed.keys().copied().collect() }).unwrap_or_default()
            }
        };
        let mut years: std::collections::BTreeSet<u16> = held_years(TARGET).into_iter().collect();
        years.extend(held_years(OBSERVED));
        let values = years.into_iter().map(|y| (y, value(&format!("{OBSERVED}{y}")), value(&format!("{TARGET}{y}")))).collect();
        YearGrid { prefix: id_prefix.to_string(), indicator: kind.is_indicator(), baseline_input, first, horizon: page.settings.horizon, this_year: page.this_year, values }
    });
    let fields = match grid {
        Some(grid) => view! { <YearFields grid=grid>{fields}</YearFields> }.into_any(),
        None => fields.into_any(),
    };
    let cancel = editing.is_some().then(|| view! { <a href=format!("{href}#titulo-{}", kind.key())>{t.cancel}</a> });
    let ok = back.years_updated_at(&anchor).then(|| t.years_updated.to_string());
    view! {
        <form method="post" action=href.clone() id=anchor.clone() class="panel item-form">
            <h3>{heading}</h3>
            <FormFeedback anchor=anchor.clone() error=back.error_at(&anchor) ok=ok />
            <FormKey anchor=anchor.clone() />
            <input type="hidden" name=F::accion value=Change::Save.key() />
            <input type="hidden" name=F::tipo value=kind.key() />
            <input type="hidden" name=F::id value=editing.as_ref().map(|i| i.id.clone()).unwrap_or_default() />
            {parent}
            {own_code}
            {fields}
            {scores}
            <p class="actions">
                <button type="submit" class="button">{t.save}</button>
                {kind.has_targets().then(|| view! {
                    <button type="submit" class="button button-secondary" name=F::anios value="1" formnovalidate>{t.update_years}</button>
                })}
                {cancel}
            </p>
        </form>
    }
    .into_any()
}

/// One field of the catalogue as a form control (`chosen`: the values of a field of several
/// choices).
fn field_input(f: &FieldDef, prefix: &str, value: String, chosen: Vec<String>, page: &Page) -> AnyView {
    let t = t();
    let id = format!("{prefix}-{}", f.key);
    let name = format!("{VALUE}{}", f.key);
    let when = crate::domain::structure::required_when(page_kind(prefix), f.key);
    let required = view! {
        {f.required.then(|| view! { " "<span class="meta">{t.required_mark}</span> })}
        {when.map(|w| view! { " "<span class="meta">{format!("({w})")}</span> })}
    };
    let select = |id: String, name: String, options: Vec<(String, String)>, value: String| {
        view! {
            <select id=id name=name required=f.required>
                <option value="">{t.choose}</option>
                {options.into_iter().map(|(k, l)| view! { <option value=k.clone() selected=value == k>{l}</option> }).collect_view()}
            </select>
        }
    };
    let control = match f.ty {
        FieldType::LongText => view! { <textarea id=id.clone() name=name rows="3" required=f.required inner_html=textarea_html(&value)></textarea> }.into_any(),
        FieldType::Number | FieldType::Quantity => view! { <input id=id.clone() name=name inputmode="decimal" value=value required=f.required /> }.into_any(),
        FieldType::Year => view! { <input id=id.clone() name=name inputmode="numeric" size="6" value=value required=f.required /> }.into_any(),
        FieldType::Choice(options) => select(id.clone(), name, options.iter().map(|(k, l)| (k.to_string(), l.to_string())).collect(), value).into_any(),
        FieldType::Attribute => {
            let mut options: Vec<(String, String)> = page.settings.attributes.iter().map(|a| (a.clone(), a.clone())).collect();
            // An attribute the policy no longer lists stays selectable for the items that have it.
            if !value.is_empty() && !options.iter().any(|(k, _)| *k == value) {
                options.push((value.clone(), value.clone()));
            }
            select(id.clone(), name, options, value).into_any()
        }
        FieldType::Ref(kind) => {
            let mut options = options_of(&page.items, kind);
            // An alternative may answer an indirect cause as well.
            if kind == ItemKind::DirectCause {
                options.extend(options_of(&page.items, ItemKind::IndirectCause));
            }
            select(id.clone(), name, options, value).into_any()
        }
        FieldType::Choices(options) => {
            return view! {
                <fieldset class="field choices" id=id.clone()>
                    <legend>{f.label}{required}</legend>
                    {options.iter().map(|(k, l)| {
                        let box_id = format!("{id}-{k}");
                        view! {
                            <label for=box_id.clone() class="choice">
                                <input type="checkbox" id=box_id.clone() name=name.clone() value=*k checked=chosen.iter().any(|c| c == k) />
                                " "{*l}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
            }
            .into_any();
        }
        FieldType::Text => view! { <input id=id.clone() name=name value=value required=f.required /> }.into_any(),
    };
    view! { <div class="field"><label for=id>{f.label}{required}</label>{control}</div> }.into_any()
}

/// The kind whose form uses `prefix` (its key) for its ids.
fn page_kind(prefix: &str) -> ItemKind {
    ItemKind::from_key(prefix).unwrap_or(ItemKind::DirectCause)
}

/// The items of a kind as (id, "CODE. statement") options, in code order.
fn options_of(items: &[Item], kind: ItemKind) -> Vec<(String, String)> {
    of_kind(items, kind, None)
        .into_iter()
        .map(|i| (i.id.clone(), format!("{}. {}", i.code, i.headline().chars().take(80).collect::<String>())))
        .collect()
}

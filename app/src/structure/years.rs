//! The year fields of an item's form — an indicator's values obtained and expected achievements,
//! an activity's yearly targets — as an island around the form's fields: with the wasm loaded,
//! the years follow the baseline year as it is typed; without it, the same rows are rendered by
//! the server and "Actualizar los años" brings them back for the baseline typed. A year that holds
//! a value is never dropped from the grid.
use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::form::{OBSERVED, TARGET};
use crate::i18n::t;

/// What the grid needs to draw its rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearGrid {
    /// The prefix of the form's ids (the item kind's key).
    pub prefix: String,
    /// An indicator (values obtained and expected achievements) or an activity (yearly targets).
    pub indicator: bool,
    /// The id of the baseline year's input, whose typing moves the first year.
    pub baseline_input: String,
    pub first: u16,
    pub horizon: u16,
    pub this_year: u16,
    /// (year, value obtained, expected achievement or target) as they come to the form.
    pub values: Vec<(u16, String, String)>,
}

impl YearGrid {
    /// The years shown when the first one is `first`: from it to the horizon, and every year
    /// that holds a value.
    pub fn years(first: u16, horizon: u16, values: &BTreeMap<u16, (String, String)>) -> Vec<u16> {
        let mut years: BTreeSet<u16> = (first..=horizon.max(first)).collect();
        years.extend(values.iter().filter(|(_, (o, g))| !o.trim().is_empty() || !g.trim().is_empty()).map(|(y, _)| *y));
        years.into_iter().collect()
    }
}

/// The first year the grid offers for a baseline typed as `baseline`: the year after it.
pub fn first_after(baseline: &str) -> Option<u16> {
    baseline.trim().parse::<u16>().ok().filter(|y| (crate::domain::structure::FIRST_YEAR..=2100).contains(y)).map(|y| y + 1)
}

/// The form's own fields (`children`, rendered by the server) followed by the year grid.
#[island]
pub fn YearFields(grid: YearGrid, children: Children) -> impl IntoView {
    let t = t();
    let values = RwSignal::new(grid.values.iter().map(|(y, o, g)| (*y, (o.clone(), g.clone()))).collect::<BTreeMap<u16, (String, String)>>());
    let first = RwSignal::new(grid.first);
    let (horizon, this_year, indicator) = (grid.horizon, grid.this_year, grid.indicator);
    let baseline_input = StoredValue::new(grid.baseline_input.clone());
    let prefix = StoredValue::new(grid.prefix.clone());
    // Typing the baseline year (an input among the fields) moves the grid's first year.
    let on_input = move |ev: leptos::ev::Event| {
        if indicator && event_target::<leptos::web_sys::Element>(&ev).id() == baseline_input.get_value() {
            if let Some(f) = first_after(&event_target_value(&ev)) {
                first.set(f);
            }
        }
    };
    let set = move |year: u16, observed: bool, value: String| {
        values.update(|v| {
            let entry = v.entry(year).or_default();
            if observed {
                entry.0 = value;
            } else {
                entry.1 = value;
            }
        })
    };
    let row = move |y: u16| {
        let (observed, target) = values.with_untracked(|v| v.get(&y).cloned().unwrap_or_default());
        let p = prefix.get_value();
        let target_label = if indicator { t.expected_value } else { t.activity_targets };
        let observed_cell = indicator.then(|| {
            if y <= this_year {
                view! {
                    <td>
                        <input id=format!("{p}-obtenido-{y}") name=format!("{OBSERVED}{y}") inputmode="decimal" size="10" value=observed
                            aria-label=format!("{} {y}", t.observed_value) on:input=move |ev| set(y, true, event_target_value(&ev)) />
                    </td>
                }
                .into_any()
            } else {
                view! { <td></td> }.into_any()
            }
        });
        view! {
            <tr>
                <th scope="row">{y}</th>
                {observed_cell}
                <td>
                    <input id=format!("{p}-meta-{y}") name=format!("{TARGET}{y}") inputmode="decimal" size="14" value=target
                        aria-label=format!("{target_label} {y}") on:input=move |ev| set(y, false, event_target_value(&ev)) />
                </td>
            </tr>
        }
    };
    let years = move || YearGrid::years(first.get(), horizon, &values.read_untracked());
    // Marks the grid as live once the island runs in the browser (the server never sets it), and
    // takes the baseline year typed before the island ran.
    let live = RwSignal::new(false);
    Effect::new(move |_| {
        live.set(true);
        #[cfg(feature = "hydrate")]
        if indicator {
            use leptos::wasm_bindgen::JsCast;
            let typed = document().get_element_by_id(&baseline_input.get_value()).and_then(|e| e.dyn_into::<leptos::web_sys::HtmlInputElement>().ok()).map(|i| i.value());
            if let Some(f) = typed.as_deref().and_then(first_after) {
                first.set(f);
            }
        }
    });
    let (legend, help) = if indicator { (t.yearly_values, t.series_help) } else { (t.activity_targets, t.activity_targets_help) };
    view! {
        <div on:input=on_input data-vivo=move || live.get().then_some("1")>
            {children()}
            <fieldset class="targets">
                <legend>{legend}</legend>
                <p class="meta">{format!("{help} ({}: {horizon})", t.horizon_label)}</p>
                // Said when the rows change as the baseline is typed.
                <p class="visually-hidden" aria-live="polite">{move || format!("{}: {}–{horizon}", t.years_shown, first.get().min(horizon))}</p>
                <div class="table-scroll" tabindex="0">
                    <table class="data series">
                        <thead>
                            <tr>
                                <th scope="col">{t.year}</th>
                                {indicator.then(|| view! { <th scope="col">{t.observed_value}</th> })}
                                <th scope="col">{if indicator { t.expected_value } else { t.activity_targets }}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=years key=|y| *y children=row />
                        </tbody>
                    </table>
                </div>
            </fieldset>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_follows_the_baseline_and_keeps_every_year_with_a_value() {
        let mut values = BTreeMap::new();
        assert_eq!(YearGrid::years(2027, 2030, &values), vec![2027, 2028, 2029, 2030]);
        values.insert(2021, ("65 %".to_string(), String::new()));
        values.insert(2022, (String::new(), " ".to_string()));
        assert_eq!(YearGrid::years(2027, 2030, &values), vec![2021, 2027, 2028, 2029, 2030], "a typed value is never dropped");
        assert_eq!(YearGrid::years(2031, 2030, &BTreeMap::new()), vec![2031], "a baseline at the horizon still shows a row");
        assert_eq!(first_after(" 2019 "), Some(2020));
        assert_eq!(first_after("19"), None);
    }
}

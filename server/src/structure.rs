//! Structured content from plain forms: add, change and delete a step's items, renumber codes,
//! set the horizon and the scoring criteria; and the matriz de consistencia as XLSX. Every
//! refusal goes back to the form with its reason and everything that was typed.
use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use pasos_app::auth::CurrentUser;
use pasos_app::domain::structure::{check_criteria, check_horizon, check_scores, check_targets, check_values, parse_number, ItemKind, StructureError};
use pasos_app::domain::{Action, Policy};
use pasos_app::format::today;
use pasos_app::store::{Author, ItemRefusal, Store};

use crate::drafting::{allowed, not_found, step_target};
use crate::or_answer;
use crate::forms::{Path, found, attachment, back, one, parse, unavailable, Fields};
use crate::router::AppState;

/// `POST /politicas/{code}/pasos/{n}/estructura`, with `accion`: guardar | eliminar | renumerar |
/// horizonte | criterios.
pub async fn change(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    Path((code, n)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let (code, n) = or_answer!(step_target(&state.store, &code, &n).await);
    let user = or_answer!(allowed(&current, Action::EditStep, &code));
    let f = parse(&body);
    let page = format!("/politicas/{}/pasos/{n}/estructura", code.to_lowercase());
    let by = user.author();
    let result = match one(&f, "accion").as_str() {
        "guardar" => save(&state.store, &code, n, &f, &by).await,
        "eliminar" => delete(&state.store, &code, &f, &by).await,
        "renumerar" => state.store.renumber(&code, &by).await.map(|count| Ok(format!("renumerados={count}"))),
        "horizonte" => match check_horizon(&one(&f, "horizonte"), today_year()) {
            Ok(year) => state.store.set_horizon(&code, year, &by).await.map(|_| Ok("ajuste=1#ajustes".to_string())),
            Err(e) => Ok(Err((e, "ajustes".to_string()))),
        },
        "criterios" => match check_criteria(&one(&f, "criterios")) {
            Ok(list) => state.store.set_criteria(&code, &list, &by).await.map(|_| Ok("ajuste=1#ajustes".to_string())),
            Err(e) => Ok(Err((e, "ajustes".to_string()))),
        },
        _ => return (StatusCode::BAD_REQUEST, [(crate::router::SPANISH, "1")], "Acción desconocida.").into_response(),
    };
    match result {
        Ok(Ok(done)) => Redirect::to(&format!("{page}?{done}")).into_response(),
        Ok(Err((e, anchor))) => {
            let mut kept: Fields = f.clone();
            kept.push(("detalle".into(), e.detail()));
            back(&page, e.key(), &kept, &anchor)
        }
        Err(e) => unavailable(e),
    }
}

fn today_year() -> u16 {
    chrono::Datelike::year(&today()) as u16
}

/// What a change answers: where to go on success (query and anchor), or the refusal and the
/// form's anchor.
type Outcome = Result<Result<String, (StructureError, String)>, pasos_app::store::StoreError>;

/// Adds an item (no `id`) or changes one, after checking it against the catalogue.
async fn save(store: &Store, code: &str, step: u8, f: &Fields, by: &Author) -> Outcome {
    let Some(kind) = ItemKind::from_key(&one(f, "tipo")).filter(|k| k.step() == step) else {
        return Ok(Err((StructureError::BadChoice("Tipo de elemento"), String::new())));
    };
    let anchor = format!("nuevo-{}", kind.key());
    let items = store.items(code).await?;
    let id = one(f, "id");
    let editing = (!id.is_empty()).then(|| items.iter().find(|i| i.id == id && i.kind == kind));
    if let Some(None) = editing {
        return Ok(Err((StructureError::DanglingLink("Elemento"), anchor)));
    }
    let prefixed = |prefix: &str| -> BTreeMap<String, String> {
        f.iter().filter_map(|(k, v)| k.strip_prefix(prefix).map(|k| (k.to_string(), v.clone()))).collect()
    };
    let exists = |k: ItemKind, id: &str| items.iter().any(|i| i.kind == k && i.id == id);
    let mut values = match check_values(kind, &prefixed("v:"), exists) {
        Ok(v) => v,
        Err(e) => return Ok(Err((e, anchor))),
    };
    let (horizon, criteria) = store.structure_settings(code).await?;
    if kind == ItemKind::Alternative {
        let scores: BTreeMap<String, String> = f.iter().filter(|(k, _)| k.starts_with("puntaje:")).cloned().collect();
        match check_scores(&criteria, &scores) {
            Ok(s) => values.extend(s),
            Err(e) => return Ok(Err((e, anchor))),
        }
    }
    let mut targets = BTreeMap::new();
    if kind == ItemKind::Indicator {
        // Baseline year and value were checked as a year and a number by `check_values`.
        let year: u16 = values.get("linea_base_anio").and_then(|y| y.parse().ok()).unwrap_or_default();
        let base = values.get("linea_base_valor").and_then(|v| parse_number(v)).unwrap_or_default();
        let mut raw: BTreeMap<u16, String> = BTreeMap::new();
        for (k, v) in f.iter().filter(|(_, v)| !v.trim().is_empty()) {
            match k.strip_prefix("meta:").map(str::parse::<u16>) {
                Some(Ok(y)) => {
                    raw.insert(y, v.trim().to_string());
                }
                Some(Err(_)) => return Ok(Err((StructureError::NotANumber("Meta"), anchor))),
                None => {}
            }
        }
        let ascending = values.get("sentido").map(String::as_str) == Some("ascendente");
        if let Err(e) = check_targets(year, base, horizon, ascending, &raw) {
            return Ok(Err((e, anchor)));
        }
        targets = raw;
    }
    match editing {
        Some(Some(item)) => {
            if !store.update_item(code, &item.id, &values, &targets, by).await? {
                return Ok(Err((StructureError::DanglingLink("Elemento"), anchor)));
            }
            Ok(Ok(format!("guardado={}#item-{}", item.code, item.code)))
        }
        _ => {
            let parent = Some(one(f, "padre")).filter(|p| !p.is_empty());
            match store.add_item(code, kind, parent.as_deref(), &values, &targets, by).await? {
                Ok(item) => Ok(Ok(format!("guardado={}#item-{}", item.code, item.code))),
                Err(_) => Ok(Err((StructureError::MissingParent, anchor))),
            }
        }
    }
}

async fn delete(store: &Store, code: &str, f: &Fields, by: &Author) -> Outcome {
    match store.delete_item(code, &one(f, "id"), by).await? {
        Ok(()) => Ok(Ok("eliminado=1".to_string())),
        Err(ItemRefusal::Referenced(codes)) => Ok(Err((StructureError::StillReferenced(codes), "estructura".to_string()))),
        Err(ItemRefusal::NoParent) => Ok(Err((StructureError::MissingParent, "estructura".to_string()))),
    }
}

/// `GET /politicas/{code}/matriz-de-consistencia.xlsx`: the matrix with its gaps filled in colour
/// and named in the last column.
pub async fn consistency_xlsx(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    Path(code): Path<String>,
) -> Response {
    let code = Policy::normalize_code(&code);
    let policy = or_answer!(found(state.store.policy(&code).await, not_found));
    if let Err(r) = allowed(&current, Action::ReadDraft, &code) {
        return r;
    }
    let page = match pasos_app::api::consistency(&state.store, policy).await {
        Ok(p) => p,
        Err(e) => {
            tracing::error!(error = %e, "no se pudo leer la matriz de consistencia");
            return (StatusCode::SERVICE_UNAVAILABLE, "El servicio no está disponible.").into_response();
        }
    };
    match xlsx(&page) {
        Ok(bytes) => attachment(
            &format!("matriz-de-consistencia-{code}.xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            bytes,
        ),
        Err(e) => {
            tracing::error!(error = %e, "no se pudo generar el XLSX");
            (StatusCode::INTERNAL_SERVER_ERROR, "No se pudo generar la matriz.").into_response()
        }
    }
}

/// The column titles of the matriz de consistencia.
pub const CONSISTENCY_HEADERS: [&str; 10] = [
    "Problema público",
    "Causa",
    "Objetivo prioritario",
    "Indicador",
    "Lineamiento",
    "Servicio",
    "Estándar de cumplimiento",
    "Actividad operativa",
    "Responsable",
    "Vacíos",
];

fn xlsx(page: &pasos_app::model::ConsistencyPage) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use pasos_app::domain::text::workbook_cell;
    use rust_xlsxwriter::{Color, Format, FormatPattern, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Matriz de consistencia")?;
    let bold = Format::new().set_bold().set_text_wrap();
    let wrap = Format::new().set_text_wrap();
    let gap = Format::new().set_text_wrap().set_pattern(FormatPattern::Solid).set_background_color(Color::RGB(0xFFE08A));
    sheet.write_string(0, 0, workbook_cell(&format!("Matriz de consistencia · {} · {}", page.policy_code, page.policy_name)))?;
    for (col, h) in CONSISTENCY_HEADERS.iter().enumerate() {
        sheet.write_string_with_format(2, col as u16, *h, &bold)?;
    }
    for (i, row) in page.rows.iter().enumerate() {
        let r = 3 + i as u32;
        let cells = [
            page.problem.as_str(),
            &row.cause,
            &row.objective,
            &row.indicator,
            &row.guideline,
            &row.service,
            &row.standard,
            &row.activity,
            &row.responsible,
        ];
        for (col, value) in cells.iter().enumerate() {
            if value.is_empty() {
                sheet.write_string_with_format(r, col as u16, "Falta", &gap)?;
            } else {
                sheet.write_string_with_format(r, col as u16, workbook_cell(value), &wrap)?;
            }
        }
        sheet.write_string_with_format(r, 9, workbook_cell(&row.gaps.join("; ")), if row.gaps.is_empty() { &wrap } else { &gap })?;
    }
    for col in 0..CONSISTENCY_HEADERS.len() as u16 {
        sheet.set_column_width(col, if col == 0 { 40 } else { 28 })?;
    }
    book.save_to_buffer()
}

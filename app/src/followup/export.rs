//! The reporte de seguimiento as a Word document (each objective with its indicators' table,
//! charts and analysis; the services' indicators) and as a workbook (one row per indicator).
//! Both say when the report is still a draft and when some indicator is an example.
use axum::extract::State;
use axum::response::Response;

use super::data::{report_of, IndicatorView, ReportPage};
use crate::domain::followup::Standing;
use crate::i18n::t;
use crate::paper::Part;
use crate::web::{attachment, AppState, Path, SignedIn, WebError};

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The file's name: "reporte-de-seguimiento-PNTP-2024.docx".
fn file_name(page: &ReportPage, ext: &str) -> String {
    format!("reporte-de-seguimiento-{}-{}.{ext}", page.policy_code, page.period.year)
}

/// The notes every export opens with: the state of the report, and the examples.
fn notes(page: &ReportPage) -> Vec<String> {
    let t = t();
    let mut out = vec![];
    if page.period.is_open() {
        out.push(t.followup_draft_note().to_string());
    }
    if page.illustrative {
        out.push(t.followup_illustrative().to_string());
    }
    out
}

/// A row of an indicator in a table: the page's columns, the value with its source.
fn row(i: &IndicatorView) -> Vec<String> {
    let t = t();
    let r = &i.row;
    let achievement = match r.standing {
        Standing::Measured { percent, .. } => t.percent(percent),
        _ => "—".into(),
    };
    vec![
        r.code.clone(),
        r.name.clone(),
        r.responsible.clone(),
        r.expected.clone().unwrap_or_else(|| "—".into()),
        r.current().map(|v| t.followup_record(v)).unwrap_or_else(|| "—".into()),
        achievement,
        t.light_words(r.standing),
    ]
}

/// `GET /politicas/{code}/seguimiento/{year}/reporte.docx`.
pub async fn docx(State(state): State<AppState>, user: SignedIn, Path((code, year)): Path<(String, u16)>) -> Result<Response, WebError> {
    let page = report_of(&state.store, &user, &crate::domain::Policy::normalize_code(&code), year).await?;
    let t = t();
    let mut parts = vec![Part::Title(t.followup_report_title(year)), Part::Text(format!("{} ({})", page.policy_name, page.policy_code))];
    parts.push(Part::Text(match &page.period.closed {
        Some((who, at)) => t.followup_closed_by(who, at),
        None => t.followup_opened_by(&page.period.opened_by, &page.period.opened_at),
    }));
    parts.extend(notes(&page).into_iter().map(Part::Note));
    parts.push(Part::Heading(1, t.followup_summary().to_string()));
    parts.push(Part::Text(t.tally(year, &page.tally)));
    parts.push(Part::Text(t.followup_thresholds(page.period.thresholds)));
    let headers: Vec<String> = t.followup_columns(year).to_vec();
    let shares = vec![2, 5, 3, 2, 5, 2, 2];
    let indicators = |parts: &mut Vec<Part>, list: &[IndicatorView]| {
        if list.is_empty() {
            parts.push(Part::Text(t.followup_no_indicators().to_string()));
            return;
        }
        parts.push(Part::Table { headers: headers.clone(), rows: list.iter().map(row).collect(), shares: shares.clone() });
        for i in list {
            if let Some(v) = i.row.current().filter(|v| !v.explanation.is_empty()) {
                parts.push(Part::Text(format!("{} · {}: {}", i.row.code, t.followup_explanation(), v.explanation)));
            }
            if let Some((svg, words)) = &i.chart {
                parts.push(Part::Figure { svg: svg.clone(), description: format!("{words} {}", crate::domain::annexes::CHART_LEGEND) });
            }
        }
    };
    parts.push(Part::Heading(1, t.followup_objectives().to_string()));
    if page.objectives.is_empty() {
        parts.push(Part::Text(t.followup_no_objectives().to_string()));
    }
    for o in &page.objectives {
        parts.push(Part::Heading(2, format!("{}. {}", o.code, o.statement)));
        indicators(&mut parts, &o.indicators);
        // An objective without indicators has nothing to analyse in the report.
        if o.indicators.is_empty() {
            continue;
        }
        parts.push(Part::Heading(3, t.followup_analysis().to_string()));
        match &o.analysis {
            Some(a) => {
                parts.push(Part::Text(crate::markdown::plain_text(&a.text)));
                parts.push(Part::Note(match &a.reviewed {
                    Some((who, at)) => t.followup_analysis_reviewed(a.version, who, at),
                    None => t.followup_analysis_draft(a.version, &a.author, &a.at),
                }));
            }
            None => parts.push(Part::Note(t.followup_analysis_none().to_string())),
        }
    }
    if !page.services.is_empty() {
        parts.push(Part::Heading(1, t.followup_services().to_string()));
        for s in &page.services {
            parts.push(Part::Heading(2, format!("{}. {}", s.code, s.name)));
            indicators(&mut parts, &s.indicators);
        }
    }
    parts.push(Part::Note(format!("{} {}.", t.report_generated, crate::domain::time::today().format("%d/%m/%Y"))));
    let bytes = crate::web::export_job(move || crate::paper::docx(&parts, true)).await?.map_err(|e| {
        tracing::error!(error = %e, "no se pudo generar el reporte de seguimiento");
        WebError::Unavailable
    })?;
    Ok(attachment(&file_name(&page, "docx"), DOCX, bytes))
}

/// `GET /politicas/{code}/seguimiento/{year}/reporte.xlsx`: one row per indicator, the
/// achievement as a number.
pub async fn xlsx(State(state): State<AppState>, user: SignedIn, Path((code, year)): Path<(String, u16)>) -> Result<Response, WebError> {
    let page = report_of(&state.store, &user, &crate::domain::Policy::normalize_code(&code), year).await?;
    let name = file_name(&page, "xlsx");
    let bytes = crate::web::export_job(move || workbook(&page)).await?.map_err(|e| {
        tracing::error!(error = %e, "no se pudo generar el XLSX del seguimiento");
        WebError::Unavailable
    })?;
    Ok(attachment(&name, XLSX, bytes))
}

fn workbook(page: &ReportPage) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use crate::domain::text::workbook_cell;
    use rust_xlsxwriter::{Format, Workbook};
    let t = t();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(t.followup_sheet())?;
    let bold = Format::new().set_bold().set_text_wrap();
    let wrap = Format::new().set_text_wrap();
    let percent = Format::new().set_num_format("0.0");
    sheet.write_string(0, 0, workbook_cell(&format!("{} · {} ({})", t.followup_report_title(page.period.year), page.policy_name, page.policy_code)))?;
    let notes = notes(page);
    for (i, n) in notes.iter().enumerate() {
        sheet.write_string(1 + i as u32, 0, workbook_cell(n))?;
    }
    let top = 2 + notes.len() as u32;
    let headers = t.followup_sheet_columns(page.period.year);
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(top, c as u16, h, &bold)?;
    }
    let groups = page
        .objectives
        .iter()
        .map(|o| (format!("{}. {}", o.code, o.statement), &o.indicators))
        .chain(page.services.iter().map(|s| (format!("{}. {}", s.code, s.name), &s.indicators)));
    let mut r = top + 1;
    for (group, list) in groups {
        for i in list.iter() {
            let row = &i.row;
            let v = row.current();
            let text = [
                group.clone(),
                row.code.clone(),
                row.name.clone(),
                row.responsible.clone(),
                row.direction.map(|d| t.direction(d).to_string()).unwrap_or_default(),
                row.expected.clone().unwrap_or_default(),
                v.map(|v| v.value.clone()).unwrap_or_default(),
                v.map(|v| if v.provisional { t.yes } else { t.no }.to_string()).unwrap_or_default(),
            ];
            for (c, cell) in text.iter().enumerate() {
                sheet.write_string_with_format(r, c as u16, workbook_cell(cell), &wrap)?;
            }
            match row.standing {
                Standing::Measured { percent: p, light, .. } => {
                    sheet.write_number_with_format(r, 8, (p * 10.0).round() / 10.0, &percent)?;
                    sheet.write_string(r, 9, t.light_short(light))?;
                }
                other => {
                    sheet.write_string(r, 9, t.light_words(other))?;
                }
            }
            let rest = [
                v.map(|v| v.source.clone()).unwrap_or_default(),
                v.map(|v| v.data_date.format("%d/%m/%Y").to_string()).unwrap_or_default(),
                v.map(|v| v.explanation.clone()).unwrap_or_default(),
                v.map(|v| v.author.clone()).unwrap_or_default(),
                v.map(|v| crate::domain::time::moment(&v.at)).unwrap_or_default(),
            ];
            for (c, cell) in rest.iter().enumerate() {
                sheet.write_string_with_format(r, 10 + c as u16, workbook_cell(cell), &wrap)?;
            }
            r += 1;
        }
    }
    for (c, width) in [30, 10, 40, 24, 12, 14, 14, 10, 10, 12, 30, 12, 40, 20, 16].into_iter().enumerate() {
        sheet.set_column_width(c as u16, width)?;
    }
    sheet.set_freeze_panes(top + 1, 0)?;
    book.save_to_buffer()
}

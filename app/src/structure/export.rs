//! The matriz de consistencia as a workbook: the chains with their gaps filled in colour and
//! named in the last column.
use axum::extract::State;
use axum::response::Response;

use super::data::{consistency, ConsistencyPage};
use crate::domain::{Action, Policy, Resource};
use crate::i18n::t;
use crate::web::{attachment, require, AppState, Path, SignedIn, WebError};

/// `GET /politicas/{code}/matriz-de-consistencia.xlsx`.
pub async fn consistency_xlsx(State(state): State<AppState>, user: SignedIn, Path(code): Path<String>) -> Result<Response, WebError> {
    let code = Policy::normalize_code(&code);
    let policy = state.store.policy(&code).await?.ok_or(WebError::NotFound)?;
    require(&user, Action::ReadDraft, Resource::Policy(&code))?;
    let page = consistency(&state.store, policy).await?;
    let bytes = crate::web::export_job(move || xlsx(&page)).await?.map_err(|e| {
        tracing::error!(error = %e, "no se pudo generar el XLSX");
        WebError::Unavailable
    })?;
    Ok(attachment(&format!("matriz-de-consistencia-{code}.xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes))
}

/// The column titles of the workbook: the problem, the chain's links (as on the page), the gaps.
fn headers() -> Vec<&'static str> {
    let t = t();
    std::iter::once(t.problem).chain(t.consistency_headers).chain(std::iter::once(t.gaps)).collect()
}

fn xlsx(page: &ConsistencyPage) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use crate::domain::text::workbook_cell;
    use rust_xlsxwriter::{Color, Format, FormatPattern, Workbook};
    let t = t();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(t.consistency_title)?;
    let bold = Format::new().set_bold().set_text_wrap();
    let wrap = Format::new().set_text_wrap();
    let gap = Format::new().set_text_wrap().set_pattern(FormatPattern::Solid).set_background_color(Color::RGB(0xFFE08A));
    sheet.write_string(0, 0, workbook_cell(&format!("{} · {} · {}", t.consistency_title, page.policy_code, page.policy_name)))?;
    let headers = headers();
    for (col, h) in headers.iter().enumerate() {
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
                sheet.write_string_with_format(r, col as u16, t.missing_cell, &gap)?;
            } else {
                sheet.write_string_with_format(r, col as u16, workbook_cell(value), &wrap)?;
            }
        }
        let last = (headers.len() - 1) as u16;
        sheet.write_string_with_format(r, last, workbook_cell(&row.gaps.join("; ")), if row.gaps.is_empty() { &wrap } else { &gap })?;
    }
    for col in 0..headers.len() as u16 {
        sheet.set_column_width(col, if col == 0 { 40 } else { 28 })?;
    }
    book.save_to_buffer()
}

/// A deliverable's annexes as a workbook: one sheet per annex (the fichas técnicas as rows, a
/// matrix as it prints), its title in the first row and its header in bold.
pub fn annexes_workbook(
    policy_code: &str,
    deliverable: u8,
    annexes: &[crate::domain::annexes::Annex],
    items: &[crate::domain::structure::Item],
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use crate::domain::annexes::{sheet_name, sheet_rows};
    use crate::domain::text::workbook_cell;
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold().set_text_wrap();
    let wrap = Format::new().set_text_wrap();
    if annexes.is_empty() {
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, format!("{policy_code} · {} {deliverable}: {}", t().deliverable, t().no_items))?;
    }
    for annex in annexes {
        let sheet = book.add_worksheet();
        // A sheet's name is at most 31 characters; two annexes of one kind never occur.
        sheet.set_name(sheet_name(annex.kind))?;
        sheet.write_string_with_format(0, 0, workbook_cell(&format!("{policy_code} · {} {deliverable} · {}", t().deliverable, annex.heading())), &bold)?;
        let rows = sheet_rows(annex, items);
        for (r, row) in rows.iter().enumerate() {
            for (c, value) in row.iter().enumerate() {
                let format = if r == 0 { &bold } else { &wrap };
                sheet.write_string_with_format(2 + r as u32, c as u16, workbook_cell(value), format)?;
            }
        }
        let columns = rows.iter().map(Vec::len).max().unwrap_or(0) as u16;
        for c in 0..columns {
            sheet.set_column_width(c, if c == 0 { 12 } else { 28 })?;
        }
        sheet.set_freeze_panes(3, 1)?;
    }
    book.save_to_buffer()
}

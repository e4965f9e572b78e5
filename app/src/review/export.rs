//! The progress report as a Word document (DOCX), the form managers paste into the country's
//! report: the title, the period, the four boxes with the one that applies marked, the status and
//! the comments, and the line that says it was generated from the record.
use docx_rs::{Docx, Paragraph, Run, RunFonts, Style, StyleType};

use crate::domain::report::{period_text, ProgressReport, ReportStatus};
use crate::domain::text::printable;
use crate::i18n::t;

/// A paragraph of plain text (characters XML cannot carry removed).
fn line(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(printable(text)))
}

/// The report's DOCX bytes; `generated` is the day it was generated ("01/01/2024").
///
/// # Errors
/// When the document cannot be written (docx-rs' packing fails).
pub fn report_docx(report: &ProgressReport, generated: &str) -> Result<Vec<u8>, docx_rs::DocxError> {
    let t = t();
    let heading = |id: &str, name: &str, size: usize| Style::new(id, StyleType::Paragraph).name(name).based_on("Normal").bold().size(size);
    let mut docx = Docx::new()
        .default_fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial"))
        .default_size(22)
        .add_style(heading("Title", "Title", 32))
        .add_style(heading("Heading1", "heading 1", 26))
        .add_paragraph(Paragraph::new().style("Title").add_run(Run::new().add_text(printable(&format!(
            "{} {} ({})",
            t.report_document_title, report.policy_name, report.policy_code
        )))))
        .add_paragraph(line(&format!("{}: {}", t.report_period, period_text(report.from, report.to))));
    for s in ReportStatus::ALL {
        let chosen = s == report.status;
        let run = Run::new().add_text(format!("{} {}", if chosen { "☒" } else { "☐" }, s.label()));
        docx = docx.add_paragraph(Paragraph::new().add_run(if chosen { run.bold() } else { run }));
    }
    if let Some(chosen) = report.choice_text() {
        docx = docx.add_paragraph(Paragraph::new().add_run(Run::new().italic().add_text(printable(&chosen))));
    }
    docx = docx.add_paragraph(Paragraph::new().style("Heading1").add_run(Run::new().add_text(t.report_comments)));
    for p in &report.paragraphs {
        docx = docx.add_paragraph(line(p));
    }
    docx = docx.add_paragraph(Paragraph::new().add_run(Run::new().italic().add_text(format!("{} {generated}.", t.report_generated))));
    let mut out = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut out)?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    /// The document reads back with the report's text, the chosen box marked, and what a hostile
    /// value would carry only as text.
    #[test]
    fn the_report_reads_back_from_its_docx() {
        let report = ProgressReport {
            policy_code: "PNX".into(),
            policy_name: "Política <b>Nacional</b>\u{0}".into(),
            from: NaiveDate::from_ymd_opt(2023, 5, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2023, 12, 31).unwrap(),
            status: ReportStatus::EnCurso,
            computed: ReportStatus::EnCurso,
            choice: None,
            paragraphs: vec!["En el mes de junio de 2023 se remitió al CEPLAN el Entregable 1 (pasos 1 y 2).".into()],
        };
        let bytes = report_docx(&report, "01/01/2024").unwrap();
        let doc = docx_rs::read_docx(&bytes).unwrap();
        let json = serde_json::to_string(&doc.document).unwrap();
        for needle in ["Política <b>Nacional</b> (PNX)", "entre mayo y diciembre de 2023", "☒ En curso", "☐ Completado", "se remitió al CEPLAN el Entregable 1", "01/01/2024"] {
            assert!(json.contains(&serde_json::to_string(needle).unwrap()[1..needle.len()]), "{needle}");
        }
        assert!(!json.contains("\\u0000"), "no NUL in the document");
        // The team's choice of status, with its commentary, is printed as on the page.
        let at = chrono::DateTime::parse_from_rfc3339("2024-01-05T15:00:00Z").unwrap().with_timezone(&chrono::Utc);
        let choice = crate::domain::report::StatusChoice { status: ReportStatus::NoAlcanzado, commentary: "El plan preveía otra fecha.".into(), by: "Ana".into(), at };
        let chosen = report.with_choice(Some(choice));
        let json = serde_json::to_string(&docx_rs::read_docx(&report_docx(&chosen, "01/01/2024").unwrap()).unwrap().document).unwrap();
        assert!(json.contains("(Pasos calcula «En curso»): El plan preveía otra fecha."), "{json}");
        assert!(json.contains("☒ No alcanzado"));
    }
}

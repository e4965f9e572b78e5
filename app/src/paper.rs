//! Plain Word documents (DOCX) of the team's paperwork — the matriz de levantamiento de
//! observaciones, the informe de sistematización — in the deliverable template's font and header:
//! a title, headings, paragraphs that keep their typed lines, tables with a repeated header row,
//! figures (an SVG drawn as a picture, its description below) and changes of a text (added words
//! underlined, removed ones struck through). Every value is written as text: nothing typed is
//! read as markup.
use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, Header, PageMargin, PageNum, PageOrientationType, Paragraph, Pic, Run, RunFonts,
    Style, StyleType, Table, TableCell, TableLayoutType, TableRow, WidthType,
};

use crate::domain::drafting::{Change, Segment};
use crate::domain::text::printable;

/// One part of a document, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Title(String),
    /// A heading of level 1 to 3.
    Heading(u8, String),
    /// A paragraph; each line typed stays a line.
    Text(String),
    /// A paragraph in italics (a source, a note on the figures).
    Note(String),
    /// A table: its header row, its rows, and each column's share of the width (any unit).
    Table { headers: Vec<String>, rows: Vec<Vec<String>>, shares: Vec<usize> },
    /// A picture drawn from an SVG, with its description in words below.
    Figure { svg: String, description: String },
    /// The changes a revision made to a text.
    Changes(Vec<Segment>),
}

/// A4 in twentieths of a point, and the margins (2.5 cm).
const PAGE: (u32, u32) = (11_906, 16_838);
const MARGIN: i32 = 1_418;

/// The document's bytes; `landscape` lays every page across (a matrix of many columns).
///
/// # Errors
/// When docx-rs cannot pack the document.
pub fn docx(parts: &[Part], landscape: bool) -> Result<Vec<u8>, docx_rs::DocxError> {
    let template = crate::drafting::export::Template::current();
    let (w, h, orient) = if landscape { (PAGE.1, PAGE.0, PageOrientationType::Landscape) } else { (PAGE.0, PAGE.1, PageOrientationType::Portrait) };
    let width = (w as i32 - 2 * MARGIN) as usize;
    let heading = |id: &str, name: &str, size: usize, level: usize| {
        Style::new(id, StyleType::Paragraph).name(name).based_on("Normal").next("Normal").bold().size(size).outline_lvl(level)
    };
    let font = RunFonts::new().ascii(&template.font).hi_ansi(&template.font).cs(&template.font);
    let mut docx = Docx::new()
        .default_fonts(font)
        .default_size(template.body_size)
        .add_style(heading("Title", "Title", template.heading_sizes[0] + 8, 0))
        .add_style(heading("Heading1", "heading 1", template.heading_sizes[0], 0))
        .add_style(heading("Heading2", "heading 2", template.heading_sizes[1], 1))
        .add_style(heading("Heading3", "heading 3", template.heading_sizes[2], 2))
        .header(Header::new().add_paragraph(Paragraph::new().align(AlignmentType::Center).add_run(Run::new().size(16).add_text(printable(&template.institution)))))
        .footer(Footer::new().add_paragraph(Paragraph::new().align(AlignmentType::Right).add_page_num(PageNum::new())))
        .page_size(w, h)
        .page_orient(orient)
        .page_margin(PageMargin::new().top(MARGIN).bottom(MARGIN).left(MARGIN).right(MARGIN));
    for part in parts {
        docx = match part {
            Part::Title(text) => docx.add_paragraph(Paragraph::new().style("Title").add_run(Run::new().add_text(printable(text)))),
            Part::Heading(level, text) => {
                docx.add_paragraph(Paragraph::new().style(&format!("Heading{}", level.clamp(&1, &3))).add_run(Run::new().add_text(printable(text))))
            }
            Part::Text(text) => docx.add_paragraph(lines(text, Run::new())),
            Part::Note(text) => docx.add_paragraph(lines(text, Run::new().italic())),
            Part::Table { headers, rows, shares } => docx.add_table(table(headers, rows, shares, width)),
            Part::Figure { svg, description } => {
                match crate::drafting::export::chart_png(svg) {
                    Some((png, pw, ph)) => docx = docx.add_paragraph(Paragraph::new().add_run(Run::new().add_image(Pic::new_with_dimensions(png, pw, ph)))),
                    None => tracing::error!("no se pudo dibujar una figura"),
                }
                docx.add_paragraph(lines(description, Run::new().italic()))
            }
            Part::Changes(segments) => docx.add_paragraph(changes(segments)),
        };
    }
    let mut out = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut out)?;
    Ok(out.into_inner())
}

/// A paragraph whose typed lines stay lines, every run like `style`.
fn lines(text: &str, style: Run) -> Paragraph {
    let mut p = Paragraph::new();
    for (i, line) in printable(text).split('\n').enumerate() {
        let mut run = style.clone();
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        p = p.add_run(run.add_text(line));
    }
    p
}

/// A table as wide as the page, the columns by their shares, the header row bold and repeated.
fn table(headers: &[String], rows: &[Vec<String>], shares: &[usize], width: usize) -> Table {
    let total: usize = shares.iter().sum::<usize>().max(1);
    let widths: Vec<usize> = (0..headers.len()).map(|i| shares.get(i).copied().unwrap_or(1) * width / total).collect();
    let cell = |text: &str, w: usize, bold: bool| {
        TableCell::new().width(w, WidthType::Dxa).add_paragraph(lines(text, if bold { Run::new().bold() } else { Run::new() }))
    };
    let head = TableRow::new(headers.iter().zip(&widths).map(|(h, w)| cell(h, *w, true)).collect()).cant_split();
    let body = rows.iter().map(|r| TableRow::new(widths.iter().enumerate().map(|(i, w)| cell(r.get(i).map_or("", String::as_str), *w, false)).collect()).cant_split());
    Table::new(std::iter::once(head).chain(body).collect()).set_grid(widths.clone()).layout(TableLayoutType::Fixed).width(width, WidthType::Dxa)
}

/// A text's changes as one paragraph: added words underlined, removed ones struck through.
fn changes(segments: &[Segment]) -> Paragraph {
    segments.iter().fold(Paragraph::new(), |p, s| {
        let run = Run::new().add_text(printable(&s.text));
        p.add_run(match s.change {
            Change::Same => run,
            Change::Added => run.underline("single").bold(),
            Change::Removed => run.strike(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the document holds, read back: every text, the lines typed, the table's cells, and a
    /// hostile value only as text.
    #[test]
    fn a_paper_reads_back() {
        let parts = vec![
            Part::Title("Matriz <b>de</b> levantamiento".into()),
            Part::Heading(2, "Observaciones".into()),
            Part::Text("1. Precisar la fuente.\n2. Revisar la serie.".into()),
            Part::Table { headers: vec!["N°".into(), "Observación".into()], rows: vec![vec!["1".into(), "=SUM(A1)\nsegunda línea\u{0}".into()]], shares: vec![1, 6] },
            Part::Changes(crate::domain::word_diff("la tasa de 2015", "la tasa de 2022")),
        ];
        let bytes = docx(&parts, true).unwrap();
        let doc = docx_rs::read_docx(&bytes).unwrap();
        let json = serde_json::to_string(&doc.document).unwrap();
        for needle in ["Matriz <b>de</b> levantamiento", "1. Precisar la fuente.", "2. Revisar la serie.", "=SUM(A1)", "segunda línea", "2015", "2022"] {
            assert!(json.contains(&serde_json::to_string(needle).unwrap()[1..needle.len()]), "{needle}");
        }
        assert!(!json.contains("\\u0000"));
        assert!(json.contains("\"strike\""), "the removed words struck through");
    }
}

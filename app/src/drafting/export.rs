//! A deliverable as a Word document (DOCX), the file the team sends to CEPLAN: a cover and a table
//! of contents, then each step with its title and its Markdown turned into Word headings,
//! paragraphs, lists (bullets as bullets; each numbered list from 1), real footnotes and tables
//! (columns as wide as their content, the header row repeated on each page, rows kept whole, a
//! converted Word table's merged cells merged again, wide tables on a landscape page). The look
//! (institution, the year's official name, font, spacing) comes from a template a ministry can
//! replace: [`Template`]. After the steps come the deliverable's annexes (`domain::annexes`): one
//! ficha técnica per indicator with its chart as a picture, and CEPLAN's matrices.
use std::collections::HashMap;

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, Footer, Footnote, Header, IndentLevel, Level, LevelJc, LevelOverride,
    LevelText, LineSpacing, LineSpacingType, NumberFormat, Numbering, NumberingId, PageMargin, PageNum, PageOrientationType, PageSize,
    Paragraph, Pic, Run, RunFonts, RunProperty, SectionProperty, SpecialIndentType, Start, Style, StyleType, Table,
    TableCell, TableLayoutType, TableRow, FieldCharType, InstrText, InstrToC, VMergeType, VertAlignType, WidthType,
};
use crate::domain::annexes::AnnexBlock;
use crate::domain::text::{printable, PAGE_BREAK};
use crate::i18n::t;
use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Deserialize;

/// What goes into the document.
pub struct Document<'a> {
    pub policy_code: &'a str,
    pub policy_name: &'a str,
    pub deliverable: u8,
    /// The step numbers it covers.
    pub deliverable_steps: Vec<u8>,
    /// "Versión 2 — 14/06/2023" or "Texto de trabajo al …".
    pub version_line: String,
    /// The year of the version (Lima), whose official name the header prints when the template
    /// knows it.
    pub year: i32,
    pub note: Option<&'a str>,
    /// (step number, step title, Markdown body).
    pub steps: Vec<(u8, &'a str, &'a str)>,
    /// The deliverable's annexes (fichas técnicas and matrices), after the steps.
    pub annexes: &'a [crate::domain::annexes::Annex],
}

/// The look of the document, from `drafting/plantilla.json` or the file `PASOS_PLANTILLA_DOCX`
/// names. Sizes are half-points (22 = 11 pt); spacing is in twentieths of a point (`line` 276 =
/// 1.15 lines).
#[derive(Debug, Clone, Deserialize)]
pub struct Template {
    /// The header's first line: the ministry.
    pub institution: String,
    /// The official name of each year (the header's second line), with the decree that gives it.
    pub year_names: Vec<YearName>,
    pub font: String,
    pub body_size: usize,
    /// Headings 1 to 4.
    pub heading_sizes: [usize; 4],
    pub space_after: u32,
    pub line: i32,
    /// A table with at least this many columns is printed on a landscape page.
    pub landscape_from_columns: usize,
}

/// A year's official name ("Año de …"), as the decree that names it says.
#[derive(Debug, Clone, Deserialize)]
pub struct YearName {
    pub year: i32,
    pub name: String,
    pub source: String,
}

impl Template {
    /// The template in use: the file `PASOS_PLANTILLA_DOCX` names when it reads, otherwise the
    /// one that ships with Pasos. Read once per process.
    pub fn current() -> &'static Template {
        static CURRENT: std::sync::OnceLock<Template> = std::sync::OnceLock::new();
        CURRENT.get_or_init(|| {
            let shipped = || serde_json::from_str(include_str!("plantilla.json")).expect("the shipped template reads");
            match std::env::var("PASOS_PLANTILLA_DOCX") {
                Ok(path) => match std::fs::read_to_string(&path).map_err(|e| e.to_string()).and_then(|s| serde_json::from_str(&s).map_err(|e| e.to_string())) {
                    Ok(template) => template,
                    Err(e) => {
                        tracing::error!(%path, error = %e, "la plantilla del DOCX no se pudo leer; se usa la de Pasos");
                        shipped()
                    }
                },
                Err(_) => shipped(),
            }
        })
    }

    fn year_name(&self, year: i32) -> Option<&str> {
        self.year_names.iter().find(|y| y.year == year).map(|y| y.name.as_str())
    }
}

/// The ids of Pasos' two list definitions. docx-rs always writes a decimal list of its own under
/// id 1 (abstract and instance), and a reader takes the first definition of an id: ours start at 2.
const BULLETS: usize = 2;
const DECIMAL: usize = 3;

/// A4, in twentieths of a point, and the margins the template's page keeps (2.5 cm).
const PAGE: (u32, u32) = (11_906, 16_838);
const MARGIN: u32 = 1_418;

/// Marks the writer leaves where docx-rs 0.4 has no element, replaced in the package by
/// [`finish_package`]: a header row's height (no table uses a 1-twip row) becomes `<w:tblHeader/>`,
/// and a note's first run text becomes `<w:footnoteRef/>` (the note's own number, as Word writes it).
const HEADER_ROW_MARK: &str = r#"<w:trHeight w:val="1" w:hRule="atLeast" />"#;
const NOTE_NUMBER_MARK: &str = "\u{E000}";

/// A run of plain text: characters XML cannot carry are removed, Word's line breaks become spaces.
fn plain_run(text: &str) -> Run {
    Run::new().add_text(printable(text).replace('\n', " "))
}

/// The deliverable as a DOCX package, with the template in use.
pub fn build(doc: &Document<'_>) -> Result<Vec<u8>, docx_rs::DocxError> {
    build_with(doc, Template::current())
}

/// The deliverable as a DOCX package, with `template`.
pub fn build_with(doc: &Document<'_>, template: &Template) -> Result<Vec<u8>, docx_rs::DocxError> {
    let mut writer = Writer::new(template, doc.year);
    writer.block(Paragraph::new().style("Title").add_run(plain_run(doc.policy_name)));
    writer.block(Paragraph::new().style("Subtitle").add_run(plain_run(&format!(
        "{} · {} {} ({} {})",
        doc.policy_code,
        t().deliverable,
        doc.deliverable,
        t().steps.to_lowercase(),
        doc.deliverable_steps.iter().map(u8::to_string).collect::<Vec<_>>().join(" y ")
    ))));
    writer.block(Paragraph::new().add_run(plain_run(&doc.version_line)));
    if let Some(note) = doc.note {
        writer.block(Paragraph::new().add_run(plain_run(note).italic()));
    }
    writer.block(Paragraph::new().style("TOCHeading").page_break_before(true).add_run(Run::new().add_text(t().docx_contents)));
    for p in contents(&doc.steps, doc.annexes) {
        writer.block(p);
    }
    for (number, title, body) in &doc.steps {
        writer.block(
            Paragraph::new()
                .style("Heading1")
                .page_break_before(true)
                .add_run(Run::new().add_text(format!("{} {number}. {title}", t().step))),
        );
        if body.trim().is_empty() {
            writer.block(Paragraph::new().add_run(Run::new().italic().add_text(t().docx_no_text)));
        } else {
            // Word's page breaks, pasted as form feeds, stay page breaks.
            for (i, part) in body.split(PAGE_BREAK).enumerate() {
                if i > 0 {
                    writer.flush();
                    writer.block(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
                }
                writer.markdown(part);
            }
        }
    }
    if !doc.annexes.is_empty() {
        writer.block(Paragraph::new().style("Heading1").page_break_before(true).add_run(Run::new().add_text(t().annexes_title)));
        for (n, annex) in doc.annexes.iter().enumerate() {
            writer.block(Paragraph::new().style("Heading2").page_break_before(n > 0).add_run(plain_run(&annex.heading())));
            for block in &annex.blocks {
                match block {
                    AnnexBlock::Markdown(md) => writer.markdown(md),
                    AnnexBlock::Chart(chart) => {
                        writer.flush();
                        match chart_png(&chart.svg("grafico")) {
                            // Single spacing by rule: the body's 1.15 would clip the picture to one line.
                            Some((png, w, h)) => writer.block(
                                Paragraph::new()
                                    .line_spacing(LineSpacing::new().line_rule(LineSpacingType::Auto).line(240).before(160))
                                    .add_run(Run::new().add_image(Pic::new_with_dimensions(png, w, h))),
                            ),
                            None => tracing::error!(code = %chart.code, "no se pudo dibujar el gráfico del indicador"),
                        }
                        writer.block(Paragraph::new().add_run(plain_run(&format!("{} {}", chart.description(), t().chart_legend)).italic()));
                    }
                }
            }
        }
    }
    let docx = writer.finish();
    let mut out = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut out)?;
    Ok(finish_package(&out.into_inner()).unwrap_or_else(|e| {
        tracing::error!(error = %e, "no se pudo completar el paquete DOCX");
        Vec::new()
    }))
}

/// An indicator's chart (its SVG) as a PNG drawn at twice its size, with the size it prints at in
/// pixels; `None` when it cannot be drawn. Text uses the machine's fonts (DejaVu Sans or Liberation
/// Sans when present), loaded once per process.
pub(crate) fn chart_png(svg: &str) -> Option<(Vec<u8>, u32, u32)> {
    use resvg::{tiny_skia, usvg};
    static FONTS: std::sync::OnceLock<std::sync::Arc<usvg::fontdb::Database>> = std::sync::OnceLock::new();
    let fonts = FONTS.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_system_fonts();
        let family = ["DejaVu Sans", "Liberation Sans", "Arial"].into_iter().find(|f| db.faces().any(|face| face.families.iter().any(|(name, _)| name == f)));
        if let Some(f) = family {
            db.set_sans_serif_family(f);
        }
        std::sync::Arc::new(db)
    });
    let options = usvg::Options { fontdb: fonts.clone(), ..usvg::Options::default() };
    let tree = usvg::Tree::from_str(svg, &options).ok()?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width() * 2, size.height() * 2)?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(&tree, tiny_skia::Transform::from_scale(2.0, 2.0), &mut pixmap.as_mut());
    Some((pixmap.encode_png().ok()?, size.width(), size.height()))
}

/// The table of contents: a Word TOC field (headings 1 and 2) whose text, until Word or
/// LibreOffice updates it (Word asks on opening: the field is marked dirty), lists the steps
/// without page numbers, which only the program that lays out the pages can know.
fn contents(steps: &[(u8, &str, &str)], annexes: &[crate::domain::annexes::Annex]) -> Vec<Paragraph> {
    let field = |kind: FieldCharType, dirty: bool| Run::new().add_field_char(kind, dirty);
    let entries: Vec<(&str, String)> = steps
        .iter()
        .map(|(number, title, _)| ("TOC1", format!("{} {number}. {title}", t().step)))
        .chain((!annexes.is_empty()).then(|| ("TOC1", t().annexes_title.to_string())))
        .chain(annexes.iter().map(|a| ("TOC2", a.heading())))
        .collect();
    let count = entries.len();
    entries
        .into_iter()
        .enumerate()
        .map(|(i, (style, text))| {
            let mut p = Paragraph::new().style(style);
            if i == 0 {
                p = p
                    .add_run(field(FieldCharType::Begin, true))
                    .add_run(Run::new().add_instr_text(InstrText::TOC(InstrToC::with_instr_text(r#"TOC \o "1-2" \h \z \u"#))))
                    .add_run(field(FieldCharType::Separate, false));
            }
            p = p.add_run(Run::new().add_text(text));
            if i + 1 == count {
                p = p.add_run(field(FieldCharType::End, false));
            }
            p
        })
        .collect()
}

/// The header and footer every section refers to (docx-rs names the document's first ones so).
const HEADER_ID: &str = "rIdHeader1";
const FOOTER_ID: &str = "rIdFooter1";

/// Every page's header: the institution and, below, the year's official name when the template
/// knows it.
fn header(template: &Template, year: i32) -> Header {
    let line = |text: &str, italic: bool| {
        let run = Run::new().size(16).add_text(printable(text));
        Paragraph::new().align(AlignmentType::Center).add_run(if italic { run.italic() } else { run })
    };
    let header = Header::new().add_paragraph(line(&template.institution, false));
    match template.year_name(year) {
        Some(name) => header.add_paragraph(line(&t().docx_year_name(name), true)),
        None => header,
    }
}

/// Every page's footer: its number.
fn footer() -> Footer {
    Footer::new().add_paragraph(Paragraph::new().align(AlignmentType::Right).add_page_num(PageNum::new()))
}

/// The package with the marks docx-rs cannot write replaced ([`HEADER_ROW_MARK`],
/// [`NOTE_NUMBER_MARK`]); every other part copied as it is.
fn finish_package(bytes: &[u8]) -> Result<Vec<u8>, zip::result::ZipError> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..archive.len() {
        let mut part = archive.by_index(i)?;
        let name = part.name().to_string();
        let mut content = Vec::new();
        part.read_to_end(&mut content)?;
        let content = match name.as_str() {
            "word/document.xml" => String::from_utf8_lossy(&content).replace(HEADER_ROW_MARK, "<w:tblHeader />").into_bytes(),
            "word/footnotes.xml" => {
                let marked = format!(r#"<w:t xml:space="preserve">{NOTE_NUMBER_MARK}</w:t>"#);
                String::from_utf8_lossy(&content).replace(&marked, "<w:footnoteRef />").into_bytes()
            }
            _ => content,
        };
        out.start_file(name, options)?;
        out.write_all(&content)?;
    }
    Ok(out.finish()?.into_inner())
}

fn styles(docx: Docx, template: &Template) -> Docx {
    let spacing = LineSpacing::new().after(template.space_after).line(template.line);
    let heading = |id: &str, name: &str, size: usize, level: usize| {
        let mut style = Style::new(id, StyleType::Paragraph).name(name).based_on("Normal").next("Normal").bold().size(size).outline_lvl(level);
        style.paragraph_property = style.paragraph_property.keep_next(true).line_spacing(LineSpacing::new().before(240).after(120));
        style
    };
    let [h1, h2, h3, h4] = template.heading_sizes;
    let mut reference = Style::new("FootnoteReference", StyleType::Character).name("footnote reference");
    reference.run_property = RunProperty::new().vert_align(VertAlignType::SuperScript);
    let mut normal = Style::new("Normal", StyleType::Paragraph).name("Normal");
    normal.paragraph_property = normal.paragraph_property.line_spacing(spacing);
    let mut note = Style::new("FootnoteText", StyleType::Paragraph).name("footnote text").based_on("Normal").size(18);
    note.paragraph_property = note.paragraph_property.line_spacing(LineSpacing::new().after(0));
    docx.default_fonts(RunFonts::new().ascii(&template.font).hi_ansi(&template.font).cs(&template.font))
        .default_size(template.body_size)
        .add_style(normal)
        .add_style(Style::new("Title", StyleType::Paragraph).name("Title").bold().size(44).align(AlignmentType::Left))
        .add_style(Style::new("Subtitle", StyleType::Paragraph).name("Subtitle").size(28))
        .add_style(Style::new("TOCHeading", StyleType::Paragraph).name("TOC Heading").bold().size(h2))
        .add_style(Style::new("TOC1", StyleType::Paragraph).name("toc 1").based_on("Normal"))
        .add_style(Style::new("TOC2", StyleType::Paragraph).name("toc 2").based_on("Normal").indent(Some(440), None, None, None))
        .add_style(heading("Heading1", "heading 1", h1, 0))
        .add_style(heading("Heading2", "heading 2", h2, 1))
        .add_style(heading("Heading3", "heading 3", h3, 2))
        .add_style(heading("Heading4", "heading 4", h4, 3))
        .add_style(reference)
        .add_style(note)
        .page_size(PAGE.0, PAGE.1)
        .page_margin(margins())
}

fn margins() -> PageMargin {
    PageMargin::new().top(MARGIN as i32).bottom(MARGIN as i32).left(MARGIN as i32).right(MARGIN as i32)
}

/// Bullets and decimal numbers for nine levels of nesting.
fn numberings(mut docx: Docx) -> Docx {
    let levels = |format: &str, text: fn(usize) -> String| {
        (0..9).fold(AbstractNumbering::new(if format == "bullet" { BULLETS } else { DECIMAL }), |a, i| {
            a.add_level(
                Level::new(i, Start::new(1), NumberFormat::new(format), LevelText::new(text(i)), LevelJc::new("left"))
                    .indent(Some(720 * (i as i32 + 1)), Some(SpecialIndentType::Hanging(360)), None, None),
            )
        })
    };
    docx = docx.add_abstract_numbering(levels("bullet", |i| if i % 2 == 0 { "•".into() } else { "◦".into() }));
    docx = docx.add_abstract_numbering(levels("decimal", |i| format!("%{}.", i + 1)));
    docx.add_numbering(Numbering::new(BULLETS, BULLETS))
}

#[derive(Default)]
struct Format {
    bold: u8,
    italic: u8,
    strike: u8,
    code: bool,
}

/// A table as it is read, before it becomes a Word table: its rows of cells, whether each row is
/// a header row, and its columns' alignment.
#[derive(Default)]
struct Grid {
    rows: Vec<(bool, Vec<Cell>)>,
    alignments: Vec<Alignment>,
}

/// A cell: its paragraphs, its words (for the column widths), and how many columns and rows it
/// spans.
struct Cell {
    paragraphs: Vec<Paragraph>,
    text: String,
    columns: usize,
    rows: usize,
}

impl Cell {
    fn new() -> Self {
        Cell { paragraphs: Vec::new(), text: String::new(), columns: 1, rows: 1 }
    }
}

struct Writer<'t> {
    template: &'t Template,
    /// The version's year, for the header of each section.
    year: i32,
    docx: Docx,
    paragraph: Option<Paragraph>,
    /// Open lists: the numbering instance of each (ordered lists get their own, so each restarts at 1).
    lists: Vec<usize>,
    next_numbering: usize,
    format: Format,
    quote: usize,
    link: Option<String>,
    /// Inside a table: the rows read so far, the row and the cell being read.
    table: Option<(Grid, Vec<Cell>, Cell)>,
    code_block: bool,
    /// The footnotes of the text being written, by label, as their events.
    notes: HashMap<String, Vec<Event<'static>>>,
    /// Inside a footnote: its paragraphs so far, and whether the next is its first.
    note: Option<(Vec<Paragraph>, bool)>,
    /// How many footnotes the document has so far, and the number of each note of the text being
    /// written that was called already.
    footnotes: usize,
    called: HashMap<String, usize>,
    /// The words of the link being written (an address written as its own words is not repeated).
    link_words: String,
    /// Whether the page is landscape now (a wide table's section).
    landscape: bool,
}

impl<'t> Writer<'t> {
    fn new(template: &'t Template, year: i32) -> Self {
        Writer {
            template,
            year,
            docx: numberings(styles(Docx::new(), template)).header(header(template, year)).footer(footer()),
            paragraph: None,
            lists: Vec::new(),
            next_numbering: 10,
            format: Format::default(),
            quote: 0,
            link: None,
            table: None,
            code_block: false,
            notes: HashMap::new(),
            note: None,
            footnotes: 0,
            called: HashMap::new(),
            link_words: String::new(),
            landscape: false,
        }
    }

    fn finish(mut self) -> Docx {
        self.flush();
        self.docx
    }

    /// Adds a finished paragraph where the text is: the note, the table cell or the body.
    fn block(&mut self, p: Paragraph) {
        if let Some((paragraphs, _)) = &mut self.note {
            paragraphs.push(p);
            return;
        }
        match &mut self.table {
            Some((_, _, cell)) => cell.paragraphs.push(p),
            None => self.docx = std::mem::take(&mut self.docx).add_paragraph(p),
        }
    }

    fn flush(&mut self) {
        if let Some(p) = self.paragraph.take() {
            self.block(p);
        }
    }

    fn open(&mut self, p: Paragraph) {
        self.flush();
        let mut p = if self.quote > 0 { p.indent(Some(720 * self.quote as i32), None, None, None) } else { p };
        if let Some((_, first)) = &mut self.note {
            p = p.style("FootnoteText");
            if std::mem::take(first) {
                p = p.add_run(Run::new().style("FootnoteReference").add_text(NOTE_NUMBER_MARK)).add_run(Run::new().add_text(" "));
            }
        }
        self.paragraph = Some(p);
    }

    fn text(&mut self, text: &str) {
        if self.paragraph.is_none() {
            self.open(Paragraph::new());
        }
        if let Some((_, _, cell)) = &mut self.table {
            cell.text.push_str(text);
        }
        if self.link.is_some() {
            self.link_words.push_str(text);
        }
        let mut run = Run::new();
        if self.format.bold > 0 {
            run = run.bold();
        }
        if self.format.italic > 0 {
            run = run.italic();
        }
        if self.format.strike > 0 {
            run = run.strike();
        }
        if self.format.code || self.code_block {
            run = run.fonts(RunFonts::new().ascii("Courier New").hi_ansi("Courier New"));
        }
        // Word's line breaks (pasted as vertical tabs) break the line like a Markdown hard break.
        let text = printable(text);
        let mut lines = text.split('\n').peekable();
        while let Some(line) = lines.next() {
            run = run.add_text(line);
            if lines.peek().is_some() {
                run = run.add_break(BreakType::TextWrapping);
            }
        }
        self.paragraph = self.paragraph.take().map(|p| p.add_run(run));
    }

    fn markdown(&mut self, body: &str) {
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES | Options::ENABLE_TASKLISTS;
        // The notes first: a call comes before its note's text.
        let (mut events, mut label, mut html_table) = (Vec::new(), None::<String>, None::<String>);
        self.notes.clear();
        self.called.clear();
        for event in Parser::new_ext(body, options) {
            match event {
                Event::Start(Tag::FootnoteDefinition(l)) => label = Some(l.to_string()),
                Event::End(TagEnd::FootnoteDefinition) => label = None,
                event => match &label {
                    Some(l) => self.notes.entry(l.clone()).or_default().push(event.into_static()),
                    None => match event {
                        // A converted Word table (raw HTML) is read whole, then written as a table.
                        Event::Html(raw) if html_table.is_some() || raw.trim_start().get(..6).is_some_and(|t| t.eq_ignore_ascii_case("<table")) => {
                            html_table.get_or_insert_with(String::new).push_str(&raw);
                        }
                        Event::End(TagEnd::HtmlBlock) if html_table.is_some() => {
                            events.push(Event::Html(html_table.take().unwrap_or_default().into()));
                        }
                        Event::Start(Tag::HtmlBlock) => {}
                        event => events.push(event.into_static()),
                    },
                },
            }
        }
        for event in events {
            self.event(event);
        }
        self.flush();
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Html(raw) if raw.trim_start().get(..6).is_some_and(|t| t.eq_ignore_ascii_case("<table")) => {
                self.flush();
                let grid = html_grid(&raw);
                self.add_table(grid);
            }
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => self.text(&t),
            Event::Code(t) => {
                self.format.code = true;
                self.text(&t);
                self.format.code = false;
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.text("\n"),
            Event::Rule => {
                self.open(Paragraph::new().align(AlignmentType::Center));
                self.text("* * *");
                self.flush();
            }
            Event::FootnoteReference(label) => self.footnote(&label),
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t),
        }
    }

    /// A real Word footnote where the note is called, its text written from the note's events
    /// (a note with no text is called as written, `[^label]`).
    fn footnote(&mut self, label: &str) {
        // A note called again: its number again (Word numbers notes in the order they come).
        if let Some(number) = self.called.get(label).copied() {
            if self.paragraph.is_none() {
                self.open(Paragraph::new());
            }
            self.paragraph = self.paragraph.take().map(|p| p.add_run(Run::new().style("FootnoteReference").add_text(number.to_string())));
            return;
        }
        let Some(events) = self.notes.get(label).cloned().filter(|_| self.note.is_none()) else {
            self.text(&format!("[^{label}]"));
            return;
        };
        self.footnotes += 1;
        self.called.insert(label.to_string(), self.footnotes);
        let paragraph = self.paragraph.take();
        let (format, quote, table) = (std::mem::take(&mut self.format), std::mem::take(&mut self.quote), self.table.take());
        self.note = Some((Vec::new(), true));
        for event in events {
            self.event(event);
        }
        self.flush();
        let paragraphs = self.note.take().map(|(p, _)| p).unwrap_or_default();
        (self.format, self.quote, self.table, self.paragraph) = (format, quote, table, paragraph);
        let mut footnote = Footnote::new();
        for p in paragraphs {
            footnote = footnote.add_content(p);
        }
        if self.paragraph.is_none() {
            self.open(Paragraph::new());
        }
        self.paragraph = self.paragraph.take().map(|p| p.add_run(Run::new().add_footnote_reference(footnote)));
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading { level, .. } => {
                // The step title is heading 1; the text's own headings go one level below.
                let style = match level {
                    HeadingLevel::H1 => "Heading2",
                    HeadingLevel::H2 => "Heading3",
                    _ => "Heading4",
                };
                self.open(Paragraph::new().style(style));
            }
            Tag::Paragraph => {
                // A list item's first paragraph is the item's own (numbered) paragraph.
                let item_is_empty = self.paragraph.as_ref().is_some_and(|p| p.children.is_empty());
                if !item_is_empty {
                    let p = Paragraph::new();
                    let p = if self.lists.is_empty() {
                        p
                    } else {
                        p.indent(Some(720 * self.lists.len() as i32), None, None, None)
                    };
                    self.open(p);
                }
            }
            Tag::List(first) => {
                self.flush();
                let id = match first {
                    Some(start) => {
                        let id = self.next_numbering;
                        self.next_numbering += 1;
                        let numbering = Numbering::new(id, DECIMAL)
                            .add_override(LevelOverride::new(self.lists.len()).start(start as usize));
                        self.docx = std::mem::take(&mut self.docx).add_numbering(numbering);
                        id
                    }
                    None => BULLETS,
                };
                self.lists.push(id);
            }
            Tag::Item => {
                let level = self.lists.len().saturating_sub(1);
                let id = self.lists.last().copied().unwrap_or(BULLETS);
                self.open(Paragraph::new().numbering(NumberingId::new(id), IndentLevel::new(level)));
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.quote += 1;
            }
            Tag::CodeBlock(_) => {
                self.open(Paragraph::new());
                self.code_block = true;
            }
            Tag::Emphasis => self.format.italic += 1,
            Tag::Strong => self.format.bold += 1,
            Tag::Strikethrough => self.format.strike += 1,
            Tag::Link { dest_url, .. } => {
                self.link = Some(dest_url.to_string());
                self.link_words.clear();
            }
            Tag::Table(alignments) => {
                self.flush();
                self.table = Some((Grid { rows: Vec::new(), alignments }, Vec::new(), Cell::new()));
            }
            Tag::TableCell => {
                let align = match &mut self.table {
                    Some((grid, cells, cell)) => {
                        *cell = Cell::new();
                        grid.alignments.get(cells.len()).copied().unwrap_or(Alignment::None)
                    }
                    None => Alignment::None,
                };
                self.open(cell_paragraph().align(word_alignment(align)));
            }
            Tag::TableHead => self.format.bold += 1,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item => self.flush(),
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quote = self.quote.saturating_sub(1);
            }
            TagEnd::CodeBlock => {
                self.code_block = false;
                self.flush();
            }
            TagEnd::Emphasis => self.format.italic = self.format.italic.saturating_sub(1),
            TagEnd::Strong => self.format.bold = self.format.bold.saturating_sub(1),
            TagEnd::Strikethrough => self.format.strike = self.format.strike.saturating_sub(1),
            // Only web and mail addresses are written out; anything else stays plain text.
            TagEnd::Link => {
                if let Some(url) = self.link.take() {
                    let lower = url.to_ascii_lowercase();
                    let words = std::mem::take(&mut self.link_words);
                    let bare = |u: &str| u.trim_start_matches("mailto:").trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/').to_ascii_lowercase();
                    let written = bare(words.trim()) == bare(&url);
                    if !written && ["http://", "https://", "mailto:"].iter().any(|s| lower.starts_with(s)) {
                        self.text(&format!(" ({url})"));
                    }
                }
            }
            TagEnd::TableCell => {
                self.flush();
                if let Some((_, cells, cell)) = &mut self.table {
                    cells.push(std::mem::replace(cell, Cell::new()));
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                let head = tag == TagEnd::TableHead;
                if head {
                    self.format.bold = self.format.bold.saturating_sub(1);
                }
                if let Some((grid, cells, _)) = &mut self.table {
                    grid.rows.push((head, std::mem::take(cells)));
                }
            }
            TagEnd::Table => {
                if let Some((grid, _, _)) = self.table.take() {
                    self.add_table(grid);
                }
            }
            _ => {}
        }
    }

    /// Writes a table: on a landscape page of its own when it has many columns (the page before
    /// ends its portrait section, the table's section ends after it).
    fn add_table(&mut self, grid: Grid) {
        let placed = placements(&grid);
        let columns = grid_columns(&grid, &placed);
        if columns == 0 {
            return;
        }
        let wide = columns >= self.template.landscape_from_columns;
        if wide && !self.landscape {
            self.section_break(false);
        }
        let width = if wide { PAGE.1 - 2 * MARGIN } else { PAGE.0 - 2 * MARGIN };
        let table = word_table(grid, &placed, columns, width as usize, self.template.body_size);
        self.docx = std::mem::take(&mut self.docx).add_table(table);
        if wide {
            self.landscape = true;
            self.section_break(true);
            self.landscape = false;
        }
    }

    /// Ends the section so far with a paragraph that carries its page (landscape or portrait).
    fn section_break(&mut self, landscape: bool) {
        let (w, h, orient) = if landscape { (PAGE.1, PAGE.0, PageOrientationType::Landscape) } else { (PAGE.0, PAGE.1, PageOrientationType::Portrait) };
        let section = SectionProperty::new()
            .page_size(PageSize::new().size(w, h).orient(orient))
            .page_margin(margins())
            .header(header(self.template, self.year), HEADER_ID)
            .footer(footer(), FOOTER_ID);
        self.docx = std::mem::take(&mut self.docx).add_paragraph(Paragraph::new().section_property(section));
    }
}

/// A paragraph in a table cell: the body's line, less space after (rows stay compact).
fn cell_paragraph() -> Paragraph {
    Paragraph::new().line_spacing(LineSpacing::new().after(40))
}

fn word_alignment(a: Alignment) -> AlignmentType {
    match a {
        Alignment::Center => AlignmentType::Center,
        Alignment::Right => AlignmentType::Right,
        _ => AlignmentType::Left,
    }
}

/// Where each cell of each row starts in the table's grid of columns, the columns a row span
/// from a row above still covers skipped: per row, (first column, cell index).
fn placements(grid: &Grid) -> Vec<Vec<usize>> {
    let mut covered = HashMap::<usize, (usize, usize)>::new(); // column → (rows still covered, span)
    grid.rows
        .iter()
        .map(|(_, cells)| {
            let above: Vec<(usize, usize)> = covered.iter().filter(|(_, (rows, _))| *rows > 0).map(|(c, (_, span))| (*c, *span)).collect();
            for (rows, _) in covered.values_mut() {
                *rows = rows.saturating_sub(1);
            }
            let mut column = 0;
            cells
                .iter()
                .map(|cell| {
                    while let Some((_, span)) = above.iter().find(|(c, _)| *c == column) {
                        column += span;
                    }
                    let at = column;
                    if cell.rows > 1 {
                        covered.insert(at, (cell.rows - 1, cell.columns));
                    }
                    column += cell.columns;
                    at
                })
                .collect()
        })
        .collect()
}

/// How many grid columns a table has: the furthest a cell reaches.
fn grid_columns(grid: &Grid, placed: &[Vec<usize>]) -> usize {
    grid.rows.iter().zip(placed).flat_map(|((_, cells), at)| cells.iter().zip(at).map(|(c, a)| a + c.columns)).max().unwrap_or(0)
}

/// Column widths (twentieths of a point, summing to `width`) that follow the content, for text
/// of `size` half-points: each column gets at least its longest word (so no word breaks, when the
/// page allows it), and the room left goes to the columns with more to say, up to 40 characters
/// of their longest cell (a code column stays narrow, a description column gets the room).
fn column_widths(grid: &Grid, placed: &[Vec<usize>], columns: usize, width: usize, size: usize) -> Vec<usize> {
    // An average character of Arial is about 0.57 em (bold); a cell's margins are 108 each side.
    let (char_width, padding) = (size * 10 * 57 / 100, 216);
    let (mut least, mut want) = (vec![padding + 2 * char_width; columns], vec![padding + 2 * char_width; columns]);
    for ((_, cells), at) in grid.rows.iter().zip(placed) {
        for (cell, &column) in cells.iter().zip(at) {
            if cell.columns == 1 && column < columns {
                let longest_word = cell.text.split_whitespace().map(|w| w.chars().count()).max().unwrap_or(0);
                let length = cell.text.chars().count().min(40);
                least[column] = least[column].max(padding + (longest_word + 1) * char_width);
                want[column] = want[column].max(padding + length * char_width).max(least[column]);
            }
        }
    }
    let (least_sum, want_sum): (usize, usize) = (least.iter().sum(), want.iter().sum());
    let mut widths: Vec<usize> = if want_sum <= width {
        want.iter().map(|w| w * width / want_sum).collect()
    } else if least_sum <= width {
        let extra = (want_sum - least_sum).max(1);
        least.iter().zip(&want).map(|(l, w)| l + (w - l) * (width - least_sum) / extra).collect()
    } else {
        least.iter().map(|l| l * width / least_sum).collect()
    };
    let rest = width.saturating_sub(widths.iter().sum::<usize>());
    if let Some(last) = widths.last_mut() {
        *last += rest;
    }
    widths
}

/// A Word table from a read table: fixed column widths from the content, every row kept on one
/// page, the header rows repeated on each page, spans merged (a row span continues as Word's
/// vertical merge in the rows below).
fn word_table(grid: Grid, placed: &[Vec<usize>], columns: usize, width: usize, size: usize) -> Table {
    let widths = column_widths(&grid, placed, columns, width, size);
    let mut continuing: HashMap<usize, (usize, usize)> = HashMap::new(); // column → (rows left, span)
    let mut rows = Vec::new();
    for ((head, cells), at) in grid.rows.into_iter().zip(placed) {
        let mut starts: HashMap<usize, Cell> = at.iter().copied().zip(cells).collect();
        let mut word_cells = Vec::new();
        let mut column = 0;
        while column < columns {
            let width_of = |span: usize| widths[column..(column + span).min(columns)].iter().sum::<usize>();
            if let Some((left, span)) = continuing.get(&column).copied().filter(|(left, _)| *left > 0) {
                continuing.insert(column, (left - 1, span));
                word_cells.push(TableCell::new().vertical_merge(VMergeType::Continue).grid_span(span).width(width_of(span), WidthType::Dxa).add_paragraph(Paragraph::new()));
                column += span;
                continue;
            }
            let Some(cell) = starts.remove(&column) else {
                // A row shorter than the table: an empty cell keeps the grid.
                word_cells.push(TableCell::new().width(width_of(1), WidthType::Dxa).add_paragraph(Paragraph::new()));
                column += 1;
                continue;
            };
            let span = cell.columns.clamp(1, columns - column);
            let mut word = TableCell::new().width(width_of(span), WidthType::Dxa);
            if span > 1 {
                word = word.grid_span(span);
            }
            if cell.rows > 1 {
                word = word.vertical_merge(VMergeType::Restart);
                continuing.insert(column, (cell.rows - 1, span));
            }
            let paragraphs = if cell.paragraphs.is_empty() { vec![Paragraph::new()] } else { cell.paragraphs };
            for p in paragraphs {
                word = word.add_paragraph(p);
            }
            word_cells.push(word);
            column += span;
        }
        let row = TableRow::new(word_cells).cant_split();
        rows.push(if head { row.row_height(1.0).height_rule(docx_rs::HeightRule::AtLeast) } else { row });
    }
    Table::new(rows).set_grid(widths).layout(TableLayoutType::Fixed).width(width, WidthType::Dxa)
}

/// A converted Word table (sanitized HTML: `table`, rows, cells with `colspan`/`rowspan`, inline
/// text) as a [`Grid`]: the rows of `<thead>` (or of `<th>` cells only) are header rows.
fn html_grid(raw: &str) -> Grid {
    let clean = ammonia::Builder::empty()
        .add_tags(["table", "thead", "tbody", "tfoot", "tr", "th", "td", "p", "br", "strong", "b", "em", "i"])
        .add_tag_attributes("td", ["colspan", "rowspan"])
        .add_tag_attributes("th", ["colspan", "rowspan"])
        .clean(raw)
        .to_string();
    let mut grid = Grid::default();
    let (mut in_head, mut row, mut cell, mut header_cells) = (false, None::<Vec<Cell>>, None::<(Cell, String, bool)>, true);
    let mut tables = 0usize;
    let finish_text = |cell: &mut (Cell, String, bool)| {
        let text = crate::domain::text::unescape_html(&std::mem::take(&mut cell.1));
        if !text.trim().is_empty() || cell.0.paragraphs.is_empty() {
            let run = Run::new().add_text(printable(text.trim()));
            cell.0.paragraphs.push(cell_paragraph().add_run(if cell.2 { run.bold() } else { run }));
            cell.0.text.push_str(&text);
            cell.0.text.push(' ');
        }
    };
    for piece in crate::domain::text::html_pieces(&clean) {
        let (name, whole) = match piece {
            crate::domain::text::HtmlPiece::Text(t) => {
                if let Some(c) = &mut cell {
                    c.1.push_str(t);
                }
                continue;
            }
            crate::domain::text::HtmlPiece::Tag { name, whole } => (name, whole),
        };
        // A table nested in a cell is that cell's text, row after row.
        match name {
            "table" => tables += 1,
            "/table" => tables = tables.saturating_sub(1),
            _ => {}
        }
        if tables > 1 || (name == "/table" && tables == 1 && cell.is_some()) {
            if let (Some(c), true) = (&mut cell, matches!(name, "table" | "/td" | "/th" | "/tr" | "br" | "/p")) {
                c.1.push(' ');
            }
            continue;
        }
        match name {
            "thead" => in_head = true,
            "/thead" => in_head = false,
            "tr" => (row, header_cells) = (Some(Vec::new()), true),
            "/tr" => {
                if let Some(cells) = row.take() {
                    grid.rows.push((in_head || (header_cells && grid.rows.is_empty() && !cells.is_empty()), cells));
                }
            }
            "td" | "th" => {
                let number = |attr: &str| whole.split(&format!("{attr}=\"")).nth(1).and_then(|v| v.split('"').next()).and_then(|v| v.parse::<usize>().ok()).unwrap_or(1);
                let mut c = Cell::new();
                (c.columns, c.rows) = (number("colspan").clamp(1, 64), number("rowspan").clamp(1, 1000));
                header_cells &= name == "th";
                cell = Some((c, String::new(), name == "th"));
            }
            "/td" | "/th" => {
                if let Some(mut c) = cell.take() {
                    finish_text(&mut c);
                    row.get_or_insert_with(Vec::new).push(c.0);
                }
            }
            "br" | "/p" => {
                if let Some(c) = &mut cell {
                    finish_text(c);
                }
            }
            _ => {}
        }
    }
    grid
}


#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn random_document(name: &str, body: &str) -> Vec<u8> {
        build(&Document {
            policy_code: "PNX",
            policy_name: name,
            deliverable: 1,
            deliverable_steps: vec![1, 2],
            version_line: name.to_string(),
            year: 2023,
            note: Some(body),
            steps: vec![(1, "Paso", body), (2, "Otro", name)],
            annexes: &[],
        })
        .expect("the document builds")
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, rng_seed: proptest::test_runner::RngSeed::Fixed(87), failure_persistence: None, ..ProptestConfig::default() })]

        /// Whatever a team pastes (control characters included), the DOCX's XML parses.
        #[test]
        fn the_docx_reads_back_whatever_was_pasted(name in proptest::collection::vec(any::<char>(), 0..40), body in proptest::collection::vec(any::<char>(), 0..200)) {
            let (name, body): (String, String) = (name.into_iter().collect(), body.into_iter().collect());
            let bytes = random_document(&name, &body);
            prop_assert!(docx_rs::read_docx(&bytes).is_ok());
        }
    }

    /// Word's manual line and page breaks, pasted as vertical tab and form feed, print as a line
    /// break and a page break; NUL and other controls never reach the XML; LibreOffice (as the
    /// people at CEPLAN would) opens the file. `soffice` comes with the test command's installs.
    #[test]
    fn words_breaks_survive_and_libreoffice_opens_the_file() {
        let bytes = random_document("Política\u{0} con\u{1} control", "Primera línea\u{0B}segunda línea\u{0C}Otra página\u{7F} fin");
        let json = docx_rs::read_docx(&bytes).expect("a valid DOCX").json();
        let json: String = json.split_whitespace().collect();
        assert!(json.contains("\"breakType\":\"page\""), "a page break");
        assert!(json.contains("\"breakType\":\"textWrapping\""), "a line break");
        assert!(json.contains("Primeralínea") && json.contains("segundalínea") && json.contains("Otrapágina"));
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("documento.docx");
        std::fs::write(&file, &bytes).unwrap();
        let status = std::process::Command::new("soffice")
            .args(["--headless", "--norestore", "--convert-to", "txt:Text", "--outdir"])
            .arg(dir.path())
            .arg(&file)
            .env("HOME", dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("LibreOffice (soffice) is installed: ./scripts/setup.sh --test installs it");
        assert!(status.success());
        let text = std::fs::read_to_string(dir.path().join("documento.txt")).expect("LibreOffice read the DOCX");
        assert!(text.contains("Otra página") && text.contains("Política con control"), "{text}");
    }

    /// PNMPETF's Entregable 1 as a DOCX, with these steps.
    fn pnmpetf_e1(note: Option<&str>, steps: Vec<(u8, &str, &str)>) -> Vec<u8> {
        build(&Document {
            policy_code: "PNMPETF",
            policy_name: "Política Nacional Multisectorial para la Prevención y Erradicación del Trabajo Forzoso",
            deliverable: 1,
            deliverable_steps: vec![1, 2],
            version_line: "Versión 1 — 14/06/2023".into(),
            year: 2023,
            note,
            steps,
            annexes: &[],
        })
        .expect("the document builds")
    }

    fn sample() -> Vec<u8> {
        pnmpetf_e1(
            Some("Versión remitida a CEPLAN"),
            vec![
                (
                    1,
                    "Delimitación del problema público",
                    "## Marco normativo\n\n- **Ley** N° 28806\n- Protocolo de 2014\n  1. anidado\n\n1. uno\n2. dos\n\n\
                     | Fuente | Año |\n|---|---|\n| ENAHO | 2022 |\n\n> cita <script>alert(1)</script>\n\n[CEPLAN](https://www.gob.pe/ceplan) [x](javascript:alert(1))",
                ),
                (2, "Enunciado y estructuración del problema público", ""),
            ],
        )
    }

    /// The document's text as Word holds it, one line per paragraph: its style, its list level
    /// when numbered, its text (a line break as ⏎, a page break as ⇟); table cells marked ┃.
    fn outline(bytes: &[u8]) -> String {
        use serde_json::Value;
        fn text(v: &Value, out: &mut String) {
            match v {
                Value::Object(o) => match o.get("type").and_then(Value::as_str) {
                    Some("text") => out.push_str(o["data"]["text"].as_str().unwrap_or_default()),
                    Some("break") => out.push(if o["data"]["breakType"] == "page" { '⇟' } else { '⏎' }),
                    _ => o.values().for_each(|v| text(v, out)),
                },
                Value::Array(a) => a.iter().for_each(|v| text(v, out)),
                _ => {}
            }
        }
        fn walk(v: &Value, cell: bool, lines: &mut Vec<String>) {
            match v {
                Value::Object(o) => match o.get("type").and_then(Value::as_str) {
                    Some("paragraph") => {
                        let property = &o["data"]["property"];
                        let style = property["style"].as_str().unwrap_or("Normal");
                        let level = property["numberingProperty"]["level"].as_u64().map(|l| format!(" ·{l}")).unwrap_or_default();
                        let mut body = String::new();
                        text(&o["data"]["children"], &mut body);
                        lines.push(format!("{}[{style}{level}] {body}", if cell { "┃ " } else { "" }));
                    }
                    Some("tableCell") => walk(&o["data"], true, lines),
                    _ => o.values().for_each(|v| walk(v, cell, lines)),
                },
                Value::Array(a) => a.iter().for_each(|v| walk(v, cell, lines)),
                _ => {}
            }
        }
        let json: Value = serde_json::from_str(&docx_rs::read_docx(bytes).expect("a valid DOCX").json()).unwrap();
        let mut lines = Vec::new();
        walk(&json["document"]["children"], false, &mut lines);
        lines.join("\n")
    }

    /// The text, headings, lists, table, quote and links of a deliverable as the DOCX carries them.
    #[test]
    fn the_documents_text() {
        insta::assert_snapshot!(outline(&sample()));
    }

    /// A bullet list prints bullets: no list definition of Pasos shares its id with the library's
    /// default decimal list, which a reader (LibreOffice, Word) would take instead.
    #[test]
    fn bullets_are_bullets_and_each_list_has_its_own_id() {
        let docx = docx_rs::read_docx(&sample()).expect("a valid DOCX");
        let json: serde_json::Value = serde_json::from_str(&docx.json()).unwrap();
        let numberings = &json["numberings"];
        let ids = |list: &str| -> Vec<u64> { numberings[list].as_array().into_iter().flatten().filter_map(|n| n["id"].as_u64()).collect() };
        for list in ["abstractNums", "numberings"] {
            let all = ids(list);
            let unique: std::collections::BTreeSet<_> = all.iter().collect();
            assert!(!all.is_empty() && all.len() == unique.len(), "{list}: an id twice in {all:?}");
        }
        let bullets = numberings["abstractNums"].as_array().unwrap().iter().find(|a| a["id"].as_u64() == Some(BULLETS as u64)).unwrap();
        assert_eq!(bullets["levels"][0]["format"], "bullet", "{bullets}");
    }

    /// The file is a real DOCX: it reads back, with the headings, list numbering and table in place.
    #[test]
    fn the_document_reads_back_with_headings_lists_and_tables() {
        let bytes = sample();
        assert_eq!(&bytes[..2], b"PK", "a DOCX is a zip archive");
        let docx = docx_rs::read_docx(&bytes).expect("a valid DOCX");
        let json = docx.json();
        for expected in [
            "Paso 1. Delimitación del problema público",
            "Marco normativo",
            "\"Heading1\"",
            "\"Heading3\"",
            "Protocolo de 2014",
            "ENAHO",
            "Sin texto en esta versión.",
            " (https://www.gob.pe/ceplan)",
            "\"<script>\"",
        ] {
            assert!(json.contains(expected), "missing {expected:?}");
        }
        assert!(!json.contains("javascript:"), "a javascript: address is never written out");
        let numbered = json.matches("\"numberingProperty\"").count();
        assert!(numbered >= 5, "list items keep their numbering ({numbered})");
        assert!(json.contains("\"table\""), "the table is a Word table");
    }

    /// The pasted corpus (`app/tests/fixtures/pegado.txt`, as the editor saves it): the Markdown
    /// of one step, with a table of `rows` rows.
    pub(crate) fn pasted_corpus(rows: usize) -> String {
        let rows: Vec<String> = (1..=rows)
            .map(|i| format!("| S1.{i} | Capacitación especializada a inspectores del trabajo en la identificación de casos | Inspectores auxiliares | SUNAFIL | Oportunidad: dentro de los treinta días hábiles | Porcentaje de inspectores capacitados |"))
            .collect();
        let pasted = include_str!("../../tests/fixtures/pegado.txt").replace("@FILAS@", &rows.join("\n"));
        crate::domain::pasted::normalize(&pasted).text
    }

    /// A PDF's text (per page, as LibreOffice prints the DOCX), its fonts and page sizes.
    struct Printed {
        pages: Vec<String>,
        fonts: String,
        sizes: Vec<String>,
    }

    /// Prints a DOCX to PDF with LibreOffice headless (as CEPLAN's readers would open it) and
    /// reads it back with poppler's tools. With `PASOS_KEEP_PDF=dir` the PDF stays there.
    fn printed(bytes: &[u8], name: &str) -> Printed {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(format!("{name}.docx"));
        std::fs::write(&file, bytes).unwrap();
        let run = |program: &str, args: &[&str]| {
            let out = std::process::Command::new(program)
                .args(args)
                .env("HOME", dir.path())
                .output()
                .unwrap_or_else(|e| panic!("{program} runs (./scripts/setup.sh --test installs it): {e}"));
            assert!(out.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
            String::from_utf8_lossy(&out.stdout).to_string()
        };
        let outdir = dir.path().to_str().unwrap();
        run("soffice", &["--headless", "--norestore", "--convert-to", "pdf", "--outdir", outdir, file.to_str().unwrap()]);
        let pdf = dir.path().join(format!("{name}.pdf"));
        if let Ok(keep) = std::env::var("PASOS_KEEP_PDF") {
            std::fs::copy(&pdf, std::path::Path::new(&keep).join(format!("{name}.pdf"))).unwrap();
            std::fs::copy(&file, std::path::Path::new(&keep).join(format!("{name}.docx"))).unwrap();
        }
        let pdf = pdf.to_str().unwrap();
        let text = run("pdftotext", &["-layout", pdf, "-"]);
        let info = run("pdfinfo", &["-f", "1", "-l", "200", pdf]);
        Printed {
            pages: text.split('\u{0C}').map(str::to_string).collect(),
            fonts: run("pdffonts", &[pdf]),
            sizes: info.lines().filter(|l| l.starts_with("Page ") && l.contains(" size:")).map(|l| l.split(':').nth(1).unwrap_or_default().trim().to_string()).collect(),
        }
    }

    /// What the team pasted prints as they wrote it: the Tab-indented paragraph in the body's
    /// font (no Courier), each bullet list with bullets and each numbered list from 1, three
    /// real footnotes (the named one too) numbered 1–3 with their notes on the page, the
    /// 6-column table on landscape pages with its header row on each and no word broken, the
    /// merged cells' table whole.
    #[test]
    fn the_pasted_corpus_prints_as_written() {
        let body = pasted_corpus(30);
        let bytes = pnmpetf_e1(None, vec![(1, "Delimitación del problema público", &body), (2, "Enunciado y estructuración del problema público", "Otro texto.")]);
        let printed = printed(&bytes, "corpus");
        let all = printed.pages.join("\n");
        let lines: Vec<&str> = all.lines().map(str::trim).collect();
        assert!(!printed.fonts.contains("Courier"), "no paragraph prints as code:\n{}", printed.fonts);
        assert!(all.contains("Que, mediante Decreto Supremo N° 013-2021-TR"), "{all}");
        let marker = |words: &str| lines.iter().find(|l| l.contains(words)).map(|l| l.split_whitespace().next().unwrap_or_default().to_string());
        for item in ["Reducir la informalidad", "Mejorar las condiciones", "Prevenir el trabajo", "Tasa de empleo formal", "Cobertura de la inspección"] {
            assert_eq!(marker(item).as_deref(), Some("•"), "{item} is a bullet: {all}");
        }
        assert_eq!(marker("Fortalecer la inspección").as_deref(), Some("1."), "{all}");
        assert_eq!(marker("Capacitar a los inspectores").as_deref(), Some("1."), "each numbered list from 1: {all}");
        assert!(!all.contains("[ds]") && !all.contains("[^"), "{all}");
        // A note prints as its number (a line of its own in the PDF's text) and its words.
        let noted = |number: &str, words: &str| lines.windows(2).any(|w| w[0] == number && w[1].starts_with(words));
        for (number, words) in [("1", "Ley N° 28950"), ("2", "Convenio sobre el trabajo forzoso"), ("3", "Decreto Supremo N° 009-2021-IN.")] {
            assert!(noted(number, words), "the note {number} {words:?} at the foot of its page: {all}");
        }
        assert!(all.contains("persona\u{0}") || all.contains("personas1 y el trabajo forzoso2") , "the calls are numbered 1, 2, 3: {all}");
        // The third call (pdftotext may set a superscript a space apart, as the glyphs fall).
        assert!(all.contains("aborda3.") || all.contains("aborda 3."), "{all}");
        let with_table: Vec<usize> = printed.pages.iter().enumerate().filter(|(_, p)| p.contains("SUNAFIL")).map(|(i, _)| i).collect();
        assert!(with_table.len() >= 2, "the table runs over pages: {with_table:?}");
        for &page in &with_table {
            assert!(printed.pages[page].contains("Estándar de"), "the header row repeats on page {}", page + 1);
            assert!(printed.sizes[page].starts_with("841.89 x 595."), "page {} is landscape: {:?}", page + 1, printed.sizes);
        }
        assert!(printed.sizes[0].starts_with("595."), "the rest is portrait: {:?}", printed.sizes);
        for word in ["Capacitación", "especializada", "identificación", "Porcentaje", "inspectores"] {
            let whole = printed.pages[with_table[0]].matches(word).count();
            assert!(whole >= 2, "{word} is never broken in a cell ({whole} whole)");
        }
        assert_eq!(all.matches("Meta al 2030").count(), 1, "{all}");
        assert!(all.contains("Planilla electrónica") && all.contains("OP1. Reducir la informalidad"), "{all}");
    }

    /// A note called twice is one Word footnote, called again by its number; an address written
    /// as its own words is not repeated after it.
    #[test]
    fn a_note_called_again_and_an_address_as_its_words() {
        let text = "Uno[^a], dos[^b] y otra vez[^a]. Ver https://www.gob.pe/mtpe y [MTPE](https://www.gob.pe/mtpe).\n\n[^a]: Nota A.\n[^b]: Nota B.";
        let bytes = pnmpetf_e1(None, vec![(1, "Paso", text)]);
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
        let mut notes = String::new();
        std::io::Read::read_to_string(&mut archive.by_name("word/footnotes.xml").unwrap(), &mut notes).unwrap();
        assert_eq!(notes.matches("Nota A.").count(), 1, "{notes}");
        assert_eq!(notes.matches("<w:footnoteRef />").count(), 2, "each note numbered by Word: {notes}");
        let outline = outline(&bytes);
        assert!(outline.contains("otra vez1."), "called again by its number: {outline}");
        assert!(outline.contains("Ver https://www.gob.pe/mtpe y MTPE (https://www.gob.pe/mtpe)."), "{outline}");
    }

    /// A table nested in a cell of a converted table is that cell's words, not rows of its own.
    #[test]
    fn a_nested_table_stays_in_its_cell() {
        let grid = html_grid("<table><tr><th>Eje</th><th>Meta</th></tr><tr><td>Eje 1<table><tr><td>a</td><td>b</td></tr></table></td><td>100</td></tr></table>");
        let rows: Vec<Vec<String>> = grid.rows.iter().map(|(_, cells)| cells.iter().map(|c| c.text.split_whitespace().collect::<Vec<_>>().join(" ")).collect()).collect();
        assert_eq!(rows, vec![vec!["Eje".to_string(), "Meta".into()], vec!["Eje 1 a b".into(), "100".into()]]);
        assert!(grid.rows[0].0 && !grid.rows[1].0, "the first row of th cells is the header");
    }

    /// Entregable 3's annexes: one ficha per indicator (two columns, its values by year, its chart
    /// as a picture), each on its own page after the steps; LibreOffice prints them and the labels
    /// read back.
    #[test]
    fn the_annexes_print_one_ficha_per_indicator_with_its_chart() {
        use crate::domain::annexes::annexes;
        use crate::domain::structure::{Item, ItemKind};
        let item = |kind: ItemKind, code: &str, parent: Option<&str>, values: &[(&str, &str)], observed: &[(u16, &str)], targets: &[(u16, &str)]| Item {
            id: code.into(),
            kind,
            code: code.into(),
            parent: parent.map(Into::into),
            values: values.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            observed: observed.iter().map(|(y, v)| (*y, v.to_string())).collect(),
            targets: targets.iter().map(|(y, v)| (*y, v.to_string())).collect(),
        };
        let items = vec![
            item(ItemKind::Objective, "OP1", None, &[("enunciado", "Reducir el trabajo infantil")], &[], &[]),
            item(
                ItemKind::Indicator,
                "IOP1.1",
                Some("OP1"),
                &[("nombre", "Tasa de trabajo infantil"), ("parametro", "porcentaje"), ("sentido", "descendente"), ("linea_base_estado", "con_valor"), ("linea_base_anio", "2019"), ("linea_base_valor", "26,1\u{a0}%")],
                &[(2021, "23,2\u{a0}%"), (2023, "21\u{a0}%")],
                &[(2026, "como máximo 18\u{a0}%"), (2030, "12\u{a0}%")],
            ),
            item(ItemKind::Indicator, "IOP1.2", Some("OP1"), &[("nombre", "Prevalencia del trabajo forzoso"), ("linea_base_estado", "por_construir"), ("linea_base_anio", "2026")], &[], &[]),
        ];
        let annexes = annexes(&items, None);
        let bytes = build(&Document {
            policy_code: "PNMPETI",
            policy_name: "Política Nacional Multisectorial para la Prevención y Erradicación del Trabajo Infantil",
            deliverable: 3,
            deliverable_steps: vec![5, 6],
            version_line: "Texto de trabajo".into(),
            year: 2026,
            note: None,
            steps: vec![(5, "Elaboración de los objetivos prioritarios e indicadores", "Texto."), (6, "Elaboración de lineamientos", "")],
            annexes: &annexes,
        })
        .expect("the document builds");
        let package = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        assert_eq!(package.file_names().filter(|n| n.starts_with("word/media/") && n.ends_with(".png")).count(), 1, "one chart: the baseline still to be built has none");
        let lines = outline(&bytes);
        assert!(lines.contains("[Heading2] Anexo 1. Fichas técnicas de los indicadores de los objetivos prioritarios"), "{lines}");
        assert!(lines.contains("┃ [Normal] Parámetro de medición"), "the ficha is a table: {lines}");
        let printed = printed(&bytes, "anexos-e3");
        let text = printed.pages.join("\n");
        for label in ["Ficha técnica del indicador IOP1.1", "Ficha técnica del indicador IOP1.2", "Parámetro de medición", "Sentido esperado del indicador", "Valor actual", "Logro esperado", "como máximo 18", "Por construir"] {
            assert!(text.contains(label), "{label}: {text}");
        }
        let annex_page = printed.pages.iter().position(|p| p.contains("Ficha técnica del indicador IOP1.1")).unwrap();
        assert!(annex_page > 1, "the annexes come after the steps");
        // Two columns: the ficha's label and its value on one printed line.
        assert!(text.lines().any(|l| l.contains("Nombre del indicador") && l.contains("Tasa de trabajo infantil")), "{text}");
    }

}

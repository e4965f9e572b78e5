//! A deliverable as a Word document (DOCX), the file the team sends to CEPLAN: a cover, then each
//! step with its title and its Markdown turned into Word headings, paragraphs, lists and tables.
use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, IndentLevel, Level, LevelJc, LevelOverride, LevelText,
    NumberFormat, Numbering, NumberingId, Paragraph, Run, RunFonts, SpecialIndentType, Start, Style, StyleType,
    Table, TableCell, TableRow,
};
use crate::domain::text::{printable, PAGE_BREAK};
use crate::i18n::t;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// What goes into the document.
pub struct Document<'a> {
    pub policy_code: &'a str,
    pub policy_name: &'a str,
    pub deliverable: u8,
    /// The step numbers it covers.
    pub deliverable_steps: Vec<u8>,
    /// "Versión 2 — 14/06/2023" or "Texto de trabajo al …".
    pub version_line: String,
    pub note: Option<&'a str>,
    /// (step number, step title, Markdown body).
    pub steps: Vec<(u8, &'a str, &'a str)>,
}

/// The ids of Pasos' two list definitions. docx-rs always writes a decimal list of its own under
/// id 1 (abstract and instance), and a reader takes the first definition of an id: ours start at 2.
const BULLETS: usize = 2;
const DECIMAL: usize = 3;

/// A run of plain text: characters XML cannot carry are removed, Word's line breaks become spaces.
fn plain_run(text: &str) -> Run {
    Run::new().add_text(printable(text).replace('\n', " "))
}

pub fn build(doc: &Document<'_>) -> Result<Vec<u8>, docx_rs::DocxError> {
    let mut writer = Writer::new();
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
    let mut out = std::io::Cursor::new(Vec::new());
    writer.finish().pack(&mut out)?;
    Ok(out.into_inner())
}

fn styles(docx: Docx) -> Docx {
    let heading = |id: &str, name: &str, size: usize, level: usize| {
        Style::new(id, StyleType::Paragraph).name(name).based_on("Normal").next("Normal").bold().size(size).outline_lvl(level)
    };
    docx.default_fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial"))
        .default_size(22)
        .add_style(Style::new("Title", StyleType::Paragraph).name("Title").bold().size(44).align(AlignmentType::Left))
        .add_style(Style::new("Subtitle", StyleType::Paragraph).name("Subtitle").size(28))
        .add_style(heading("Heading1", "heading 1", 32, 0))
        .add_style(heading("Heading2", "heading 2", 28, 1))
        .add_style(heading("Heading3", "heading 3", 24, 2))
        .add_style(heading("Heading4", "heading 4", 22, 3))
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
    docx = docx.add_abstract_numbering(levels("bullet", |_| "•".into()));
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

struct Writer {
    docx: Docx,
    paragraph: Option<Paragraph>,
    /// Open lists: the numbering instance of each (ordered lists get their own, so each restarts at 1).
    lists: Vec<usize>,
    next_numbering: usize,
    format: Format,
    quote: usize,
    link: Option<String>,
    /// Inside a table: finished rows, the row being built, the cell being built.
    table: Option<(Vec<TableRow>, Vec<TableCell>, TableCell)>,
    code_block: bool,
}

impl Writer {
    fn new() -> Self {
        Writer {
            docx: numberings(styles(Docx::new())),
            paragraph: None,
            lists: Vec::new(),
            next_numbering: 10,
            format: Format::default(),
            quote: 0,
            link: None,
            table: None,
            code_block: false,
        }
    }

    fn finish(mut self) -> Docx {
        self.flush();
        self.docx
    }

    /// Adds a finished paragraph where the text is: the current table cell or the body.
    fn block(&mut self, p: Paragraph) {
        match &mut self.table {
            Some((_, _, cell)) => *cell = std::mem::take(cell).add_paragraph(p),
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
        let p = if self.quote > 0 { p.indent(Some(720 * self.quote as i32), None, None, None) } else { p };
        self.paragraph = Some(p);
    }

    fn text(&mut self, text: &str) {
        if self.paragraph.is_none() {
            self.open(Paragraph::new());
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
        for event in Parser::new_ext(body, options) {
            match event {
                Event::Start(tag) => self.start(tag),
                Event::End(tag) => self.end(tag),
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
                Event::FootnoteReference(label) => self.text(&format!("[{label}]")),
                Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
                Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t),
            }
        }
        self.flush();
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
            Tag::Link { dest_url, .. } => self.link = Some(dest_url.to_string()),
            Tag::Table(_) => {
                self.flush();
                self.table = Some((Vec::new(), Vec::new(), TableCell::new()));
            }
            Tag::TableCell => {
                if let Some((_, _, cell)) = &mut self.table {
                    *cell = TableCell::new();
                }
                self.open(Paragraph::new());
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
                    if ["http://", "https://", "mailto:"].iter().any(|s| lower.starts_with(s)) {
                        self.text(&format!(" ({url})"));
                    }
                }
            }
            TagEnd::TableCell => {
                self.flush();
                if let Some((_, cells, cell)) = &mut self.table {
                    cells.push(std::mem::take(cell));
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if tag == TagEnd::TableHead {
                    self.format.bold = self.format.bold.saturating_sub(1);
                }
                if let Some((rows, cells, _)) = &mut self.table {
                    rows.push(TableRow::new(std::mem::take(cells)));
                }
            }
            TagEnd::Table => {
                if let Some((rows, _, _)) = self.table.take() {
                    self.docx = std::mem::take(&mut self.docx).add_table(Table::new(rows));
                }
            }
            _ => {}
        }
    }
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
            note: Some(body),
            steps: vec![(1, "Paso", body), (2, "Otro", name)],
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

    fn sample() -> Vec<u8> {
        build(&Document {
            policy_code: "PNMPETF",
            policy_name: "Política Nacional Multisectorial para la Prevención y Erradicación del Trabajo Forzoso",
            deliverable: 1,
            deliverable_steps: vec![1, 2],
            version_line: "Versión 1 — 14/06/2023".into(),
            note: Some("Versión remitida a CEPLAN"),
            steps: vec![
                (
                    1,
                    "Delimitación del problema público",
                    "## Marco normativo\n\n- **Ley** N° 28806\n- Protocolo de 2014\n  1. anidado\n\n1. uno\n2. dos\n\n\
                     | Fuente | Año |\n|---|---|\n| ENAHO | 2022 |\n\n> cita <script>alert(1)</script>\n\n[CEPLAN](https://www.gob.pe/ceplan) [x](javascript:alert(1))",
                ),
                (2, "Enunciado y estructuración del problema público", ""),
            ],
        })
        .expect("the document builds")
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
}

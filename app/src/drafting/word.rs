//! A Word document (`.docx`) read as the Markdown of its steps, by pandoc (Debian's `pandoc`,
//! 2.17 or later): its docx reader knows Word's styles, list definitions (bullets, numbering and
//! where each list starts), footnotes, tracked changes and comments, and tables with merged
//! cells, and its GitHub-flavoured Markdown writer is what Pasos' renderer reads. A Lua filter
//! (`word.lua`) splits the document at its "Paso N" headings, keeps a table with merged cells as
//! an HTML table (which Pasos renders as a table everywhere) and says what Markdown cannot keep.
//! pandoc runs in its sandbox (no file or network access), with a memory ceiling and a time
//! limit, one conversion at a time per instance.
use std::process::Stdio;
use std::time::Duration;

use tokio::io::AsyncWriteExt;

/// The largest document read, in bytes (a deliverable's text with its tables is well under 1 MB;
/// images make a file big and are not kept).
pub const MAX_DOCX_BYTES: usize = 8 * 1024 * 1024;
/// How long a conversion may take, and how long a request waits for another one to finish: both
/// together stay under the request's own limit (`web::layers::REQUEST_BUDGET`, 30 s), so the
/// refusal is said beside the form.
const TIME_LIMIT: Duration = Duration::from_secs(15);
const QUEUE_LIMIT: Duration = Duration::from_secs(8);

/// A document read: each step's Markdown (in the order found), and what could not be kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub steps: Vec<(u8, String)>,
    /// The text before the first "Paso N" heading (a cover, a table of contents), which no step
    /// takes. Empty when there is none.
    pub before: String,
    /// What Markdown could not keep: (kind, count), kinds as [`Lost`].
    pub lost: Vec<(Lost, usize)>,
}

/// Something of the Word document that the steps' Markdown does not keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Lost {
    /// Pictures: their alternative text is kept.
    Images,
    /// Tracked changes: accepted (insertions kept, deletions gone).
    TrackedChanges,
    /// Word comments: not imported.
    Comments,
    /// Underlining: the words are kept.
    Underline,
    /// Superscript and subscript: the characters are kept, on the line.
    Superscript,
    /// Equations: kept as their text.
    Formulas,
    /// Footnotes inside a table with merged cells (raw HTML cannot call a note): put in the cell.
    NotesInTables,
}

impl Lost {
    fn from_key(key: &str) -> Option<Lost> {
        Some(match key {
            "imagenes" => Lost::Images,
            "cambios" => Lost::TrackedChanges,
            "comentarios" => Lost::Comments,
            "subrayado" => Lost::Underline,
            "superindices" => Lost::Superscript,
            "formulas" => Lost::Formulas,
            "notas_en_tablas" => Lost::NotesInTables,
            _ => return None,
        })
    }
}

/// Why a document could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportError {
    /// pandoc is not installed on this server.
    Unavailable,
    /// Past [`MAX_DOCX_BYTES`].
    TooBig,
    /// Not a Word document pandoc can read (or it took too long).
    Unreadable,
    /// Other conversions were running: try again in a moment.
    Busy,
}

/// Whether pandoc can be run here (looked for once per process, without holding a worker thread).
pub async fn available() -> bool {
    static FOUND: tokio::sync::OnceCell<bool> = tokio::sync::OnceCell::const_new();
    let look = || async {
        let status = tokio::process::Command::new("pandoc").arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().await;
        status.is_ok_and(|s| s.success())
    };
    *FOUND.get_or_init(look).await
}

/// Reads a `.docx` into its steps' Markdown. Errors: [`ImportError`].
pub async fn read_docx(bytes: &[u8]) -> Result<Imported, ImportError> {
    if bytes.len() > MAX_DOCX_BYTES {
        return Err(ImportError::TooBig);
    }
    // A DOCX is a zip archive: anything else is not read at all.
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(ImportError::Unreadable);
    }
    let (stdout, stderr) = pandoc(&["-f", "docx", "--track-changes=all"], bytes).await?;
    Ok(parse_output(&stdout, &stderr))
}

/// The largest pasted HTML converted, in bytes (Word puts much styling around little text).
pub const MAX_PASTED_BYTES: usize = 2_000_000;

/// HTML pasted from Word, a web page or a PDF viewer as one Markdown text (its "Paso N"
/// headings kept), with what it could not keep. Errors: [`ImportError`].
pub async fn read_html(html: &str) -> Result<(String, Vec<(Lost, usize)>), ImportError> {
    if html.len() > MAX_PASTED_BYTES {
        return Err(ImportError::TooBig);
    }
    let (stdout, stderr) = pandoc(&["-f", "html", "-M", "pasos-entero=1"], html.as_bytes()).await?;
    let read = parse_output(&stdout, &stderr);
    let text = std::iter::once(read.before).chain(read.steps.into_iter().map(|(_, t)| t)).filter(|t| !t.is_empty()).collect::<Vec<_>>().join("\n\n");
    Ok((text, read.lost))
}

/// Runs pandoc on `input` with the reader `args`, the Markdown writer and the filter: its output
/// and its messages. In its sandbox, with 512 MB of heap at most, for [`TIME_LIMIT`] at most, one
/// conversion at a time in this process.
async fn pandoc(args: &[&str], input: &[u8]) -> Result<(String, String), ImportError> {
    static ONE_AT_A_TIME: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(1);
    let _turn = tokio::time::timeout(QUEUE_LIMIT, ONE_AT_A_TIME.acquire()).await.map_err(|_| ImportError::Busy)?.map_err(|_| ImportError::Unavailable)?;
    let filter = filter_path().map_err(|_| ImportError::Unavailable)?;
    let mut child = tokio::process::Command::new("pandoc")
        .args(["+RTS", "-M512m", "-RTS", "--sandbox"])
        .args(args)
        .args(["-t", "gfm", "--wrap=none", "--lua-filter"])
        .arg(filter)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|_| ImportError::Unavailable)?;
    let mut stdin = child.stdin.take().ok_or(ImportError::Unavailable)?;
    let input = input.to_vec();
    let writing = tokio::spawn(async move {
        let _ = stdin.write_all(&input).await;
    });
    let output = tokio::time::timeout(TIME_LIMIT, child.wait_with_output()).await.map_err(|_| ImportError::Unreadable)?.map_err(|_| ImportError::Unreadable)?;
    let _ = writing.await;
    if !output.status.success() {
        tracing::info!(stderr = %String::from_utf8_lossy(&output.stderr).chars().take(300).collect::<String>(), "pandoc no pudo leer un documento");
        return Err(ImportError::Unreadable);
    }
    Ok((String::from_utf8_lossy(&output.stdout).into_owned(), String::from_utf8_lossy(&output.stderr).into_owned()))
}

/// The filter, written once per process to the temporary directory (pandoc reads it from a file).
fn filter_path() -> std::io::Result<&'static std::path::Path> {
    static PATH: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    if let Some(path) = PATH.get() {
        return Ok(path);
    }
    let dir = std::env::temp_dir().join(format!("pasos-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("word.lua");
    std::fs::write(&path, include_str!("word.lua"))?;
    Ok(PATH.get_or_init(|| path))
}

/// The filter's output read: the parts and what was lost.
fn parse_output(stdout: &str, stderr: &str) -> Imported {
    let mut imported = Imported { steps: Vec::new(), before: String::new(), lost: Vec::new() };
    for part in stdout.split('\u{1E}').skip(1) {
        let (name, markdown) = part.split_once('\n').unwrap_or((part, ""));
        let markdown = markdown.trim().to_string();
        match name.trim().parse::<u8>() {
            Ok(0) | Err(_) => imported.before = markdown,
            Ok(n) => match imported.steps.iter_mut().find(|(s, _)| *s == n) {
                // The same step twice: its parts follow one another.
                Some((_, text)) => {
                    text.push_str("\n\n");
                    text.push_str(&markdown);
                }
                None => imported.steps.push((n, markdown)),
            },
        }
    }
    for line in stderr.lines() {
        let mut fields = line.split('\t');
        if let (Some("perdido"), Some(kind), Some(count)) = (fields.next(), fields.next(), fields.next()) {
            if let (Some(kind), Ok(count)) = (Lost::from_key(kind), count.trim().parse::<usize>()) {
                imported.lost.push((kind, count));
            }
        }
    }
    imported.lost.sort();
    imported
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filters_output_is_read() {
        let out = "\u{1E}0\nPortada\n\u{1E}1\nTexto[^1].\n\n[^1]: Nota.\n\u{1E}2\nDos.\n\u{1E}1\nMás uno.\n";
        let imported = parse_output(out, "perdido\timagenes\t2\nperdido\tnada\t1\notra cosa\n");
        assert_eq!(imported.before, "Portada");
        assert_eq!(imported.steps, vec![(1, "Texto[^1].\n\n[^1]: Nota.\n\nMás uno.".to_string()), (2, "Dos.".to_string())]);
        assert_eq!(imported.lost, vec![(Lost::Images, 2)]);
    }

    /// Word's clipboard HTML (lists as paragraphs with a "·" symbol and mso styles, a table, a
    /// footnote) as Markdown, its "Paso N" heading kept.
    #[tokio::test]
    async fn pasted_html_becomes_markdown() {
        let html = r##"<h1>Paso 1. Delimitación</h1><p class=MsoNormal style='text-indent:35.4pt'><b>Marco</b> <i>normativo</i> <a href="https://www.gob.pe/mtpe">MTPE</a><a href="#_ftn1" name="_ftnref1"><span class=MsoFootnoteReference>[1]</span></a></p>
<table class=MsoTableGrid border=1><tr><td><p><b>Código</b></p></td><td><p><b>Servicio</b></p></td></tr><tr><td><p>S1</p></td><td><p>Capacitación</p></td></tr></table>
<ul><li>uno</li><li>dos</li></ul><p><img src="file:///C:/x.png" alt="Mapa"></p>
<div style='mso-element:footnote-list'><div style='mso-element:footnote' id=ftn1><p class=MsoFootnoteText><a href="#_ftnref1" name="_ftn1"><span class=MsoFootnoteReference>[1]</span></a> Ley N° 28950.</p></div></div>"##;
        let (markdown, lost) = read_html(html).await.expect("pandoc converts HTML (./scripts/setup.sh installs it)");
        assert!(markdown.starts_with("# Paso 1. Delimitación"), "{markdown}");
        assert!(markdown.contains("**Marco** *normativo* [MTPE](https://www.gob.pe/mtpe)[^1]"), "Word's footnote is a footnote: {markdown}");
        assert!(markdown.contains("[^1]: Ley N° 28950.") && !markdown.contains("<div") && !markdown.contains("<a "), "{markdown}");
        assert!(markdown.contains("| Código | Servicio     |") && markdown.contains("| S1     | Capacitación |"), "the header row is the first: {markdown}");
        assert!(markdown.contains("-   uno\n-   dos"), "{markdown}");
        assert_eq!(lost, vec![(Lost::Images, 1)]);
    }

    /// A note in a table with merged cells goes into its cell (raw HTML cannot call it), and says so.
    #[tokio::test]
    async fn a_note_in_a_merged_table_stays_in_its_cell() {
        let html = r##"<table><tr><td colspan=2>Meta<a href="#_ftn1" name="_ftnref1">[1]</a></td></tr><tr><td>a</td><td>b</td></tr></table>
<div id=ftn1><p><a href="#_ftnref1" name="_ftn1">[1]</a> Fuente: INEI.</p></div>"##;
        let (markdown, lost) = read_html(html).await.unwrap();
        assert!(markdown.contains("Meta (Fuente: INEI.)") && !markdown.contains("<section") && !markdown.contains("[^"), "{markdown}");
        assert_eq!(lost, vec![(Lost::NotesInTables, 1)]);
    }

    /// Only the top level of "Paso N" headings splits a document: "Paso 1.1" and a lower heading
    /// that starts with "Paso 2" stay headings of their step.
    #[tokio::test]
    async fn only_the_steps_own_headings_split_the_document() {
        let text = "Texto.\n\n## Paso 1.1 Antecedentes\n\nUno.\n\n## Paso 2 en la guía del CEPLAN\n\nDos.";
        let docx = super::super::export::build(&super::super::export::Document {
            policy_code: "PNX",
            policy_name: "Política",
            deliverable: 1,
            deliverable_steps: vec![1, 2],
            version_line: String::new(),
            year: 2023,
            note: None,
            steps: vec![(1, "Delimitación", text), (2, "Estructuración", "Otro.")],
            annexes: &[],
        })
        .unwrap();
        let imported = read_docx(&docx).await.unwrap();
        let one = &imported.steps.iter().find(|(s, _)| *s == 1).unwrap().1;
        assert!(one.contains("Paso 1.1 Antecedentes") && one.contains("Paso 2 en la guía del CEPLAN") && one.contains("Dos."), "{one}");
        assert_eq!(imported.steps.iter().find(|(s, _)| *s == 2).map(|(_, t)| t.as_str()), Some("Otro."));
    }

    #[tokio::test]
    async fn what_is_not_a_docx_is_not_read() {
        assert_eq!(read_docx(b"<html>").await, Err(ImportError::Unreadable));
        assert_eq!(read_docx(&vec![b'P'; MAX_DOCX_BYTES + 1]).await, Err(ImportError::TooBig));
    }
}

//! What characters a typed text may carry into HTML, XML (DOCX, XLSX) and CSV, and how a
//! spreadsheet cell is kept from being read as a formula.
use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// Word's manual line break when its text is copied as plain text (U+000B, vertical tab).
pub const LINE_BREAK: char = '\u{0B}';
/// Word's manual page break when its text is copied as plain text (U+000C, form feed).
pub const PAGE_BREAK: char = '\u{0C}';

/// A character no output format can carry: C0 controls but tab, line feed and carriage return
/// (XML 1.0 forbids them; HTML calls them parse errors), DEL and the C1 controls, and the Unicode
/// noncharacters (U+FDD0–U+FDEF and the last two code points of every plane). Word's line and
/// page breaks are among them: callers that give them a meaning map them first.
pub fn is_unprintable(c: char) -> bool {
    let n = c as u32;
    (n < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
        || (0x7F..=0x9F).contains(&n)
        || (0xFDD0..=0xFDEF).contains(&n)
        || (n & 0xFFFE) == 0xFFFE
}

/// Characters that change how a text is shown without being seen (bidirectional overrides,
/// zero-width marks): in a file name, U+202E before "gpj.exe" would show it as "exe.jpg"; in a
/// title, it would make it read as another.
pub fn is_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}')
}

/// One line of text as typed in a short field (a title, a place, a name): its words, single
/// spaced, without unprintable characters nor the invisible ones that change how it reads.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().map(|w| w.chars().filter(|c| !is_unprintable(*c) && !is_format(*c)).collect::<String>()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// `text` without unprintable characters; Word's line and page breaks become line feeds, so
/// that paragraphs pasted from Word keep their shape. Borrows when there is nothing to change.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unprintable) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter_map(|c| match c {
                LINE_BREAK | PAGE_BREAK => Some('\n'),
                c if is_unprintable(c) => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// A form field as typed, without the characters that no output can carry (NUL and the like).
/// Word's line and page breaks are kept: the DOCX prints them as such.
pub fn typed(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unprintable(c) && c != LINE_BREAK && c != PAGE_BREAK) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|&c| !is_unprintable(c) || c == LINE_BREAK || c == PAGE_BREAK).collect())
}

/// A spreadsheet cell that cannot run as a formula, as OWASP's "CSV Injection" page recommends:
/// a value starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe,
/// which spreadsheets show as text (Excel hides it). The apostrophe is the only change: "- lista"
/// and "+51 984 000 000" stay readable; unprintable characters are removed as in [`printable`].
pub fn spreadsheet_cell(value: &str) -> Cow<'_, str> {
    let value = printable(value);
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{value}")),
        _ => value,
    }
}

/// At most `chars` characters of `text` on one line, with "…" when it was cut.
/// At most `chars` characters of `text`, its lines kept (spaces within a line run together), and
/// "…" when cut.
pub fn shortened_lines(text: &str, chars: usize) -> String {
    let lines: Vec<String> = text.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|l| !l.is_empty()).collect();
    let whole = lines.join("\n");
    if whole.chars().count() <= chars {
        return whole;
    }
    let mut cut: String = whole.chars().take(chars).collect();
    cut.push('…');
    cut
}

pub fn shortened(text: &str, chars: usize) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= chars {
        return line;
    }
    let mut cut: String = line.chars().take(chars).collect();
    cut.push('…');
    cut
}

/// The first `words` words of a text, with "…" when there are more: how a link names the
/// paragraph it acts on ("Comentar este párrafo: «Las regiones con mayor…»").
pub fn opening_words(text: &str, words: usize) -> String {
    let all: Vec<&str> = text.split_whitespace().collect();
    let head = all.iter().take(words).copied().collect::<Vec<_>>().join(" ");
    if all.len() > words { format!("{head}…") } else { head }
}

/// Lower case without accents, trimmed, for matching names as people type them ("Huánuco",
/// "huanuco "); the ñ stays a letter of its own.
pub fn folded(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' => 'a',
            'é' | 'è' => 'e',
            'í' | 'ì' => 'i',
            'ó' | 'ò' => 'o',
            'ú' | 'ü' | 'ù' => 'u',
            c => c,
        })
        .collect()
}

/// Plain text made safe to place inside HTML (element content or a quoted attribute).
pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A piece of sanitized HTML (where every `<` opens a tag): the text between two tags, or a tag
/// with its name (`tr`, `/tr`) and its whole markup (`<tr id="x">`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HtmlPiece<'a> {
    Text(&'a str),
    Tag { name: &'a str, whole: &'a str },
}

/// Sanitized HTML as its pieces, in order; put back together they are the HTML.
pub fn html_pieces(html: &str) -> impl Iterator<Item = HtmlPiece<'_>> {
    let mut rest = html;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let piece = match rest.find('<') {
            Some(0) => {
                let whole = &rest[..rest.find('>').map_or(rest.len(), |e| e + 1)];
                let name_len = whole[1..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '/')).unwrap_or(whole.len() - 1);
                HtmlPiece::Tag { name: &whole[1..1 + name_len], whole }
            }
            Some(at) => HtmlPiece::Text(&rest[..at]),
            None => HtmlPiece::Text(rest),
        };
        let len = match piece {
            HtmlPiece::Text(t) => t.len(),
            HtmlPiece::Tag { whole, .. } => whole.len(),
        };
        rest = &rest[len..];
        Some(piece)
    })
}

/// The words of a piece of sanitized HTML: its tags gone (each a space), its entities read.
pub fn html_words(html: &str) -> String {
    let text: String = html_pieces(html)
        .map(|p| match p {
            HtmlPiece::Text(t) => t,
            HtmlPiece::Tag { .. } => " ",
        })
        .collect();
    unescape_html(&text)
}

/// Text a sanitizer escaped, read back: the entities it writes (and `&nbsp;`) as characters.
pub fn unescape_html(html: &str) -> String {
    html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&nbsp;", "\u{a0}").replace("&amp;", "&")
}

/// The deepest nesting of lists and block quotes a text may have. CEPLAN's documents use three or
/// four levels; the bound keeps rendering linear (an HTML tree builder checks the open elements
/// at each new one, so 8,000 nested lists took 11 s).
pub const MAX_NESTING: usize = 16;
/// The most elements (paragraphs, list items, table cells, emphasis…) a text may have: a long
/// step with tables has a few thousand.
pub const MAX_ELEMENTS: usize = 50_000;

/// Why a Markdown text is refused before it is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Complexity {
    /// Lists or quotes nested deeper than [`MAX_NESTING`].
    TooDeep,
    /// More than [`MAX_ELEMENTS`] elements.
    TooManyElements,
}

/// The Markdown options of every text in Pasos: tables, strikethrough and footnotes.
pub const MARKDOWN: pulldown_cmark::Options =
    pulldown_cmark::Options::ENABLE_TABLES.union(pulldown_cmark::Options::ENABLE_STRIKETHROUGH).union(pulldown_cmark::Options::ENABLE_FOOTNOTES);

/// Whether a Markdown text is within the bounds that keep its rendering cheap. One pass of the
/// parser, stopped at the first element past a bound.
pub fn check_markdown(text: &str) -> Result<(), Complexity> {
    use pulldown_cmark::{Event, Parser, Tag};
    let (mut nesting, mut elements) = (0usize, 0usize);
    for event in Parser::new_ext(text, MARKDOWN) {
        match event {
            Event::Start(tag) => {
                elements += 1;
                if elements > MAX_ELEMENTS {
                    return Err(Complexity::TooManyElements);
                }
                if matches!(tag, Tag::List(_) | Tag::BlockQuote(_)) {
                    nesting += 1;
                    if nesting > MAX_NESTING {
                        return Err(Complexity::TooDeep);
                    }
                }
            }
            Event::End(pulldown_cmark::TagEnd::List(_) | pulldown_cmark::TagEnd::BlockQuote(_)) => nesting -= 1,
            _ => {}
        }
    }
    Ok(())
}

/// A workbook cell's text: [`printable`], with every line ending a line feed (XLSX keeps a
/// carriage return as the escape `_x000D_`, which some readers show as such).
pub fn workbook_cell(value: &str) -> String {
    printable(value).replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_keeps_the_words_as_they_read() {
        assert_eq!(one_line("  Taller\n macrorregional\u{0} sur "), "Taller macrorregional sur");
        // U+202E would show "sur" as "rus"; a zero-width space alone is no word.
        assert_eq!(one_line("Taller \u{202E}sur \u{200B} x"), "Taller sur x");
    }

    #[test]
    fn a_link_quotes_the_opening_words() {
        assert_eq!(opening_words("Las  regiones con\nmayor incidencia", 3), "Las regiones con…");
        assert_eq!(opening_words("Corto", 8), "Corto");
    }

    #[test]
    fn shortened_cuts_on_characters_and_says_so() {
        assert_eq!(shortened("Para  OGPP\n", 60), "Para OGPP");
        assert_eq!(shortened("áéíóú", 3), "áéí…");
    }

    #[test]
    fn controls_go_and_words_breaks_become_line_feeds() {
        assert_eq!(printable("a\u{0}b\u{1}c\u{7f}d\u{85}e"), "abcde");
        assert_eq!(printable("línea\u{0B}otra\u{0C}página"), "línea\notra\npágina");
        assert_eq!(printable("tab\tlf\ncr\r"), "tab\tlf\ncr\r");
        assert_eq!(printable("\u{FDD0}\u{FFFE}\u{1FFFF}ñ"), "ñ");
        assert!(matches!(printable("sin cambios"), Cow::Borrowed(_)));
    }

    #[test]
    fn html_comes_apart_into_text_and_tags() {
        use HtmlPiece::*;
        let html = "<tr id=\"x\"><td>a &amp; b</td></tr>c";
        let pieces: Vec<_> = html_pieces(html).collect();
        assert_eq!(pieces, vec![Tag { name: "tr", whole: "<tr id=\"x\">" }, Tag { name: "td", whole: "<td>" }, Text("a &amp; b"), Tag { name: "/td", whole: "</td>" }, Tag { name: "/tr", whole: "</tr>" }, Text("c")]);
        assert_eq!(html_words(html).split_whitespace().collect::<Vec<_>>(), vec!["a", "&", "b", "c"]);
    }

    #[test]
    fn typed_text_keeps_words_breaks() {
        assert_eq!(typed("a\u{0}b\u{0B}c\u{0C}d"), "ab\u{0B}c\u{0C}d");
    }

    #[test]
    fn nesting_and_size_are_bounded() {
        assert_eq!(check_markdown("- uno\n  - dos\n    - tres\n\n> cita\n> > anidada\n"), Ok(()));
        let deep = |n: usize| "- ".repeat(n) + "x";
        assert_eq!(check_markdown(&deep(MAX_NESTING)), Ok(()));
        assert_eq!(check_markdown(&deep(MAX_NESTING + 1)), Err(Complexity::TooDeep));
        assert_eq!(check_markdown(&(">".repeat(5_000) + " x")), Err(Complexity::TooDeep));
        assert_eq!(check_markdown(&"*a* ".repeat(MAX_ELEMENTS)), Err(Complexity::TooManyElements));
        assert_eq!(check_markdown(&"palabra ".repeat(100_000)), Ok(()), "length alone is not complexity");
    }

    #[test]
    fn cells_that_would_be_formulas_are_quoted() {
        for (value, cell) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+51 984 000 000", "'+51 984 000 000"),
            ("- lista", "'- lista"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\u{0}=1", "'=1"),
            ("Acogido", "Acogido"),
            ("", ""),
            ("3", "3"),
        ] {
            assert_eq!(spreadsheet_cell(value), cell, "{value:?}");
        }
    }
}

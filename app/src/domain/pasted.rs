//! Text pasted from Word or a PDF, made to read as it looked: Markdown gives a meaning to things
//! a Word user never meant (a paragraph indented with a Tab is code; a single line break joins two
//! paragraphs; "•" is a character, not a list) and a PDF leaves artefacts (words split by a
//! hyphen at the end of a line, the dot leaders of a table of contents). [`normalize`] undoes
//! them and says what it changed; the editor shows that before saving and the step after.
//! Fenced code, tables, raw HTML tables and list items are left as written.
use serde::{Deserialize, Serialize};

/// One kind of change [`normalize`] makes, with how many times it made it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Change {
    /// A paragraph indented with a Tab or four spaces (Word's first-line indent), which Markdown
    /// would show as code: its indent removed.
    Indent,
    /// Two paragraphs separated by a single line break, which Markdown would join: parted.
    LineBreak,
    /// A line starting with "•", "·", "▪", "◦" or Word's "o" + Tab: a list item.
    Bullet,
    /// A word split by a hyphen at the end of a line (a PDF's hyphenation): joined.
    Hyphen,
    /// A table of contents' dot leaders and page number ("Diagnóstico ........ 12"): removed.
    Leader,
}

impl Change {
    /// Every change, in the order a note lists them.
    pub const ALL: [Change; 5] = [Change::Indent, Change::LineBreak, Change::Bullet, Change::Hyphen, Change::Leader];

    /// Its short name in an address (`?ajustes=sangria-2,saltos-5`).
    pub fn key(self) -> &'static str {
        match self {
            Change::Indent => "sangria",
            Change::LineBreak => "saltos",
            Change::Bullet => "vinetas",
            Change::Hyphen => "guiones",
            Change::Leader => "indice",
        }
    }
}

/// A text after [`normalize`], with what changed (each kind once, with its count, in
/// [`Change::ALL`]'s order; empty when the text was already as it looked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    pub text: String,
    pub changes: Vec<(Change, usize)>,
}

/// The changes as an address parameter: `sangria-2,saltos-5`.
pub fn changes_param(changes: &[(Change, usize)]) -> String {
    changes.iter().map(|(c, n)| format!("{}-{n}", c.key())).collect::<Vec<_>>().join(",")
}

/// The changes an address parameter names (unknown or garbled ones are skipped).
pub fn parse_changes(param: &str) -> Vec<(Change, usize)> {
    param
        .split(',')
        .filter_map(|part| {
            let (key, n) = part.rsplit_once('-')?;
            let change = Change::ALL.into_iter().find(|c| c.key() == key)?;
            Some((change, n.parse().ok().filter(|n| *n > 0)?))
        })
        .collect()
}

/// What a line is, for the rules that look at its neighbours.
#[derive(PartialEq)]
enum Kind {
    Blank,
    /// Prose: a paragraph's line.
    Prose,
    /// A line of Markdown structure: a list item, a table row, a quote, a heading, a footnote, a
    /// rule, or an indented line inside a list.
    Structure,
}

/// Whether a line starts a list item or a footnote's note: what follows it indented belongs to it.
fn list_marker(line: &str) -> bool {
    let line = line.trim_start();
    if line.starts_with("[^") && line.contains("]:") {
        return true;
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    ["- ", "* ", "+ "].iter().any(|m| line.starts_with(m))
        || (digits > 0 && digits < 10 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") ")))
}

fn kind(line: &str) -> Kind {
    let trimmed = line.trim_start();
    if trimmed.is_empty() {
        Kind::Blank
    } else if list_marker(line)
        || ["|", ">", "#", "[^", "---", "***", "___"].iter().any(|m| trimmed.starts_with(m))
        || line.ends_with("  ")
        || line.ends_with('\\')
    {
        Kind::Structure
    } else {
        Kind::Prose
    }
}

/// The width of a line's indent, a Tab counting four.
fn indent(line: &str) -> usize {
    line.chars().take_while(|c| *c == ' ' || *c == '\t').map(|c| if c == '\t' { 4 } else { 1 }).sum()
}

/// Whether a paragraph that ends with `line` and is followed by `next` was two paragraphs: the
/// line ends a sentence, or it is short (a title) and the next starts like a new paragraph. A
/// line cut in mid-sentence (a PDF's line) continues it.
fn parts_here(line: &str, next: &str) -> bool {
    let line = line.trim_end();
    let ends_sentence = line.ends_with(['.', ':', ';', '?', '!', '»', '”', '"', ')']);
    let starts_anew = next.trim_start().chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "¿¡“«\"".contains(c));
    ends_sentence || (line.chars().count() < 80 && !line.ends_with([',', '-']) && starts_anew)
}

/// A bulleted line as a Markdown list item, if it is one.
fn bullet(line: &str, in_list: bool) -> Option<String> {
    let trimmed = line.trim_start();
    for (mark, nested) in [("•", false), ("·", false), ("▪", false), ("■", false), ("\u{F0B7}", false), ("◦", true), ("o\t", true)] {
        if let Some(rest) = trimmed.strip_prefix(mark) {
            let rest = rest.trim_start_matches([' ', '\t', '\u{a0}']);
            if rest.is_empty() {
                return None;
            }
            return Some(format!("{}- {rest}", if nested && in_list { "    " } else { "" }));
        }
    }
    None
}

/// A table of contents' line without its dot leaders and page number, if it is one.
fn without_leaders(line: &str) -> Option<String> {
    let trimmed = line.trim_end().trim_end_matches(|c: char| c.is_ascii_digit()).trim_end();
    let dots = trimmed.len() - trimmed.trim_end_matches(['.', '…', ' ', '\t']).len();
    let title = trimmed.trim_end_matches(['.', '…', ' ', '\t']);
    let leader = &trimmed[title.len()..];
    (leader.matches(['.', '…']).count() >= 4 && dots >= 4 && !title.trim().is_empty()).then(|| title.to_string())
}

/// Whether a line ends with a word split by a hyphen (a letter, then `-`).
fn split_word(line: &str) -> bool {
    let mut end = line.trim_end().chars().rev();
    end.next() == Some('-') && end.next().is_some_and(char::is_alphabetic)
}

/// The text's lines with each word split at a line's end joined to its other half (outside
/// fenced code), and how many were joined.
fn joined_words(text: &str) -> (Vec<String>, usize) {
    let (mut out, mut joined, mut fenced) = (Vec::<String>::new(), 0, false);
    for line in text.split('\n') {
        let starts_lower = line.trim_start().chars().next().is_some_and(char::is_lowercase);
        match out.last_mut() {
            Some(last) if !fenced && starts_lower && split_word(last) && !list_marker(last) => {
                let head = last.trim_end().trim_end_matches('-').to_string();
                *last = format!("{head}{}", line.trim_start());
                joined += 1;
            }
            _ => {
                let t = line.trim_start();
                if t.starts_with("```") || t.starts_with("~~~") {
                    fenced = !fenced;
                }
                out.push(line.to_string());
            }
        }
    }
    (out, joined)
}

/// A text pasted from Word or a PDF as Markdown that reads as it looked, and what changed. Line
/// endings become `\n`. Fenced code blocks (```` ``` ````/`~~~`) and raw HTML tables are copied as
/// they are; list items and their indented lines keep their indent.
pub fn normalize(text: &str) -> Normalized {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut counts = std::collections::BTreeMap::<Change, usize>::new();
    let (lines, joined) = joined_words(&text);
    if joined > 0 {
        counts.insert(Change::Hyphen, joined);
    }
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let (mut fence, mut html_table, mut in_list) = (None::<String>, false, false);
    let mut lines = lines.into_iter().peekable();
    while let Some(mut line) = lines.next() {
        let trimmed = line.trim_start();
        // Verbatim: fenced code and raw HTML tables.
        if let Some(f) = &fence {
            if trimmed.starts_with(f.as_str()) {
                fence = None;
            }
            out.push(line);
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(trimmed[..3].to_string());
            out.push(line);
            continue;
        }
        if html_table || trimmed.get(..6).is_some_and(|t| t.eq_ignore_ascii_case("<table")) {
            html_table = !trimmed.to_ascii_lowercase().contains("</table>");
            out.push(line);
            continue;
        }
        if let Some(title) = without_leaders(&line) {
            *counts.entry(Change::Leader).or_default() += 1;
            line = title;
        }
        if let Some(item) = bullet(&line, in_list) {
            *counts.entry(Change::Bullet).or_default() += 1;
            line = item;
        }
        if line.trim().is_empty() {
            // A blank line ends a list only when what follows is not indented into it.
            in_list = in_list && lines.peek().is_some_and(|next| indent(next) >= 2 || list_marker(next) || next.trim().is_empty());
        } else if list_marker(&line) {
            in_list = true;
        } else if !(in_list && indent(&line) >= 2) {
            in_list = false;
            if indent(&line) >= 4 {
                *counts.entry(Change::Indent).or_default() += 1;
                line = line.trim_start_matches([' ', '\t']).to_string();
            }
        }
        let parted = match lines.peek() {
            // A paragraph right after a list item would continue the item: the list ends here.
            Some(next) if in_list => kind(next) == Kind::Prose && indent(next) < 2 && bullet(next, true).is_none(),
            Some(next) => kind(&line) == Kind::Prose && kind(next) == Kind::Prose && bullet(next, false).is_none() && parts_here(&line, next),
            None => false,
        };
        out.push(line);
        if parted {
            *counts.entry(Change::LineBreak).or_default() += 1;
            out.push(String::new());
        }
    }
    Normalized { text: out.join("\n"), changes: counts.into_iter().collect() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changes(text: &str) -> Vec<(Change, usize)> {
        normalize(text).changes
    }

    #[test]
    fn a_tab_indented_paragraph_is_a_paragraph() {
        let n = normalize("\tLa Política Nacional se aprueba.\n\n    Con sangría de espacios.");
        assert_eq!(n.text, "La Política Nacional se aprueba.\n\nCon sangría de espacios.");
        assert_eq!(n.changes, vec![(Change::Indent, 2)]);
    }

    #[test]
    fn single_line_breaks_part_paragraphs_that_ended() {
        let n = normalize("Primer párrafo.\nSegundo párrafo:\nDiagnóstico\nEl problema público es\nla falta de empleo.");
        assert_eq!(n.text, "Primer párrafo.\n\nSegundo párrafo:\n\nDiagnóstico\n\nEl problema público es\nla falta de empleo.");
        assert_eq!(n.changes, vec![(Change::LineBreak, 3)], "a line cut in mid-sentence continues its paragraph");
    }

    #[test]
    fn words_bullets_are_a_list() {
        let n = normalize("Objetivos:\n\n•\tReducir el trabajo infantil.\n·  Erradicar el trabajo forzoso.\no\tEn zonas rurales.\nMetas al 2030:\n•\tTasa de empleo formal.");
        assert_eq!(n.text, "Objetivos:\n\n- Reducir el trabajo infantil.\n- Erradicar el trabajo forzoso.\n    - En zonas rurales.\n\nMetas al 2030:\n- Tasa de empleo formal.");
        assert_eq!(n.changes, vec![(Change::LineBreak, 1), (Change::Bullet, 4)], "a paragraph after a list is not part of its last item");
        assert_eq!(normalize("Uno o\totro").changes, vec![], "an o inside a line is a word");
    }

    #[test]
    fn pdf_artefacts_are_cleaned() {
        let n = normalize("Índice\n\nDiagnóstico .................... 12\nObjetivos prioritarios……………… 20\n\nLa formu-\nlación de la política nacio-\nnal continúa.");
        assert_eq!(n.text, "Índice\n\nDiagnóstico\n\nObjetivos prioritarios\n\nLa formulación de la política nacional continúa.");
        assert_eq!(n.changes, vec![(Change::LineBreak, 1), (Change::Hyphen, 2), (Change::Leader, 2)]);
        assert_eq!(normalize("Lima -\nCusco").changes, vec![], "a dash between words is not a split word");
    }

    #[test]
    fn markdown_structure_is_left_as_written() {
        let md = "# Título\n\n- uno\n    continúa el uno.\n- dos\n\n    - anidado\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\n    código\n```\n\n<table>\n<tr><td>\tx</td></tr>\n</table>\n\n> cita.\n> sigue.\n\nTexto[^1].\n\n[^1]: Nota.";
        assert_eq!(normalize(md), Normalized { text: md.to_string(), changes: vec![] });
    }

    #[test]
    fn a_notes_and_an_items_own_paragraphs_keep_their_indent() {
        let md = "Texto[^1].\n\n[^1]: Primer párrafo.\n\n    Segundo párrafo de la nota.\n\n    - una lista en la nota\n\nOtro párrafo.";
        assert_eq!(normalize(md), Normalized { text: md.to_string(), changes: vec![] });
    }

    #[test]
    fn the_changes_travel_in_an_address() {
        let c = vec![(Change::Indent, 2), (Change::LineBreak, 5)];
        assert_eq!(changes_param(&c), "sangria-2,saltos-5");
        assert_eq!(parse_changes("sangria-2,saltos-5,nada-1,guiones-x,indice-0"), c);
        assert_eq!(changes("Sin cambios."), vec![]);
    }
}

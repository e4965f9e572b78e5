//! The editor's formatting toolbar, for people who do not know Markdown: each tool turns the text
//! and its selection into the text with the Markdown written in, and the new selection. Pure, so
//! the same rules are tested here and run in the browser. Selections are counted as the browser
//! counts them (UTF-16 code units).

/// A tool of the toolbar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tool {
    /// The line becomes a heading (`## `).
    Heading,
    /// Each selected line becomes a bullet item.
    Bullets,
    /// Each selected line becomes a numbered item, from 1.
    Numbered,
    /// A three-column table with its header row.
    Table,
    /// A footnote: its call at the cursor, its note at the end of the text (the selected words
    /// become the note).
    Footnote,
}

impl Tool {
    pub const ALL: [Tool; 5] = [Tool::Heading, Tool::Bullets, Tool::Numbered, Tool::Table, Tool::Footnote];
}

/// The words a tool writes that a reader sees: a table's column names and an empty note's text.
pub struct Words<'a> {
    pub column: &'a str,
    pub note: &'a str,
}

/// A text and its selection, as the browser gives them (`start..end` in UTF-16 code units).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// The byte offset of a UTF-16 offset in `text` (the end of the text when past it).
fn byte_at(text: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16();
    }
    text.len()
}

fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// `edit` with `tool` applied.
pub fn apply(edit: &Edit, tool: Tool, words: &Words<'_>) -> Edit {
    let text = edit.text.as_str();
    let (start, end) = (byte_at(text, edit.start.min(edit.end)), byte_at(text, edit.end.max(edit.start)));
    match tool {
        Tool::Heading | Tool::Bullets | Tool::Numbered => {
            // The whole lines the selection touches.
            let from = text[..start].rfind('\n').map_or(0, |i| i + 1);
            let to = text[end..].find('\n').map_or(text.len(), |i| end + i);
            let lines: Vec<&str> = text[from..to].split('\n').collect();
            let marked: Vec<String> = lines
                .iter()
                .enumerate()
                .map(|(i, line)| {
                    // A line keeps its words, not its old mark (a heading's #, a bullet, a number).
                    let bare = line.trim_start_matches(['#', ' ']).trim_start_matches("- ");
                    let digits = bare.chars().take_while(char::is_ascii_digit).count();
                    let bare = if digits > 0 && bare[digits..].starts_with(". ") { &bare[digits + 2..] } else { bare };
                    match tool {
                        Tool::Heading => format!("## {bare}"),
                        Tool::Bullets => format!("- {bare}"),
                        _ => format!("{}. {bare}", i + 1),
                    }
                })
                .collect();
            let block = marked.join("\n");
            let new = format!("{}{block}{}", &text[..from], &text[to..]);
            let at = utf16_len(&text[..from]);
            Edit { start: at, end: at + utf16_len(&block), text: new }
        }
        Tool::Table => {
            let c = words.column;
            let table = format!("\n\n| {c} 1 | {c} 2 | {c} 3 |\n|---|---|---|\n|  |  |  |\n\n");
            let new = format!("{}{table}{}", &text[..end], &text[end..]);
            // The cursor in the first empty cell.
            let at = utf16_len(&text[..end]) + utf16_len(&table) - 10;
            Edit { text: new, start: at, end: at }
        }
        Tool::Footnote => {
            let number = next_note(text);
            let selected = &text[start..end];
            let note = if selected.trim().is_empty() { words.note } else { selected.trim() };
            let call = format!("[^{number}]");
            // The call after the selected words (or at the cursor); the note at the end.
            let body = format!("{}{call}{}", &text[..end], &text[end..]);
            let tail = format!("{}[^{number}]: {note}", if body.ends_with("\n\n") { "" } else if body.ends_with('\n') { "\n" } else { "\n\n" });
            let new = format!("{body}{tail}");
            let at = utf16_len(&new);
            Edit { start: at - utf16_len(note), end: at, text: new }
        }
    }
}

/// The number of a new footnote: one more than the highest numbered note of the text.
fn next_note(text: &str) -> usize {
    text.match_indices("[^")
        .filter_map(|(i, _)| text[i + 2..].split(']').next()?.parse::<usize>().ok())
        .max()
        .unwrap_or(0)
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORDS: Words<'static> = Words { column: "Columna", note: "Texto de la nota." };

    fn edit(text: &str, start: usize, end: usize) -> Edit {
        Edit { text: text.into(), start, end }
    }

    #[test]
    fn lines_become_headings_and_lists() {
        let text = "Diagnóstico\nUno\nDos";
        assert_eq!(apply(&edit(text, 2, 2), Tool::Heading, &WORDS).text, "## Diagnóstico\nUno\nDos");
        let bullets = apply(&edit(text, 13, 16), Tool::Bullets, &WORDS);
        assert_eq!(bullets.text, "Diagnóstico\n- Uno\n- Dos");
        assert_eq!((bullets.start, bullets.end), (12, 23));
        assert_eq!(apply(&edit(text, 13, 16), Tool::Numbered, &WORDS).text, "Diagnóstico\n1. Uno\n2. Dos");
        assert_eq!(apply(&edit("- Uno", 0, 0), Tool::Numbered, &WORDS).text, "1. Uno", "a list changes kind, not doubles");
        assert_eq!(apply(&edit("1. Uno", 0, 0), Tool::Bullets, &WORDS).text, "- Uno");
    }

    #[test]
    fn a_table_and_a_footnote() {
        let t = apply(&edit("Antes", 5, 5), Tool::Table, &WORDS);
        assert_eq!(t.text, "Antes\n\n| Columna 1 | Columna 2 | Columna 3 |\n|---|---|---|\n|  |  |  |\n\n");
        assert_eq!(&t.text.encode_utf16().collect::<Vec<_>>()[t.start - 1..t.start + 1], &"  ".encode_utf16().collect::<Vec<_>>()[..]);
        let n = apply(&edit("La trata[^1] y el trabajo forzoso.\n\n[^1]: Ley N° 28950.", 33, 33), Tool::Footnote, &WORDS);
        assert_eq!(n.text, "La trata[^1] y el trabajo forzoso[^2].\n\n[^1]: Ley N° 28950.\n\n[^2]: Texto de la nota.");
        let note: String = n.text.encode_utf16().collect::<Vec<_>>()[n.start..n.end].iter().map(|u| char::from_u32(*u as u32).unwrap()).collect();
        assert_eq!(note, "Texto de la nota.", "the note's words are selected, to be typed over");
        let selected = apply(&edit("Según la OIT.", 9, 12), Tool::Footnote, &WORDS);
        assert_eq!(selected.text, "Según la OIT[^1].\n\n[^1]: OIT");
    }

    #[test]
    fn selections_count_as_the_browser_does() {
        // "📄" is two UTF-16 units: the cursor after it is at 3, not 5 (its UTF-8 bytes).
        assert_eq!(apply(&edit("📄 a\nb", 3, 3), Tool::Bullets, &WORDS).text, "- 📄 a\nb");
        assert_eq!(byte_at("ñandú", 1), 2);
    }
}

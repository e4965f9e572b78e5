//! Markdown to safe HTML, on the server only: raw HTML is shown as text, and the result goes
//! through ammonia's allow-list (so no scripts, event handlers or `javascript:` links survive).
//! A text past the bounds of [`check_markdown`] (stored before they existed, or generated) is
//! shown as plain paragraphs rather than parsed, so no text can make rendering expensive.
use std::borrow::Cow;

use pulldown_cmark::{html, Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::domain::text::{check_markdown, is_unprintable, LINE_BREAK, MARKDOWN, PAGE_BREAK};

/// Word's breaks as Markdown (a hard line break; a new paragraph) and no unprintable characters.
fn prepared(markdown: &str) -> Cow<'_, str> {
    if !markdown.chars().any(is_unprintable) {
        return Cow::Borrowed(markdown);
    }
    let mut out = String::with_capacity(markdown.len() + 16);
    for c in markdown.chars() {
        match c {
            LINE_BREAK => out.push_str("\\\n"),
            PAGE_BREAK => out.push_str("\n\n"),
            c if is_unprintable(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A Markdown text as the plain lines a document without Markdown prints (a DOCX paragraph):
/// each paragraph, heading and list item on its own line (items with "• "), emphasis and links as
/// their words; a text past the bounds of `check_markdown` as it was typed.
pub fn plain_text(markdown: &str) -> String {
    if check_markdown(markdown).is_err() {
        return markdown.to_string();
    }
    let mut out = String::new();
    for event in Parser::new_ext(&prepared(markdown), MARKDOWN) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::Start(Tag::Item) => out.push_str("• "),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock | TagEnd::BlockQuote(_)) if !out.ends_with('\n') => out.push('\n'),
            _ => {}
        }
    }
    out.trim_end().to_string()
}

/// The level of a text's biggest heading (1 for `#`), 1 when it has none.
fn shallowest(markdown: &str) -> u8 {
    Parser::new_ext(markdown, MARKDOWN)
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(level as u8),
            _ => None,
        })
        .min()
        .unwrap_or(1)
}

/// A text's events ready for HTML, and its footnotes apart: the notes are numbered in the order
/// they are first called (1, 2, 3 in every text, whatever their labels), each call links to its
/// note and each note back to its first call, and their ids are unique on a page that shows
/// several texts. Raw HTML in the source becomes visible text, except a table (what a Word table
/// with merged cells becomes), which the sanitizer then reduces to its table markup. The author's
/// headings take their place under the page's own: the text's biggest heading becomes
/// `<h{top}>`, each deeper level one below, never past `<h6>` (so a heading in a step's text is
/// never bigger than the step's title, and the outline skips no level).
struct Parsed<'a> {
    body: Vec<Event<'a>>,
    /// The notes in their numbers' order, each its events (without its label).
    notes: Vec<Vec<Event<'a>>>,
}

fn parse<'a>(markdown: &'a str, top: u8, scope: &str) -> Parsed<'a> {
    let first = if top > 1 { shallowest(markdown) } else { 1 };
    let level = move |l: HeadingLevel| {
        let n = (l as u8 + top.clamp(1, 6)).saturating_sub(first).clamp(1, 6);
        HeadingLevel::try_from(n as usize).unwrap_or(HeadingLevel::H6)
    };
    let numbers = note_numbers(markdown);
    let prefix = note_prefix(scope, markdown);
    let mut defined: Vec<(usize, Vec<Event<'_>>)> = Vec::new();
    let mut called = std::collections::HashSet::new();
    let mut body = Vec::new();
    // Inside a link or a code block an address stays as written; elsewhere it becomes a link.
    let (mut in_link, mut in_code) = (false, false);
    // Inside a raw HTML table: the table so far; inside an HTML comment.
    let mut html_block: Option<String> = None;
    let mut comment = false;
    // Inside a footnote's definition: its number and its events so far.
    let mut note: Option<(usize, Vec<Event<'_>>)> = None;
    for event in Parser::new_ext(markdown, MARKDOWN) {
        let out: Vec<Event<'_>> = match event {
            Event::Start(Tag::HtmlBlock) => {
                (html_block, comment) = (None, false);
                vec![event]
            }
            Event::End(TagEnd::HtmlBlock) => match html_block.take() {
                Some(table) => vec![Event::Html(table_only(&table).into()), event],
                None => vec![event],
            },
            // A table is read whole (its block), then reduced to table markup; other HTML is text.
            Event::Html(raw) => match &mut html_block {
                Some(table) => {
                    table.push_str(&raw);
                    continue;
                }
                None if raw.trim_start().get(..6).is_some_and(|t| t.eq_ignore_ascii_case("<table")) => {
                    html_block = Some(raw.to_string());
                    continue;
                }
                // A comment (pandoc parts two lists with `<!-- -->`) is not shown, as in any page.
                None if comment || raw.trim_start().starts_with("<!--") => {
                    comment = true;
                    continue;
                }
                None => vec![Event::Text(raw)],
            },
            Event::InlineHtml(raw) if raw.starts_with("<!--") => continue,
            Event::InlineHtml(raw) => vec![Event::Text(raw)],
            Event::Start(Tag::Heading { level: l, id, classes, attrs }) => vec![Event::Start(Tag::Heading { level: level(l), id, classes, attrs })],
            Event::End(TagEnd::Heading(l)) => vec![Event::End(TagEnd::Heading(level(l)))],
            Event::Start(Tag::FootnoteDefinition(label)) => {
                note = Some((numbers.get(label.as_ref()).copied().unwrap_or(0), Vec::new()));
                continue;
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some(done) = note.take() {
                    defined.push(done);
                }
                continue;
            }
            Event::FootnoteReference(label) => {
                let n = numbers.get(label.as_ref()).copied().unwrap_or(0);
                // The first call of a note is where its note leads back to.
                let id = if called.insert(n) { format!(" id=\"{prefix}ref-{n}\"") } else { String::new() };
                vec![Event::Html(format!("<sup class=\"nota-ref\"><a href=\"#{prefix}nota-{n}\"{id}>{n}</a></sup>").into())]
            }
            Event::Text(text) if !in_link && !in_code => linked(text),
            other => {
                match &other {
                    Event::Start(Tag::Link { .. }) => in_link = true,
                    Event::End(TagEnd::Link) => in_link = false,
                    Event::Start(Tag::CodeBlock(_)) => in_code = true,
                    Event::End(TagEnd::CodeBlock) => in_code = false,
                    _ => {}
                }
                vec![other]
            }
        };
        match &mut note {
            Some((_, events)) => events.extend(out),
            None => body.extend(out),
        }
    }
    defined.sort_by_key(|(n, _)| *n);
    defined.dedup_by_key(|(n, _)| *n);
    let back = crate::i18n::t().footnote_back;
    let notes = defined
        .into_iter()
        .map(|(n, inner)| {
            let mut events = vec![Event::Html(format!("<div class=\"nota\" id=\"{prefix}nota-{n}\"><span class=\"nota-num\">{n}</span>").into())];
            events.extend(inner);
            let back = if called.contains(&n) { format!("<a class=\"nota-volver\" href=\"#{prefix}ref-{n}\" aria-label=\"{back} {n}\">↩</a>") } else { String::new() };
            events.push(Event::Html(format!("{back}</div>").into()));
            events
        })
        .collect();
    Parsed { body, notes }
}

/// Each footnote's number: first the notes called, in the order of their first call, then the
/// notes never called, in the order they are written.
fn note_numbers(markdown: &str) -> std::collections::HashMap<String, usize> {
    let mut numbers = std::collections::HashMap::new();
    let mut unused = Vec::new();
    for event in Parser::new_ext(markdown, MARKDOWN) {
        match event {
            Event::FootnoteReference(label) => {
                let next = numbers.len() + 1;
                numbers.entry(label.to_string()).or_insert(next);
            }
            Event::Start(Tag::FootnoteDefinition(label)) => unused.push(label.to_string()),
            _ => {}
        }
    }
    for label in unused {
        let next = numbers.len() + 1;
        numbers.entry(label).or_insert(next);
    }
    numbers
}

/// What makes a text's footnote ids unique on a page: `n` and eight hex digits of the FNV-1a hash
/// of its `scope` (where on the page it is: "p3" for step 3's text) and the text. The same text in
/// the same place gives the same ids, so pages stay the same from one request to the next.
fn note_prefix(scope: &str, markdown: &str) -> String {
    let hash = scope.bytes().chain([0]).chain(markdown.bytes()).fold(0x811c_9dc5u32, |h, b| (h ^ b as u32).wrapping_mul(0x0100_0193));
    format!("n{hash:08x}-")
}

/// Whether an id is one of the footnote ids [`parse`] writes.
fn is_note_id(id: &str) -> bool {
    let Some(rest) = id.strip_prefix('n') else { return false };
    let (hash, rest) = rest.split_at_checked(8).unwrap_or(("", ""));
    let number = rest.strip_prefix("-ref-").or_else(|| rest.strip_prefix("-nota-"));
    hash.bytes().all(|b| b.is_ascii_hexdigit()) && number.is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// A text with its web addresses (`https://…`, `www.…`) made links, as a reader expects of an
/// address pasted into a contribution; the sanitizer then keeps only http(s) and mailto ones.
fn linked(text: pulldown_cmark::CowStr<'_>) -> Vec<Event<'_>> {
    let mut finder = linkify::LinkFinder::new();
    finder.kinds(&[linkify::LinkKind::Url]).url_must_have_scheme(false);
    if finder.links(&text).next().is_none() {
        return vec![Event::Text(text)];
    }
    finder
        .spans(&text)
        .flat_map(|span| {
            let words = span.as_str().to_string();
            match span.kind() {
                Some(_) => {
                    let href = if words.contains("://") { words.clone() } else { format!("https://{words}") };
                    let link = Tag::Link { link_type: pulldown_cmark::LinkType::Autolink, dest_url: href.into(), title: "".into(), id: "".into() };
                    vec![Event::Start(link), Event::Text(words.into()), Event::End(TagEnd::Link)]
                }
                None => vec![Event::Text(words.into())],
            }
        })
        .collect()
}

/// A text too complex to parse, as escaped paragraphs (blank lines part them, lines break).
fn plain(text: &str) -> String {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>\n", crate::domain::text::escape_html(p).replace('\n', "<br>\n")))
        .collect()
}

/// Whether a text has raw HTML that will be shown as text (any but a table, which renders as one).
pub fn shows_raw_html(markdown: &str) -> bool {
    let mut block_start = false;
    for event in Parser::new_ext(markdown, MARKDOWN) {
        match event {
            Event::InlineHtml(_) => return true,
            Event::Start(Tag::HtmlBlock) => block_start = true,
            Event::Html(raw) if block_start => {
                if !raw.trim_start().get(..6).is_some_and(|t| t.eq_ignore_ascii_case("<table")) {
                    return true;
                }
                block_start = false;
            }
            _ => {}
        }
    }
    false
}

/// From how many columns a table prints on a landscape page (as the DOCX's template says).
pub const WIDE_TABLE: usize = 5;

/// A text as safe HTML, its headings as the author wrote them (`#` is `<h1>`).
pub fn render(markdown: &str) -> String {
    render_under(markdown, 1)
}

/// A text as safe HTML, its headings under the page's: `#` becomes `<h{top}>`. Its footnotes
/// follow it, numbered, in a `div.notas`.
pub fn render_under(markdown: &str, top: u8) -> String {
    render_in(markdown, top, "")
}

/// [`render_under`] for one of several texts on a page: `scope` (say "p3") keeps its footnote ids
/// apart from another text's, even the same text's.
pub fn render_in(markdown: &str, top: u8, scope: &str) -> String {
    render_with(markdown, top, scope, false)
}

/// [`render_in`] for a message someone typed (a contribution, one of CEPLAN's observations): each
/// line break typed stays a line break, as in an e-mail, so numbered observations written one per
/// line are not run together.
pub fn render_message(markdown: &str, top: u8, scope: &str) -> String {
    render_with(markdown, top, scope, true)
}

fn render_with(markdown: &str, top: u8, scope: &str, lines: bool) -> String {
    let markdown = prepared(markdown);
    if check_markdown(&markdown).is_err() {
        return plain(&markdown);
    }
    let parsed = parse(&markdown, top, scope);
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    // A table of many columns prints on a landscape page (`div.tabla-ancha`, see the stylesheet).
    let mut in_wide = false;
    let body = parsed.body.into_iter().flat_map(|e| match e {
        Event::Start(Tag::Table(ref columns)) if columns.len() >= WIDE_TABLE => {
            in_wide = true;
            vec![Event::Html("<div class=\"tabla-ancha\">".into()), e]
        }
        Event::End(TagEnd::Table) if std::mem::take(&mut in_wide) => vec![e, Event::Html("</div>".into())],
        Event::SoftBreak if lines => vec![Event::HardBreak],
        e => vec![e],
    });
    html::push_html(&mut unsafe_html, body);
    if !parsed.notes.is_empty() {
        unsafe_html.push_str("<div class=\"notas\">\n");
        html::push_html(&mut unsafe_html, parsed.notes.into_iter().flatten());
        unsafe_html.push_str("</div>\n");
    }
    sanitize(&unsafe_html)
}

/// [`render`] on the blocking pool: a long text (a whole deliverable) must not hold one of the
/// few threads that serve every request.
pub async fn render_off_thread(markdown: String, top: u8, scope: String) -> String {
    tokio::task::spawn_blocking(move || render_in(&markdown, top, &scope)).await.unwrap_or_default()
}

/// One top-level block of a text: its HTML, its plain text, whether it is a heading (a heading
/// names what follows; it is not commented on by itself), and the parts a reader may point at
/// inside it: a table's rows, a list's items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub html: String,
    pub text: String,
    pub heading: bool,
    pub parts: Parts,
}

/// The parts of a block, each as its plain text, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Parts {
    #[default]
    None,
    /// A table's body rows (the header row names the columns: it is not a part).
    Rows(Vec<String>),
    /// A list's items, at its first level (a nested list is inside its item).
    Items(Vec<String>),
}

impl Parts {
    /// The parts' texts, none for a block without parts.
    pub fn texts(&self) -> &[String] {
        match self {
            Parts::None => &[],
            Parts::Rows(t) | Parts::Items(t) => t,
        }
    }
}

/// The text's top-level blocks (paragraphs, headings, lists, tables…), each rendered and
/// sanitized on its own, with its plain text: what a contribution anchors to and quotes. The
/// n-th block of a frozen text is always the same, so its position is a stable anchor. Headings
/// go under the page's, as in [`render_under`]; the footnotes come last, one block each (a
/// contribution on a note is anchored to the note).
pub fn render_blocks(markdown: &str, top: u8, scope: &str) -> Vec<Block> {
    let markdown = prepared(markdown);
    if check_markdown(&markdown).is_err() {
        return vec![Block { html: plain(&markdown), text: words(&markdown), heading: false, parts: Parts::None }];
    }
    let parsed = parse(&markdown, top, scope);
    let mut blocks = Vec::new();
    let mut current = Vec::new();
    let (mut text, mut depth, mut lists) = (String::new(), 0usize, 0usize);
    let mut parts = Parts::None;
    for event in parsed.body {
        match &event {
            Event::Start(tag) => {
                depth += 1;
                if !matches!(tag, Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }) {
                    spoken(&mut text, &mut parts, " ");
                }
                match tag {
                    Tag::List(_) => {
                        lists += 1;
                        if depth == 1 {
                            parts = Parts::Items(Vec::new());
                        }
                    }
                    Tag::Table(_) if depth == 1 => parts = Parts::Rows(Vec::new()),
                    Tag::Item if lists == 1 => part(&mut parts, false),
                    Tag::TableRow => part(&mut parts, true),
                    _ => {}
                }
            }
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                if matches!(end, TagEnd::List(_)) {
                    lists = lists.saturating_sub(1);
                }
                // Blocks inside the block (list items, cells) are separated; inline tags are not.
                if !matches!(end, TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image) {
                    spoken(&mut text, &mut parts, " ");
                }
            }
            Event::Text(t) | Event::Code(t) => spoken(&mut text, &mut parts, t),
            Event::SoftBreak | Event::HardBreak => spoken(&mut text, &mut parts, " "),
            _ => {}
        }
        current.push(event);
        if depth == 0 {
            let heading = matches!(current.first(), Some(Event::Start(Tag::Heading { .. })));
            let raw = matches!(current.first(), Some(Event::Start(Tag::HtmlBlock)));
            let mut unsafe_html = String::new();
            html::push_html(&mut unsafe_html, current.drain(..));
            let html = sanitize(&unsafe_html);
            // Raw HTML (a converted table) is quoted as the words the sanitizer left, row by row.
            if raw {
                text = crate::domain::text::html_words(&html);
                if html.contains("<table") {
                    parts = Parts::Rows(html_rows(&html));
                }
            }
            let parts = match std::mem::take(&mut parts) {
                Parts::Rows(rows) => Parts::Rows(rows.iter().map(|r| words(r)).collect()),
                Parts::Items(items) => Parts::Items(items.iter().map(|i| words(i)).collect()),
                Parts::None => Parts::None,
            };
            // A block with nothing to show (an HTML comment) is no place to comment on.
            if html.trim().is_empty() {
                text.clear();
                continue;
            }
            blocks.push(Block { html, text: words(&std::mem::take(&mut text)), heading, parts });
        }
    }
    for note in parsed.notes {
        let mut unsafe_html = String::new();
        let mut text = String::new();
        for event in &note {
            match event {
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                Event::End(_) | Event::SoftBreak | Event::HardBreak => text.push(' '),
                _ => {}
            }
        }
        html::push_html(&mut unsafe_html, note.into_iter());
        blocks.push(Block { html: sanitize(&unsafe_html), text: words(&text), heading: false, parts: Parts::None });
    }
    blocks
}

/// Starts a new part when the block's parts are rows (`rows`) or items (`!rows`).
fn part(parts: &mut Parts, rows: bool) {
    match (parts, rows) {
        (Parts::Rows(p), true) | (Parts::Items(p), false) => p.push(String::new()),
        _ => {}
    }
}

/// Adds words to a block's text and to its part being read.
fn spoken(text: &mut String, parts: &mut Parts, words: &str) {
    text.push_str(words);
    if let Parts::Rows(p) | Parts::Items(p) = parts {
        if let Some(last) = p.last_mut() {
            last.push_str(words);
        }
    }
}

/// A text's words, single-spaced.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words of each body row of a sanitized HTML table (not of a table nested in a cell).
fn html_rows(html: &str) -> Vec<String> {
    use crate::domain::text::{html_pieces, unescape_html, HtmlPiece};
    let (mut rows, mut tables, mut in_body) = (Vec::<String>::new(), 0usize, false);
    for piece in html_pieces(html) {
        match piece {
            HtmlPiece::Text(t) if in_body && tables >= 1 => {
                if let Some(row) = rows.last_mut() {
                    row.push_str(&unescape_html(t));
                }
            }
            HtmlPiece::Text(_) => {}
            HtmlPiece::Tag { name, .. } => match name {
                "table" => tables += 1,
                "/table" => tables = tables.saturating_sub(1),
                "tbody" if tables == 1 => in_body = true,
                "/tbody" if tables == 1 => in_body = false,
                "tr" if tables == 1 && in_body => rows.push(String::new()),
                _ => {
                    if let Some(row) = rows.last_mut() {
                        row.push(' ');
                    }
                }
            },
        }
    }
    rows
}

/// A block's HTML with an id on each of its parts (`{anchor}-f{n}` on a table's body rows,
/// `{anchor}-e{n}` on a list's first-level items, from 1), so a contribution's link leads to the
/// row or item it is about. `html` is a [`Block`]'s: sanitized, so every `<` opens a tag.
pub fn mark_parts(html: &str, parts: &Parts, anchor: &str) -> String {
    let (tag, letter) = match parts {
        Parts::Rows(_) => ("tr", 'f'),
        Parts::Items(_) => ("li", 'e'),
        Parts::None => return html.to_string(),
    };
    let mut out = String::with_capacity(html.len() + 64);
    let (mut lists, mut tables, mut in_body, mut n) = (0usize, 0usize, false, 0usize);
    for piece in crate::domain::text::html_pieces(html) {
        let (name, whole) = match piece {
            crate::domain::text::HtmlPiece::Text(t) => {
                out.push_str(t);
                continue;
            }
            crate::domain::text::HtmlPiece::Tag { name, whole } => (name, whole),
        };
        match name {
            "ul" | "ol" => lists += 1,
            "/ul" | "/ol" => lists = lists.saturating_sub(1),
            "table" => tables += 1,
            "/table" => tables = tables.saturating_sub(1),
            "tbody" if tables == 1 => in_body = true,
            "/tbody" if tables == 1 => in_body = false,
            _ => {}
        }
        let marked = name == tag && (if tag == "tr" { in_body && tables == 1 } else { lists == 1 });
        if marked {
            n += 1;
            out.push_str(&format!("<{tag} id=\"{anchor}-{letter}{n}\"{}", &whole[1 + tag.len()..]));
        } else {
            out.push_str(whole);
        }
    }
    out
}

/// A table cell's alignment as a class the sanitizer keeps (it drops every `style`): the
/// renderer's `style="text-align: right"` (and the same with a `;`, from a converted table).
fn aligned(html: &str) -> Cow<'_, str> {
    if !html.contains("style=\"text-align: ") {
        return Cow::Borrowed(html);
    }
    let mut out = html.to_string();
    for (side, class) in [("left", "izquierda"), ("center", "centro"), ("right", "derecha")] {
        for style in [format!("style=\"text-align: {side}\""), format!("style=\"text-align: {side};\"")] {
            out = out.replace(&style, &format!("class=\"{class}\""));
        }
    }
    Cow::Owned(out)
}

/// A raw HTML table (what a Word table with merged cells becomes) as table markup only: rows,
/// cells with their spans and alignment, and the inline tags a cell's words may carry.
fn table_only(html: &str) -> String {
    ammonia::Builder::empty()
        .add_tags(["table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td", "p", "br", "strong", "em", "ul", "ol", "li", "sup", "sub"])
        .add_tag_attributes("td", ["colspan", "rowspan"])
        .add_tag_attributes("th", ["colspan", "rowspan"])
        .add_tag_attributes("col", ["span"])
        .add_allowed_classes("td", ["izquierda", "centro", "derecha"])
        .add_allowed_classes("th", ["izquierda", "centro", "derecha"])
        .clean(&aligned(html))
        .to_string()
}

/// What a reader may see of rendered HTML: ammonia's allow-list (tables with their merged cells,
/// no scripts, no styles, no event handlers), web and mail links only, and no ids or classes but
/// the footnotes' own.
fn sanitize(unsafe_html: &str) -> String {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(["http", "https", "mailto"].into())
        .link_rel(Some("noopener noreferrer nofollow"))
        .add_tag_attributes("a", ["aria-label"])
        .add_tag_attributes("a", ["id"])
        .add_tag_attributes("div", ["id"])
        .add_allowed_classes("sup", ["nota-ref"])
        .add_allowed_classes("div", ["nota", "notas", "tabla-ancha"])
        .add_allowed_classes("span", ["nota-num"])
        .add_allowed_classes("a", ["nota-volver"])
        .add_allowed_classes("td", ["izquierda", "centro", "derecha"])
        .add_allowed_classes("th", ["izquierda", "centro", "derecha"])
        .attribute_filter(|_, attribute, value| if attribute == "id" && !is_note_id(value) { None } else { Some(value.into()) });
    scrollable(&builder.clean(&aligned(unsafe_html)).to_string())
}

/// Each table inside a box that scrolls sideways on a narrow screen (and is reached by the
/// keyboard), so a wide matriz never makes the page wider than a phone. `html` is sanitized:
/// every `<table` and `</table>` is a table's own tag.
fn scrollable(html: &str) -> String {
    if !html.contains("<table") {
        return html.to_string();
    }
    html.replace("<table", "<div class=\"tabla-scroll\" tabindex=\"0\"><table").replace("</table>", "</table></div>")
}

#[cfg(test)]
mod tests {
    use super::{plain_text, render};

    #[test]
    fn plain_text_keeps_the_words_and_the_lines() {
        assert_eq!(plain_text("## Logros\n\nEl **IOP-R1** avanzó [mucho](https://x.pe).\n\n- uno\n- dos"), "Logros\nEl IOP-R1 avanzó mucho.\n• uno\n• dos");
    }

    #[test]
    fn addresses_become_links_but_not_in_code_or_links() {
        let html = render("Ver https://www.gob.pe/mtpe y www.trabajo.gob.pe.\n\n`https://no.link`\n\n[texto](https://a.pe)");
        assert!(html.contains("<a href=\"https://www.gob.pe/mtpe\" rel=\"noopener noreferrer nofollow\">https://www.gob.pe/mtpe</a>"), "{html}");
        assert!(html.contains("<a href=\"https://www.trabajo.gob.pe\" rel=\"noopener noreferrer nofollow\">www.trabajo.gob.pe</a>."), "{html}");
        assert!(html.contains("<code>https://no.link</code>"), "{html}");
        assert_eq!(html.matches("<a ").count(), 3, "{html}");
        assert!(!render("javascript:alert(1)").contains("<a"), "only web addresses");
    }

    #[test]
    fn headings_take_their_place_under_the_page() {
        assert!(super::render_under("# Diagnóstico\n\n### Causas", 3).contains("<h3>Diagnóstico</h3>\n<h5>Causas</h5>"));
        assert!(super::render_under("## Marco\n\n### Leyes", 2).contains("<h2>Marco</h2>\n<h3>Leyes</h3>"), "the text's biggest heading goes first");
        assert!(super::render_under("# A\n\n#### Hondo", 4).contains("<h6>Hondo</h6>"), "never past h6");
        let blocks = super::render_blocks("## Marco\n\nTexto.", 4, "");
        assert_eq!((blocks[0].heading, blocks[1].heading), (true, false));
        assert!(blocks[0].html.starts_with("<h4>"), "{}", blocks[0].html);
    }

    #[test]
    fn renders_common_markdown() {
        let html = render("## Marco normativo\n\n- **Ley** N° 27337\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(html.contains("<h2>Marco normativo</h2>"), "{html}");
        assert!(html.contains("<li><strong>Ley</strong> N° 27337</li>"), "{html}");
        assert!(html.contains("<table>"), "{html}");
    }

    /// A corpus of the usual XSS payloads: none may come out as live markup.
    #[test]
    fn no_payload_survives() {
        let payloads = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[clic](javascript:alert(1))",
            "[clic](JaVaScRiPt:alert(1))",
            "[clic](  javascript:alert(1))",
            "[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "![x](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<svg onload=alert(1)>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "[a](vbscript:msgbox(1))",
            "<details open ontoggle=alert(1)>",
            "`<script>`\n\n    <script>alert(1)</script>",
            "<<script>script>alert(1)<</script>/script>",
        ];
        for p in payloads {
            let html = render(p).to_lowercase();
            // Escaped text (`&lt;script&gt;`) is harmless; only real tags and their attributes matter.
            for tag in html.split('<').skip(1).map(|rest| rest.split('>').next().unwrap_or_default()) {
                let name = tag.trim_start_matches('/').split_whitespace().next().unwrap_or_default();
                assert!(!["script", "iframe", "svg", "style", "object", "embed"].contains(&name), "{p:?} produced {html:?}");
                for bad in ["javascript:", "vbscript:", "data:", " on", "style="] {
                    assert!(!tag.contains(bad), "{p:?} produced {html:?}");
                }
            }
        }
    }

    #[test]
    fn blocks_split_at_the_top_level() {
        let blocks = super::render_blocks("## Título\n\nPrimer **párrafo**.\n\n- uno\n- dos\n\n<script>x</script>\n", 1, "");
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec!["Título", "Primer párrafo.", "uno dos", "<script>x</script>"]);
        assert_eq!(blocks[1].html.trim(), "<p>Primer <strong>párrafo</strong>.</p>");
        assert!(blocks[2].html.contains("<ul>") && blocks[2].html.contains("<li>dos</li>"));
        assert!(!blocks[3].html.contains("<script"), "sanitized block by block");
        let joined: String = blocks.iter().map(|b| b.html.as_str()).collect();
        assert_eq!(joined.replace('\n', ""), render("## Título\n\nPrimer **párrafo**.\n\n- uno\n- dos\n\n<script>x</script>\n").replace('\n', ""));
    }

    #[test]
    fn too_deep_a_text_is_shown_as_plain_paragraphs() {
        let deep = "- ".repeat(5_000) + "<script>x</script>";
        let started = std::time::Instant::now();
        let html = render(&deep);
        assert!(started.elapsed() < std::time::Duration::from_secs(1), "{:?}", started.elapsed());
        assert!(html.starts_with("<p>- - ") && html.contains("&lt;script&gt;"), "{}", &html[html.len() - 60..]);
        assert_eq!(super::render_blocks(&deep, 1, "").len(), 1);
    }

    #[test]
    fn words_breaks_and_controls() {
        assert_eq!(render("uno\u{0B}dos").trim(), "<p>uno<br>\ndos</p>");
        assert_eq!(render("uno\u{0C}dos\u{0}").trim(), "<p>uno</p>\n<p>dos</p>");
    }

    #[test]
    fn raw_html_is_told_apart_from_a_table() {
        assert!(super::shows_raw_html("Texto <b>negrita</b>.") && super::shows_raw_html("<div>\nbloque\n</div>"));
        assert!(!super::shows_raw_html("<table>\n<tr><td>1</td></tr>\n</table>\n\nTexto con 3 < 4.") && !super::shows_raw_html("`<b>` en código"));
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        assert_eq!(render("<b>hola</b>").trim(), "<p>&lt;b&gt;hola&lt;/b&gt;</p>");
    }

    #[test]
    fn safe_links_keep_working() {
        let html = render("[CEPLAN](https://www.gob.pe/ceplan)");
        assert!(html.contains("href=\"https://www.gob.pe/ceplan\""), "{html}");
        assert!(html.contains("rel=\"noopener noreferrer nofollow\""), "{html}");
    }

    /// Three notes in one text, one of them named: each call shows its own number and leads to
    /// its note, each note leads back, and the notes follow the text in a `div.notas`.
    #[test]
    fn footnotes_are_numbered_per_text_and_linked() {
        let md = "Primera[^1], segunda[^ds] y tercera[^x].\n\nOtra vez la segunda[^ds].\n\n[^x]: Nota X.\n[^1]: Nota uno.\n[^ds]: D.S. 009-2021-IN.\n";
        let html = render(md);
        let p = super::note_prefix("", md);
        for n in 1..=3 {
            assert!(html.contains(&format!("<a href=\"#{p}nota-{n}\" id=\"{p}ref-{n}\" rel=\"noopener noreferrer nofollow\">{n}</a>")), "call {n}: {html}");
            assert!(html.contains(&format!("<div class=\"nota\" id=\"{p}nota-{n}\"><span class=\"nota-num\">{n}</span>")), "note {n}: {html}");
            assert!(html.contains(&format!("href=\"#{p}ref-{n}\"")), "back to call {n}: {html}");
        }
        assert_eq!(html.matches(&format!("id=\"{p}ref-2\"")).count(), 1, "the second call of a note has no id of its own");
        assert!(html.find("Nota uno").unwrap() < html.find("D.S. 009").unwrap() && html.find("D.S. 009").unwrap() < html.find("Nota X").unwrap(), "in calling order");
        assert!(html.contains("<div class=\"notas\">"), "{html}");
        assert!(!html.contains("[ds]") && !html.contains("footnote"), "{html}");
        // On a consultation: each note is a block of its own, after the text, numbered as on the page.
        let blocks = super::render_blocks(md, 1, "");
        assert_eq!(blocks.len(), 5, "{blocks:?}");
        assert!(blocks[0].html.contains(">1</a>") && blocks[0].html.contains(">2</a>") && blocks[0].html.contains(">3</a>"), "{}", blocks[0].html);
        assert_eq!(blocks[2].text, "Nota uno.", "a note quotes its words");
        assert_eq!(blocks[3].text, "D.S. 009-2021-IN.");
        assert!(blocks[4].html.contains(&format!("id=\"{p}nota-3\"")), "{}", blocks[4].html);
    }

    /// The same text in two places of one page (steps 3 and 4 of a document) has ids of its own.
    #[test]
    fn the_same_text_twice_on_a_page_keeps_its_ids_apart() {
        let md = "Dato[^a].\n\n[^a]: Fuente.";
        let (three, four) = (super::render_in(md, 3, "p3"), super::render_in(md, 3, "p4"));
        let id = |html: &str| html.split("id=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        assert_ne!(id(&three), id(&four));
        assert_eq!(three, super::render_in(md, 3, "p3"), "and the same ids on every request");
    }

    /// An id written by an author is never kept: only the footnotes' own survive the sanitizer.
    #[test]
    fn no_forged_ids_or_classes() {
        let html = render("# Título {#nota}\n\n<a id=\"n12345678-ref-1\" class=\"nota\">x</a>\n");
        assert!(html.starts_with("<h1>Título {#nota}</h1>") && !html.contains("<a "), "{html}");
        assert!(super::is_note_id("n0a1b2c3d-nota-12") && !super::is_note_id("n0a1b2c3d-nota-") && !super::is_note_id("x0a1b2c3d-ref-1"));
    }

    /// A table with merged cells, as a converted Word table: a table on the page, with its spans,
    /// and nothing else of raw HTML.
    #[test]
    fn a_converted_table_is_a_table() {
        let md = "Antes.\n\n<table>\n<colgroup><col style=\"width: 40%\" /></colgroup>\n<thead>\n<tr class=\"header\">\n<th colspan=\"2\" onclick=\"x()\">Meta al 2030</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td rowspan=\"2\" style=\"text-align: right;\">Objetivo 1<script>alert(1)</script></td>\n<td>10 %</td>\n</tr>\n</tbody>\n</table>\n\n<div>no</div>\n";
        let html = render(md);
        assert!(html.contains("<th colspan=\"2\">Meta al 2030</th>"), "{html}");
        assert!(html.contains("<td rowspan=\"2\" class=\"derecha\">Objetivo 1</td>"), "{html}");
        assert!(!html.contains("script") && !html.contains("onclick") && !html.contains("style="), "{html}");
        assert!(html.contains("&lt;div&gt;no&lt;/div&gt;"), "other raw HTML stays text: {html}");
        let blocks = super::render_blocks(md, 1, "");
        assert_eq!(blocks.len(), 3, "the table is one block");
        assert_eq!(blocks[1].text, "Meta al 2030 Objetivo 1 10 %");
        assert_eq!(blocks[1].parts, super::Parts::Rows(vec!["Objetivo 1 10 %".into()]), "its body rows take comments too");
        assert!(super::mark_parts(&blocks[1].html, &blocks[1].parts, "p1-2").contains("<tr id=\"p1-2-f1\">"));
        assert_eq!(super::render_blocks("Uno.\n\n<!-- -->\n\nDos.", 1, "").len(), 2, "a comment is no block");
        assert!(!render("- a\n\n<!-- -->\n\n- b").contains("&lt;!--"), "nor shown");
    }

    /// A table's body rows and a list's first-level items are parts a reader may point at, each
    /// with its exact words, and each gets its id in the block's HTML.
    #[test]
    fn rows_and_items_are_parts() {
        use super::{mark_parts, render_blocks, Parts};
        let md = "| Servicio | Responsable |\n|---|---:|\n| Capacitación | SUNAFIL |\n| Registro | MTPE |\n\n- uno\n  - uno a\n- **dos**\n";
        let blocks = render_blocks(md, 1, "");
        assert_eq!(blocks[0].parts, Parts::Rows(vec!["Capacitación SUNAFIL".into(), "Registro MTPE".into()]));
        assert_eq!(blocks[1].parts, Parts::Items(vec!["uno uno a".into(), "dos".into()]));
        let table = mark_parts(&blocks[0].html, &blocks[0].parts, "p3-1");
        assert!(table.contains("<tr id=\"p3-1-f1\">") && table.contains("<tr id=\"p3-1-f2\">") && table.matches("<tr id").count() == 2, "{table}");
        assert!(table.contains("<th class=\"derecha\">Responsable</th>"), "column alignment kept: {table}");
        let list = mark_parts(&blocks[1].html, &blocks[1].parts, "p3-2");
        assert!(list.contains("<li id=\"p3-2-e1\">") && list.contains("<li id=\"p3-2-e2\">") && list.matches("<li id").count() == 2, "{list}");
        assert_eq!(render_blocks("Solo texto.", 1, "")[0].parts, Parts::None);
    }

    /// A message keeps its lines: CEPLAN's observations typed one per line stay apart, a list stays a list.
    #[test]
    fn a_message_keeps_the_lines_typed() {
        let typed = "Observación 1: precisar la fuente.\nObservación 2: revisar la línea de base.\n\n1. Uno\n2. Dos";
        let html = super::render_message(typed, 4, "");
        assert!(html.contains("precisar la fuente.<br>\nObservación 2"), "{html}");
        assert!(html.contains("<ol>"), "{html}");
        assert!(!super::render_in(typed, 4, "").contains("<br"), "a document's paragraph runs on as Markdown says");
    }
}
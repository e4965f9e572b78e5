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

/// Raw HTML in the source becomes visible text rather than markup, and the author's headings
/// take their place under the page's own: the text's biggest heading becomes `<h{top}>`, each
/// deeper level one below, never past `<h6>` (so a heading in a step's text is never bigger than
/// the step's title, and the outline skips no level).
fn events(markdown: &str, top: u8) -> impl Iterator<Item = Event<'_>> {
    let first = if top > 1 { shallowest(markdown) } else { 1 };
    let level = move |l: HeadingLevel| {
        let n = (l as u8 + top.clamp(1, 6)).saturating_sub(first).clamp(1, 6);
        HeadingLevel::try_from(n as usize).unwrap_or(HeadingLevel::H6)
    };
    // Inside a link or a code block an address stays as written; elsewhere it becomes a link.
    let (mut in_link, mut in_code) = (false, false);
    Parser::new_ext(markdown, MARKDOWN).flat_map(move |event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => vec![Event::Text(raw)],
        Event::Start(Tag::Heading { level: l, id, classes, attrs }) => vec![Event::Start(Tag::Heading { level: level(l), id, classes, attrs })],
        Event::End(TagEnd::Heading(l)) => vec![Event::End(TagEnd::Heading(level(l)))],
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
    })
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

/// A text as safe HTML, its headings as the author wrote them (`#` is `<h1>`).
pub fn render(markdown: &str) -> String {
    render_under(markdown, 1)
}

/// A text as safe HTML, its headings under the page's: `#` becomes `<h{top}>`.
pub fn render_under(markdown: &str, top: u8) -> String {
    let markdown = prepared(markdown);
    if check_markdown(&markdown).is_err() {
        return plain(&markdown);
    }
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, events(&markdown, top));
    sanitize(&unsafe_html)
}

/// [`render`] on the blocking pool: a long text (a whole deliverable) must not hold one of the
/// few threads that serve every request.
pub async fn render_off_thread(markdown: String, top: u8) -> String {
    tokio::task::spawn_blocking(move || render_under(&markdown, top)).await.unwrap_or_default()
}

/// One top-level block of a text: its HTML, its plain text, and whether it is a heading (a
/// heading names what follows; it is not commented on by itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub html: String,
    pub text: String,
    pub heading: bool,
}

/// The text's top-level blocks (paragraphs, headings, lists, tables…), each rendered and
/// sanitized on its own, with its plain text: what a contribution anchors to and quotes. The
/// n-th block of a frozen text is always the same, so its position is a stable anchor. Headings
/// go under the page's, as in [`render_under`].
pub fn render_blocks(markdown: &str, top: u8) -> Vec<Block> {
    let markdown = prepared(markdown);
    if check_markdown(&markdown).is_err() {
        return vec![Block { html: plain(&markdown), text: markdown.split_whitespace().collect::<Vec<_>>().join(" "), heading: false }];
    }
    let mut blocks = Vec::new();
    let (mut current, mut text, mut depth) = (Vec::new(), String::new(), 0usize);
    for event in events(&markdown, top) {
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                // Blocks inside the block (list items, cells) are separated; inline tags are not.
                if !matches!(end, TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image) {
                    text.push(' ');
                }
            }
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
        current.push(event);
        if depth == 0 {
            let heading = matches!(current.first(), Some(Event::Start(Tag::Heading { .. })));
            let mut unsafe_html = String::new();
            html::push_html(&mut unsafe_html, current.drain(..));
            let plain = std::mem::take(&mut text).split_whitespace().collect::<Vec<_>>().join(" ");
            blocks.push(Block { html: sanitize(&unsafe_html), text: plain, heading });
        }
    }
    blocks
}

fn sanitize(unsafe_html: &str) -> String {
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto"].into())
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(unsafe_html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

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
        let blocks = super::render_blocks("## Marco\n\nTexto.", 4);
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
        let blocks = super::render_blocks("## Título\n\nPrimer **párrafo**.\n\n- uno\n- dos\n\n<script>x</script>\n", 1);
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
        assert_eq!(super::render_blocks(&deep, 1).len(), 1);
    }

    #[test]
    fn words_breaks_and_controls() {
        assert_eq!(render("uno\u{0B}dos").trim(), "<p>uno<br>\ndos</p>");
        assert_eq!(render("uno\u{0C}dos\u{0}").trim(), "<p>uno</p>\n<p>dos</p>");
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
}


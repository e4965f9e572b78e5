//! Markdown to safe HTML, on the server only: raw HTML is shown as text, and the result goes
//! through ammonia's allow-list (so no scripts, event handlers or `javascript:` links survive).
//! A text past the bounds of [`check_markdown`] (stored before they existed, or generated) is
//! shown as plain paragraphs rather than parsed, so no text can make rendering expensive.
use std::borrow::Cow;

use pulldown_cmark::{html, Event, Parser, TagEnd};

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

/// Raw HTML in the source becomes visible text rather than markup.
fn events(markdown: &str) -> impl Iterator<Item = Event<'_>> {
    Parser::new_ext(markdown, MARKDOWN).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    })
}

/// A text too complex to parse, as escaped paragraphs (blank lines part them, lines break).
fn plain(text: &str) -> String {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>\n", crate::domain::text::escape_html(p).replace('\n', "<br>\n")))
        .collect()
}

pub fn render(markdown: &str) -> String {
    let markdown = prepared(markdown);
    if check_markdown(&markdown).is_err() {
        return plain(&markdown);
    }
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, events(&markdown));
    sanitize(&unsafe_html)
}

/// [`render`] on the blocking pool: a long text (a whole deliverable) must not hold one of the
/// few threads that serve every request.
pub async fn render_off_thread(markdown: String) -> String {
    tokio::task::spawn_blocking(move || render(&markdown)).await.unwrap_or_default()
}

/// The text's top-level blocks (paragraphs, headings, lists, tables…), each rendered and
/// sanitized on its own, with its plain text: what a contribution anchors to and quotes. The
/// n-th block of a frozen text is always the same, so its position is a stable anchor.
pub fn render_blocks(markdown: &str) -> Vec<(String, String)> {
    let markdown = prepared(markdown);
    if check_markdown(&markdown).is_err() {
        return vec![(plain(&markdown), markdown.split_whitespace().collect::<Vec<_>>().join(" "))];
    }
    let mut blocks = Vec::new();
    let (mut current, mut text, mut depth) = (Vec::new(), String::new(), 0usize);
    for event in events(&markdown) {
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
            let mut unsafe_html = String::new();
            html::push_html(&mut unsafe_html, current.drain(..));
            let plain = std::mem::take(&mut text).split_whitespace().collect::<Vec<_>>().join(" ");
            blocks.push((sanitize(&unsafe_html), plain));
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
        let blocks = super::render_blocks("## Título\n\nPrimer **párrafo**.\n\n- uno\n- dos\n\n<script>x</script>\n");
        let texts: Vec<&str> = blocks.iter().map(|b| b.1.as_str()).collect();
        assert_eq!(texts, vec!["Título", "Primer párrafo.", "uno dos", "<script>x</script>"]);
        assert_eq!(blocks[1].0.trim(), "<p>Primer <strong>párrafo</strong>.</p>");
        assert!(blocks[2].0.contains("<ul>") && blocks[2].0.contains("<li>dos</li>"));
        assert!(!blocks[3].0.contains("<script"), "sanitized block by block");
        let joined: String = blocks.iter().map(|b| b.0.as_str()).collect();
        assert_eq!(joined.replace('\n', ""), render("## Título\n\nPrimer **párrafo**.\n\n- uno\n- dos\n\n<script>x</script>\n").replace('\n', ""));
    }

    #[test]
    fn too_deep_a_text_is_shown_as_plain_paragraphs() {
        let deep = "- ".repeat(5_000) + "<script>x</script>";
        let started = std::time::Instant::now();
        let html = render(&deep);
        assert!(started.elapsed() < std::time::Duration::from_secs(1), "{:?}", started.elapsed());
        assert!(html.starts_with("<p>- - ") && html.contains("&lt;script&gt;"), "{}", &html[html.len() - 60..]);
        assert_eq!(super::render_blocks(&deep).len(), 1);
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


//! Property tests of the Markdown renderer and sanitizer: whatever a user types — random text
//! spliced with the usual XSS fragments — no script, event handler, dangerous element or
//! non-http(s)/mailto URL comes out as markup, and rendering never panics.

use pasos_app::markdown::{render, render_blocks};
use proptest::prelude::*;

const FRAGMENTS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//x.pe/a.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x]( javascript:alert(1) )",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](vbscript:msgbox(1))",
    "![i](javascript:alert(1))",
    "[r]: javascript:alert(1)\n\n[r]",
    "<javascript:alert(1)>",
    "<http://a.pe/\" onmouseover=\"alert(1)>",
    "`<script>`",
    "```html\n<script>alert(1)</script>\n```",
    "<style>*{}</style>",
    "<object data=x>",
    "<div style=\"background:url(javascript:alert(1))\">",
    "&#106;avascript:alert(1)",
    "[x](&#106;avascript:alert(1))",
    "| a | <b onclick=alert(1)>b</b> |\n|---|---|\n| 1 | 2 |",
    "<!-- x --><form action=x><input></form>",
    "</textarea><script>alert(1)</script>",
    "[^1]\n\n[^1]: <img src=x onerror=alert(1)>",
    "<table><tr><td colspan=2 onclick=x style=\"a\"><img src=x onerror=alert(1)><script>alert(1)</script><a href=\"javascript:x\">y</a></td></tr></table>",
    "<table>\n<tr><td>[^1]</td></tr>\n</table>\n\n[^1]: <svg onload=alert(1)>",
];

fn markdown() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        "[a-zA-Z<>\"'=:/()\\[\\] &;#!*_`|\n-]{0,24}",
    ];
    proptest::collection::vec(piece, 0..10).prop_map(|parts| parts.concat())
}

/// Every tag of the output (a literal `<` in text is always escaped, so each `<` opens a tag):
/// an allowed element, no event handler, no style, and only safe URLs.
fn assert_inert(html: &str) {
    const ELEMENTS: &[&str] = &[
        "p", "a", "em", "strong", "del", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote",
        "table", "thead", "tbody", "tr", "th", "td", "hr", "br", "img", "sup", "div", "section", "span", "colgroup", "col", "caption", "sub",
    ];
    for tag in html.split('<').skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or_else(|| panic!("unclosed tag in {html}"))];
        let lower = tag.to_ascii_lowercase();
        let name: String = lower.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        assert!(ELEMENTS.contains(&name.as_str()), "element <{name}> in {html}");
        // Attributes as name="value" pairs; values are quoted by the serializer.
        let mut rest = lower[lower.find(char::is_whitespace).unwrap_or(lower.len())..].trim();
        while !rest.is_empty() && rest != "/" {
            let (attr, after) = rest.split_once('=').unwrap_or((rest, ""));
            let attr = attr.trim();
            assert!(!attr.starts_with("on") && attr != "style" && attr != "srcdoc", "attribute {attr} in {html}");
            let after = after.trim_start();
            let (value, next) = match after.strip_prefix('"') {
                Some(v) => v.split_once('"').unwrap_or((v, "")),
                None => after.split_once(char::is_whitespace).unwrap_or((after, "")),
            };
            if matches!(attr, "href" | "src") {
                let v = value.trim();
                // Only a valid scheme makes a URL absolute; anything else is a relative path.
                let scheme = v.split_once(':').map(|(s, _)| s).filter(|s| {
                    s.starts_with(|c: char| c.is_ascii_alphabetic()) && s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                });
                assert!(scheme.is_none_or(|s| matches!(s, "http" | "https" | "mailto")), "{attr}={v} in {html}");
            }
            rest = next.trim();
        }
    }
}

proptest! {
    // A fixed seed, so CI runs the same 3,000 cases every time (a new finding shows up locally,
    // with another seed, never as a flaky build); `sanitizer.proptest-regressions` replays past ones.
    #![proptest_config(ProptestConfig { cases: 3000, rng_seed: proptest::test_runner::RngSeed::Fixed(20_261_127), ..ProptestConfig::default() })]

    #[test]
    fn nothing_typed_comes_out_live(text in markdown()) {
        assert_inert(&render(&text));
        for html in render_blocks(&text, 1, "").into_iter().map(|b| b.html) {
            assert_inert(&html);
        }
    }
}

#[test]
fn the_checker_catches_live_markup() {
    for live in ["<script>x</script>", "<p onclick=\"x\">a</p>", "<a href=\"javascript:x\">a</a>", "<a href=\"data:text/html,x\">a</a>", "<p style=\"x\">a</p>"] {
        assert!(std::panic::catch_unwind(|| assert_inert(live)).is_err(), "{live}");
    }
    assert_inert("<p><a href=\"https://www.gob.pe/mtpe\" rel=\"noopener noreferrer nofollow\">a</a> &lt;script&gt;</p>");
    // Not a scheme (a `%` cannot be in one): a relative address, which browsers never run.
    assert_inert("<p><a href=\"hSPlwgo%7C::_%22/(JaVaScRiPt:alert(1))\">r</a></p>");
}

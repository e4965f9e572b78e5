//! Every sentence a user reads comes from the catalogue (`i18n.rs`): the form handlers, the
//! exports, `web/`, `urls.rs` and `store/` hold no Spanish text of their own. The demo and scale seeds are
//! data (official names, the 2023 history) and stay where they are; log lines and the detail of a
//! corrupt record are for operators.
use std::path::{Path, PathBuf};

/// The files that must not speak to users themselves.
fn files() -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = vec![src.join("urls.rs")];
    let mut walk = vec![src.join("web"), src.join("store")];
    while let Some(dir) = walk.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && !["demo.rs", "scale.rs"].contains(&path.file_name().unwrap().to_str().unwrap()) {
                out.push(path);
            }
        }
    }
    for feature in ["accounts", "drafting", "expediente", "policies", "review", "rounds", "structure", "workshops"] {
        for file in ["actions.rs", "session.rs", "export.rs"] {
            let path = src.join(feature).join(file);
            if path.exists() {
                out.push(path);
            }
        }
    }
    out
}

/// The string literals of a line (between unescaped double quotes).
fn literals(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut current, mut inside, mut escaped) = (String::new(), false, false);
    for c in line.chars() {
        match (inside, escaped, c) {
            (true, true, _) => {
                current.push(c);
                escaped = false;
            }
            (true, false, '\\') => escaped = true,
            (true, false, '"') => {
                out.push(std::mem::take(&mut current));
                inside = false;
            }
            (true, false, _) => current.push(c),
            (false, _, '"') => inside = true,
            _ => {}
        }
    }
    out
}

/// Whether a literal is Spanish prose: an accented letter or Spanish punctuation, or a run of
/// words with the usual Spanish function words.
fn spanish(literal: &str) -> bool {
    const WORDS: [&str; 14] = ["de", "la", "el", "que", "para", "con", "una", "los", "las", "del", "por", "su", "sin", "no"];
    literal.chars().any(|c| "áéíóúñÁÉÍÓÚÑ¿¡«»".contains(c))
        || (literal.contains(' ') && literal.split_whitespace().filter(|w| WORDS.contains(&w.to_lowercase().as_str())).count() >= 1 && literal.split_whitespace().count() >= 3)
}

#[test]
fn no_spanish_literal_outside_the_catalogue() {
    let mut found = Vec::new();
    for file in files() {
        let text = std::fs::read_to_string(&file).unwrap();
        for (i, line) in text.lines().take_while(|l| !l.starts_with("#[cfg(test)]") && !l.starts_with("#[cfg(all(test")).enumerate() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("//") || line.contains("tracing::") || line.contains("corrupt(") || line.contains("Corrupt(") {
                continue;
            }
            for literal in literals(line).into_iter().filter(|l| spanish(l)) {
                found.push(format!("{}:{}: \"{literal}\"", file.display(), i + 1));
            }
        }
    }
    assert!(found.is_empty(), "Spanish outside i18n.rs:\n{}", found.join("\n"));
}

#[test]
fn the_check_catches_what_it_must() {
    assert!(spanish("No encontramos esa ronda"));
    assert!(spanish("Cierra «{}»"));
    assert!(spanish("Inicie sesión para continuar."));
    assert!(!spanish("SELECT count() FROM user WHERE active = true"));
    assert!(!spanish("text/csv; charset=utf-8"));
    assert!(!spanish("usuario"));
    assert_eq!(literals(r#"format!("a \"b\" c", "d")"#), vec![r#"a "b" c"#.to_string(), "d".into()]);
}

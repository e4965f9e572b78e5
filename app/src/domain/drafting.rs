//! Drafting rules: what a step text, a revision summary and a version note may be, and the
//! word-level comparison of two texts.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use similar::{ChangeTag, TextDiff};

/// The largest step text accepted (1 MB: a long step is some tens of KB).
pub const MAX_BODY_BYTES: usize = 1_000_000;
pub const MAX_SUMMARY_CHARS: usize = 200;
pub const MAX_NOTE_CHARS: usize = 2_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DraftError {
    EmptyBody,
    BodyTooLong,
    SummaryTooLong,
    EmptyNote,
    NoteTooLong,
    /// Lists or quotes nested past `text::MAX_NESTING`.
    TooDeep,
    /// More than `text::MAX_ELEMENTS` elements.
    TooManyElements,
    /// A guide's name over [`MAX_GUIDE_CHARS`].
    GuideTooLong,
}

impl DraftError {
    pub const ALL: [DraftError; 8] = [
        DraftError::EmptyBody,
        DraftError::BodyTooLong,
        DraftError::SummaryTooLong,
        DraftError::EmptyNote,
        DraftError::NoteTooLong,
        DraftError::TooDeep,
        DraftError::TooManyElements,
        DraftError::GuideTooLong,
    ];

    /// The code carried in a redirect's query string.
    pub fn key(self) -> &'static str {
        match self {
            DraftError::EmptyBody => "vacio",
            DraftError::BodyTooLong => "grande",
            DraftError::SummaryTooLong => "resumen",
            DraftError::EmptyNote => "nota",
            DraftError::NoteTooLong => "nota_larga",
            DraftError::TooDeep => "anidado",
            DraftError::TooManyElements => "elementos",
            DraftError::GuideTooLong => "guia_larga",
        }
    }

    pub fn from_key(key: &str) -> Option<DraftError> {
        DraftError::ALL.into_iter().find(|e| e.key() == key)
    }
}

/// A step text to save: not blank, at most `MAX_BODY_BYTES`. Line endings are normalised so
/// that a browser's CRLF does not show up as a change in every line.
pub fn check_body(body: &str) -> Result<String, DraftError> {
    let body = body.replace("\r\n", "\n");
    if body.trim().is_empty() {
        Err(DraftError::EmptyBody)
    } else if body.len() > MAX_BODY_BYTES {
        Err(DraftError::BodyTooLong)
    } else {
        super::text::check_markdown(&body).map_err(|c| match c {
            super::text::Complexity::TooDeep => DraftError::TooDeep,
            super::text::Complexity::TooManyElements => DraftError::TooManyElements,
        })?;
        Ok(body)
    }
}

/// An optional one-line summary of a change.
pub fn check_summary(summary: &str) -> Result<Option<String>, DraftError> {
    let summary = summary.split_whitespace().collect::<Vec<_>>().join(" ");
    if summary.chars().count() > MAX_SUMMARY_CHARS {
        Err(DraftError::SummaryTooLong)
    } else {
        Ok((!summary.is_empty()).then_some(summary))
    }
}

/// The mandatory note of a frozen version.
pub fn check_note(note: &str) -> Result<String, DraftError> {
    let note = note.trim().replace("\r\n", "\n");
    if note.is_empty() {
        Err(DraftError::EmptyNote)
    } else if note.chars().count() > MAX_NOTE_CHARS {
        Err(DraftError::NoteTooLong)
    } else {
        Ok(note)
    }
}

/// The longest name of a guide, in characters.
pub const MAX_GUIDE_CHARS: usize = 200;

/// The guide a version was prepared under, as typed: trimmed, one line, bounded; empty is none.
pub fn check_guide(guide: &str) -> Result<Option<String>, DraftError> {
    let guide = guide.split_whitespace().collect::<Vec<_>>().join(" ");
    if guide.chars().count() > MAX_GUIDE_CHARS {
        return Err(DraftError::GuideTooLong);
    }
    Ok((!guide.is_empty()).then_some(guide))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    Same,
    Added,
    Removed,
}

/// A run of text that is unchanged, added or removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub change: Change,
    pub text: String,
}

/// The word-level changes that turn `old` into `new`, adjacent words of the same kind merged.
pub fn word_diff(old: &str, new: &str) -> Vec<Segment> {
    let diff = TextDiff::configure().timeout(std::time::Duration::from_secs(2)).diff_words(old, new);
    let mut out: Vec<Segment> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => Change::Same,
            ChangeTag::Insert => Change::Added,
            ChangeTag::Delete => Change::Removed,
        };
        match out.last_mut() {
            Some(last) if last.change == kind => last.text.push_str(change.value()),
            _ => out.push(Segment { change: kind, text: change.value().to_string() }),
        }
    }
    out
}

/// Whether a diff has any change at all.
pub fn has_changes(segments: &[Segment]) -> bool {
    segments.iter().any(|s| s.change != Change::Same)
}

/// One saved state of a step's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RevisionInfo {
    pub number: u32,
    pub author: String,
    pub at: DateTime<Utc>,
    pub summary: Option<String>,
    /// Length of the text in characters.
    pub size: usize,
}


/// A frozen version of a deliverable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionInfo {
    pub number: u32,
    pub note: String,
    /// The CEPLAN guide the version was prepared under, as the team names it (none: not said).
    #[serde(default)]
    pub guide: Option<String>,
    pub author: String,
    pub at: DateTime<Utc>,
    /// The revision frozen for each step (none: the step had no text).
    pub revisions: Vec<(u8, Option<u32>)>,
}


/// Text a user submitted without it becoming a revision.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub policy: String,
    pub step: u8,
    pub base: u32,
    pub body: String,
    pub summary: String,
}

/// A step's text and structured items inside a deliverable version (or the working text).
#[derive(Debug, Clone, PartialEq)]
pub struct StepBody {
    pub step: u8,
    /// The revision (none: the step has no text).
    pub revision: Option<u32>,
    pub body: String,
    /// The step's items as `structure::snapshot` gives them.
    pub structure: Vec<super::structure::Item>,
    /// When and by whom that revision was saved.
    pub updated_at: Option<DateTime<Utc>>,
    pub updated_by: Option<String>,
}

impl StepBody {
    /// The text followed by its items in short (their fichas and matrices are the deliverable's
    /// annexes): what documents print.
    pub fn content(&self) -> String {
        if self.structure.is_empty() {
            return self.body.clone();
        }
        format!("{}\n\n{}", self.body.trim_end(), super::structure::summary_markdown(&self.structure))
    }

    /// The text followed by every item in full: what diffs compare.
    pub fn full_content(&self) -> String {
        Self::content_of(&self.body, &self.structure)
    }

    /// `body` followed by the records of `structure`.
    pub fn content_of(body: &str, structure: &[super::structure::Item]) -> String {
        if structure.is_empty() {
            return body.to_string();
        }
        format!("{}\n\n{}", body.trim_end(), super::structure::tables_markdown(structure))
    }
}

/// Why a version could not be frozen.
#[derive(Debug, Clone, PartialEq)]
pub enum FreezeRefusal {
    /// None of the deliverable's steps has text.
    Empty,
    /// Every step is at the revision the last version froze.
    Unchanged(u32),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|s| match s.change {
                Change::Same => s.text.clone(),
                Change::Added => format!("[+{}]", s.text),
                Change::Removed => format!("[-{}]", s.text),
            })
            .collect()
    }

    #[test]
    fn word_diff_marks_changed_words_only() {
        let d = word_diff("El trabajo forzoso afecta a miles.", "El trabajo forzoso afecta a decenas de miles.");
        assert_eq!(render(&d), "El trabajo forzoso afecta a [+decenas de ]miles.");
        let d = word_diff("uno dos tres", "uno tres");
        assert_eq!(render(&d), "uno [-dos ]tres");
        assert!(has_changes(&d));
        assert!(!has_changes(&word_diff("igual", "igual")));
    }

    #[test]
    fn diff_rebuilds_both_texts() {
        let (a, b) = ("## Paso 1\n\nMarco normativo: Ley 27337.\n", "## Paso 1\n\nMarco legal: Ley 27337 y D.S. 001.\n- nuevo\n");
        let d = word_diff(a, b);
        let old: String = d.iter().filter(|s| s.change != Change::Added).map(|s| s.text.as_str()).collect();
        let new: String = d.iter().filter(|s| s.change != Change::Removed).map(|s| s.text.as_str()).collect();
        assert_eq!((old.as_str(), new.as_str()), (a, b));
    }

    #[test]
    fn bodies_are_checked() {
        assert_eq!(check_body("  \r\n "), Err(DraftError::EmptyBody));
        assert_eq!(check_body(&"a".repeat(MAX_BODY_BYTES + 1)), Err(DraftError::BodyTooLong));
        assert!(check_body(&"a".repeat(MAX_BODY_BYTES)).is_ok());
        assert_eq!(check_body("a\r\nb").unwrap(), "a\nb");
    }

    #[test]
    fn summaries_and_notes_are_checked() {
        assert_eq!(check_summary("  "), Ok(None));
        assert_eq!(check_summary(" Corrige\n cifras "), Ok(Some("Corrige cifras".into())));
        assert_eq!(check_summary(&"é".repeat(MAX_SUMMARY_CHARS + 1)), Err(DraftError::SummaryTooLong));
        assert_eq!(check_note(" \n "), Err(DraftError::EmptyNote));
        assert_eq!(check_note(&"x".repeat(MAX_NOTE_CHARS + 1)), Err(DraftError::NoteTooLong));
        assert_eq!(check_guide("  Guía de Políticas\nNacionales  "), Ok(Some("Guía de Políticas Nacionales".into())));
        assert_eq!(check_guide(" "), Ok(None));
        assert_eq!(check_guide(&"g".repeat(MAX_GUIDE_CHARS + 1)), Err(DraftError::GuideTooLong));
        assert_eq!(check_note(" Versión para OGPP "), Ok("Versión para OGPP".into()));
    }

    #[test]
    fn error_keys_round_trip() {
        for e in DraftError::ALL {
            assert_eq!(DraftError::from_key(e.key()), Some(e));
        }
    }
}

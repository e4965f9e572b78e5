//! The file of documents (*expediente*) of a policy: each official document of its review — the
//! oficio that sends a deliverable, the informe técnico (and OGPP's or OGAJ's reports) that go with
//! it, CEPLAN's informe, an acta, a memorando — with its number, date, sender and addressee, the
//! ministry's file number (CUT or expediente) and the day it was received, tied to the event of
//! the review it belongs to, with its signed files. Files are PDF, DOCX or XLSX, told by their
//! content, never by their name.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The kinds of document a review produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocumentKind {
    Oficio,
    InformeTecnico,
    InformeLegal,
    InformeCeplan,
    Acta,
    Memorando,
    Otro,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 7] = [
        DocumentKind::Oficio,
        DocumentKind::InformeTecnico,
        DocumentKind::InformeLegal,
        DocumentKind::InformeCeplan,
        DocumentKind::Acta,
        DocumentKind::Memorando,
        DocumentKind::Otro,
    ];

    pub fn key(self) -> &'static str {
        match self {
            DocumentKind::Oficio => "oficio",
            DocumentKind::InformeTecnico => "informe_tecnico",
            DocumentKind::InformeLegal => "informe_legal",
            DocumentKind::InformeCeplan => "informe_ceplan",
            DocumentKind::Acta => "acta",
            DocumentKind::Memorando => "memorando",
            DocumentKind::Otro => "otro",
        }
    }

    pub fn from_key(key: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// What a file is, as its bytes say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileKind {
    Pdf,
    Docx,
    Xlsx,
}

impl FileKind {
    pub const ALL: [FileKind; 3] = [FileKind::Pdf, FileKind::Docx, FileKind::Xlsx];

    pub fn key(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Docx => "docx",
            FileKind::Xlsx => "xlsx",
        }
    }

    pub fn from_key(key: &str) -> Option<FileKind> {
        FileKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The media type it is served with (always as a download).
    pub fn media_type(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            FileKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// The largest file Pasos keeps, in bytes (a signed scan of a long informe fits).
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// The largest request that brings a document's files, in bytes.
pub const MAX_UPLOAD_BYTES: usize = 2 * MAX_FILE_BYTES + 64 * 1024;
/// The most bytes of files one ZIP of the expediente gathers (a filter narrows a larger file).
pub const MAX_ZIP_BYTES: usize = 60 * 1024 * 1024;
/// The most files one document carries.
pub const MAX_FILES: usize = 5;
pub const MAX_FIELD_CHARS: usize = 200;

/// What a file's bytes are: a PDF starts with `%PDF-`; a DOCX or XLSX is a ZIP archive (`PK\x03\x04`)
/// holding `word/document.xml` or `xl/workbook.xml` (names a ZIP keeps as plain bytes). Anything
/// else — an executable, an HTML page renamed `.pdf`, a script — is none.
pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    if bytes.starts_with(b"%PDF-") {
        Some(FileKind::Pdf)
    } else if bytes.starts_with(b"PK\x03\x04") && has(b"[Content_Types].xml") {
        if has(b"word/document.xml") {
            Some(FileKind::Docx)
        } else if has(b"xl/workbook.xml") {
            Some(FileKind::Xlsx)
        } else {
            None
        }
    } else {
        None
    }
}

/// A file as received: the name the browser sent and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A file checked: a printable name ending in its kind's extension, its kind, its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedFile {
    pub name: String,
    pub kind: FileKind,
    pub bytes: Vec<u8>,
}

/// The document as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInput {
    pub kind: String,
    pub number: String,
    pub date: String,
    pub sender: String,
    pub addressee: String,
    pub file_number: String,
    pub received_on: String,
    /// The id of the event it belongs to (empty: the policy's file as a whole).
    pub event: String,
}

/// An official document as recorded: what it is and where it belongs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub kind: DocumentKind,
    pub number: String,
    pub date: NaiveDate,
    pub sender: Option<String>,
    pub addressee: Option<String>,
    pub file_number: Option<String>,
    pub received_on: Option<NaiveDate>,
    pub event: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocumentError {
    BadKind,
    MissingNumber,
    TooLong,
    BadDate,
    FutureDate,
    /// Received before it was dated.
    ReceivedBeforeDate,
    UnknownEvent,
    NoFile,
    TooManyFiles,
    FileTooBig,
    /// Not a PDF, DOCX or XLSX by its content (whatever its name says).
    BadFileType,
}

impl DocumentError {
    pub const ALL: [DocumentError; 11] = [
        DocumentError::BadKind,
        DocumentError::MissingNumber,
        DocumentError::TooLong,
        DocumentError::BadDate,
        DocumentError::FutureDate,
        DocumentError::ReceivedBeforeDate,
        DocumentError::UnknownEvent,
        DocumentError::NoFile,
        DocumentError::TooManyFiles,
        DocumentError::FileTooBig,
        DocumentError::BadFileType,
    ];

    pub fn key(self) -> &'static str {
        match self {
            DocumentError::BadKind => "tipo",
            DocumentError::MissingNumber => "numero",
            DocumentError::TooLong => "largo",
            DocumentError::BadDate => "fecha",
            DocumentError::FutureDate => "fecha_futura",
            DocumentError::ReceivedBeforeDate => "recepcion",
            DocumentError::UnknownEvent => "evento",
            DocumentError::NoFile => "sin_archivo",
            DocumentError::TooManyFiles => "archivos",
            DocumentError::FileTooBig => "archivo_grande",
            DocumentError::BadFileType => "archivo_tipo",
        }
    }

    pub fn from_key(key: &str) -> Option<DocumentError> {
        DocumentError::ALL.into_iter().find(|e| e.key() == key)
    }
}

/// A document to record: a known kind, its number, an ISO date not in the future nor before
/// 1990, bounded one-line texts, a reception date not before the document's, an event among
/// `events`, and one to [`MAX_FILES`] files, each at most [`MAX_FILE_BYTES`] and a PDF, DOCX or
/// XLSX by its content; each file's name is made printable and given its kind's extension.
pub fn check_document(input: &DocumentInput, uploads: Vec<Upload>, events: &[String], today: NaiveDate) -> Result<(Document, Vec<CheckedFile>), DocumentError> {
    let kind = DocumentKind::from_key(&input.kind).ok_or(DocumentError::BadKind)?;
    let line = |s: &str| -> Result<Option<String>, DocumentError> {
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.chars().count() > MAX_FIELD_CHARS {
            return Err(DocumentError::TooLong);
        }
        Ok((!s.is_empty()).then_some(s))
    };
    let number = line(&input.number)?.ok_or(DocumentError::MissingNumber)?;
    let day = |s: &str| -> Result<Option<NaiveDate>, DocumentError> {
        match s.trim() {
            "" => Ok(None),
            s => {
                let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| DocumentError::BadDate)?;
                if d < super::event::EARLIEST_DATE {
                    return Err(DocumentError::BadDate);
                }
                if d > today {
                    return Err(DocumentError::FutureDate);
                }
                Ok(Some(d))
            }
        }
    };
    let date = day(&input.date)?.ok_or(DocumentError::BadDate)?;
    let received_on = day(&input.received_on)?;
    if received_on.is_some_and(|r| r < date) {
        return Err(DocumentError::ReceivedBeforeDate);
    }
    let event = Some(input.event.trim().to_string()).filter(|e| !e.is_empty());
    if event.as_ref().is_some_and(|e| !events.contains(e)) {
        return Err(DocumentError::UnknownEvent);
    }
    let uploads: Vec<Upload> = uploads.into_iter().filter(|u| !u.bytes.is_empty()).collect();
    if uploads.is_empty() {
        return Err(DocumentError::NoFile);
    }
    if uploads.len() > MAX_FILES {
        return Err(DocumentError::TooManyFiles);
    }
    let files = uploads.into_iter().map(check_file).collect::<Result<Vec<_>, _>>()?;
    let new = Document {
        kind,
        number,
        date,
        sender: line(&input.sender)?,
        addressee: line(&input.addressee)?,
        file_number: line(&input.file_number)?,
        received_on,
        event,
    };
    Ok((new, files))
}

/// A file received, checked: at most [`MAX_FILE_BYTES`], a PDF, DOCX or XLSX by its content
/// ([`sniff`]), named with its kind's extension ([`file_name`]).
pub fn check_file(u: Upload) -> Result<CheckedFile, DocumentError> {
    if u.bytes.len() > MAX_FILE_BYTES {
        return Err(DocumentError::FileTooBig);
    }
    let kind = sniff(&u.bytes).ok_or(DocumentError::BadFileType)?;
    Ok(CheckedFile { name: file_name(&u.name, kind), kind, bytes: u.bytes })
}

/// A file's name as it is kept and served: its base name without path or control characters,
/// at most 100 characters, with the extension of what it is ("informe.pdf.exe" that is a PDF
/// becomes "informe.pdf.exe.pdf"; a nameless one "documento.pdf").
pub fn file_name(name: &str, kind: FileKind) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = base.chars().filter(|c| !c.is_control() && !super::text::is_format(*c) && !matches!(c, '"' | '<' | '>' | '|' | '*' | '?' | ':')).take(100).collect();
    let clean = clean.trim().trim_start_matches('.').to_string();
    let ext = format!(".{}", kind.key());
    match clean {
        c if c.is_empty() => format!("documento{ext}"),
        c if c.to_lowercase().ends_with(&ext) => c,
        c => format!("{c}{ext}"),
    }
}

/// A file's name inside the expediente's ZIP: the document's date and its title (as
/// `Catalog::document_title` words it) before the file's own name, with nothing that could climb
/// out of the archive's folder ("2026-11-20 Oficio N° 230-2026-MTPE_2 - oficio.pdf").
pub fn zip_entry_name(doc: &DocumentInfo, title: &str, file: &FileInfo) -> String {
    let safe = |s: &str| s.chars().map(|c| if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') { '_' } else { c }).collect::<String>();
    // A long title is cut, never the file's own name and its extension.
    let title: String = safe(title).chars().take(80).collect();
    format!("{} {title} - {}", doc.doc.date, safe(&file.name))
}

/// A document of the file as pages and lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInfo {
    pub id: String,
    pub policy_code: String,
    pub doc: Document,
    pub files: Vec<FileInfo>,
    pub recorded_by: String,
}

impl DocumentInfo {
    /// The documents of `all` that belong to the event of the review or the workshop `id`.
    pub fn of_event(all: &[DocumentInfo], id: &str) -> Vec<DocumentInfo> {
        all.iter().filter(|d| d.doc.event.as_deref() == Some(id)).cloned().collect()
    }
}

/// A file of a document (its bytes are read only to serve it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileInfo {
    pub id: String,
    pub name: String,
    pub kind: FileKind,
    /// Bytes.
    pub size: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    fn pdf() -> Vec<u8> {
        b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF".to_vec()
    }

    fn input() -> DocumentInput {
        DocumentInput {
            kind: "oficio".into(),
            number: "  Oficio N° 230-2026-MTPE/2 ".into(),
            date: "2026-11-20".into(),
            sender: "MTPE – DGDFSST".into(),
            addressee: "CEPLAN – DNCP".into(),
            file_number: "CUT 123456-2026".into(),
            received_on: "2026-11-21".into(),
            event: "e1".into(),
        }
    }

    fn upload(name: &str, bytes: Vec<u8>) -> Vec<Upload> {
        vec![Upload { name: name.into(), bytes }]
    }

    #[test]
    fn files_are_told_by_their_content() {
        assert_eq!(sniff(&pdf()), Some(FileKind::Pdf));
        let docx = [b"PK\x03\x04".as_slice(), b"...[Content_Types].xml...word/document.xml..."].concat();
        let xlsx = [b"PK\x03\x04".as_slice(), b"...[Content_Types].xml...xl/workbook.xml..."].concat();
        assert_eq!((sniff(&docx), sniff(&xlsx)), (Some(FileKind::Docx), Some(FileKind::Xlsx)));
        let zip = [b"PK\x03\x04".as_slice(), b"...payload.exe..."].concat();
        for bad in [b"<!DOCTYPE html><script>alert(1)</script>".to_vec(), b"MZ\x90\x00 this program".to_vec(), b"\x7fELF\x02".to_vec(), zip, b" %PDF-1.7".to_vec()] {
            assert_eq!(sniff(&bad), None, "{:?}", String::from_utf8_lossy(&bad));
        }
    }

    #[test]
    fn a_document_is_checked_with_its_files() {
        let (doc, files) = check_document(&input(), upload("C:\\firmados\\oficio.pdf", pdf()), &["e1".into()], today()).unwrap();
        assert_eq!(doc.number, "Oficio N° 230-2026-MTPE/2");
        assert_eq!((doc.kind, doc.event.as_deref(), doc.file_number.as_deref()), (DocumentKind::Oficio, Some("e1"), Some("CUT 123456-2026")));
        assert_eq!((files[0].name.as_str(), files[0].kind), ("oficio.pdf", FileKind::Pdf));
        let check = |f: fn(&mut DocumentInput), files: Vec<Upload>| {
            let mut i = input();
            f(&mut i);
            check_document(&i, files, &["e1".into()], today()).map(|_| ())
        };
        assert_eq!(check(|i| i.kind = "carta".into(), upload("a.pdf", pdf())), Err(DocumentError::BadKind));
        assert_eq!(check(|i| i.number = " ".into(), upload("a.pdf", pdf())), Err(DocumentError::MissingNumber));
        assert_eq!(check(|i| i.date = "20/11/2026".into(), upload("a.pdf", pdf())), Err(DocumentError::BadDate));
        assert_eq!(check(|i| i.date = "2026-12-02".into(), upload("a.pdf", pdf())), Err(DocumentError::FutureDate));
        assert_eq!(check(|i| i.received_on = "2026-11-19".into(), upload("a.pdf", pdf())), Err(DocumentError::ReceivedBeforeDate));
        assert_eq!(check(|i| i.event = "otro".into(), upload("a.pdf", pdf())), Err(DocumentError::UnknownEvent));
        assert_eq!(check(|i| i.sender = "x".repeat(201), upload("a.pdf", pdf())), Err(DocumentError::TooLong));
        assert_eq!(check(|_| (), Vec::new()), Err(DocumentError::NoFile));
        assert_eq!(check(|_| (), upload("vacío.pdf", Vec::new())), Err(DocumentError::NoFile));
        assert_eq!(check(|_| (), upload("informe.pdf", b"<html><script>x</script></html>".to_vec())), Err(DocumentError::BadFileType), "an HTML page renamed .pdf");
        assert_eq!(check(|_| (), upload("setup.pdf", b"MZ\x90\x00".to_vec())), Err(DocumentError::BadFileType), "an executable");
        let big = [pdf(), vec![b' '; MAX_FILE_BYTES]].concat();
        assert_eq!(check(|_| (), upload("grande.pdf", big)), Err(DocumentError::FileTooBig));
        let six = (0..6).map(|i| Upload { name: format!("{i}.pdf"), bytes: pdf() }).collect();
        assert_eq!(check(|_| (), six), Err(DocumentError::TooManyFiles));
        assert!(check(|i| i.event = String::new(), upload("a.pdf", pdf())).is_ok(), "a document of the policy's file as a whole");
        for e in DocumentError::ALL {
            assert_eq!(DocumentError::from_key(e.key()), Some(e));
        }
    }

    #[test]
    fn names_are_kept_safe_with_the_extension_of_what_the_file_is() {
        assert_eq!(file_name("../../etc/informe.PDF", FileKind::Pdf), "informe.PDF");
        assert_eq!(file_name("informe.pdf.exe", FileKind::Pdf), "informe.pdf.exe.pdf");
        assert_eq!(file_name("\"a\"<b>\r\n.docx", FileKind::Docx), "ab.docx");
        assert_eq!(file_name("", FileKind::Xlsx), "documento.xlsx");
        assert_eq!(file_name(".htaccess", FileKind::Pdf), "htaccess.pdf");
        assert_eq!(file_name("\u{202E}gpj.exe", FileKind::Pdf), "gpj.exe.pdf", "no bidirectional override");
    }
}

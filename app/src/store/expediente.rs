//! The file of documents of a policy: documents with their files, the bytes read only to serve one.
use chrono::{DateTime, NaiveDate, Utc};
use surrealdb::types::{RecordId, SurrealValue};

use super::ids::policy_id;
use super::policies::corrupt;
use super::{Store, StoreError};
use crate::domain::expediente::{CheckedFile, DocumentInfo, DocumentKind, FileInfo, FileKind, Document};
use crate::domain::Author;

#[derive(Debug, Clone, SurrealValue)]
struct DocumentRow {
    policy: RecordId,
    kind: String,
    number: String,
    number_key: String,
    date: String,
    sender: Option<String>,
    addressee: Option<String>,
    file_number: Option<String>,
    received_on: Option<String>,
    event: Option<String>,
    recorded_by: String,
    created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, SurrealValue)]
struct FileRow {
    document: RecordId,
    position: i64,
    name: String,
    kind: String,
    size: i64,
}

#[derive(Debug, Clone, SurrealValue)]
struct ContentWrite {
    content: surrealdb::types::Bytes,
}

#[derive(Debug, Clone, SurrealValue)]
struct DocumentReadRow {
    id: String,
    code: String,
    kind: String,
    number: String,
    date: String,
    #[surreal(default)]
    sender: Option<String>,
    #[surreal(default)]
    addressee: Option<String>,
    #[surreal(default)]
    file_number: Option<String>,
    #[surreal(default)]
    received_on: Option<String>,
    #[surreal(default)]
    event: Option<String>,
    recorded_by: String,
}

#[derive(Debug, Clone, SurrealValue)]
struct FileReadRow {
    id: String,
    document: String,
    name: String,
    kind: String,
    size: i64,
}

#[derive(Debug, Clone, SurrealValue)]
struct ContentRow {
    code: String,
    name: String,
    kind: String,
    content: surrealdb::types::Bytes,
}

/// A file as it is served: its policy (who may read it is decided there), name, kind and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    pub policy_code: String,
    pub name: String,
    pub kind: FileKind,
    pub bytes: Vec<u8>,
}

/// What makes two numbers one: letters in lower case, without spaces ("N° 12-2026/2" and
/// "n°12-2026/2"); every other sign counts ("…/2/16" is not "…/21/6").
fn number_key(number: &str) -> String {
    number.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

fn day(s: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| corrupt(s))
}

const DOCUMENT_FIELDS: &str = "record::id(id) AS id, record::id(policy) AS code, kind, number, date, sender, addressee, file_number, received_on, event, recorded_by";
const FILE_FIELDS: &str = "record::id(id) AS id, record::id(document) AS document, name, kind, size";

impl DocumentReadRow {
    fn into_info(self, files: &[FileReadRow]) -> Result<DocumentInfo, StoreError> {
        let files = files
            .iter()
            .filter(|f| f.document == self.id)
            .map(|f| Ok(FileInfo { id: f.id.clone(), name: f.name.clone(), kind: FileKind::from_key(&f.kind).ok_or_else(|| corrupt(&f.kind))?, size: f.size.max(0) as usize }))
            .collect::<Result<Vec<_>, StoreError>>()?;
        let doc = Document {
            kind: DocumentKind::from_key(&self.kind).ok_or_else(|| corrupt(&self.kind))?,
            date: day(&self.date)?,
            received_on: self.received_on.as_deref().map(day).transpose()?,
            number: self.number,
            sender: self.sender,
            addressee: self.addressee,
            file_number: self.file_number,
            event: self.event,
        };
        Ok(DocumentInfo { id: self.id, policy_code: self.code, doc, files, recorded_by: self.recorded_by })
    }
}

impl Store {
    /// Records a document with its files, all at once. `Ok(Err(id))`: a document of that kind and
    /// number is in the policy's file already (the form sent again): nothing was written.
    pub async fn add_document(&self, code: &str, doc: &Document, files: Vec<CheckedFile>, by: &Author) -> Result<Result<String, String>, StoreError> {
        let key = number_key(&doc.number);
        if let Some(id) = self.document_numbered(code, doc).await? {
            return Ok(Err(id));
        }
        let id = super::credentials::new_key();
        let did = RecordId::new("document", id.clone());
        let row = DocumentRow {
            policy: policy_id(code),
            kind: doc.kind.key().to_string(),
            number: doc.number.clone(),
            number_key: key,
            date: doc.date.to_string(),
            sender: doc.sender.clone(),
            addressee: doc.addressee.clone(),
            file_number: doc.file_number.clone(),
            received_on: doc.received_on.map(|d| d.to_string()),
            event: doc.event.clone(),
            recorded_by: by.name(),
            created_at: Utc::now(),
        };
        // Each file's record and its bytes apart (same id): a list never reads the bytes.
        let mut query = String::from("BEGIN TRANSACTION; CREATE $did CONTENT $row;");
        // (name of a record's parameter, its id, name of its content's, the content)
        let mut binds: Vec<(String, RecordId, String, surrealdb::types::Value)> = Vec::new();
        for (i, f) in files.into_iter().enumerate() {
            let fid = super::credentials::new_key();
            query.push_str(&format!(" CREATE $f{i} CONTENT $m{i}; CREATE $c{i} CONTENT $b{i};"));
            let meta = FileRow { document: did.clone(), position: i as i64, name: f.name, kind: f.kind.key().to_string(), size: f.bytes.len() as i64 };
            binds.push((format!("f{i}"), RecordId::new("document_file", fid.as_str()), format!("m{i}"), meta.into_value()));
            binds.push((format!("c{i}"), RecordId::new("file_content", fid.as_str()), format!("b{i}"), ContentWrite { content: f.bytes.into() }.into_value()));
        }
        query.push_str(" COMMIT TRANSACTION;");
        let mut request = self.db.query(query).bind(("did", did)).bind(("row", row));
        for (name, rid, content_name, content) in binds {
            request = request.bind((name, rid)).bind((content_name, content));
        }
        let created = request.await?.check();
        match created {
            Ok(_) => {}
            // The same document sent twice at once: the unique number lets one in.
            Err(e) if e.to_string().contains("document_number") => {
                return match self.document_numbered(code, doc).await? {
                    Some(id) => Ok(Err(id)),
                    None => Err(StoreError::from(e)),
                };
            }
            Err(e) => return Err(e.into()),
        }
        self.audit(by, Some(code), "expediente", &crate::i18n::t().audit_document(doc.kind, &doc.number)).await?;
        Ok(Ok(id))
    }

    /// The id of the policy's document of `doc`'s kind and number, if it is recorded.
    async fn document_numbered(&self, code: &str, doc: &Document) -> Result<Option<String>, StoreError> {
        Ok(self
            .db
            .query("SELECT VALUE record::id(id) FROM document WHERE policy = $pid AND kind = $kind AND number_key = $key LIMIT 1")
            .bind(("pid", policy_id(code)))
            .bind(("kind", doc.kind.key()))
            .bind(("key", number_key(&doc.number)))
            .await?
            .take(0)?)
    }

    /// A policy's documents with their files (not their bytes), by date then as recorded.
    pub async fn documents(&self, code: &str) -> Result<Vec<DocumentInfo>, StoreError> {
        let mut res = self
            .db
            .query(format!("SELECT {DOCUMENT_FIELDS}, date, created_at FROM document WHERE policy = $pid ORDER BY date, created_at"))
            .query(format!("SELECT {FILE_FIELDS}, position FROM document_file WHERE document.policy = $pid ORDER BY position"))
            .bind(("pid", policy_id(code)))
            .await?;
        let docs: Vec<DocumentReadRow> = res.take(0)?;
        let files: Vec<FileReadRow> = res.take(1)?;
        docs.into_iter().map(|d| d.into_info(&files)).collect()
    }

    /// A file with its bytes and its document's policy.
    pub async fn document_file(&self, id: &str) -> Result<Option<StoredFile>, StoreError> {
        let row: Option<ContentRow> = self
            .db
            .query("SELECT record::id(document.policy) AS code, name, kind, $cid.content AS content FROM ONLY $fid")
            .bind(("fid", RecordId::new("document_file", id)))
            .bind(("cid", RecordId::new("file_content", id)))
            .await?
            .take(0)?;
        row.map(|r| {
            Ok(StoredFile { kind: FileKind::from_key(&r.kind).ok_or_else(|| corrupt(&r.kind))?, policy_code: r.code, name: r.name, bytes: r.content.into_inner().to_vec() })
        })
        .transpose()
    }
}

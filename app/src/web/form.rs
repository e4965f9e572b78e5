//! Forms as typed contracts between a page and its handler. [`form!`](crate::form) declares a
//! form's fields once: the struct the handler receives and, for each field, a constant with its
//! name that the page writes into `name=…`; renaming a field breaks both at compile time. The
//! [`Form`] extractor reads a urlencoded body into that struct (checkbox groups into `Vec`s) and
//! keeps the fields as typed, for the way back to the form after a refusal.

/// Declares a form: `form! { pub struct ContributionForm { paso: String, texto: String } }` gives
/// the struct (`Deserialize`, every field optional on the wire) and `ContributionForm::texto`,
/// the constant `"texto"` for the page's `name=` attribute.
#[macro_export]
macro_rules! form {
    ($(#[$meta:meta])* pub struct $name:ident { $($(#[$fmeta:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(default)]
        pub struct $name {
            $($(#[$fmeta])* pub $field: $ty,)*
        }

        #[allow(non_upper_case_globals)]
        impl $name {
            $(
                #[doc = concat!("The name of the field `", stringify!($field), "`, as the page writes it.")]
                pub const $field: &'static str = stringify!($field);
            )*
        }
    };
}

/// The hidden field with a form's key: a form sent again with the same key lands once.
pub const FORM_KEY: &str = "clave";
/// The hidden field with the anchor of a form's place on its page, where its feedback is shown.
pub const FORM_ANCHOR: &str = "ancla";
/// The query key of a held form's id, on the way back to its page.
pub const HELD: &str = "retenido";
/// The refusal of a form sent after its session expired (held, and back after signing in).
pub const SESSION_EXPIRED: &str = "sesion_vencida";

/// A held form offered back to its page (put into the request by the gate): the anchor of the
/// form it came from, the refusal's key, and the fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeldFields {
    /// The held form's id (a form filled from it sends it back, so that it is forgotten once sent).
    pub id: String,
    pub anchor: String,
    pub error: String,
    pub fields: Vec<(String, String)>,
}

/// The fields a page fills a form with: those of the address's query (a "Comentar" link names its
/// paragraph), overridden by a held form's.
pub fn filled<T: serde::de::DeserializeOwned + Default>(search: &str, held: Option<&HeldFields>) -> T {
    let Some(held) = held else { return from_query(search) };
    let mut q = form_urlencoded::Serializer::new(String::new());
    q.extend_pairs(form_urlencoded::parse(search.trim_start_matches('?').as_bytes()).filter(|(k, _)| !held.fields.iter().any(|(h, _)| h == k)));
    q.extend_pairs(&held.fields);
    from_query(&q.finish())
}

/// Whether two field names are the same, as constants are compared while compiling (for a
/// field whose name another module also writes: `const _: () = assert!(same_name(A::x, B));`).
pub const fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The fields of a urlencoded body in the order they arrived, each as typed but for the
/// characters no output can carry (see `domain::text::typed`).
pub fn fields(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).map(|(k, v)| (k.into_owned(), crate::domain::text::typed(&v).into_owned())).collect()
}

/// A form read back from an address's query (`?error=…&texto=…`): what the handler sent back
/// after a refusal, in the same struct the handler read it with. Missing fields stay empty.
pub fn from_query<T: serde::de::DeserializeOwned + Default>(search: &str) -> T {
    serde_html_form::from_str(search.trim_start_matches('?')).unwrap_or_default()
}

/// A form as its handler receives it: `data`, and the fields as `typed` for [`WebError::back`].
///
/// [`WebError::back`]: crate::web::WebError::back
#[cfg(feature = "ssr")]
pub struct Form<T> {
    pub data: T,
    pub typed: Vec<(String, String)>,
}

#[cfg(feature = "ssr")]
impl<S: Send + Sync, T: serde::de::DeserializeOwned> axum::extract::FromRequest<S> for Form<T> {
    type Rejection = axum::response::Response;

    /// A body over the limit keeps its 413 (answered in Spanish by the layers); one that cannot be
    /// read as the form is a 400 said in Spanish.
    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        use axum::response::IntoResponse;
        let body = axum::body::Bytes::from_request(req, state).await.map_err(IntoResponse::into_response)?;
        let typed = fields(&body);
        let cleaned = form_urlencoded::Serializer::new(String::new()).extend_pairs(&typed).finish();
        let data = serde_html_form::from_str(&cleaned).map_err(|_| super::WebError::Transport.into_response())?;
        Ok(Form { data, typed })
    }
}

/// Why a multipart body could not be read whole.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MultipartRefusal {
    /// A file, or the body, over its limit.
    TooBig,
    /// The body broke off or is not multipart.
    Broken,
}

/// A multipart form (files with text fields, sent without JavaScript): its text fields as typed
/// (at most 32, each up to 2,000 characters, like [`fields`]) and the files of `file_field`, in
/// order. A refusal comes with the fields read until then, for the way back.
#[cfg(feature = "ssr")]
pub async fn multipart(
    mut multipart: axum::extract::Multipart,
    file_field: &str,
) -> Result<(Vec<(String, String)>, Vec<crate::domain::expediente::Upload>), (MultipartRefusal, Vec<(String, String)>)> {
    use axum::http::StatusCode;
    let mut typed: Vec<(String, String)> = Vec::new();
    let mut uploads = Vec::new();
    let refusal = |status: StatusCode| if status == StatusCode::PAYLOAD_TOO_LARGE { MultipartRefusal::TooBig } else { MultipartRefusal::Broken };
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => return Err((refusal(e.status()), typed)),
        };
        let name = field.name().unwrap_or_default().to_string();
        if name == file_field {
            let file_name = field.file_name().unwrap_or_default().to_string();
            match field.bytes().await {
                Ok(bytes) => uploads.push(crate::domain::expediente::Upload { name: file_name, bytes: bytes.to_vec() }),
                Err(e) => return Err((refusal(e.status()), typed)),
            }
        } else if typed.len() < 32 {
            match field.text().await {
                Ok(value) => typed.push((name, crate::domain::text::typed(&value.chars().take(2_000).collect::<String>()).into_owned())),
                Err(e) => return Err((refusal(e.status()), typed)),
            }
        }
    }
    Ok((typed, uploads))
}

/// The form a multipart body's text fields fill (missing fields stay empty).
pub fn from_fields<T: serde::de::DeserializeOwned + Default>(typed: &[(String, String)]) -> T {
    serde_html_form::from_str(&form_urlencoded::Serializer::new(String::new()).extend_pairs(typed).finish()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    crate::form! {
        /// A form for the test.
        pub struct Sample {
            titulo: String,
            regiones: Vec<String>,
        }
    }

    #[test]
    fn a_held_form_fills_over_the_query() {
        let held = super::HeldFields { fields: vec![("titulo".into(), "Guardado & «bien»".into())], ..Default::default() };
        let sample: Sample = super::filled("?titulo=viejo&regiones=08", Some(&held));
        assert_eq!(sample, Sample { titulo: "Guardado & «bien»".into(), regiones: vec!["08".into()] });
        let plain: Sample = super::filled("?titulo=viejo", None);
        assert_eq!(plain.titulo, "viejo");
    }

    #[test]
    fn a_form_names_its_fields_and_reads_repeated_ones() {
        assert_eq!((Sample::titulo, Sample::regiones), ("titulo", "regiones"));
        let typed = super::fields(b"titulo=Consulta%00+E2&regiones=08&regiones=16");
        assert_eq!(typed[0].1, "Consulta E2", "NUL is not kept");
        let body = form_urlencoded::Serializer::new(String::new()).extend_pairs(&typed).finish();
        let sample: Sample = serde_html_form::from_str(&body).unwrap();
        assert_eq!(sample, Sample { titulo: "Consulta E2".into(), regiones: vec!["08".into(), "16".into()] });
        let empty: Sample = serde_html_form::from_str("").unwrap();
        assert_eq!(empty, Sample::default(), "a missing field is empty, not an error");
    }
}

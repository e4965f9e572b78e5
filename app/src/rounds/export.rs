//! The matriz de aportes as files: a round's or a whole deliverable's, as CSV (UTF-8 with a
//! byte-order mark, streamed round by round) and as XLSX, with the rows this reader may see.
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};

use super::data::MatrixFilter;
use super::form::MatrixQuery;
use crate::domain::{Action, ContributionInfo, Jurisdiction, Policy, Resource, RoundInfo, User};
use crate::i18n::t;
use crate::ui::moment;
use crate::web::{attachment, require, AppState, Path, SignedIn, WebError};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const CSV: &str = "text/csv; charset=utf-8";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// A round's contributions as matrix rows, as this reader may see them.
fn rows_of(round: &RoundInfo, user: &User, contributions: &[ContributionInfo], names: &[Jurisdiction], filter: &MatrixFilter, now: DateTime<Utc>) -> Vec<Vec<String>> {
    let t = t();
    let readable = round.readable(user, contributions, now);
    // Numbers as this reader knows them: the round's, or their places among what they may read.
    let numbered = if round.figures_visible_to(user, now) { contributions } else { &readable };
    readable
        .iter()
        .filter(|c| filter.keeps(c))
        .map(|c: &ContributionInfo| {
            let answer = c.answer.as_ref();
            vec![
                c.number.to_string(),
                moment(&c.received_on.unwrap_or(c.created_at)).chars().take(10).collect(),
                c.author.clone(),
                c.organisation.clone().unwrap_or_default(),
                c.jurisdiction.as_ref().and_then(|u| names.iter().find(|j| &j.ubigeo == u)).map(|j| j.name.clone()).unwrap_or_default(),
                t.channel(c.channel).to_string(),
                c.step.to_string(),
                c.passage.clone().unwrap_or_default(),
                c.replies_to(numbered, &readable).map(|(number, words)| t.replies_to(number, words)).unwrap_or_default(),
                c.body.clone(),
                answer.map(|a| t.answer_state(a.state).to_string()).unwrap_or_else(|| t.unanswered.to_string()),
                answer.and_then(|a| a.justification.clone()).unwrap_or_default(),
                answer.map(|a| t.change_words(a, c.step)).unwrap_or_default(),
            ]
        })
        .collect()
}

/// A round's rows in the deliverable's matrix: each led by the round's title.
fn titled_rows(round: &RoundInfo, user: &User, contributions: &[ContributionInfo], names: &[Jurisdiction], filter: &MatrixFilter, now: DateTime<Utc>) -> Vec<Vec<String>> {
    rows_of(round, user, contributions, names, filter, now).into_iter().map(|r| std::iter::once(round.title.clone()).chain(r).collect()).collect()
}

/// The round an address names, if this reader may read it, with its rows.
async fn round_rows(state: &AppState, user: &User, id: &str, filter: &MatrixFilter) -> Result<(RoundInfo, Vec<Vec<String>>), WebError> {
    let now = Utc::now();
    let round = state.store.round(id).await?.ok_or(WebError::NotFound)?;
    require(user, Action::ReadRound, Resource::Round(round.reference(user, now)))?;
    let contributions = state.store.contributions_of(&round).await?;
    let names = state.store.jurisdictions().await?;
    let rows = rows_of(&round, user, &contributions, &names, filter, now);
    Ok((round, rows))
}

/// The name of a round's matriz download: policy, deliverable, kind of round, the day it opened and
/// the day of the download (Lima), so two rounds' or two days' files never share a name:
/// `matriz-de-aportes-PNMPETI-E2-consulta_regional-20231016-descargada-20261130.csv`.
fn matrix_file(round: &crate::domain::RoundInfo, extension: &str) -> String {
    let opened = round.opens.with_timezone(&crate::domain::time::lima()).format("%Y%m%d");
    let today = crate::domain::time::today().format("%Y%m%d");
    format!("matriz-de-aportes-{}-E{}-{}-{opened}-descargada-{today}.{extension}", round.policy_code, round.deliverable, round.kind.key())
}

/// `GET /rondas/{id}/matriz.csv`.
pub async fn matrix_csv(State(state): State<AppState>, SignedIn(user): SignedIn, Path(id): Path<String>, Query(q): Query<MatrixQuery>) -> Result<Response, WebError> {
    let (round, rows) = round_rows(&state, &user, &id, &q.filter()).await?;
    let bytes = csv_bytes(&t().matrix_columns.map(String::from), &rows).ok_or(WebError::Unavailable)?;
    Ok(attachment(&matrix_file(&round, "csv"), CSV, bytes))
}

/// `GET /rondas/{id}/matriz.xlsx`.
pub async fn matrix_xlsx(State(state): State<AppState>, SignedIn(user): SignedIn, Path(id): Path<String>, Query(q): Query<MatrixQuery>) -> Result<Response, WebError> {
    let (round, rows) = round_rows(&state, &user, &id, &q.filter()).await?;
    let bytes = xlsx(t().matrix_title, &round.title, &t().matrix_columns.map(String::from), &rows).map_err(|e| {
        tracing::error!(error = %e, "no se pudo generar el XLSX");
        WebError::Unavailable
    })?;
    Ok(attachment(&matrix_file(&round, "xlsx"), XLSX, bytes))
}

/// The rounds of a deliverable this reader may read, oldest first.
async fn readable_rounds(state: &AppState, user: &User, code: &str, n: u8) -> Result<Vec<RoundInfo>, WebError> {
    let rounds = state.store.rounds(Some(code), Some(n)).await?;
    let now = Utc::now();
    Ok(rounds.into_iter().rev().filter(|r| crate::domain::may(&user.actor(), Action::ReadRound, Resource::Round(r.reference(user, now)))).collect())
}

/// The policy code and deliverable number an address names (a number that is not one names nothing).
fn deliverable(code: &str, n: &str) -> Result<(String, u8), WebError> {
    Ok((Policy::normalize_code(code), n.parse::<u8>().map_err(|_| WebError::NotFound)?))
}

/// The deliverable's matrix: its title column, then the round's.
fn deliverable_headers() -> Vec<String> {
    std::iter::once(t().matrix_round_column).chain(t().matrix_columns).map(String::from).collect()
}

/// `GET /politicas/{code}/entregables/{n}/matriz.csv`: every round of the deliverable, sent round
/// by round as it is read, so that a matrix of tens of thousands of rows never sits whole in
/// memory (sixteen downloads at once held 400 MB). A failure halfway ends the download early,
/// which the browser reports as failed rather than as a shorter file.
pub async fn deliverable_csv(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path((code, n)): Path<(String, String)>,
    Query(q): Query<MatrixQuery>,
) -> Result<Response, WebError> {
    use futures::StreamExt;
    let (code, n) = deliverable(&code, &n)?;
    let rounds = readable_rounds(&state, &user, &code, n).await?;
    let names = std::sync::Arc::new(state.store.jurisdictions().await?);
    let first = csv_bytes(&deliverable_headers(), &[]).ok_or(WebError::Unavailable)?;
    let (store, filter) = (state.store.clone(), q.filter());
    let chunks = futures::stream::iter(rounds).then(move |round| {
        let (store, user, filter, names) = (store.clone(), user.clone(), filter.clone(), names.clone());
        async move {
            let contributions = store.contributions(&round.id).await.map_err(|e| {
                tracing::error!(error = %e, "matriz CSV interrumpida");
                std::io::Error::other("matriz interrumpida")
            })?;
            csv_records(&titled_rows(&round, &user, &contributions, &names, &filter, Utc::now())).map(Bytes::from).ok_or_else(|| std::io::Error::other("CSV"))
        }
    });
    let body = axum::body::Body::from_stream(futures::stream::once(async move { Ok(Bytes::from(first)) }).chain(chunks));
    let today = crate::domain::time::today().format("%Y%m%d");
    Ok(attachment(&format!("matriz-de-aportes-{code}-E{n}-todas-las-rondas-descargada-{today}.csv"), CSV, body))
}

/// `GET /politicas/{code}/entregables/{n}/matriz.xlsx`.
pub async fn deliverable_xlsx(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path((code, n)): Path<(String, String)>,
    Query(q): Query<MatrixQuery>,
) -> Result<Response, WebError> {
    let (code, n) = deliverable(&code, &n)?;
    let names = state.store.jurisdictions().await?;
    let filter = q.filter();
    let mut rows = Vec::new();
    for round in readable_rounds(&state, &user, &code, n).await? {
        let contributions = state.store.contributions(&round.id).await?;
        rows.extend(titled_rows(&round, &user, &contributions, &names, &filter, Utc::now()));
    }
    let title = format!("{code} · {} {n}", t().deliverable);
    let bytes = xlsx(t().matrix_title, &title, &deliverable_headers(), &rows).map_err(|e| {
        tracing::error!(error = %e, "no se pudo generar el XLSX");
        WebError::Unavailable
    })?;
    let today = crate::domain::time::today().format("%Y%m%d");
    Ok(attachment(&format!("matriz-de-aportes-{code}-E{n}-todas-las-rondas-descargada-{today}.xlsx"), XLSX, bytes).into_response())
}

/// The matriz de levantamiento de observaciones of a CEPLAN observations round, as this reader
/// may see it: each observation (not the replies around it) with where it points in the version
/// sent, the team's answer, its sustento and where the text changed.
fn lifting_rows(round: &RoundInfo, user: &User, contributions: &[ContributionInfo], now: DateTime<Utc>) -> Vec<Vec<String>> {
    let t = t();
    round
        .readable(user, contributions, now)
        .into_iter()
        .filter(|c| c.parent.is_none())
        .map(|c| {
            let pointed = match (&c.anchor, &c.passage) {
                (Some(a), Some(p)) => t.place_quoting(&super::data::place_name(a), p),
                _ => format!("{} {}", t.step, c.step),
            };
            let answer = c.answer.as_ref();
            vec![
                c.number.to_string(),
                pointed,
                c.body.clone(),
                answer.map_or(t.unanswered, |a| t.answer_state(a.state)).to_string(),
                answer.and_then(|a| a.justification.clone()).unwrap_or_default(),
                answer.map(|a| t.change_words(a, c.step)).unwrap_or_default(),
            ]
        })
        .collect()
}

/// The observations round an address names, read by this reader, with its policy's name and rows.
async fn lifting(state: &AppState, user: &User, id: &str) -> Result<(RoundInfo, String, Vec<Vec<String>>), WebError> {
    let now = Utc::now();
    let round = state.store.round(id).await?.filter(|r| r.kind == crate::domain::RoundKind::ObservacionesCeplan).ok_or(WebError::NotFound)?;
    require(user, Action::ReadRound, Resource::Round(round.reference(user, now)))?;
    let contributions = state.store.contributions_of(&round).await?;
    let name = state.store.policy(&round.policy_code).await?.map(|p| p.name).unwrap_or_default();
    let rows = lifting_rows(&round, user, &contributions, now);
    Ok((round, name, rows))
}

/// `levantamiento-de-observaciones-PNMPETI-E2-v3-descargada-20261201.docx`.
fn lifting_file(round: &RoundInfo, extension: &str) -> String {
    let today = crate::domain::time::today().format("%Y%m%d");
    let version = round.version.map(|v| format!("-v{v}")).unwrap_or_default();
    format!("levantamiento-de-observaciones-{}-E{}{version}-descargada-{today}.{extension}", round.policy_code, round.deliverable)
}

/// The lines above the matrix: the policy, the deliverable and version observed, the round.
fn lifting_heading(round: &RoundInfo, policy_name: &str) -> String {
    let t = t();
    let version = round.version.map(|v| format!(" · {} {v}", t.version.to_lowercase())).unwrap_or_default();
    format!("{policy_name} ({}) · {} {}{version}\n{}", round.policy_code, t.deliverable, round.deliverable, round.title)
}

/// `GET /rondas/{id}/levantamiento.docx`: the matrix the team sends back with the re-entry, on
/// landscape pages.
pub async fn lifting_docx(State(state): State<AppState>, SignedIn(user): SignedIn, Path(id): Path<String>) -> Result<Response, WebError> {
    use crate::paper::Part;
    let (round, name, rows) = lifting(&state, &user, &id).await?;
    let t = t();
    let parts = vec![
        Part::Title(t.lifting_title.to_string()),
        Part::Text(lifting_heading(&round, &name)),
        Part::Table { headers: t.lifting_columns.map(String::from).to_vec(), rows, shares: vec![1, 4, 8, 3, 8, 4] },
        Part::Note(format!("{} {}.", t.report_generated, crate::domain::time::today().format("%d/%m/%Y"))),
    ];
    let bytes = crate::web::export_job(move || crate::paper::docx(&parts, true)).await?.map_err(|e| {
        tracing::error!(error = %e, "no se pudo generar la matriz de levantamiento");
        WebError::Unavailable
    })?;
    Ok(attachment(&lifting_file(&round, "docx"), DOCX, bytes))
}

/// `GET /rondas/{id}/levantamiento.xlsx`.
pub async fn lifting_xlsx(State(state): State<AppState>, SignedIn(user): SignedIn, Path(id): Path<String>) -> Result<Response, WebError> {
    let (round, name, rows) = lifting(&state, &user, &id).await?;
    let t = t();
    let bytes = xlsx(t.lifting_sheet, &lifting_heading(&round, &name).replace('\n', " · "), &t.lifting_columns.map(String::from), &rows).map_err(|e| {
        tracing::error!(error = %e, "no se pudo generar el XLSX");
        WebError::Unavailable
    })?;
    Ok(attachment(&lifting_file(&round, "xlsx"), XLSX, bytes))
}

/// `GET /rondas/{id}/informe.docx`: the informe de sistematización as the page shows it, its
/// charts as pictures with their values in words, each accepted contribution's change as the
/// revision's changed words.
pub async fn systematization_docx(State(state): State<AppState>, SignedIn(user): SignedIn, Path(id): Path<String>) -> Result<Response, WebError> {
    use crate::domain::systematization::percent;
    use crate::paper::Part;
    let page = super::data::systematization_of(&state.store, &user, &id).await?;
    let t = t();
    let round = &page.summary.round;
    let f = &page.figures;
    let name_of = |u: &str| page.jurisdictions.iter().find(|j| j.0 == u).map_or(u.to_string(), |j| j.1.clone());
    let yes_no = |b: bool| if b { t.yes } else { t.no }.to_string();
    let mut parts = vec![
        Part::Title(t.systematization_title.to_string()),
        Part::Text(format!("{} ({}) · {} {}\n{}", page.policy_name, round.policy_code, t.deliverable, round.deliverable, round.title)),
    ];
    if round.illustrative {
        parts.push(Part::Note(t.illustrative_round.to_string()));
    }
    if !round.systematized {
        parts.push(Part::Note(t.systematization_draft.to_string()));
    }
    parts.extend(page.paragraphs.iter().map(|p| Part::Text(p.clone())));
    parts.push(Part::Heading(1, t.systematization_participation_heading.to_string()));
    let table = |headers: &[&str], rows: Vec<Vec<String>>, shares: Vec<usize>| Part::Table { headers: headers.iter().map(|h| h.to_string()).collect(), rows, shares };
    if !f.by_jurisdiction.is_empty() {
        parts.push(Part::Heading(2, t.by_jurisdiction.to_string()));
        let rows = f.by_jurisdiction.iter().map(|(u, i, n, a)| vec![name_of(u), yes_no(*i), n.to_string(), a.to_string()]).collect();
        parts.push(table(&[t.region, t.invited, t.contributions, t.accepted_short], rows, vec![4, 2, 2, 2]));
    }
    if !f.by_organisation.is_empty() {
        parts.push(Part::Heading(2, t.by_organisation.to_string()));
        parts.push(table(&[t.organisation, t.contributions], f.by_organisation.iter().map(|(o, n)| vec![o.clone(), n.to_string()]).collect(), vec![6, 2]));
    }
    parts.push(Part::Heading(2, t.by_channel.to_string()));
    parts.push(table(&[t.channel_label, t.contributions], f.by_channel.iter().map(|(c, n)| vec![t.channel(*c).to_string(), n.to_string()]).collect(), vec![6, 2]));
    parts.push(Part::Heading(1, t.systematization_answers_heading.to_string()));
    parts.push(table(&[t.step, t.contributions, t.accepted_short], f.by_step.iter().map(|(s, n, a)| vec![format!("{} {s}", t.step), n.to_string(), a.to_string()]).collect(), vec![4, 2, 2]));
    let mut answers: Vec<Vec<String>> = f.by_answer.iter().map(|(a, n)| vec![t.answer_state(*a).to_string(), n.to_string(), format!("{} %", percent(*n, f.total))]).collect();
    if f.unanswered > 0 {
        answers.push(vec![t.unanswered.to_string(), f.unanswered.to_string(), format!("{} %", percent(f.unanswered, f.total))]);
    }
    answers.push(vec![t.total_word.to_string(), f.total.to_string(), if f.total > 0 { "100 %" } else { "0 %" }.to_string()]);
    parts.push(table(&[t.answer, t.contributions, "%"], answers, vec![4, 2, 2]));
    parts.extend(page.charts.iter().map(|c| Part::Figure { svg: c.svg.clone(), description: c.description.clone() }));
    parts.push(Part::Heading(1, t.systematization_changes_heading.to_string()));
    if page.changes.is_empty() {
        parts.push(Part::Text(t.systematization_no_changes.to_string()));
    }
    for c in &page.changes {
        parts.push(Part::Heading(2, format!("{} {} · {}", t.contribution_number, c.number, t.answer_state(c.state))));
        parts.push(Part::Note(c.who.clone()));
        parts.push(Part::Text(t.quoted(&c.opening)));
        let place = [c.place.clone(), c.change.map(|(s, r)| format!("{} {s}, {} {r}", t.step, t.revision.to_lowercase()))].into_iter().flatten().collect::<Vec<_>>().join(" · ");
        if !place.is_empty() {
            parts.push(Part::Text(format!("{}: {place}", t.change_location)));
        }
        parts.push(match (&c.segments, c.change) {
            (Some(segments), _) => Part::Changes(segments.clone()),
            (None, Some(_)) => Part::Note(t.systematization_change_not_compared.to_string()),
            (None, None) => Part::Note(t.systematization_change_not_linked.to_string()),
        });
    }
    parts.push(Part::Note(format!("{} {}.", t.report_generated, crate::domain::time::today().format("%d/%m/%Y"))));
    let bytes = crate::web::export_job(move || crate::paper::docx(&parts, false)).await?.map_err(|e| {
        tracing::error!(error = %e, "no se pudo generar el informe de sistematización");
        WebError::Unavailable
    })?;
    let today = crate::domain::time::today().format("%Y%m%d");
    let file = format!("informe-de-sistematizacion-{}-E{}-{}-descargado-{today}.docx", round.policy_code, round.deliverable, round.kind.key());
    Ok(attachment(&file, DOCX, bytes))
}

/// CSV in UTF-8 with a byte-order mark (so Excel reads the accents right).
fn csv_bytes(headers: &[String], rows: &[Vec<String>]) -> Option<Vec<u8>> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    out.extend(csv_records(std::slice::from_ref(&headers.to_vec()))?);
    out.extend(csv_records(rows)?);
    Some(out)
}

/// Rows as CSV records, without a byte-order mark: a piece of a longer file. Each cell is kept
/// from running as a formula and loses the characters no spreadsheet reads ([`spreadsheet_cell`]).
fn csv_records(rows: &[Vec<String>]) -> Option<Vec<u8>> {
    use crate::domain::text::spreadsheet_cell;
    let mut out = Vec::new();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        rows.iter().try_for_each(|r| w.write_record(r.iter().map(|cell| spreadsheet_cell(cell).into_owned()))).ok()?;
        w.flush().ok()?;
    }
    Some(out)
}

/// The matrix as a workbook. Cells are written as text (never formulas); characters XML cannot
/// carry are removed.
fn xlsx(sheet_name: &str, title: &str, headers: &[String], rows: &[Vec<String>]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use crate::domain::text::workbook_cell;
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name)?;
    let bold = Format::new().set_bold().set_text_wrap();
    let wrap = Format::new().set_text_wrap();
    sheet.write_string(0, 0, workbook_cell(title))?;
    for (col, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(2, col as u16, h, &bold)?;
    }
    // Numbers stay numbers (N° and Paso), wherever those columns are.
    let [number, _, _, _, _, _, step, passage, replies, body, _, justification, _] = t().matrix_columns;
    let [_, pointed, observation, _, sustento, _] = t().lifting_columns;
    let numeric: Vec<usize> = headers.iter().enumerate().filter(|(_, h)| *h == number || *h == step).map(|(i, _)| i).collect();
    for (i, row) in rows.iter().enumerate() {
        for (col, value) in row.iter().enumerate() {
            let r = 3 + i as u32;
            match (numeric.contains(&col), value.parse::<f64>()) {
                (true, Ok(n)) => sheet.write_number(r, col as u16, n)?,
                _ => sheet.write_string_with_format(r, col as u16, workbook_cell(value), &wrap)?,
            };
        }
    }
    for (col, h) in headers.iter().enumerate() {
        let h = h.as_str();
        let width = if h == body || h == observation || h == sustento {
            60
        } else if [passage, justification, replies, pointed, t().matrix_round_column].contains(&h) {
            40
        } else if h == number || h == step {
            6
        } else {
            18
        };
        sheet.set_column_width(col as u16, width)?;
    }
    sheet.set_freeze_panes(3, 0)?;
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rounds::{Answer, AnswerState, Channel};
    use crate::domain::{CdrpetiState, Role, RoundKind};
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    /// A regional consultation on PNMPETI's Entregable 2, closed on 15 November 2026 and
    /// systematized; `published` says whether its answers were published.
    fn consultation(published: bool) -> RoundInfo {
        RoundInfo {
            id: "r1".into(),
            policy_code: "PNMPETI".into(),
            deliverable: 2,
            version: Some(3),
            kind: RoundKind::ConsultaRegional,
            title: "Consulta regional del Entregable 2".into(),
            steps: vec![3, 4],
            opens: at(2026, 11, 2, 13),
            closes: at(2026, 11, 15, 4),
            jurisdictions: vec!["08".into(), "16".into()],
            organisations: vec![],
            users: vec![],
            closed_at: Some(at(2026, 11, 15, 4)),
            systematized: true,
            forced_reason: None,
            published,
            created_by: "equipo".into(),
            illustrative: false,
            changes: 4,
            hidden_accounts: 0,
        }
    }

    /// A contribution from `jurisdiction`'s labour office on the platform, on Paso 3.
    fn contribution(number: u32, jurisdiction: &str, body: &str) -> ContributionInfo {
        ContributionInfo {
            author_id: Some(format!("u{jurisdiction}")),
            author: format!("Especialista {jurisdiction}"),
            organisation: Some(format!("DRTPE {jurisdiction}")),
            jurisdiction: Some(jurisdiction.into()),
            step: 3,
            body: body.into(),
            // 23:30 in Lima is already the next day in UTC: the date shown is Lima's.
            created_at: at(2026, 11, 5, 4) + chrono::Duration::minutes(30),
            ..crate::domain::rounds::tests::contribution(number, None)
        }
    }

    /// Four contributions: Cusco's, answered and incorporated; Loreto's by letter (oficio), not
    /// taken up; a reply to Cusco's quoting a passage; Cusco's last one, not yet answered.
    fn contributions() -> Vec<ContributionInfo> {
        let mut cusco = contribution(1, "08", "Incluir la **agricultura familiar** entre las causas.");
        cusco.answer = Some(Answer { state: AnswerState::Acogido, justification: None, revision: Some(7), changed_step: None, place: None });
        let mut loreto = contribution(2, "16", "=HYPERLINK(\"http://x\") Ampliar el plazo de la consulta.");
        loreto.channel = Channel::Oficio;
        loreto.author_id = None;
        loreto.received_on = Some(at(2026, 11, 10, 15));
        loreto.source_document = Some("Oficio N° 045-2026-GRL/DRTPE".into());
        loreto.answer = Some(Answer { state: AnswerState::NoCorresponde, justification: Some("El plazo lo fija el cronograma aprobado.".into()), revision: None, changed_step: None, place: None });
        let mut reply = contribution(3, "08", "Coincidimos; añadir la minería informal.");
        reply.parent = Some("c1".into());
        reply.passage = Some("causas directas".into());
        reply.step = 4;
        reply.answer = Some(Answer { state: AnswerState::AcogidoParcialmente, justification: Some("Se añade como causa indirecta.".into()), revision: Some(8), changed_step: None, place: None });
        let last = contribution(4, "08", "Precisar la fuente de la ETI 2015.");
        vec![cusco, loreto, reply, last]
    }

    fn reader(role: Role, jurisdiction: Option<&str>) -> User {
        User {
            id: jurisdiction.map_or("u0".into(), |j| format!("u{j}")),
            email: "lector@example.pe".into(),
            name: "Lector".into(),
            organisation: None,
            jurisdiction: jurisdiction.map(String::from),
            roles: vec![role],
            policies: vec!["PNMPETI".into()],
            active: true,
        }
    }

    fn names() -> Vec<Jurisdiction> {
        [("08", "Cusco"), ("16", "Loreto")]
            .map(|(ubigeo, name)| Jurisdiction { ubigeo: ubigeo.into(), name: name.into(), cdrpeti_2023: CdrpetiState::SinDato })
            .to_vec()
    }

    fn csv_text(round: &RoundInfo, user: &User, filter: &MatrixFilter) -> String {
        let rows = rows_of(round, user, &contributions(), &names(), filter, at(2026, 11, 30, 15));
        let bytes = csv_bytes(&t().matrix_columns.map(String::from), &rows).unwrap();
        String::from_utf8(bytes[3..].to_vec()).unwrap()
    }

    /// The team's matrix: every row, every answer, Lima's dates, the formula defused.
    #[test]
    fn the_teams_csv() {
        insta::assert_snapshot!(csv_text(&consultation(false), &reader(Role::Equipo, None), &MatrixFilter::default()));
    }

    /// Cusco before the answers are published: its own rows, no answers.
    #[test]
    fn a_regions_csv_before_publication() {
        insta::assert_snapshot!(csv_text(&consultation(false), &reader(Role::Participante, Some("08")), &MatrixFilter::default()));
    }

    /// The team's matrix filtered to one answer state.
    #[test]
    fn a_filtered_csv() {
        let filter = MatrixFilter { answer: Some("sin".into()), ..MatrixFilter::default() };
        insta::assert_snapshot!(csv_text(&consultation(true), &reader(Role::Equipo, None), &filter));
    }

    /// The deliverable's workbook as a spreadsheet reads it: title rows, headers, every cell.
    #[test]
    fn the_deliverables_xlsx() {
        use calamine::Reader;
        let (round, user) = (consultation(true), reader(Role::Directivo, None));
        let rows = titled_rows(&round, &user, &contributions(), &names(), &MatrixFilter::default(), at(2026, 11, 30, 15));
        let bytes = xlsx(t().matrix_title, "PNMPETI · Entregable 2", &deliverable_headers(), &rows).unwrap();
        let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let sheet = book.worksheet_range("Matriz de aportes").unwrap();
        let table: Vec<String> = sheet.rows().map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(" | ")).collect();
        insta::assert_snapshot!(table.join("\n"));
    }

    /// CEPLAN's observations on the version sent, answered as the matriz de levantamiento says:
    /// the workbook the team sends back, read as a spreadsheet reads it.
    #[test]
    fn the_lifting_matrix() {
        use calamine::Reader;
        let mut round = consultation(false);
        round.kind = RoundKind::ObservacionesCeplan;
        round.title = "Observaciones del CEPLAN al Entregable 2 (Informe N° 12-2026-CEPLAN/DNCP)".into();
        let observation = |n: u32, body: &str| ContributionInfo { author: "Analista CEPLAN".into(), organisation: Some("CEPLAN".into()), jurisdiction: None, ..contribution(n, "08", body) };
        let mut first = observation(1, "Precisar la fuente del indicador.\nLa ETI 2015 no es la última medición.");
        first.anchor = Some("p3-4".into());
        first.passage = Some("la tasa de trabajo infantil de 2015".into());
        first.answer = Some(Answer { state: AnswerState::Levantada, justification: None, revision: Some(9), changed_step: Some(4), place: Some("Paso 4, ficha del IOP1.1".into()) });
        let mut second = observation(2, "1. Ordenar las causas.\n2. Añadir la minería informal.");
        second.answer = Some(Answer { state: AnswerState::NoLevantada, justification: Some("La minería informal ya figura como causa indirecta CI 2.3.".into()), revision: None, changed_step: None, place: None });
        let mut reply = observation(3, "Se revisará en el taller.");
        reply.parent = Some("c2".into());
        let third = observation(4, "Revisar la redacción del paso 3.");
        let rows = lifting_rows(&round, &reader(Role::Equipo, None), &[first, second, reply, third], at(2026, 11, 30, 15));
        let bytes = xlsx(t().lifting_sheet, &lifting_heading(&round, "Política Nacional Multisectorial").replace('\n', " · "), &t().lifting_columns.map(String::from), &rows).unwrap();
        let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let sheet = book.worksheet_range("Levantamiento").unwrap();
        let table: Vec<String> = sheet.rows().map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(" | ")).collect();
        insta::assert_snapshot!(table.join("\n"));
        // The Word document carries the same rows, the lines typed kept.
        let parts = vec![crate::paper::Part::Table { headers: t().lifting_columns.map(String::from).to_vec(), rows, shares: vec![1, 4, 8, 3, 8, 4] }];
        let doc = docx_rs::read_docx(&crate::paper::docx(&parts, true).unwrap()).unwrap();
        let json = serde_json::to_string(&doc.document).unwrap();
        for needle in ["No levantada – se sustenta", "Paso 4, ficha del IOP1.1 · Paso 4, revisión 9", "2. Añadir la minería informal.", "Paso 3, párrafo 4: «la tasa"] {
            assert!(json.contains(needle), "{needle}");
        }
    }

    /// Any text at all: every Unicode scalar, control characters included, often at the start.
    fn anything() -> impl Strategy<Value = String> {
        let lead = prop_oneof![Just(String::new()), "[=+@\\-\t\r\u{0}\u{b}\u{c}]".prop_map(String::from)];
        (lead, proptest::collection::vec(any::<char>(), 0..60)).prop_map(|(lead, rest)| lead + &rest.into_iter().collect::<String>())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, rng_seed: proptest::test_runner::RngSeed::Fixed(87), failure_persistence: None, ..ProptestConfig::default() })]

        /// The CSV reads back with a CSV reader: the same rows and columns, no cell that runs as a
        /// formula, no control character but line breaks and tabs.
        #[test]
        fn the_csv_reads_back_whatever_was_typed(rows in proptest::collection::vec(proptest::collection::vec(anything(), 3), 0..8)) {
            let headers = vec!["N°".to_string(), "Aporte".to_string(), "Respuesta".to_string()];
            let bytes = super::csv_bytes(&headers, &rows).unwrap();
            let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(&bytes[3..]);
            let read: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().unwrap();
            prop_assert_eq!(read.len(), rows.len());
            for record in &read {
                prop_assert_eq!(record.len(), 3);
                for cell in record.iter() {
                    prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{:?}", cell);
                    prop_assert!(!cell.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')), "{:?}", cell);
                }
            }
        }

        /// The workbook opens (its XML parses) and keeps every printable character typed.
        #[test]
        fn the_xlsx_opens_whatever_was_typed(title in anything(), rows in proptest::collection::vec(proptest::collection::vec(anything(), 2), 1..6)) {
            use calamine::Reader;
            let headers = vec!["Aporte".to_string(), "Justificación".to_string()];
            let bytes = super::xlsx(t().matrix_title, &title, &headers, &rows).unwrap();
            let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
            let sheet = book.worksheet_range("Matriz de aportes").unwrap();
            for (i, row) in rows.iter().enumerate() {
                for (j, value) in row.iter().enumerate() {
                    let expected = crate::domain::text::workbook_cell(value);
                    let got = sheet.get_value((3 + i as u32, j as u32)).map(|c| c.to_string()).unwrap_or_default();
                    prop_assert_eq!(got.replace("\r\n", "\n"), expected.replace("\r\n", "\n"));
                }
            }
        }
    }
}

//! Rounds from plain forms: open one, contribute (anchored to a paragraph), transcribe a
//! contribution that came by another channel, answer, publish, close, systematize; and the matriz
//! de aportes as CSV and XLSX. Refusals go back to the form with the reason and what was typed.
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use chrono::{NaiveDate, Utc};
use pasos_app::api::MatrixFilter;
use pasos_app::auth::CurrentUser;
use pasos_app::domain::rounds::{check_answer, check_contribution, check_round, check_systematize, Channel, RoundError, RoundForm};
use pasos_app::domain::{may, steps_of, Action, Jurisdiction, Policy, Resource, Role};
use pasos_app::i18n::t;
use pasos_app::model::{ContributionInfo, RoundInfo, User};
use pasos_app::store::{NewContribution, Store};

use crate::or_answer;
use crate::forms::{Path, found, attachment, all, back, one, parse, signed_in, unavailable};
use crate::router::AppState;

fn forbidden() -> Response {
    (StatusCode::FORBIDDEN, "Su cuenta no tiene permiso para esta acción en esta ronda.").into_response()
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "No encontramos esa ronda, política o aporte.").into_response()
}

/// The signed-in reader and the round they address.
async fn reader_and_round<'a>(state: &AppState, current: &'a CurrentUser, id: &str) -> Result<(&'a User, RoundInfo), Response> {
    let user = signed_in(current)?;
    Ok((user, load(&state.store, id).await?))
}

async fn load(store: &Store, id: &str) -> Result<RoundInfo, Response> {
    found(store.round(id).await, not_found)
}

/// `POST /politicas/{code}/entregables/{n}/rondas`: the team opens a round on a frozen version.
pub async fn create(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    Path((code, n)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let code = Policy::normalize_code(&code);
    let user = or_answer!(signed_in(&current));
    let Some(n) = n.parse::<u8>().ok().filter(|n| (1..=5).contains(n)) else { return not_found() };
    or_answer!(found(state.store.policy(&code).await, not_found));
    if !may(&user.actor(), Action::ManageRounds, Resource::Policy(&code)) {
        return forbidden();
    }
    let f = parse(&body);
    let page = format!("/politicas/{}/entregables/{n}", code.to_lowercase());
    let form = RoundForm {
        kind: one(&f, "tipo"),
        title: one(&f, "titulo"),
        version: one(&f, "version_ronda"),
        steps: all(&f, "pasos"),
        opens: one(&f, "abre"),
        closes: one(&f, "cierra"),
        jurisdictions: all(&f, "regiones"),
        organisations: one(&f, "organizaciones"),
        users: one(&f, "cuentas"),
    };
    let (versions, jurisdictions, sent) =
        match tokio::try_join!(state.store.versions(&code, n), state.store.jurisdictions(), state.store.sent_versions(&code, n)) {
            Ok(v) => v,
            Err(e) => return unavailable(e),
        };
    let versions: Vec<u32> = versions.iter().map(|v| v.number).collect();
    let known: Vec<String> = jurisdictions.into_iter().map(|j| j.ubigeo).collect();
    let steps: Vec<u8> = steps_of(n).map(|s| s.number).collect();
    let round = match check_round(&form, &versions, &sent, &steps, &known, Utc::now()) {
        Ok(r) => r,
        Err(e) => return back(&page, e.key(), &f, "rondas"),
    };
    match state.store.create_round(&code, n, &round, &user.author(), false).await {
        Ok(id) => Redirect::to(&format!("/rondas/{id}")).into_response(),
        Err(e) => unavailable(e),
    }
}

/// `POST /rondas/{id}/aportes`: an invited reader comments on a paragraph, a step, or replies.
pub async fn contribute(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let (user, round) = or_answer!(reader_and_round(&state, &current, &id).await);
    let f = parse(&body);
    let page = format!("/rondas/{id}");
    if !may(&user.actor(), Action::Contribute, Resource::Round(round.reference(user))) {
        // Invited, but the window is not open: say so; otherwise it is not theirs to write.
        if round.invites(user) || may(&user.actor(), Action::ManageRounds, Resource::Policy(&round.policy_code)) {
            return back(&page, RoundError::NotOpen.key(), &f, "comentar");
        }
        return forbidden();
    }
    let Some(step) = one(&f, "paso").parse::<u8>().ok().filter(|s| round.steps.contains(s)) else {
        return back(&page, RoundError::BadStep.key(), &f, "comentar");
    };
    let text = match check_contribution(&one(&f, "texto")) {
        Ok(t) => t,
        Err(e) => return back(&page, e.key(), &f, "comentar"),
    };
    // The quoted passage comes from the frozen text itself, never from the form.
    let anchor = Some(one(&f, "parrafo")).filter(|a| !a.is_empty());
    let readable_text = match round.version {
        Some(v) => match pasos_app::api::may_read_round_text(&state.store, &user.actor(), &round, v).await {
            Ok(r) => r,
            Err(_) => return back(&page, RoundError::BadStep.key(), &f, "comentar"),
        },
        None => false,
    };
    let passage = match (&anchor, round.version.filter(|_| readable_text)) {
        (Some(a), Some(v)) => {
            let texts = match state.store.version_text(&round.policy_code, round.deliverable, v).await {
                Ok(t) => t.unwrap_or_default(),
                Err(e) => return unavailable(e),
            };
            let blocks = texts.iter().find(|t| t.step == step).map(pasos_app::api::step_blocks).unwrap_or_default();
            match blocks.into_iter().find(|b| &b.anchor == a) {
                Some(b) => Some(b.text.chars().take(500).collect::<String>()),
                None => return back(&page, RoundError::BadStep.key(), &f, "comentar"),
            }
        }
        _ => None,
    };
    // A reply answers a contribution of this same round.
    let parent = Some(one(&f, "responde")).filter(|p| !p.is_empty());
    if let Some(p) = &parent {
        match state.store.contributions_of(&round).await {
            Ok(list) if list.iter().any(|c| &c.id == p) => {}
            Ok(_) => return back(&page, RoundError::BadStep.key(), &f, "comentar"),
            Err(e) => return unavailable(e),
        }
    }
    let contribution = NewContribution {
        parent,
        author: user.author(),
        author_name: user.name.clone(),
        organisation: user.organisation.clone(),
        jurisdiction: user.jurisdiction.clone(),
        channel: Channel::Plataforma,
        step,
        anchor: passage.as_ref().and(anchor),
        passage,
        body: text,
        received_on: None,
        source_document: None,
        recorded_by: None,
        illustrative: false,
    };
    match state.store.add_contribution(&id, contribution).await {
        Ok(n) => Redirect::to(&format!("{page}?enviado={n}#aporte-{n}")).into_response(),
        Err(e) => unavailable(e),
    }
}

/// `POST /rondas/{id}/aportes-externos`: the team transcribes a contribution from a workshop, an
/// e-mail or an oficio, on behalf of a jurisdiction or organisation.
pub async fn record_external(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let (user, round) = or_answer!(reader_and_round(&state, &current, &id).await);
    if !may(&user.actor(), Action::ManageRounds, Resource::Round(round.reference(user))) {
        return forbidden();
    }
    let f = parse(&body);
    let page = format!("/rondas/{id}");
    let Some(channel) = Channel::from_key(&one(&f, "canal")).filter(|c| *c != Channel::Plataforma) else {
        return back(&page, RoundError::BadChannel.key(), &f, "externo");
    };
    let Some(step) = one(&f, "paso").parse::<u8>().ok().filter(|s| round.steps.contains(s)) else {
        return back(&page, RoundError::BadStep.key(), &f, "externo");
    };
    let today = pasos_app::format::today();
    let Some(received) = NaiveDate::parse_from_str(one(&f, "fecha").trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| *d <= today && *d >= pasos_app::domain::event::EARLIEST_DATE)
    else {
        return back(&page, RoundError::BadDate.key(), &f, "externo");
    };
    let author = one(&f, "autor").trim().to_string();
    let organisation = one(&f, "organizacion").trim().to_string();
    let region = one(&f, "region");
    if author.is_empty() && organisation.is_empty() && region.is_empty() {
        return back(&page, RoundError::MissingSource.key(), &f, "externo");
    }
    let text = match check_contribution(&one(&f, "texto")) {
        Ok(t) => t,
        Err(e) => return back(&page, e.key(), &f, "externo"),
    };
    let name = if author.is_empty() { organisation.clone() } else { author };
    let contribution = NewContribution {
        parent: None,
        author: pasos_app::store::Author::System("externo"),
        author_name: if name.is_empty() { region.clone() } else { name },
        organisation: Some(organisation).filter(|o| !o.is_empty()),
        jurisdiction: Some(region).filter(|r| !r.is_empty()),
        channel,
        step,
        anchor: None,
        passage: None,
        body: text,
        received_on: received.and_hms_opt(12, 0, 0).map(|d| d.and_utc()),
        source_document: Some(one(&f, "documento").trim().to_string()).filter(|d| !d.is_empty()),
        recorded_by: Some(user.name.clone()),
        illustrative: false,
    };
    match state.store.add_contribution(&id, contribution).await {
        Ok(n) => Redirect::to(&format!("{page}?registrado={n}#aporte-{n}")).into_response(),
        Err(e) => unavailable(e),
    }
}

/// `POST /rondas/{id}/aportes/{cid}/respuesta`: the team's answer to one contribution.
pub async fn answer(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    Path((id, cid)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let (user, round) = or_answer!(reader_and_round(&state, &current, &id).await);
    let contributions = match state.store.contributions_of(&round).await {
        Ok(c) => c,
        Err(e) => return unavailable(e),
    };
    let Some(c) = contributions.iter().find(|c| c.id == cid) else { return not_found() };
    let actor = user.actor();
    let resource = Resource::Contribution { round: round.reference(user), jurisdiction: c.jurisdiction.as_deref(), author_id: "" };
    if !may(&actor, Action::AnswerContribution, resource) {
        return forbidden();
    }
    let f = parse(&body);
    let page = format!("/rondas/{id}");
    let anchor = format!("aporte-{}", c.number);
    if round.systematized {
        return back(&page, RoundError::AlreadySystematized.key(), &f, &anchor);
    }
    let answer = match check_answer(&one(&f, "estado"), &one(&f, "justificacion"), &one(&f, "revision")) {
        Ok(a) => a,
        Err(e) => {
            let mut f = f;
            f.push(("aporte".into(), cid.clone()));
            return back(&page, e.key(), &f, &anchor);
        }
    };
    match state.store.answer_contribution(&cid, &answer, &user.author()).await {
        Ok(()) => Redirect::to(&format!("{page}?respondido={}#{anchor}", c.number)).into_response(),
        Err(e) => unavailable(e),
    }
}

/// `POST /rondas/{id}/{accion}`: publish the answers, close the window, or systematize.
pub async fn act(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    Path((id, action)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let (user, round) = or_answer!(reader_and_round(&state, &current, &id).await);
    let actor = user.actor();
    let team = may(&actor, Action::ManageRounds, Resource::Round(round.reference(user)));
    let f = parse(&body);
    let page = format!("/rondas/{id}");
    let done = |what: &str| Redirect::to(&format!("{page}?hecho={what}#gestion")).into_response();
    let result = match action.as_str() {
        "publicar" if team => state.store.publish_answers(&round, &user.author()).await.map(|_| done("publicar")),
        "cerrar" if team => state.store.close_round(&round, &user.author()).await.map(|_| done("cerrar")),
        "sistematizar" => {
            // The team closes a round whose contributions all have answers; a directivo may force it.
            let forced = actor.has(Role::Directivo).then(|| one(&f, "motivo"));
            if !team && forced.is_none() {
                return forbidden();
            }
            if round.systematized {
                return back(&page, RoundError::AlreadySystematized.key(), &f, "gestion");
            }
            let unanswered = match state.store.contributions_of(&round).await {
                Ok(c) => c.iter().filter(|c| c.answer.is_none()).count(),
                Err(e) => return unavailable(e),
            };
            let forced = forced.filter(|_| unanswered > 0);
            match check_systematize(unanswered, forced.as_deref()) {
                Ok(reason) => state.store.systematize_round(&round, reason.as_deref(), &user.author()).await.map(|_| done("sistematizar")),
                Err(e) => return back(&page, e.key(), &f, "gestion"),
            }
        }
        "publicar" | "cerrar" => return forbidden(),
        _ => return not_found(),
    };
    result.unwrap_or_else(unavailable)
}

#[derive(serde::Deserialize, Default)]
pub struct MatrixQuery {
    region: Option<String>,
    paso: Option<String>,
    respuesta: Option<String>,
}

impl MatrixQuery {
    fn filter(&self) -> MatrixFilter {
        let text = |v: &Option<String>| v.clone().filter(|s| !s.is_empty());
        MatrixFilter { jurisdiction: text(&self.region), step: text(&self.paso).and_then(|s| s.parse().ok()), answer: text(&self.respuesta) }
    }
}

/// The rows of a round's matrix this reader may see, filtered, with the headers.
async fn matrix_rows(state: &AppState, user: &User, id: &str, q: &MatrixQuery) -> Result<(RoundInfo, Vec<Vec<String>>), Response> {
    let round = load(&state.store, id).await?;
    if !may(&user.actor(), Action::ReadRound, Resource::Round(round.reference(user))) {
        return Err(forbidden());
    }
    let contributions = state.store.contributions_of(&round).await.map_err(unavailable)?;
    let names = state.store.jurisdictions().await.map_err(unavailable)?;
    let rows = rows_of(&round, user, &contributions, &names, &q.filter());
    Ok((round, rows))
}

/// A round's contributions as matrix rows, as this reader may see them.
fn rows_of(round: &RoundInfo, user: &User, contributions: &[ContributionInfo], names: &[Jurisdiction], filter: &MatrixFilter) -> Vec<Vec<String>> {
    let t = t();
    let readable = round.readable(user, contributions);
    readable
        .iter()
        .filter(|c| filter.keeps(c))
        .map(|c: &ContributionInfo| {
            let answer = c.answer.as_ref();
            vec![
                c.number.to_string(),
                c.received_on.unwrap_or(c.created_at).with_timezone(&pasos_app::format::lima()).format("%d/%m/%Y").to_string(),
                c.author.clone(),
                c.organisation.clone().unwrap_or_default(),
                c.jurisdiction.as_ref().and_then(|u| names.iter().find(|j| &j.ubigeo == u)).map(|j| j.name.clone()).unwrap_or_default(),
                t.channel(c.channel).to_string(),
                c.step.to_string(),
                c.passage.clone().unwrap_or_default(),
                c.replies_to(contributions, &readable).unwrap_or_default(),
                c.body.clone(),
                answer.map(|a| t.answer_state(a.state).to_string()).unwrap_or_else(|| t.unanswered.to_string()),
                answer.and_then(|a| a.justification.clone()).unwrap_or_default(),
                answer.and_then(|a| a.revision).map(|r| r.to_string()).unwrap_or_default(),
            ]
        })
        .collect()
}

/// The rounds of a deliverable this reader may read, oldest first.
async fn readable_rounds(state: &AppState, user: &User, code: &str, n: u8) -> Result<Vec<RoundInfo>, Response> {
    let rounds = state.store.rounds(Some(code), Some(n)).await.map_err(unavailable)?;
    Ok(rounds.into_iter().rev().filter(|r| may(&user.actor(), Action::ReadRound, Resource::Round(r.reference(user)))).collect())
}

/// A round's rows in the deliverable's matrix: each led by the round's title.
fn titled_rows(round: &RoundInfo, user: &User, contributions: &[ContributionInfo], names: &[Jurisdiction], filter: &MatrixFilter) -> Vec<Vec<String>> {
    rows_of(round, user, contributions, names, filter).into_iter().map(|r| std::iter::once(round.title.clone()).chain(r).collect()).collect()
}

/// The rows of every round of a deliverable this reader may read, each row led by its round.
async fn deliverable_rows(state: &AppState, user: &User, code: &str, n: u8, q: &MatrixQuery) -> Result<Vec<Vec<String>>, Response> {
    let names = state.store.jurisdictions().await.map_err(unavailable)?;
    let filter = q.filter();
    let mut out = Vec::new();
    for round in readable_rounds(state, user, code, n).await? {
        let contributions = state.store.contributions(&round.id).await.map_err(unavailable)?;
        out.extend(titled_rows(&round, user, &contributions, &names, &filter));
    }
    Ok(out)
}

/// The deliverable's CSV sent round by round as it is read, so that a matrix of tens of thousands
/// of rows never sits whole in memory (sixteen downloads at once held 400 MB). A failure halfway
/// ends the download early, which the browser reports as failed rather than as a shorter file.
async fn deliverable_csv_stream(
    state: &AppState,
    user: &User,
    code: &str,
    n: u8,
    q: &MatrixQuery,
    headers: &[String],
    name: &str,
) -> Result<Response, Response> {
    use futures::StreamExt;
    let rounds = readable_rounds(state, user, code, n).await?;
    let names = std::sync::Arc::new(state.store.jurisdictions().await.map_err(unavailable)?);
    let (store, user, filter) = (state.store.clone(), user.clone(), q.filter());
    let first = csv_bytes(headers, &[]).ok_or_else(|| (StatusCode::INTERNAL_SERVER_ERROR, "No se pudo generar la matriz.").into_response())?;
    let chunks = futures::stream::iter(rounds).then(move |round| {
        let (store, user, filter, names) = (store.clone(), user.clone(), filter.clone(), names.clone());
        async move {
            let contributions = store.contributions(&round.id).await.map_err(|e| {
                tracing::error!(error = %e, "matriz CSV interrumpida");
                std::io::Error::other("matriz interrumpida")
            })?;
            csv_records(&titled_rows(&round, &user, &contributions, &names, &filter)).map(Bytes::from).ok_or_else(|| std::io::Error::other("CSV"))
        }
    });
    let body = axum::body::Body::from_stream(futures::stream::once(async move { Ok(Bytes::from(first)) }).chain(chunks));
    Ok(attachment(&format!("{name}.csv"), "text/csv; charset=utf-8", body))
}

/// `GET /politicas/{code}/entregables/{n}/matriz.csv`: every round of the deliverable.
pub async fn deliverable_csv(
    state: State<AppState>,
    current: Extension<CurrentUser>,
    path: Path<(String, String)>,
    q: Query<MatrixQuery>,
) -> Response {
    deliverable_matrix(state, current, path, q, "csv").await
}

/// `GET /politicas/{code}/entregables/{n}/matriz.xlsx`.
pub async fn deliverable_xlsx(
    state: State<AppState>,
    current: Extension<CurrentUser>,
    path: Path<(String, String)>,
    q: Query<MatrixQuery>,
) -> Response {
    deliverable_matrix(state, current, path, q, "xlsx").await
}

async fn deliverable_matrix(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    Path((code, n)): Path<(String, String)>,
    Query(q): Query<MatrixQuery>,
    format: &str,
) -> Response {
    let user = or_answer!(signed_in(&current));
    let code = Policy::normalize_code(&code);
    let Some(n) = n.parse::<u8>().ok() else { return not_found() };
    let headers: Vec<String> = std::iter::once(t().matrix_round_column).chain(t().matrix_columns).map(String::from).collect();
    let name = format!("matriz-de-aportes-{code}-E{n}");
    if format == "csv" {
        return or_answer!(deliverable_csv_stream(&state, user, &code, n, &q, &headers, &name).await);
    }
    let rows = or_answer!(deliverable_rows(&state, user, &code, n, &q).await);
    match format {
        "xlsx" => match xlsx(&format!("{code} · Entregable {n}"), &headers, &rows) {
            Ok(bytes) => attachment(&format!("{name}.xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes),
            Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "No se pudo generar la matriz.").into_response(),
        },
        _ => not_found(),
    }
}

/// `GET /rondas/{id}/matriz.csv`: UTF-8 with a byte-order mark, so Excel reads the accents right.
pub async fn matrix_csv(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    Path(id): Path<String>,
    Query(q): Query<MatrixQuery>,
) -> Response {
    let user = or_answer!(signed_in(&current));
    let (round, rows) = or_answer!(matrix_rows(&state, user, &id, &q).await);
    match csv_bytes(&t().matrix_columns.map(String::from), &rows) {
        Some(out) => attachment(&format!("matriz-de-aportes-{}-E{}.csv", round.policy_code, round.deliverable), "text/csv; charset=utf-8", out),
        None => (StatusCode::INTERNAL_SERVER_ERROR, "No se pudo generar la matriz.").into_response(),
    }
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
    use pasos_app::domain::text::spreadsheet_cell;
    let mut out = Vec::new();
    {
        let mut w = csv::Writer::from_writer(&mut out);
        rows.iter().try_for_each(|r| w.write_record(r.iter().map(|cell| spreadsheet_cell(cell).into_owned()))).ok()?;
        w.flush().ok()?;
    }
    Some(out)
}

/// `GET /rondas/{id}/matriz.xlsx`.
pub async fn matrix_xlsx(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentUser>,
    Path(id): Path<String>,
    Query(q): Query<MatrixQuery>,
) -> Response {
    let user = or_answer!(signed_in(&current));
    let (round, rows) = or_answer!(matrix_rows(&state, user, &id, &q).await);
    match xlsx(&round.title, &t().matrix_columns.map(String::from), &rows) {
        Ok(bytes) => attachment(
            &format!("matriz-de-aportes-{}-E{}.xlsx", round.policy_code, round.deliverable),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            bytes,
        ),
        Err(e) => {
            tracing::error!(error = %e, "no se pudo generar el XLSX");
            (StatusCode::INTERNAL_SERVER_ERROR, "No se pudo generar la matriz.").into_response()
        }
    }
}

/// The matrix as a workbook. Cells are written as text (never formulas); characters XML cannot
/// carry are removed.
fn xlsx(title: &str, headers: &[String], rows: &[Vec<String>]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use pasos_app::domain::text::workbook_cell;
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Matriz de aportes")?;
    let bold = Format::new().set_bold().set_text_wrap();
    let wrap = Format::new().set_text_wrap();
    sheet.write_string(0, 0, workbook_cell(title))?;
    for (col, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(2, col as u16, h, &bold)?;
    }
    // Numbers stay numbers (N° and Paso), wherever those columns are.
    let numeric: Vec<usize> = headers.iter().enumerate().filter(|(_, h)| *h == "N°" || *h == "Paso").map(|(i, _)| i).collect();
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
        let width = match h.as_str() { "Aporte" => 60, "Pasaje" | "Justificación" | "Ronda" | "Responde a" => 40, "N°" | "Paso" => 6, _ => 18 };
        sheet.set_column_width(col as u16, width)?;
    }
    sheet.set_freeze_panes(3, 0)?;
    book.save_to_buffer()
}

/// `POST /avisos/leidos`: marks every notice of the user as read.
pub async fn mark_read(State(state): State<AppState>, Extension(current): Extension<CurrentUser>) -> Response {
    let user = or_answer!(signed_in(&current));
    match state.store.mark_notifications_read(&user.id).await {
        Ok(()) => Redirect::to("/avisos").into_response(),
        Err(e) => unavailable(e),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

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
            let bytes = super::xlsx(&title, &headers, &rows).unwrap();
            let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
            let sheet = book.worksheet_range("Matriz de aportes").unwrap();
            for (i, row) in rows.iter().enumerate() {
                for (j, value) in row.iter().enumerate() {
                    let expected = pasos_app::domain::text::workbook_cell(value);
                    let got = sheet.get_value((3 + i as u32, j as u32)).map(|c| c.to_string()).unwrap_or_default();
                    prop_assert_eq!(got.replace("\r\n", "\n"), expected.replace("\r\n", "\n"));
                }
            }
        }
    }
}

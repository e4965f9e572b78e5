//! Every address of Pasos, built in one place: the patterns the routes are registered under and
//! the functions that build the links and redirects that point to them. Policy codes go into
//! addresses in lower case.

/// Route patterns (axum's `{param}` syntax), for the form handlers and downloads.
pub const SIGN_IN: &str = "/ingresar";
/// The query key under which the sign-in page carries where to go next: the field `siguiente` of
/// `accounts::form::SignInForm` (which checks, as it compiles, that the two agree).
pub const SIGN_IN_NEXT: &str = "siguiente";
pub const SIGN_OUT: &str = "/salir";
/// The page a reader offline gets for a page not kept on their device (no one's data on it).
pub const OFFLINE: &str = "/sin-conexion";
/// The script of signed-in pages that keeps consultations readable offline (`public/`).
pub const OFFLINE_SCRIPT: &str = "/sin-conexion.js";
/// The service worker that script registers (`public/`).
pub const SERVICE_WORKER: &str = "/sw.js";
pub const ACCOUNT: &str = "/cuenta";
pub const PASSWORD: &str = "/cuenta/clave";
/// How the signed-in user hears of their notices by e-mail.
pub const MAIL_FREQUENCY: &str = "/cuenta/correos";
pub const USERS: &str = "/admin/usuarios";
pub const USER: &str = "/admin/usuarios/{id}";
pub const USER_PASSWORD: &str = "/admin/usuarios/{id}/clave";
pub const AUDIT: &str = "/admin/auditoria";
/// The outbox of notices by e-mail, for the administrators.
pub const OUTBOX: &str = "/admin/correos";
pub const MAIL_RETRY: &str = "/admin/correos/{id}/reintentar";
pub const EDITOR: &str = "/politicas/{code}/pasos/{n}/editar";
pub const STRUCTURE: &str = "/politicas/{code}/pasos/{n}/estructura";
pub const CONSISTENCY_XLSX: &str = "/politicas/{code}/matriz-de-consistencia.xlsx";
pub const VERSIONS: &str = "/politicas/{code}/entregables/{n}/versiones";
pub const DOCUMENT_DOCX: &str = "/politicas/{code}/entregables/{n}/documento.docx";
pub const ANNEXES_XLSX: &str = "/politicas/{code}/entregables/{n}/anexos.xlsx";
pub const IMPORT: &str = "/politicas/{code}/entregables/{n}/importar";
pub const IMPORT_SAVE: &str = "/politicas/{code}/entregables/{n}/importar/guardar";
pub const TRANSITIONS: &str = "/politicas/{code}/entregables/{n}/transiciones";
pub const MILESTONES: &str = "/politicas/{code}/hitos";
pub const PLAN: &str = "/politicas/{code}/plan";
pub const EXPEDIENTE: &str = "/politicas/{code}/expediente";
pub const EXPEDIENTE_ZIP: &str = "/politicas/{code}/expediente.zip";
pub const DOCUMENT_FILE: &str = "/expediente/archivos/{id}";
pub const WORKSHOPS: &str = "/politicas/{code}/talleres";
pub const WORKSHOP: &str = "/talleres/{id}";
pub const WORKSHOP_MINUTES: &str = "/talleres/{id}/acta";
pub const WORKSHOP_CALL: &str = "/talleres/{id}/convocatoria";
pub const WORKSHOP_ATTENDEES: &str = "/talleres/{id}/asistentes";
pub const WORKSHOP_IMPORT: &str = "/talleres/{id}/asistentes/importar";
pub const WORKSHOP_ATTENDEE_REMOVE: &str = "/talleres/{id}/asistentes/{aid}/quitar";
pub const WORKSHOP_CONTRIBUTIONS: &str = "/talleres/{id}/aportes";
pub const FOLLOWUP: &str = "/politicas/{code}/seguimiento";
pub const FOLLOWUP_THRESHOLDS: &str = "/politicas/{code}/seguimiento/{year}/umbrales";
pub const FOLLOWUP_VALUES: &str = "/politicas/{code}/seguimiento/{year}/valores";
pub const FOLLOWUP_FILES: &str = "/politicas/{code}/seguimiento/{year}/sustento";
pub const FOLLOWUP_ANALYSIS: &str = "/politicas/{code}/seguimiento/{year}/analisis";
pub const FOLLOWUP_REVIEW: &str = "/politicas/{code}/seguimiento/{year}/analisis/revision";
pub const FOLLOWUP_CLOSE: &str = "/politicas/{code}/seguimiento/{year}/cierre";
pub const FOLLOWUP_DOCX: &str = "/politicas/{code}/seguimiento/{year}/reporte.docx";
pub const FOLLOWUP_XLSX: &str = "/politicas/{code}/seguimiento/{year}/reporte.xlsx";
pub const FOLLOWUP_FILE: &str = "/seguimiento/archivos/{id}";
pub const VALIDATIONS: &str = "/politicas/{code}/entregables/{n}/validaciones";
pub const ANNUL: &str = "/politicas/{code}/eventos/{id}/anular";
pub const REPORT_MD: &str = "/politicas/{code}/informe.md";
pub const REPORT_DOCX: &str = "/politicas/{code}/informe.docx";
pub const REPORT_STATUS: &str = "/politicas/{code}/informe/situacion";
pub const NEW_ROUND: &str = "/politicas/{code}/entregables/{n}/rondas";
pub const DELIVERABLE_MATRIX_CSV: &str = "/politicas/{code}/entregables/{n}/matriz.csv";
pub const DELIVERABLE_MATRIX_XLSX: &str = "/politicas/{code}/entregables/{n}/matriz.xlsx";
pub const CONTRIBUTE: &str = "/rondas/{id}/aportes";
pub const EXTERNAL: &str = "/rondas/{id}/aportes-externos";
pub const ANSWER: &str = "/rondas/{id}/aportes/{cid}/respuesta";
pub const MATRIX_CSV: &str = "/rondas/{id}/matriz.csv";
pub const MATRIX_XLSX: &str = "/rondas/{id}/matriz.xlsx";
pub const ROUND_ACTION: &str = "/rondas/{id}/{action}";
pub const LIFTING_DOCX: &str = "/rondas/{id}/levantamiento.docx";
pub const LIFTING_XLSX: &str = "/rondas/{id}/levantamiento.xlsx";
pub const SYSTEMATIZATION: &str = "/rondas/{id}/informe";
pub const SYSTEMATIZATION_DOCX: &str = "/rondas/{id}/informe.docx";
pub const NOTICES: &str = "/avisos";
pub const NOTICES_READ: &str = "/avisos/leidos";
pub const HOME: &str = "/";
pub const DASHBOARD: &str = "/tablero";
pub const ROUNDS: &str = "/rondas";
pub const REGIONS: &str = "/regiones";

fn code(c: &str) -> String {
    c.to_lowercase()
}

/// Only paths inside Pasos are followed after sign-in (never `//host` or `https://…`). A browser
/// drops tabs and line breaks from an address and reads `\\` as `/`, so `/\t/evil.example` and
/// `/\\evil.example` lead elsewhere: any whitespace, control character or backslash is refused.
pub fn local_path(next: &str) -> &str {
    let plain = !next.chars().any(|c| c.is_whitespace() || c.is_control() || c == '\\');
    if plain && next.starts_with('/') && !next.starts_with("//") { next } else { "/" }
}

/// The sign-in page, then `wanted` (a path inside Pasos, with its query; `/` goes unsaid).
pub fn sign_in_then(wanted: &str) -> String {
    if wanted == "/" {
        return SIGN_IN.to_string();
    }
    let encoded = form_urlencoded::byte_serialize(wanted.as_bytes()).collect::<String>().replace("%2F", "/");
    format!("{SIGN_IN}?{SIGN_IN_NEXT}={encoded}")
}

pub fn policy(c: &str) -> String {
    format!("/politicas/{}", code(c))
}
pub fn step(c: &str, n: u8) -> String {
    format!("{}/pasos/{n}", policy(c))
}
pub fn editor(c: &str, n: u8) -> String {
    format!("{}/editar", step(c, n))
}
pub fn history(c: &str, n: u8) -> String {
    format!("{}/historial", step(c, n))
}
/// The change revision `r` of step `n` made: it compared with the one before.
pub fn revision_change(c: &str, n: u8, r: u32) -> String {
    format!("{}?desde={}&hasta={r}#comparacion", history(c, n), r.saturating_sub(1))
}
pub fn structure(c: &str, n: u8) -> String {
    format!("{}/estructura", step(c, n))
}
pub fn consistency(c: &str) -> String {
    format!("{}/matriz-de-consistencia", policy(c))
}
pub fn consistency_xlsx(c: &str) -> String {
    format!("{}.xlsx", consistency(c))
}
pub fn deliverable(c: &str, n: u8) -> String {
    format!("{}/entregables/{n}", policy(c))
}
pub fn versions(c: &str, n: u8) -> String {
    format!("{}/versiones", deliverable(c, n))
}
pub fn document(c: &str, n: u8) -> String {
    format!("{}/documento", deliverable(c, n))
}
pub fn document_docx(c: &str, n: u8) -> String {
    format!("{}/documento.docx", deliverable(c, n))
}

pub fn annexes_xlsx(c: &str, n: u8) -> String {
    format!("{}/anexos.xlsx", deliverable(c, n))
}
pub fn import(c: &str, n: u8) -> String {
    format!("{}/importar", deliverable(c, n))
}
pub fn import_save(c: &str, n: u8) -> String {
    format!("{}/importar/guardar", deliverable(c, n))
}
pub fn transitions(c: &str, n: u8) -> String {
    format!("{}/transiciones", deliverable(c, n))
}
pub fn new_round(c: &str, n: u8) -> String {
    format!("{}/rondas", deliverable(c, n))
}
/// The whole deliverable's matriz de aportes as `ext` ("csv" or "xlsx").
pub fn deliverable_matrix(c: &str, n: u8, ext: &str) -> String {
    format!("{}/matriz.{ext}", deliverable(c, n))
}
pub fn validations(c: &str, n: u8) -> String {
    format!("{}/validaciones", deliverable(c, n))
}
pub fn milestones(c: &str) -> String {
    format!("{}/hitos", policy(c))
}
/// The policy's work plan (page and form).
pub fn plan(c: &str) -> String {
    format!("{}/plan", policy(c))
}
/// The policy's file of documents (page, and the form that adds one).
pub fn expediente(c: &str) -> String {
    format!("{}/expediente", policy(c))
}
pub fn workshops(c: &str) -> String {
    format!("{}/talleres", policy(c))
}
pub fn workshop(id: &str) -> String {
    format!("/talleres/{id}")
}
pub fn workshop_call(id: &str) -> String {
    format!("/talleres/{id}/convocatoria")
}
pub fn workshop_minutes(id: &str) -> String {
    format!("/talleres/{id}/acta")
}
pub fn workshop_attendees(id: &str) -> String {
    format!("/talleres/{id}/asistentes")
}
pub fn workshop_import(id: &str) -> String {
    format!("/talleres/{id}/asistentes/importar")
}
pub fn workshop_attendee_remove(id: &str, attendee: &str) -> String {
    format!("/talleres/{id}/asistentes/{attendee}/quitar")
}
pub fn workshop_contributions(id: &str) -> String {
    format!("/talleres/{id}/aportes")
}
pub fn expediente_zip(c: &str) -> String {
    format!("{}/expediente.zip", policy(c))
}
/// One file of a document, as a download.
pub fn document_file(id: &str) -> String {
    format!("/expediente/archivos/{id}")
}
pub fn annul(c: &str, event: &str) -> String {
    format!("{}/eventos/{event}/anular", policy(c))
}
/// A policy's follow-up: its reporting periods.
pub fn followup(c: &str) -> String {
    format!("{}/seguimiento", policy(c))
}
/// The reporte de seguimiento of a year, or one of its forms or downloads (`what`: "umbrales",
/// "valores", "sustento", "analisis", "analisis/revision", "cierre", "reporte.docx", "reporte.xlsx"; "" for the page).
pub fn followup_year(c: &str, year: u16, what: &str) -> String {
    if what.is_empty() { format!("{}/{year}", followup(c)) } else { format!("{}/{year}/{what}", followup(c)) }
}
/// A supporting file of a value obtained, as a download.
pub fn followup_file(id: &str) -> String {
    format!("/seguimiento/archivos/{id}")
}
pub fn report(c: &str) -> String {
    format!("{}/informe", policy(c))
}
pub fn report_md(c: &str) -> String {
    format!("{}/informe.md", policy(c))
}
pub fn report_docx(c: &str) -> String {
    format!("{}/informe.docx", policy(c))
}
pub fn report_status(c: &str) -> String {
    format!("{}/informe/situacion", policy(c))
}
pub fn round(id: &str) -> String {
    format!("/rondas/{id}")
}

/// The query key naming the contribution a round page opens at (its page of threads).
pub const FOCUS: &str = "aporte";

/// A contribution where it is: its round at the page of threads that holds it (by its id), at its
/// anchor (the N° its reader sees): "/rondas/r1?aporte=c52#aporte-52".
pub fn contribution(round_id: &str, contribution_id: &str, number: u32) -> String {
    format!("{}?{FOCUS}={contribution_id}#aporte-{number}", round(round_id))
}
pub fn round_matrix(id: &str) -> String {
    format!("{}/matriz", round(id))
}
/// A round's matriz de aportes as `ext` ("csv" or "xlsx").
pub fn round_matrix_file(id: &str, ext: &str) -> String {
    format!("{}/matriz.{ext}", round(id))
}
/// A CEPLAN observations round's matriz de levantamiento as `ext` ("docx" or "xlsx").
pub fn lifting_file(id: &str, ext: &str) -> String {
    format!("{}/levantamiento.{ext}", round(id))
}
/// A consultation's informe de sistematización de aportes.
pub fn systematization(id: &str) -> String {
    format!("{}/informe", round(id))
}
pub fn systematization_docx(id: &str) -> String {
    format!("{}/informe.docx", round(id))
}
pub fn contribute(id: &str) -> String {
    format!("{}/aportes", round(id))
}
pub fn external(id: &str) -> String {
    format!("{}/aportes-externos", round(id))
}
pub fn answer(id: &str, contribution: &str) -> String {
    format!("{}/aportes/{contribution}/respuesta", round(id))
}
/// One of the team's actions on a round ("publicar", "cerrar", "sistematizar").
pub fn round_action(id: &str, action: &str) -> String {
    format!("{}/{action}", round(id))
}
pub fn user(id: &str) -> String {
    format!("{USERS}/{id}")
}
pub fn user_password(id: &str) -> String {
    format!("{}/clave", user(id))
}

pub fn mail_retry(id: &str) -> String {
    format!("{OUTBOX}/{id}/reintentar")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path("/politicas/pnmpetf"), "/politicas/pnmpetf");
        for evil in ["//evil.example", "https://evil.example", "/\\evil.example", "", "javascript:alert(1)", "/\t/evil.example", "/\n/evil.example", "/ /evil.example", "/x\r\nSet-Cookie: a=b", "/a\\b"] {
            assert_eq!(local_path(evil), "/", "{evil}");
        }
    }

    /// The gate's redirect keeps where the reader was going, query included, and nothing for the home page.
    #[test]
    fn sign_in_then_keeps_the_way() {
        assert_eq!(sign_in_then("/"), "/ingresar");
        assert_eq!(sign_in_then("/rondas/r1?pagina=2&x=á"), "/ingresar?siguiente=/rondas/r1%3Fpagina%3D2%26x%3D%C3%A1");
    }

    /// Each builder fills in its route's pattern.
    #[test]
    fn builders_follow_the_patterns() {
        let fill = |pattern: &str, params: &[(&str, &str)]| {
            params.iter().fold(pattern.to_string(), |p, (k, v)| p.replace(&format!("{{{k}}}"), v))
        };
        let pn = [("code", "pnmpeti"), ("n", "2")];
        assert_eq!(editor("PNMPETI", 2), fill(EDITOR, &pn));
        assert_eq!(structure("PNMPETI", 2), fill(STRUCTURE, &pn));
        assert_eq!(consistency_xlsx("PNMPETI"), fill(CONSISTENCY_XLSX, &pn));
        assert_eq!(versions("PNMPETI", 2), fill(VERSIONS, &pn));
        assert_eq!(document_docx("PNMPETI", 2), fill(DOCUMENT_DOCX, &pn));
        assert_eq!(annexes_xlsx("PNMPETI", 2), fill(ANNEXES_XLSX, &pn));
        assert_eq!(transitions("PNMPETI", 2), fill(TRANSITIONS, &pn));
        assert_eq!(milestones("PNMPETI"), fill(MILESTONES, &pn));
        assert_eq!(plan("PNMPETI"), fill(PLAN, &pn));
        assert_eq!(expediente("PNMPETI"), fill(EXPEDIENTE, &pn));
        assert_eq!(expediente_zip("PNMPETI"), fill(EXPEDIENTE_ZIP, &pn));
        assert_eq!(document_file("f1"), fill(DOCUMENT_FILE, &[("id", "f1")]));
        assert_eq!(workshops("PNMPETI"), fill(WORKSHOPS, &pn));
        let w = [("id", "w1"), ("aid", "a1")];
        assert_eq!(workshop("w1"), fill(WORKSHOP, &w));
        assert_eq!(workshop_minutes("w1"), fill(WORKSHOP_MINUTES, &w));
        assert_eq!(workshop_attendees("w1"), fill(WORKSHOP_ATTENDEES, &w));
        assert_eq!(workshop_import("w1"), fill(WORKSHOP_IMPORT, &w));
        assert_eq!(workshop_attendee_remove("w1", "a1"), fill(WORKSHOP_ATTENDEE_REMOVE, &w));
        assert_eq!(workshop_contributions("w1"), fill(WORKSHOP_CONTRIBUTIONS, &w));
        let y = [("code", "pntp"), ("year", "2024")];
        assert_eq!(followup("PNTP"), fill(FOLLOWUP, &y));
        for (what, pattern) in [("umbrales", FOLLOWUP_THRESHOLDS), ("valores", FOLLOWUP_VALUES), ("sustento", FOLLOWUP_FILES), ("analisis", FOLLOWUP_ANALYSIS), ("analisis/revision", FOLLOWUP_REVIEW), ("cierre", FOLLOWUP_CLOSE), ("reporte.docx", FOLLOWUP_DOCX), ("reporte.xlsx", FOLLOWUP_XLSX)] {
            assert_eq!(followup_year("PNTP", 2024, what), fill(pattern, &y), "{what}");
        }
        assert_eq!(followup_file("f1"), fill(FOLLOWUP_FILE, &[("id", "f1")]));
        assert_eq!(validations("PNMPETI", 2), fill(VALIDATIONS, &pn));
        assert_eq!(annul("PNMPETI", "e1"), fill(ANNUL, &[("code", "pnmpeti"), ("id", "e1")]));
        assert_eq!(report_md("PNMPETI"), fill(REPORT_MD, &pn));
        assert_eq!(report_docx("PNMPETI"), fill(REPORT_DOCX, &pn));
        assert_eq!(report_status("PNMPETI"), fill(REPORT_STATUS, &pn));
        assert_eq!(new_round("PNMPETI", 2), fill(NEW_ROUND, &pn));
        assert_eq!(deliverable_matrix("PNMPETI", 2, "csv"), fill(DELIVERABLE_MATRIX_CSV, &pn));
        assert_eq!(deliverable_matrix("PNMPETI", 2, "xlsx"), fill(DELIVERABLE_MATRIX_XLSX, &pn));
        let r = [("id", "r1"), ("cid", "c1"), ("action", "publicar")];
        assert_eq!(contribute("r1"), fill(CONTRIBUTE, &r));
        assert_eq!(external("r1"), fill(EXTERNAL, &r));
        assert_eq!(answer("r1", "c1"), fill(ANSWER, &r));
        assert_eq!(round_matrix_file("r1", "csv"), fill(MATRIX_CSV, &r));
        assert_eq!(round_matrix_file("r1", "xlsx"), fill(MATRIX_XLSX, &r));
        assert_eq!(round_action("r1", "publicar"), fill(ROUND_ACTION, &r));
        assert_eq!(lifting_file("r1", "docx"), fill(LIFTING_DOCX, &r));
        assert_eq!(lifting_file("r1", "xlsx"), fill(LIFTING_XLSX, &r));
        assert_eq!(systematization("r1"), fill(SYSTEMATIZATION, &r));
        assert_eq!(systematization_docx("r1"), fill(SYSTEMATIZATION_DOCX, &r));
        assert_eq!(user("u1"), fill(USER, &[("id", "u1")]));
        assert_eq!(user_password("u1"), fill(USER_PASSWORD, &[("id", "u1")]));
    }
}

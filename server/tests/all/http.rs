//! The HTTP surface, driven in-process against a seeded in-memory database.


use axum::http::StatusCode;
use crate::common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_reports_the_database_without_a_session() {
    let (app, store) = app().await;
    let r = get(&app, "/healthz", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(json["status"], "ok");
    assert_eq!(json["db"], store.scheme());
    assert_eq!(json["version"], env!("CARGO_PKG_VERSION"));

    store.raw().query(format!("REMOVE DATABASE {}", store.database())).await.unwrap().check().unwrap();
    let r = get(&app, "/healthz", None).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.body);
    assert!(r.body.contains("\"status\":\"error\""), "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signed_out_visitors_see_only_the_sign_in_page() {
    let (app, _) = app().await;
    for (uri, next) in [("/", ""), ("/regiones", "?siguiente=/regiones"), ("/politicas/pnmpetf", "?siguiente=/politicas/pnmpetf")] {
        let r = get(&app, uri, None).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{uri}");
        assert_eq!(r.location, format!("/ingresar{next}"), "{uri}");
    }
    let r = get(&app, "/ingresar", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("name=\"contrasena\""));
    let r = post_form(&app, "/api/home", "", ORIGIN, None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "server functions too");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_site_writes_are_refused() {
    let (app, _) = app().await;
    let r = post_form(&app, "/ingresar", "correo=equipo@pasos.demo&contrasena=pasos-demo", "http://evil.example", None).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.cookie.is_none());
    let token = sign_in(&app, "equipo@pasos.demo").await;
    let r = post_form(&app, "/api/home", "", "http://evil.example", Some(&token)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = post_form(&app, "/salir", "", "http://evil.example", Some(&token)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(get(&app, "/", Some(&token)).await.status, StatusCode::OK, "the session survived the forged sign-out");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_e_mail_and_wrong_password_get_the_same_answer() {
    let (app, _) = app().await;
    let unknown = post_form(&app, "/ingresar", "correo=nadie@pasos.demo&contrasena=pasos-demo", ORIGIN, None).await;
    let wrong = post_form(&app, "/ingresar", "correo=equipo@pasos.demo&contrasena=otra-cosa", ORIGIN, None).await;
    for r in [&unknown, &wrong] {
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(r.location.starts_with("/ingresar?error=credenciales&correo="), "{}", r.location);
        assert!(r.cookie.is_none());
    }
    let page = get(&app, &wrong.location, None).await;
    assert!(page.body.contains("El correo o la contraseña no son correctos."));
    assert!(page.body.contains("value=\"equipo@pasos.demo\""), "the e-mail typed is kept");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_failures_throttle_the_account() {
    let (app, _) = app().await;
    for _ in 0..5 {
        post_form(&app, "/ingresar", "correo=cusco@pasos.demo&contrasena=mala-clave", ORIGIN, None).await;
    }
    let r = post_form(&app, "/ingresar", "correo=cusco@pasos.demo&contrasena=pasos-demo", ORIGIN, None).await;
    assert!(r.location.starts_with("/ingresar?error=bloqueado"), "{}", r.location);
    assert!(r.cookie.is_none(), "not even the right password gets in while throttled");
    let page = get(&app, &r.location, None).await;
    assert!(page.body.contains("Demasiados intentos fallidos"));
    sign_in(&app, "loreto@pasos.demo").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_session_survives_sign_out() {
    let (app, store) = app().await;
    let token = sign_in(&app, "directivo@pasos.demo").await;
    assert_eq!(get(&app, "/", Some(&token)).await.status, StatusCode::OK);
    let r = post_form(&app, "/salir", "", ORIGIN, Some(&token)).await;
    // A page of its own that goes on at once to the sign-in form, whose answer clears the
    // browser's cache again: the page "Salir" was pressed on enters the back-forward cache only
    // once this one shows, and Back must not bring it up.
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("<meta http-equiv=\"refresh\" content=\"0; url=/ingresar?aviso=salida\">") && r.body.contains("href=\"/ingresar?aviso=salida\""), "{}", r.body);
    let cleared = |r: &Reply| r.headers.get("clear-site-data").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    assert_eq!(cleared(&r), "\"cache\", \"storage\"");
    assert!(r.cookie.unwrap().contains("Max-Age=0"));
    assert_eq!(cleared(&get(&app, "/ingresar?aviso=salida", None).await), "\"cache\"");
    assert_eq!(cleared(&get(&app, "/ingresar", None).await), "", "only on the way out");
    assert_eq!(get(&app, "/", Some(&token)).await.status, StatusCode::SEE_OTHER, "the old cookie is worthless");
    assert_eq!(store.count("session").await.unwrap(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_returns_to_the_page_asked_for_and_only_inside_pasos() {
    let (app, _) = app().await;
    let ok = "correo=equipo@pasos.demo&contrasena=pasos-demo&siguiente=";
    let r = post_form(&app, "/ingresar", &format!("{ok}%2Fpoliticas%2Fpnmpetf"), ORIGIN, None).await;
    assert_eq!(r.location, "/politicas/pnmpetf");
    let r = post_form(&app, "/ingresar", &format!("{ok}https%3A%2F%2Fevil.example"), ORIGIN, None).await;
    assert_eq!(r.location, "/");
}

/// What each demo role gets from each page today, through the real router.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_role_sees_what_it_may() {
    let (app, _) = app().await;
    use StatusCode as S;
    // (account, working text of a step, account administration, audit log, dashboard and regions)
    let expect = [
        ("admin@pasos.demo", S::OK, S::OK, S::OK, S::OK),
        ("equipo@pasos.demo", S::OK, S::FORBIDDEN, S::FORBIDDEN, S::OK),
        ("directivo@pasos.demo", S::OK, S::FORBIDDEN, S::OK, S::OK),
        ("ceplan@pasos.demo", S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::OK),
        ("cusco@pasos.demo", S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN),
        ("loreto@pasos.demo", S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN, S::FORBIDDEN),
    ];
    for (email, draft, users, audit, follow) in expect {
        let token = sign_in(&app, email).await;
        let home = get(&app, "/", Some(&token)).await;
        assert_eq!(home.status, StatusCode::OK, "{email} /");
        if follow == S::OK {
            assert!(home.body.contains("PNMPETF") && home.body.contains("href=\"/tablero\""), "{email} follows the policies");
        } else {
            // A participant is led to their consultations; the menu offers nothing that is not theirs.
            assert!(home.body.contains("Sus consultas") && !home.body.contains("href=\"/tablero\"") && !home.body.contains("href=\"/regiones\""), "{email}");
        }
        assert_eq!(get(&app, "/regiones", Some(&token)).await.status, follow, "{email} /regiones");
        assert_eq!(get(&app, "/politicas/pnmpetf", Some(&token)).await.status, StatusCode::OK, "{email} policy");
        let step = get(&app, "/politicas/pnmpetf/pasos/1", Some(&token)).await;
        assert_eq!(step.status, draft, "{email} reads the working text of a step");
        if draft == StatusCode::FORBIDDEN {
            assert!(step.body.contains("Sin permiso") && !step.body.contains("Marco normativo"), "{email}");
        }
        assert_eq!(get(&app, "/admin/usuarios", Some(&token)).await.status, users, "{email} /admin/usuarios");
        assert_eq!(get(&app, "/admin/auditoria", Some(&token)).await.status, audit, "{email} /admin/auditoria");
        let create = post_form(&app, "/admin/usuarios", "correo=x%40y.pe&nombre=X&roles=admin", ORIGIN, Some(&token)).await;
        let expected_write = if users == S::OK { S::SEE_OTHER } else { S::FORBIDDEN };
        assert_eq!(create.status, expected_write, "{email} creates an account");

        // Drafting: reading revisions, versions and documents goes with the working text;
        // editing and freezing belong to the policy's team only.
        assert_eq!(get(&app, "/politicas/pnmpetf/entregables/1", Some(&token)).await.status, S::OK, "{email} deliverable page");
        assert_eq!(get(&app, "/tablero", Some(&token)).await.status, follow, "{email} dashboard");
        assert_eq!(get(&app, "/rondas", Some(&token)).await.status, S::OK, "{email} rounds");
        assert_eq!(get(&app, "/avisos", Some(&token)).await.status, S::OK, "{email} notices");
        let open_round = post_form(&app, "/politicas/pnmpeti/entregables/2/rondas", "tipo=consulta_regional", ORIGIN, Some(&token)).await;
        let expected = if email == "equipo@pasos.demo" { S::SEE_OTHER } else { S::FORBIDDEN };
        assert_eq!(open_round.status, expected, "{email} opens a round");
        assert_eq!(get(&app, "/politicas/pnmpetf/informe", Some(&token)).await.status, S::OK, "{email} report");
        for uri in [
            "/politicas/pnmpetf/pasos/1/historial",
            "/politicas/pnmpetf/entregables/1/documento",
            "/politicas/pnmpetf/entregables/1/documento.docx",
            "/politicas/pnmpetf/pasos/5/estructura",
            "/politicas/pnmpetf/matriz-de-consistencia",
            "/politicas/pnmpetf/matriz-de-consistencia.xlsx",
        ] {
            assert_eq!(get(&app, uri, Some(&token)).await.status, draft, "{email} {uri}");
        }
        let member = email == "equipo@pasos.demo";
        let editor = get(&app, "/politicas/pnmpetf/pasos/1/editar", Some(&token)).await;
        assert_eq!(editor.status, if member { S::OK } else { S::FORBIDDEN }, "{email} opens the editor");
        let save = post_form(&app, "/politicas/pnmpetf/pasos/2/editar", "base=0&texto=Texto&accion=guardar", ORIGIN, Some(&token)).await;
        assert_eq!(save.status, if member { S::SEE_OTHER } else { S::FORBIDDEN }, "{email} saves a step");
        let freeze = post_form(&app, "/politicas/pnmpetf/entregables/1/versiones", "nota=Prueba", ORIGIN, Some(&token)).await;
        assert_eq!(freeze.status, if member { S::SEE_OTHER } else { S::FORBIDDEN }, "{email} freezes a version");
        let cause = post_form(&app, "/politicas/pnmpetf/pasos/2/estructura", "accion=guardar&tipo=causa_directa&v%3Aenunciado=Causa", ORIGIN, Some(&token)).await;
        assert_eq!(cause.status, if member { S::SEE_OTHER } else { S::FORBIDDEN }, "{email} adds a cause");
        let preview = post_form(&app, "/api/preview", "code=PNMPETF&text=hola", ORIGIN, Some(&token)).await;
        assert_eq!(preview.status, if member { S::OK } else { S::FORBIDDEN }, "{email} asks for a preview");
    }
    let step = get(&app, "/politicas/pnmpetf/pasos/2", Some(&sign_in(&app, "directivo@pasos.demo").await)).await;
    assert!(step.body.contains("Texto"), "only the team's save went through");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_answer_as_described() {
    let (app, _) = app().await;
    let token = sign_in(&app, "equipo@pasos.demo").await;
    let s = Some(token.as_str());

    let home = get(&app, "/", s).await;
    for needle in ["PNMPETI", "PNMPETF", "PNTP", "En levantamiento de observaciones", "Remitido al CEPLAN", "al 31/12/2023 (fecha no registrada)"] {
        assert!(home.body.contains(needle), "missing {needle}");
    }
    assert!(home.body.contains("lang=\"es\""));
    assert!(home.body.contains("Equipo DPPDFL (demo)"), "the header names the user");

    let policy = get(&app, "/politicas/PnMpEtF", s).await;
    assert_eq!(policy.status, StatusCode::OK);
    assert!(policy.body.contains("Resolución Ministerial N° 293-2022-TR"));
    assert!(policy.body.contains("09/11/2022"));
    assert!(policy.body.contains("datetime=\"2023-06\""));

    let step = get(&app, "/politicas/pnmpetf/pasos/1", s).await;
    assert_eq!(step.status, StatusCode::OK);
    assert!(step.body.contains("Delimitación y enunciación del problema público"));
    assert!(step.body.contains("<h2>Marco normativo</h2>"), "Markdown is rendered on the server, its headings under the step's title");

    let regions = get(&app, "/regiones", s).await;
    assert_eq!(regions.body.matches("<th scope=\"row\">").count(), 26);
    assert!(regions.body.contains("Activo: 18 · Inactivo: 6 · Sin dato: 2"));

    for uri in ["/politicas/nada", "/politicas/pnmpetf/pasos/10", "/politicas/pnmpetf/pasos/x", "/no-existe"] {
        let r = get(&app, uri, s).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(r.body.contains("Página no encontrada"), "{uri}");
    }
}

/// The temporary password in the page after a create or reset, shown once.
fn temporary_password_in(body: &str) -> Option<String> {
    let start = body.find("<code class=\"secret\">")? + "<code class=\"secret\">".len();
    Some(body[start..].split('<').next()?.to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_creates_an_account_whose_temporary_password_is_shown_once() {
    let (app, _) = app().await;
    let admin = sign_in(&app, "admin@pasos.demo").await;
    let form = "correo=Ana%40Trabajo.gob.pe&nombre=Ana+P%C3%A9rez&organizacion=MTPE&region=&roles=equipo&politicas=PNMPETF";
    let r = post_form(&app, "/admin/usuarios", form, ORIGIN, Some(&admin)).await;
    assert_eq!((r.status, r.location.as_str()), (StatusCode::SEE_OTHER, "/admin/usuarios"));
    let page = get(&app, "/admin/usuarios", Some(&admin)).await;
    assert!(page.body.contains("Cuenta creada para Ana Pérez &lt;ana@trabajo.gob.pe&gt;."), "{}", page.body);
    let password = temporary_password_in(&page.body).expect("the temporary password is shown");
    assert_eq!(password.len(), 16);
    let again = get(&app, "/admin/usuarios", Some(&admin)).await;
    assert!(temporary_password_in(&again.body).is_none(), "shown only once");

    let r = post_form(&app, "/ingresar", &format!("correo=ana%40trabajo.gob.pe&contrasena={password}"), ORIGIN, None).await;
    assert!(r.cookie.is_some(), "the new account signs in with its temporary password");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_account_forms_keep_what_was_typed() {
    let (app, _) = app().await;
    let admin = sign_in(&app, "admin@pasos.demo").await;
    let form = "correo=nuevo%40pasos.pe&nombre=Participante+Nuevo&organizacion=CDRPETI&region=&roles=participante";
    let r = post_form(&app, "/admin/usuarios", form, ORIGIN, Some(&admin)).await;
    assert!(r.location.starts_with("/admin/usuarios?error=jurisdiction"), "{}", r.location);
    let page = get(&app, &r.location, Some(&admin)).await;
    assert!(page.body.contains("Un participante regional necesita su región"));
    assert!(page.body.contains("value=\"Participante Nuevo\""), "the name typed is kept");
    assert!(page.body.contains("value=\"nuevo@pasos.pe\""), "the e-mail typed is kept");

    let dup = "correo=CUSCO%40pasos.demo&nombre=Otra&roles=admin";
    let r = post_form(&app, "/admin/usuarios", dup, ORIGIN, Some(&admin)).await;
    assert!(r.location.starts_with("/admin/usuarios?error=duplicado"), "{}", r.location);
    let bad_region = "correo=z%40pasos.pe&nombre=Z&roles=participante&region=99";
    let r = post_form(&app, "/admin/usuarios", bad_region, ORIGIN, Some(&admin)).await;
    assert!(r.location.starts_with("/admin/usuarios?error=region"), "{}", r.location);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deactivating_or_resetting_an_account_ends_its_sessions() {
    let (app, store) = app().await;
    let admin = sign_in(&app, "admin@pasos.demo").await;
    let cusco = store.user_by_email("cusco@pasos.demo").await.unwrap().unwrap();

    let session = sign_in(&app, "cusco@pasos.demo").await;
    let r = post_form(&app, &format!("/admin/usuarios/{}/clave", cusco.id), "", ORIGIN, Some(&admin)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(get(&app, "/", Some(&session)).await.status, StatusCode::SEE_OTHER, "reset ends the session");
    let page = get(&app, "/admin/usuarios", Some(&admin)).await;
    let password = temporary_password_in(&page.body).unwrap();
    let r = post_form(&app, "/ingresar", &format!("correo=cusco%40pasos.demo&contrasena={password}"), ORIGIN, None).await;
    let session = r.cookie.expect("signs in with the temporary password");
    let session = session.split(';').next().unwrap().trim_start_matches("pasos_sesion=").to_string();

    // Keep the roles and region, leave "activa" unticked.
    let form = "nombre=Participante+de+Cusco&organizacion=D%2FGRTPE+Cusco&region=08&roles=participante";
    let r = post_form(&app, &format!("/admin/usuarios/{}", cusco.id), form, ORIGIN, Some(&admin)).await;
    assert_eq!((r.status, r.location.as_str()), (StatusCode::SEE_OTHER, "/admin/usuarios"));
    assert!(!store.user_by_id(&cusco.id).await.unwrap().unwrap().active);
    assert_eq!(get(&app, "/", Some(&session)).await.status, StatusCode::SEE_OTHER, "deactivation ends the session");
    let r = post_form(&app, "/ingresar", &format!("correo=cusco%40pasos.demo&contrasena={password}"), ORIGIN, None).await;
    assert!(r.cookie.is_none(), "a deactivated account cannot sign in");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_log_filters_and_paginates() {
    let (app, store) = app().await;
    let admin = sign_in(&app, "admin@pasos.demo").await;
    let form = "correo=ana%40trabajo.gob.pe&nombre=Ana&roles=equipo&politicas=PNMPETF";
    post_form(&app, "/admin/usuarios", form, ORIGIN, Some(&admin)).await;
    // What the demo seed recorded of the PNTP (its follow-up), before these 60 rows.
    let pntp = pasos_app::domain::AuditFilter { policy: Some("PNTP".into()), ..Default::default() };
    let seeded = store.audit_page(&pntp, 1).await.unwrap().total;
    for i in 0..60 {
        store.audit(&pasos_app::domain::Author::System("prueba"), Some("PNTP"), "paso", &format!("registro {i}")).await.unwrap();
    }
    let directivo = sign_in(&app, "directivo@pasos.demo").await;
    let all = get(&app, "/admin/auditoria", Some(&directivo)).await;
    assert!(all.body.contains("Página 1 de 2"), "67 rows in pages of 50");
    let admin_id = store.user_by_email("admin@pasos.demo").await.unwrap().unwrap().id;
    let by_admin = get(&app, &format!("/admin/auditoria?usuario={admin_id}"), Some(&directivo)).await;
    assert!(by_admin.body.contains("Crea la cuenta ana@trabajo.gob.pe (equipo)"), "{}", by_admin.body);
    assert!(by_admin.body.contains("Resultados: 1<"), "{}", by_admin.body);
    let by_policy = get(&app, "/admin/auditoria?politica=PNTP&pagina=2", Some(&directivo)).await;
    assert!(by_policy.body.contains("registro 9") && !by_policy.body.contains("registro 59"), "newest first, page 2");
    let today = chrono::Utc::now().with_timezone(&pasos_app::domain::time::lima()).date_naive();
    let tomorrow = today.succ_opt().unwrap();
    let none = get(&app, &format!("/admin/auditoria?desde={tomorrow}"), Some(&directivo)).await;
    assert!(none.body.contains("No hay registros con esos filtros."));
    let todays = get(&app, &format!("/admin/auditoria?desde={today}&hasta={today}&politica=PNTP"), Some(&directivo)).await;
    assert!(todays.body.contains(&format!("Resultados: {}<", 60 + seeded)), "{}", todays.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_ones_password_ends_the_other_sessions() {
    let (app, _) = app().await;
    let here = sign_in(&app, "ceplan@pasos.demo").await;
    let elsewhere = sign_in(&app, "ceplan@pasos.demo").await;
    let wrong = post_form(&app, "/cuenta/clave", "actual=otra-cosa&nueva=una+clave+nueva&repetida=una+clave+nueva", ORIGIN, Some(&here)).await;
    assert_eq!(wrong.location, "/cuenta?error=actual");
    let mismatch = post_form(&app, "/cuenta/clave", "actual=pasos-demo&nueva=una+clave+nueva&repetida=otra+clave+nueva", ORIGIN, Some(&here)).await;
    assert_eq!(mismatch.location, "/cuenta?error=distintas");
    let short = post_form(&app, "/cuenta/clave", "actual=pasos-demo&nueva=corta&repetida=corta", ORIGIN, Some(&here)).await;
    assert_eq!(short.location, "/cuenta?error=corta");
    let ok = post_form(&app, "/cuenta/clave", "actual=pasos-demo&nueva=una+clave+nueva&repetida=una+clave+nueva", ORIGIN, Some(&here)).await;
    assert_eq!(ok.location, "/cuenta?aviso=clave");
    assert_eq!(get(&app, "/", Some(&here)).await.status, StatusCode::OK, "this session goes on");
    assert_eq!(get(&app, "/", Some(&elsewhere)).await.status, StatusCode::SEE_OTHER, "the other one ended");
    let page = get(&app, "/cuenta?aviso=clave", Some(&here)).await;
    assert!(page.body.contains("Contraseña cambiada."));
    let r = post_form(&app, "/ingresar", "correo=ceplan%40pasos.demo&contrasena=una+clave+nueva", ORIGIN, None).await;
    assert!(r.cookie.is_some());
}

/// Two hundred wrong guesses at once: the check and the count are one step, so only as many as the
/// limit reach the password check (all 200 did before), the right password from a stranger's
/// browser is then refused, and the owner's usual browser still gets in.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn guesses_at_once_reach_the_check_only_up_to_the_limit_and_never_lock_the_owner_out() {
    use pasos_app::domain::account::MAX_ATTEMPTS_PER_ACCOUNT;
    let (app, _) = app().await;
    let own = post_form(&app, "/ingresar", "correo=cusco@pasos.demo&contrasena=pasos-demo", ORIGIN, None).await;
    let device = own.cookies.iter().find(|c| c.starts_with("pasos_dispositivo=")).expect("a device cookie");
    assert!(device.contains("HttpOnly") && device.contains("SameSite=Lax"), "{device}");
    let device = device.split(';').next().unwrap().to_string();

    let guesses = (0..200).map(|i| {
        let app = app.clone();
        async move {
            let form = format!("correo=cusco@pasos.demo&contrasena=intento-{i}");
            post_form(&app, "/ingresar", &form, ORIGIN, None).await.location
        }
    });
    let outcomes: Vec<String> = futures::future::join_all(guesses).await;
    let checked = outcomes.iter().filter(|l| l.contains("error=credenciales")).count();
    let refused = outcomes.iter().filter(|l| l.contains("error=bloqueado")).count();
    println!("de 200 intentos simultáneos, {checked} llegaron a la verificación de la contraseña y {refused} se rechazaron antes");
    assert_eq!((checked, refused), (MAX_ATTEMPTS_PER_ACCOUNT as usize, 200 - MAX_ATTEMPTS_PER_ACCOUNT as usize));

    let stranger = post_form(&app, "/ingresar", "correo=cusco@pasos.demo&contrasena=pasos-demo", ORIGIN, None).await;
    assert!(stranger.location.contains("error=bloqueado") && stranger.cookie.is_none(), "the right password from elsewhere waits: {}", stranger.location);
    let owner = post_form_with_cookies(&app, "/ingresar", "correo=cusco@pasos.demo&contrasena=pasos-demo", ORIGIN, &device).await;
    assert_eq!(owner.location, "/", "the owner's browser is not locked out");
    assert!(owner.cookie.is_some_and(|c| c.starts_with("pasos_sesion=")));
    // A device cookie speaks only for the account that signed in with it.
    let other = post_form_with_cookies(&app, "/ingresar", "correo=loreto@pasos.demo&contrasena=mala-clave", ORIGIN, &device).await;
    assert!(other.location.contains("error=credenciales"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_carries_the_security_headers_and_private_pages_are_not_shared() {
    let (app, _) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    for (uri, private) in [("/", true), ("/ingresar", true), ("/rondas", true), ("/politicas/pnmpeti/entregables/2/matriz.csv", true), ("/favicon.svg", false)] {
        // Pages are kept only by the browser that asked and only after asking again (see
        // an_unchanged_page_is_answered_not_modified_and_only_to_its_session); never shared.
        let r = get(&app, uri, Some(&team)).await;
        let h = |name: &str| r.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
        let csp = h("content-security-policy");
        for directive in ["default-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "frame-ancestors 'none'", "form-action 'self'", "base-uri 'none'"] {
            assert!(csp.contains(directive), "{uri}: {csp}");
        }
        assert!(!csp.contains("unsafe-inline"), "{uri}: {csp}");
        assert_eq!(h("x-content-type-options"), "nosniff", "{uri}");
        assert_eq!(h("referrer-policy"), "same-origin", "{uri}");
        assert_eq!(h("x-frame-options"), "DENY", "{uri}");
        let kept = h("cache-control");
        assert_eq!(kept == "no-store" || kept == "private, no-cache", private, "{uri}: {kept}");
    }
}

/// A page carries an entity tag of its bytes and the session it was written for, may be kept only
/// by this browser and only after asking; asked again with that tag and unchanged, it is answered
/// 304 without a body. A change, or another person, gets another tag. Downloads, redirects and
/// refusals are never kept.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unchanged_page_is_answered_not_modified_and_only_to_its_session() {
    let (app, _) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    let conditional = |uri: &str, session: &str, tag: &str| {
        let mut req = get_req(uri, Some(session));
        req.headers_mut().insert(header::IF_NONE_MATCH, tag.parse().unwrap());
        req
    };
    const STEP: &str = "/politicas/pnmpetf/pasos/2";
    let first = get(&app, STEP, Some(&team)).await;
    let h = |r: &Reply, name: &str| r.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let tag = h(&first, "etag");
    assert!(tag.starts_with("W/\"") && tag.ends_with('"'), "{tag}");
    assert_eq!((h(&first, "cache-control").as_str(), h(&first, "vary").contains("Cookie")), ("private, no-cache", true));
    let again = send(&app, conditional(STEP, &team, &tag)).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.bytes.is_empty(), "no body");
    assert_eq!((h(&again, "etag"), h(&again, "cache-control")), (tag.clone(), "private, no-cache".to_string()));
    assert!(!h(&again, "x-pasos-cuenta").is_empty(), "the headers the service worker reads are kept");
    assert_eq!(send(&app, conditional(STEP, &team, "W/\"otra\"")).await.status, StatusCode::OK, "another tag: the page");

    // Another person, on the same page with the same tag: the whole page, under another tag.
    let other = sign_in(&app, "directivo@pasos.demo").await;
    let theirs = send(&app, conditional(STEP, &other, &tag)).await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert_ne!(h(&theirs, "etag"), tag);

    // The step changes: the same tag no longer holds.
    let editor = get(&app, "/politicas/pnmpetf/pasos/2/editar", Some(&team)).await.body;
    let base = editor.split("name=\"base\" value=\"").nth(1).and_then(|r| r.split('"').next()).expect("the editor's base").to_string();
    let saved = post_form(&app, "/politicas/pnmpetf/pasos/2/editar", &form(&[("base", &base), ("texto", "Otro texto del paso."), ("accion", "guardar")]), ORIGIN, Some(&team)).await;
    assert!(saved.status == StatusCode::SEE_OTHER && saved.location.contains("guardado="), "{}", saved.location);
    let changed = send(&app, conditional(STEP, &team, &tag)).await;
    assert_eq!(changed.status, StatusCode::OK, "changed: the page again");
    assert!(changed.body.contains("Otro texto del paso."));

    // Never kept: a page with a query (one-time notes ride on it, and Back would show them again),
    // the account's and the administrators' pages (password forms, a password shown once).
    for uri in ["/politicas/pnmpetf/pasos/2?guardado=1", "/cuenta", "/admin/usuarios"] {
        let session = if uri.starts_with("/admin") { sign_in(&app, "admin@pasos.demo").await } else { team.clone() };
        let r = get(&app, uri, Some(&session)).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        assert_eq!((h(&r, "cache-control"), h(&r, "etag")), ("no-store".to_string(), String::new()), "{uri}");
    }
    // A signed-in answer names its account only on pages, never on a file kept for good.
    let icon = get(&app, "/favicon.svg", Some(&team)).await;
    assert!(h(&first, "x-pasos-cuenta").len() > 1 && h(&icon, "x-pasos-cuenta").is_empty());
    // Signing in clears what another account left in this browser's caches.
    let r = post_form(&app, "/ingresar", "correo=ceplan@pasos.demo&contrasena=pasos-demo&siguiente=", ORIGIN, None).await;
    assert_eq!((r.status, h(&r, "clear-site-data").as_str()), (StatusCode::SEE_OTHER, "\"cache\""));

    // Never kept: a redirect, a download.
    assert_eq!(h(&saved, "cache-control"), "no-store");
    assert!(h(&saved, "etag").is_empty());
    let csv = get(&app, "/politicas/pnmpeti/entregables/2/matriz.csv", Some(&team)).await;
    assert_eq!((h(&csv, "cache-control"), h(&csv, "etag")), ("no-store".to_string(), String::new()));
}

/// A page is written once and answered from its copy until a form counts a write (or a session
/// ends, or an account changes); what changed behind the counters' back shows only once they
/// count. The session itself is kept the same way: an account closed behind the gate's back is
/// signed out at its next request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_is_answered_from_its_copy_until_a_counter_says_otherwise() {
    use chrono::Timelike;
    let (app, store) = app().await;
    let team = sign_in(&app, "equipo@pasos.demo").await;
    const POLICY: &str = "/politicas/pnmpeti";
    // A copy lasts the minute it was written in: start well inside one.
    while chrono::Utc::now().second() >= 50 {
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    let first = get(&app, POLICY, Some(&team)).await;
    assert_eq!(first.status, StatusCode::OK);
    let tag = |r: &Reply| r.headers.get("etag").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    store.raw().query("UPDATE policy SET name = 'Nombre escrito por detrás' WHERE code = 'PNMPETI'").await.unwrap().check().unwrap();
    let kept = get(&app, POLICY, Some(&team)).await;
    assert_eq!((kept.status, tag(&kept)), (StatusCode::OK, tag(&first)));
    assert!(!kept.body.contains("Nombre escrito por detrás"), "answered from the copy: no counter counted");
    assert_eq!(kept.body, first.body);

    // Any write counted: written again, with the change and another tag.
    store.count_write().await.unwrap();
    let again = get(&app, POLICY, Some(&team)).await;
    assert!(again.body.contains("Nombre escrito por detrás"));
    assert_ne!(tag(&again), tag(&first));

    // Another session of another account is not answered from this one's copy.
    let other = sign_in(&app, "directivo@pasos.demo").await;
    let theirs = get(&app, POLICY, Some(&other)).await;
    assert_eq!(theirs.status, StatusCode::OK);
    assert_ne!(tag(&theirs), tag(&again));

    // An account closed behind the gate's back (its event counts `stamp:sessions`): signed out,
    // though its session and page were kept.
    store.raw().query("UPDATE user SET active = false WHERE email = 'equipo@pasos.demo'").await.unwrap().check().unwrap();
    let closed = get(&app, POLICY, Some(&team)).await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER, "signed out");
    assert!(closed.location.starts_with("/ingresar"), "{}", closed.location);
    assert_eq!(get(&app, POLICY, Some(&other)).await.status, StatusCode::OK, "the others stay signed in");
}

/// Addresses a browser would read as another site, after sign-in: refused, never a 500.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_never_leads_elsewhere() {
    let (app, _) = app().await;
    for next in ["%2F%09%2Fevil.example", "%2F%0A%2Fevil.example", "%2F%5Cevil.example", "%2F%0D%0ASet-Cookie%3A+a%3Db", "%2F%2Fevil.example", "%2F+%2Fevil.example"] {
        let r = post_form(&app, "/ingresar", &format!("correo=equipo@pasos.demo&contrasena=pasos-demo&siguiente={next}"), ORIGIN, None).await;
        assert_eq!((r.status, r.location.as_str()), (StatusCode::SEE_OTHER, "/"), "{next}");
        let r = post_form(&app, "/ingresar", &format!("correo=nadie-{}@pasos.demo&contrasena=otra&siguiente={next}", next.len()), ORIGIN, None).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{next}");
        assert!(!r.location.contains("siguiente="), "{next}: {}", r.location);
    }
}

/// Pasos always keeps an active administrator: the last one can neither drop the role nor
/// deactivate the account.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_last_administrator_stays() {
    let (app, store) = app().await;
    let admin = sign_in(&app, "admin@pasos.demo").await;
    let me = store.user_by_email("admin@pasos.demo").await.unwrap().unwrap();
    for form in ["nombre=Admin&roles=directivo&activa=si", "nombre=Admin&roles=admin"] {
        let r = post_form(&app, &format!("/admin/usuarios/{}", me.id), form, ORIGIN, Some(&admin)).await;
        assert!(r.location.contains("error=ultimo_admin"), "{form}: {}", r.location);
        let page = get(&app, &r.location, Some(&admin)).await;
        assert!(page.body.contains("única cuenta de administración activa"), "said in Spanish");
    }
    let me = store.user_by_id(&me.id).await.unwrap().unwrap();
    assert!(me.active && me.roles.contains(&pasos_app::domain::Role::Admin));
    // With a second administrator, the first may step down.
    let boss = store.user_by_email("directivo@pasos.demo").await.unwrap().unwrap();
    let r = post_form(&app, &format!("/admin/usuarios/{}", boss.id), "nombre=Directivo&roles=directivo&roles=admin&activa=si", ORIGIN, Some(&admin)).await;
    assert_eq!(r.location, "/admin/usuarios");
    let r = post_form(&app, &format!("/admin/usuarios/{}", me.id), "nombre=Admin&roles=directivo&activa=si", ORIGIN, Some(&admin)).await;
    assert_eq!(r.location, "/admin/usuarios", "{}", r.location);
}

/// Fixtures made by code, not the demo: a team member of one policy edits it and not another; a
/// participant reads neither policy's working text.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_team_member_edits_only_their_policy_on_a_database_made_by_code() {
    use pasos_app::domain::Role;
    let app = TestApp::empty().await.with_policy("PNA").await.with_policy("PNB").await;
    let ana = app.with_role(Role::Equipo).of_policy("PNA").signed_in().await;
    let save = [("base", "0"), ("texto", "Enunciado del problema."), ("accion", "guardar")];
    let mine = app.post("/politicas/pna/pasos/1/editar", &save, &ana).await;
    assert!(mine.location.starts_with("/politicas/pna/pasos/1?guardado=1"), "{}", mine.location);
    let theirs = app.post("/politicas/pnb/pasos/1/editar", &save, &ana).await;
    assert_eq!(theirs.status, StatusCode::FORBIDDEN);
    let luis = app.with_role(Role::Participante).in_region("08").signed_in().await;
    assert_eq!(app.get("/politicas/pna/pasos/1", &luis).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/politicas/pna", &luis).await.status, StatusCode::OK, "a policy's card is public to the signed-in");
}

/// A workshop of PNMPETI on `round`, recorded by the store.
async fn workshop_on(store: &pasos_app::store::Store, round: &str) -> String {
    use pasos_app::domain::workshop::Workshop;
    let w = Workshop {
        title: "Taller".into(),
        date: pasos_app::domain::EventDate::day(2023, 10, 12),
        last_day: None,
        modality: None,
        place: None,
        purpose: None,
        version: None,
        steps: vec![3],
        round: Some(round.to_string()),
        jurisdictions: vec![],
        organisations: None,
    };
    store.add_workshop("PNMPETI", &w, &pasos_app::domain::Author::System("prueba")).await.unwrap()
}

/// The permission matrix through the real router: every role against every page, download and
/// form, as a table kept in `snapshots/` (a change in who may do what shows as a diff there).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_role_by_endpoint_table() {
    let roles = ["admin", "equipo", "directivo", "ceplan", "cusco", "loreto", "mininter", "mimp"];
    let mut table = String::from("| endpoint | admin | equipo | directivo | ceplan | cusco | loreto | mininter | mimp |\n|---|---|---|---|---|---|---|---|---|\n");
    let mut rows: Vec<(String, Vec<u16>)> = Vec::new();
    for (i, role) in roles.iter().enumerate() {
        // A fresh app per role: no role's writes change what the next one sees.
        let (app, store) = app().await;
        let round = store.rounds(Some("PNMPETI"), Some(2)).await.unwrap()[0].id.clone();
        let workshop = workshop_on(&store, &round).await;
        let indicator = store.items("PNTP").await.unwrap().into_iter().find(|i| i.code == "IOP-R1").unwrap().id;
        let objective = store.items("PNTP").await.unwrap().into_iter().find(|i| i.code == "Reintegración").unwrap().id;
        let token = sign_in(&app, &format!("{role}@pasos.demo")).await;
        let s = Some(token.as_str());
        let (value, analysis, review) = (format!("indicador={indicator}&valor=no"), format!("objetivo={objective}&texto=&base=0"), format!("objetivo={objective}&version=9"));
        let requests: Vec<(&str, String, &str)> = vec![
            ("GET", "/".into(), ""),
            ("GET", "/tablero".into(), ""),
            ("GET", "/rondas".into(), ""),
            ("GET", "/regiones".into(), ""),
            ("GET", "/avisos".into(), ""),
            ("GET", "/cuenta".into(), ""),
            ("GET", "/admin/usuarios".into(), ""),
            ("GET", "/admin/auditoria".into(), ""),
            ("GET", "/admin/correos".into(), ""),
            ("GET", "/sin-conexion".into(), ""),
            ("GET", "/politicas/pnmpetf".into(), ""),
            ("GET", "/politicas/pnmpetf/informe".into(), ""),
            ("GET", "/politicas/pnmpetf/informe.md?desde=2023-05&hasta=2023-12".into(), ""),
            ("GET", "/politicas/pnmpetf/informe.docx?desde=2023-05&hasta=2023-12".into(), ""),
            ("GET", "/politicas/pnmpetf/pasos/1".into(), ""),
            ("GET", "/politicas/pnmpetf/pasos/1/editar".into(), ""),
            ("GET", "/politicas/pnmpetf/pasos/1/historial".into(), ""),
            ("GET", "/politicas/pnmpetf/pasos/5/estructura".into(), ""),
            ("GET", "/politicas/pnmpetf/matriz-de-consistencia".into(), ""),
            ("GET", "/politicas/pnmpetf/matriz-de-consistencia.xlsx".into(), ""),
            ("GET", "/politicas/pnmpetf/entregables/1".into(), ""),
            ("GET", "/politicas/pnmpetf/entregables/1/documento".into(), ""),
            ("GET", "/politicas/pnmpetf/entregables/1/documento.docx".into(), ""),
            ("GET", "/politicas/pnmpeti/entregables/2/matriz.csv".into(), ""),
            ("GET", format!("/rondas/{round}"), ""),
            ("GET", format!("/rondas/{round}/matriz"), ""),
            ("GET", format!("/rondas/{round}/matriz.csv"), ""),
            ("GET", format!("/rondas/{round}/informe"), ""),
            ("GET", format!("/rondas/{round}/informe.docx"), ""),
            ("GET", "/politicas/pnmpetf/plan".into(), ""),
            ("GET", "/politicas/pnmpetf/expediente".into(), ""),
            ("GET", "/politicas/pnmpetf/expediente.zip".into(), ""),
            ("GET", "/politicas/pnmpeti/talleres".into(), ""),
            ("GET", format!("/talleres/{workshop}"), ""),
            ("GET", "/politicas/pntp/seguimiento".into(), ""),
            ("GET", "/politicas/pntp/seguimiento/2023".into(), ""),
            ("GET", "/politicas/pntp/seguimiento/2023/reporte.docx".into(), ""),
            ("GET", "/politicas/pntp/seguimiento/2023/reporte.xlsx".into(), ""),
            ("GET", "/seguimiento/archivos/ninguno".into(), ""),
            ("POST", "/politicas/pnmpetf/pasos/2/editar".into(), "base=0&texto=Texto&accion=vista_previa"),
            ("POST", "/politicas/pnmpetf/pasos/2/estructura".into(), "accion=horizonte&horizonte=dos+mil"),
            ("POST", "/politicas/pnmpetf/entregables/1/versiones".into(), "nota="),
            ("POST", "/politicas/pnmpetf/entregables/1/transiciones".into(), "estado=observado_ceplan&fecha=no"),
            ("POST", "/politicas/pnmpetf/hitos".into(), "hito=opinion_tecnica&fecha=no"),
            ("POST", "/politicas/pnmpetf/plan".into(), "base=0&linea=entregable-1&inicio=no&fin="),
            ("POST", "/politicas/pnmpetf/entregables/1/validaciones".into(), "validacion=1&fecha=no"),
            ("POST", "/politicas/pnmpetf/informe/situacion".into(), "desde=2023-05&hasta=2023-12&situacion=no_alcanzado&comentario="),
            ("POST", "/politicas/pnmpeti/entregables/2/rondas".into(), "tipo=consulta_regional"),
            ("POST", format!("/rondas/{round}/aportes"), "paso=3&texto="),
            ("POST", format!("/rondas/{round}/aportes-externos"), "canal=taller"),
            ("POST", format!("/rondas/{round}/sistematizar"), "motivo="),
            ("POST", "/politicas/pnmpeti/talleres".into(), "titulo="),
            ("POST", format!("/talleres/{workshop}/convocatoria"), "titulo="),
            ("POST", format!("/talleres/{workshop}/acta"), "base=9&acta=x"),
            ("POST", format!("/talleres/{workshop}/asistentes"), "nombre="),
            ("POST", format!("/talleres/{workshop}/asistentes/nadie/quitar"), ""),
            ("POST", format!("/talleres/{workshop}/aportes"), "paso=3&texto="),
            ("POST", "/politicas/pntp/seguimiento".into(), "anio=1990&verde=90&ambar=70"),
            ("POST", "/politicas/pntp/seguimiento/2023/umbrales".into(), "verde=no&ambar=70"),
            ("POST", "/politicas/pntp/seguimiento/2023/valores".into(), value.as_str()),
            ("POST", "/politicas/pntp/seguimiento/2023/sustento".into(), ""),
            ("POST", "/politicas/pntp/seguimiento/2023/analisis".into(), analysis.as_str()),
            ("POST", "/politicas/pntp/seguimiento/2023/analisis/revision".into(), review.as_str()),
            ("POST", "/politicas/pntp/seguimiento/2023/cierre".into(), ""),
            ("POST", "/admin/usuarios".into(), "correo=no-es-correo"),
            ("POST", "/avisos/leidos".into(), ""),
            ("POST", "/cuenta/correos".into(), "frecuencia=diario"),
            ("POST", "/admin/correos/ninguno/reintentar".into(), ""),
            ("POST", "/api/preview".into(), "code=PNMPETF&text=hola"),
        ];
        for (j, (method, uri, body)) in requests.iter().enumerate() {
            let reply = if *method == "GET" { get(&app, uri, s).await } else { post_form(&app, uri, body, ORIGIN, s).await };
            if i == 0 {
                let shown = uri.replace(&round, "{ronda}").replace(&workshop, "{taller}").replace(&indicator, "{indicador}").replace(&objective, "{objetivo}");
                rows.push((format!("{method} {shown}"), Vec::new()));
            }
            rows[j].1.push(reply.status.as_u16());
        }
    }
    for (endpoint, statuses) in rows {
        let cells: Vec<String> = statuses.iter().map(u16::to_string).collect();
        table.push_str(&format!("| `{endpoint}` | {} |\n", cells.join(" | ")));
    }
    insta::assert_snapshot!(table);
}

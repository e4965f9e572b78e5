//! Bad input over HTTP: oversized bodies, malformed ids and garbled forms get a 413, 400 or 404
//! with a Spanish message — never a panic, a 500 or an internal detail.


use crate::common::*;

/// Every route that takes a form, with ids that exist in the demo where one is needed.
const FORMS: &[&str] = &[
    "/ingresar",
    "/cuenta/clave",
    "/politicas/pnmpetf/pasos/1/editar",
    "/politicas/pnmpetf/pasos/2/estructura",
    "/politicas/pnmpetf/entregables/1/versiones",
    "/politicas/pnmpetf/entregables/1/transiciones",
    "/politicas/pnmpetf/hitos",
    "/politicas/pnmpetf/entregables/1/rondas",
];

fn readable(r: &Reply) -> bool {
    let internal = ["panicked", "thread '", "surrealdb", "SurrealDB error", "Error {", "unwrap"];
    !internal.iter().any(|i| r.body.contains(i))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_bodies_are_refused_before_any_handler() {
    let (app, _) = app().await;
    let token = sign_in(&app, "equipo@pasos.demo").await;
    let big = format!("texto={}", "a".repeat(3 * 1024 * 1024));
    for uri in FORMS {
        let r = post_form(&app, uri, &big, ORIGIN, Some(&token)).await;
        assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{uri}");
        assert!(r.body.contains("demasiado grande"), "{uri} says why in Spanish: {}", r.body);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbled_forms_get_an_answer_not_a_failure() {
    let (app, _) = app().await;
    let token = sign_in(&app, "equipo@pasos.demo").await;
    let garbage = ["", "%", "%ZZ=%G0", "a=1&a=2&&&=", "accion=guardar&tipo=%00%FF", "base=-1&texto=x&accion=guardar", "n=99999999999999999999"];
    for uri in FORMS {
        for body in garbage {
            let r = post_form(&app, uri, body, ORIGIN, Some(&token)).await;
            assert!(
                matches!(r.status.as_u16(), 200 | 303 | 400 | 401 | 403 | 404 | 422),
                "{uri} {body:?} → {} {}",
                r.status,
                r.body
            );
            assert!(readable(&r), "{uri} {body:?} → {}", r.body);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_ids_are_not_found_in_spanish() {
    let (app, _) = app().await;
    let token = sign_in(&app, "equipo@pasos.demo").await;
    let s = Some(token.as_str());
    for uri in [
        "/politicas/%00",
        "/politicas/pnmpetf/pasos/0",
        "/politicas/pnmpetf/pasos/99999999999999999999",
        "/politicas/pnmpetf/pasos/2/estructura?editar=%E2%9F%A8x%E2%9F%A9",
        "/politicas/%E2%9F%A8x/matriz-de-consistencia",
        "/politicas/pnmpetf/entregables/6",
        "/politicas/pnmpetf/entregables/1/documento?version=x",
        "/rondas/%E2%9F%A8x%E2%9F%A9",
        "/rondas/round:x",
        "/rondas/x'%20OR%201=1",
    ] {
        let r = get(&app, uri, s).await;
        assert!(matches!(r.status.as_u16(), 200 | 404), "{uri} → {}", r.status);
        assert!(readable(&r), "{uri} → {}", r.body);
        if r.status == StatusCode::NOT_FOUND {
            assert!(r.body.contains("no encontrada") || r.body.contains("No encontramos"), "{uri} answers in Spanish: {}", r.body);
        }
    }
    for uri in [
        "/politicas/%E2%9F%A8x/matriz-de-consistencia.xlsx",
        "/politicas/pnmpetf/entregables/9/documento.docx",
        "/politicas/pnmpetf/entregables/x/matriz.csv",
        "/rondas/%E2%9F%A8x%E2%9F%A9/matriz.xlsx",
        "/rondas/%FF/matriz.xlsx",
    ] {
        let r = get(&app, uri, s).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}: {}", r.body);
        assert!(r.body.contains("No encontramos") || r.body.contains("no encontrada"), "{uri}: {}", r.body);
    }
    for uri in ["/rondas/%E2%9F%A8x/aportes", "/politicas/pnmpetf/eventos/%E2%9F%A8x/anular", "/rondas/nada/publicar", "/rondas/%FF/aportes", "/politicas/%FF/pasos/2/estructura"] {
        let r = post_form(&app, uri, "texto=x&motivo=y", ORIGIN, s).await;
        assert!(matches!(r.status.as_u16(), 303 | 400 | 404), "{uri} → {} {}", r.status, r.body);
        assert!(readable(&r), "{uri} → {}", r.body);
    }
}


#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_travel_compressed_to_browsers_that_accept_it() {
    let (app, _) = app().await;
    let token = sign_in(&app, "equipo@pasos.demo").await;
    let mut req = get_req("/politicas/pnmpetf/pasos/1", Some(&token));
    req.headers_mut().insert(header::ACCEPT_ENCODING, "gzip".parse().unwrap());
    let res = tower::ServiceExt::oneshot(app.clone(), req).await.unwrap();
    assert_eq!(res.headers().get(header::CONTENT_ENCODING).map(|v| v.to_str().unwrap()), Some("gzip"));
    let plain = get(&app, "/politicas/pnmpetf/pasos/1", Some(&token)).await;
    assert!(plain.body.contains("Marco normativo"), "without Accept-Encoding, plain text");
}

//! The real history we seed: Peru's Alliance 8.7 pathfinder progress report (May–Dec 2023).
//! Only what the report (or DOMAIN.md, which summarises it) states; nothing is made up.
use crate::domain::{CdrpetiState, DeliverableState, EventDate, EventKind, Jurisdiction, Milestone, Policy, PolicyEvent};

/// Where every seeded fact comes from, shown beside it.
/// Who the audit log names for what the demo seed wrote.
pub const SEEDER: &str = "datos de demostración";
/// The author of the workshop's illustrative contributions.
pub const WORKSHOP_AUTHOR: &str = "Participantes del taller (ejemplo ilustrativo)";
/// Who transcribed them.
pub const RECORDED_BY: &str = "Pasos (datos de demostración)";

pub const SOURCE: &str = "Informe de progreso de País Pionero de la Alianza 8.7, Perú (mayo–diciembre de 2023)";

/// A policy with the state of its deliverables, the text the report gives for its steps and
/// its dated history.
#[derive(Debug, Clone)]
pub struct DemoPolicy {
    pub policy: Policy,
    /// (deliverable number, state) for the deliverables not *No iniciado*.
    pub states: Vec<(u8, DeliverableState)>,
    /// (step number, Markdown body) for the steps the report gives content for.
    pub bodies: Vec<(u8, String)>,
    pub events: Vec<PolicyEvent>,
}

fn event(
    date: EventDate,
    deliverable: Option<u8>,
    state_to: Option<DeliverableState>,
    title: &str,
    detail: &str,
    document: Option<&str>,
) -> PolicyEvent {
    PolicyEvent {
        id: String::new(),
        kind: if state_to.is_some() { EventKind::Transition } else { EventKind::Note },
        date,
        deliverable,
        state_from: None,
        state_to,
        milestone: None,
        title: title.into(),
        detail: detail.into(),
        document: document.map(Into::into),
        source: Some(SOURCE.into()),
        version: None,
        link: None,
        recorded_by: None,
        annulled: None,
    }
}

/// A policy milestone of the seeded history.
fn milestone(date: EventDate, milestone: Milestone, title: &str, detail: &str, document: Option<&str>) -> PolicyEvent {
    PolicyEvent { kind: EventKind::Milestone, milestone: Some(milestone), ..event(date, None, None, title, detail, document) }
}

/// Fills in the state each transition leaves, from the transition before it on the same deliverable.
fn chain_states(mut events: Vec<PolicyEvent>) -> Vec<PolicyEvent> {
    let mut current: std::collections::HashMap<u8, DeliverableState> = std::collections::HashMap::new();
    for e in events.iter_mut().filter(|e| e.kind == EventKind::Transition) {
        if let (Some(n), Some(to)) = (e.deliverable, e.state_to) {
            e.state_from = Some(current.insert(n, to).unwrap_or(DeliverableState::NoIniciado));
        }
    }
    events
}

const MTPE: &str = "Trabajo y Promoción del Empleo";
const DPPDFL: &str = "Dirección de Promoción y Protección de los Derechos Fundamentales Laborales (DPPDFL) – DGDFSST";

pub fn policies() -> Vec<DemoPolicy> {
    history().into_iter().map(|p| DemoPolicy { events: chain_states(p.events), ..p }).collect()
}

fn history() -> Vec<DemoPolicy> {
    use DeliverableState::*;
    vec![
        DemoPolicy {
            policy: Policy {
                code: "PNMPETI".into(),
                name: "Política Nacional Multisectorial para la Prevención y Erradicación del Trabajo Infantil".into(),
                topic: "Trabajo infantil".into(),
                rector_sector: MTPE.into(),
                responsible_unit: Some(DPPDFL.into()),
                start_resolution: None,
                horizon_year: None,
            },
            states: vec![(1, RemitidoCeplan), (2, EnElaboracion)],
            bodies: vec![(1, PNMPETI_PASO_1.into())],
            events: vec![
                event(
                    EventDate::month(2023, 3),
                    None,
                    None,
                    "III CIGTPE: compromiso de consulta con las regiones",
                    "En la tercera sesión ordinaria de la Comisión Intergubernamental del Sector Trabajo y Promoción \
                     del Empleo (acuerdo 6), el MTPE se compromete a generar espacios de consulta y debate con los \
                     GORE (G/DRTPE) para fortalecer los documentos de formulación de la PNMPETI: Áncash, Apurímac, \
                     Arequipa, La Libertad, Lambayeque, Lima Metropolitana, Lima Provincias, Loreto, Moquegua, San \
                     Martín, Tacna y Ucayali. Los GORE se comprometen a revisar los documentos y brindar aportes técnicos.",
                    None,
                ),
                event(
                    EventDate::month(2023, 10),
                    Some(2),
                    None,
                    "Taller con las regiones (D/GRTPE y CDRPETI)",
                    "Taller dirigido a las regiones para analizar y validar la «situación futura deseada» e identificar \
                     «alternativas de solución» al problema público, incorporando el enfoque territorial e intercultural.",
                    None,
                ),
                event(
                    EventDate::year(2023),
                    Some(1),
                    Some(RemitidoCeplan),
                    "Entregable 1 remitido al CEPLAN",
                    "El MTPE remitió al CEPLAN el Entregable 1 para su revisión y validación formal (el informe no \
                     consigna la fecha exacta; situación a diciembre de 2023).",
                    None,
                ),
                event(
                    EventDate::year(2023),
                    Some(2),
                    Some(EnElaboracion),
                    "Entregable 2 en elaboración (pasos 3 y 4)",
                    "De manera simultánea a la revisión del Entregable 1, el MTPE avanzó en la elaboración de los pasos \
                     3 y 4; el Entregable 2 será remitido al CEPLAN cuando se cuente con la aprobación formal del \
                     Entregable 1. Se recogieron aportes de las regiones y de la subcomisión CPETI.",
                    None,
                ),
            ],
        },
        DemoPolicy {
            policy: Policy {
                code: "PNMPETF".into(),
                name: "Política Nacional Multisectorial para la Prevención y Erradicación del Trabajo Forzoso".into(),
                topic: "Trabajo forzoso".into(),
                rector_sector: MTPE.into(),
                responsible_unit: Some(DPPDFL.into()),
                start_resolution: Some("Resolución Ministerial N° 293-2022-TR".into()),
                horizon_year: None,
            },
            states: vec![(1, EnLevantamiento)],
            bodies: vec![(1, PNMPETF_PASO_1.into())],
            events: vec![
                event(
                    EventDate::day(2022, 11, 9),
                    None,
                    None,
                    "Inicio formal de la formulación",
                    "Se formaliza el inicio del proceso de elaboración de la política; la DPPDFL de la DGDFSST del MTPE \
                     es el órgano encargado de ejecutar sus etapas.",
                    Some("Resolución Ministerial N° 293-2022-TR"),
                ),
                event(
                    EventDate::month(2023, 4),
                    Some(1),
                    Some(EnRevisionInterna),
                    "Coordinación con la OGPP",
                    "Entre abril y mayo de 2023, coordinaciones y consultas con la Oficina General de Planeamiento y \
                     Presupuesto del MTPE para que la DPPDFL elabore el informe técnico y la versión final del \
                     Entregable 1.",
                    None,
                ),
                event(
                    EventDate::month(2023, 6),
                    Some(1),
                    Some(RemitidoCeplan),
                    "Entregable 1 (pasos 1 y 2) remitido al CEPLAN",
                    "Se envió al CEPLAN el Entregable 1 de la PNMPETF.",
                    None,
                ),
                event(
                    EventDate::month(2023, 7),
                    Some(1),
                    Some(ObservadoCeplan),
                    "Comentarios y recomendaciones del CEPLAN",
                    "El CEPLAN envía comentarios y recomendaciones al Entregable 1, para su análisis y consideración.",
                    None,
                ),
                event(
                    EventDate::month(2023, 10),
                    Some(1),
                    Some(EnLevantamiento),
                    "Reformulación del Entregable 1",
                    "De octubre a diciembre de 2023, la DPPDFL reformula el Entregable 1 tomando en cuenta los \
                     comentarios y recomendaciones del CEPLAN y la nueva Guía de Políticas Nacionales.",
                    None,
                ),
            ],
        },
        DemoPolicy {
            policy: Policy {
                code: "PNTP".into(),
                name: "Política Nacional frente a la Trata de Personas y sus formas de explotación al 2030".into(),
                topic: "Trata de personas".into(),
                rector_sector: "Interior".into(),
                responsible_unit: None,
                start_resolution: None,
                horizon_year: Some(2030),
            },
            // Approved by supreme decree, so CEPLAN validated each deliverable; the report gives no dates.
            states: (1..=5).map(|n| (n, Conforme)).collect(),
            bodies: vec![(5, PNTP_PASO_5.into())],
            events: vec![
                milestone(
                    EventDate::day(2021, 7, 27),
                    Milestone::Aprobacion,
                    "Aprobación de la política",
                    "Aprobada por decreto supremo; desde entonces, en implementación.",
                    Some("Decreto Supremo N° 009-2021-IN"),
                ),
                milestone(
                    EventDate::year(2023),
                    Milestone::Implementacion,
                    "Implementación en curso",
                    "Continúa el proceso de implementación, alineado a sus objetivos de prevención, persecución y \
                     reintegración.",
                    None,
                ),
            ],
        },
    ]
}

const PNMPETI_PASO_1: &str = "\
> Elementos del paso tomados del informe de progreso 2023; el texto completo del paso aún no está en Pasos.

## Fuentes de información

- **Modelo de Identificación de Riesgo de Trabajo Infantil (MIRTI)**: herramienta estadística que estima la \
probabilidad de trabajo infantil a nivel territorial, por nivel de riesgo (alto, medio, bajo), para priorizar y \
focalizar intervenciones en los tres niveles de gobierno. Se construyó sobre los Censos Nacionales de Población y \
Vivienda 2017 y la ENAHO 2017 y 2018; es necesario actualizarlo con la ENAHO 2022 y 2023 y otros registros \
administrativos.
- Desde junio de 2022, los resultados del MIRTI están vinculados a la plataforma MIDIstrito del MIDIS (sección \
MiRegión).

## Marco normativo

- Ley N° 27337, Código de los Niños y Adolescentes: el MTPE impulsa un proyecto normativo que modifica su capítulo \
de trabajo y eleva la edad mínima de acceso al empleo a 15 años.
";

const PNMPETF_PASO_1: &str = "\
> Elementos del paso tomados del informe de progreso 2023; el texto completo del paso aún no está en Pasos.

## Marco normativo

- **Protocolo de 2014 relativo al Convenio sobre el trabajo forzoso, 1930** (Protocolo 29 de la OIT): ratificado \
por el Decreto Supremo N° 015-2021-RE, publicado en El Peruano el 21 de abril de 2021; en vigor para el Perú desde \
el 18 de junio de 2022.
- **Resolución Ministerial N° 290-2019-TR**: III Plan Nacional para la Lucha contra el Trabajo Forzoso 2019–2022, \
cuya vigencia culminó en 2022; la PNMPETF le da continuidad.
- **Resolución Ministerial N° 293-2022-TR** (9 de noviembre de 2022): formaliza el inicio de la elaboración de la \
política.
- **Decreto Supremo N° 012-2023-TR** (20 de diciembre de 2023): aprueba el Protocolo Intersectorial contra el \
Trabajo Forzoso.

## Fuentes de información

- **Encuesta de Trabajo Forzoso** (piloto en la región Cusco): primera encuesta sobre trabajo forzoso en una región \
del país. Entre mayo y diciembre de 2023 se revisó la consistencia de su base de datos y se obtuvieron tabulados de \
la población en trabajo forzoso por características del hogar, de la población, del empleo y opinión de la población \
de 14 a más años.
- Se requieren encuestas nacionales y regionales sobre trabajo forzoso para contar con información estadística \
oficial que estime la magnitud real del problema.
";

const PNTP_PASO_5: &str = "\
> Objetivos tomados del informe de progreso 2023.

La implementación se alinea a los objetivos de la política:

1. **Preventivo**: ampliar la vigilancia preventiva contra la trata de personas y sus formas de explotación en \
contextos con población en situación de riesgo y vulnerabilidad.
2. **Persecución**: mejorar el funcionamiento del sistema de persecución, sanción penal y fiscalización para \
combatir el delito de trata de personas.
3. **Reintegración**: fortalecer la atención y el proceso de reintegración de las víctimas del delito de trata de \
personas.
";

/// The 26 jurisdictions (INEI ubigeo) with their CDRPETI state in 2023 (Cuadro 1 of the report).
pub fn jurisdictions() -> Vec<Jurisdiction> {
    use CdrpetiState::*;
    [
        ("01", "Amazonas", Activo),
        ("02", "Áncash", Activo),
        ("03", "Apurímac", Activo),
        ("04", "Arequipa", Activo),
        ("05", "Ayacucho", Inactivo),
        ("06", "Cajamarca", Activo),
        ("07", "Callao", Activo),
        ("08", "Cusco", Activo),
        ("09", "Huancavelica", Activo),
        ("10", "Huánuco", Activo),
        ("11", "Ica", Activo),
        ("12", "Junín", Activo),
        ("13", "La Libertad", Activo),
        ("14", "Lambayeque", SinDato),
        ("1501", "Lima Metropolitana", SinDato),
        ("15", "Lima Provincias (Lima Región)", Activo),
        ("16", "Loreto", Inactivo),
        ("17", "Madre de Dios", Inactivo),
        ("18", "Moquegua", Activo),
        ("19", "Pasco", Inactivo),
        ("20", "Piura", Activo),
        ("21", "Puno", Inactivo),
        ("22", "San Martín", Activo),
        ("23", "Tacna", Activo),
        ("24", "Tumbes", Inactivo),
        ("25", "Ucayali", Activo),
    ]
    .into_iter()
    .map(|(ubigeo, name, cdrpeti_2023)| Jurisdiction { ubigeo: ubigeo.into(), name: name.into(), cdrpeti_2023 })
    .collect()
}

/// The October 2023 regional workshop on Pasos 3–4 of PNMPETI (report: "Taller dirigido a las
/// regiones…"), as a closed regional consultation with the twelve jurisdictions of the III CIGTPE
/// agreement invited. Its text predates Pasos; the two contributions are illustrative examples.
pub fn workshop_round() -> (crate::domain::rounds::NewRound, Vec<(u8, &'static str, &'static str)>) {
    use chrono::TimeZone;
    let lima = crate::domain::time::lima();
    let at = |d: u32, h: u32| lima.with_ymd_and_hms(2023, 10, d, h, 0, 0).single().map(|t| t.with_timezone(&chrono::Utc)).unwrap_or_default();
    let round = crate::domain::rounds::NewRound {
        kind: crate::domain::RoundKind::ConsultaRegional,
        title: "Taller con las regiones: situación futura deseada y alternativas de solución".into(),
        version: 0,
        steps: vec![3, 4],
        opens: at(1, 8),
        closes: at(31, 18),
        // III CIGTPE, acuerdo 6: Áncash, Apurímac, Arequipa, La Libertad, Lambayeque, Lima
        // Metropolitana, Lima Provincias, Loreto, Moquegua, San Martín, Tacna, Ucayali.
        jurisdictions: ["02", "03", "04", "13", "14", "1501", "15", "16", "18", "22", "23", "25"].map(String::from).to_vec(),
        organisations: vec![],
        users: vec![],
    };
    let examples = vec![
        (3, "16", "Ejemplo ilustrativo: incluir en la situación futura deseada a las niñas, niños y adolescentes de comunidades nativas amazónicas."),
        (4, "02", "Ejemplo ilustrativo: considerar como alternativa el fortalecimiento del CDRPETI con presupuesto propio."),
    ];
    (round, examples)
}

/// The demo accounts (created with the demo data, never otherwise), one per kind of user.
pub fn accounts() -> Vec<crate::domain::NewUser> {
    use crate::domain::Role::*;
    let account = |email: &str, name: &str, organisation: &str, role, jurisdiction: Option<&str>, policies: &[&str]| {
        crate::domain::NewUser {
            email: email.into(),
            name: name.into(),
            organisation: Some(organisation.into()),
            jurisdiction: jurisdiction.map(Into::into),
            roles: vec![role],
            policies: policies.iter().map(|p| p.to_string()).collect(),
        }
    };
    vec![
        account("admin@pasos.demo", "Administración (demo)", "MTPE", Admin, None, &[]),
        account("equipo@pasos.demo", "Equipo DPPDFL (demo)", "MTPE – DPPDFL", Equipo, None, &["PNMPETI", "PNMPETF"]),
        account("directivo@pasos.demo", "Dirección (demo)", "MTPE – DGDFSST", Directivo, None, &[]),
        account("ceplan@pasos.demo", "Analista CEPLAN (demo)", "CEPLAN", Ceplan, None, &[]),
        account("cusco@pasos.demo", "Participante de Cusco (demo)", "D/GRTPE Cusco", Participante, Some("08"), &[]),
        account("loreto@pasos.demo", "Participante de Loreto (demo)", "D/GRTPE Loreto", Participante, Some("16"), &[]),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::DeliverableState;

    #[test]
    fn twenty_six_jurisdictions_with_the_reports_counts() {
        let j = jurisdictions();
        assert_eq!(j.len(), 26);
        let count = |s| j.iter().filter(|x| x.cdrpeti_2023 == s).count();
        assert_eq!((count(CdrpetiState::Activo), count(CdrpetiState::Inactivo), count(CdrpetiState::SinDato)), (18, 6, 2));
        let mut codes: Vec<_> = j.iter().map(|x| x.ubigeo.clone()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 26, "ubigeo codes are unique");
    }

    #[test]
    fn every_demo_policy_is_valid_and_its_state_events_match_its_states() {
        for demo in policies() {
            assert_eq!(demo.policy.clone().validate().as_ref(), Ok(&demo.policy));
            for (n, state) in &demo.states {
                let last = demo.events.iter().rfind(|e| e.deliverable == Some(*n) && e.state_to.is_some());
                if let Some(e) = last {
                    assert_eq!(e.state_to, Some(*state), "{} E{n}", demo.policy.code);
                }
            }
        }
    }

    #[test]
    fn pnmpetf_deliverable_1_went_through_one_ceplan_round() {
        let f = policies().into_iter().find(|p| p.policy.code == "PNMPETF").unwrap();
        let path: Vec<_> = f.events.iter().filter_map(|e| e.state_to).collect();
        use DeliverableState::*;
        assert_eq!(path, vec![EnRevisionInterna, RemitidoCeplan, ObservadoCeplan, EnLevantamiento]);
        for w in path.windows(2) {
            assert!(w[0].may_become(w[1]));
        }
    }
}

//! The real history we seed: Peru's Alliance 8.7 pathfinder progress report (May–Dec 2023).
//! Only what the report (or DOMAIN.md, which summarises it) states; nothing is made up.
use crate::domain::{CdrpetiState, CeplanAnswer, DeliverableState, EventDate, EventKind, Jurisdiction, Milestone, Policy, PolicyEvent};

/// Who the audit log names for what the demo seed wrote.
pub const SEEDER: &str = "datos de demostración";
/// The author of the workshop's illustrative contributions.
pub const WORKSHOP_AUTHOR: &str = "Participantes del taller (ejemplo ilustrativo)";
/// Who transcribed them.
pub const RECORDED_BY: &str = "Pasos (datos de demostración)";

/// The source report, as its readers cite it; [`report`] adds the lines of
/// `reference/peru-sdg87-progress-report-2023.txt` a fact comes from.
pub const SOURCE: &str = "Informe de progreso de País Pionero de la Alianza 8.7, Perú (mayo–diciembre de 2023)";

/// "Informe de progreso … (mayo–diciembre de 2023), líneas 1043–1048".
fn report(lines: &str) -> String {
    format!("{SOURCE}, líneas {lines}")
}

/// A policy with the state of its deliverables, the text the report gives for its steps and
/// its dated history.
#[derive(Debug, Clone)]
pub struct DemoPolicy {
    pub policy: Policy,
    /// (deliverable number, state) for the deliverables not *No iniciado*.
    pub states: Vec<(u8, DeliverableState)>,
    /// (step number, Markdown body) for the steps the demo gives a text.
    pub bodies: Vec<(u8, String)>,
    pub events: Vec<PolicyEvent>,
}

/// A fact of the seeded history, with the source it comes from.
fn fact(kind: EventKind, date: EventDate, deliverable: Option<u8>, title: &str, detail: &str, source: String) -> PolicyEvent {
    PolicyEvent { deliverable, detail: detail.into(), source: Some(source), ..PolicyEvent::new(kind, date, title) }
}

/// A recorded fact that changes no state (an agreement, a workshop, a norm).
fn note(date: EventDate, deliverable: Option<u8>, title: &str, detail: &str, source: String) -> PolicyEvent {
    fact(EventKind::Note, date, deliverable, title, detail, source)
}

/// A deliverable entering `to`.
fn transition(date: EventDate, n: u8, to: DeliverableState, title: &str, detail: &str, source: String) -> PolicyEvent {
    PolicyEvent { state_to: Some(to), ..fact(EventKind::Transition, date, Some(n), title, detail, source) }
}

/// A policy milestone.
fn milestone(date: EventDate, m: Milestone, title: &str, detail: &str, document: Option<&str>, source: String) -> PolicyEvent {
    PolicyEvent { milestone: Some(m), document: document.map(Into::into), ..fact(EventKind::Milestone, date, None, title, detail, source) }
}

impl PolicyEvent {
    fn with_document(self, document: &str) -> Self {
        PolicyEvent { document: Some(document.into()), ..self }
    }
    fn with_answer(self, answer: CeplanAnswer) -> Self {
        PolicyEvent { answer: Some(answer), ..self }
    }
}

/// Fills in the state each transition leaves, from the transition before it on the same
/// deliverable. The first transition of a deliverable in the seeded history is the state the
/// report finds it in: its `state_from` stays empty (history imported from before Pasos).
fn chain_states(mut events: Vec<PolicyEvent>) -> Vec<PolicyEvent> {
    let mut current: std::collections::HashMap<u8, DeliverableState> = std::collections::HashMap::new();
    for e in events.iter_mut().filter(|e| e.kind == EventKind::Transition) {
        if let (Some(n), Some(to)) = (e.deliverable, e.state_to) {
            e.state_from = current.insert(n, to);
        }
    }
    events
}

const MTPE: &str = "Trabajo y Promoción del Empleo";
const DPPDFL: &str = "Dirección de Promoción y Protección de los Derechos Fundamentales Laborales (DPPDFL) – DGDFSST";

/// The demo policies, each history in the order of its dates (where they sort: see [`EventDate`]).
pub fn policies() -> Vec<DemoPolicy> {
    history()
        .into_iter()
        .map(|mut p| {
            p.events.sort_by_key(|e| e.date.date);
            DemoPolicy { events: chain_states(p.events), ..p }
        })
        .collect()
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
            bodies: vec![],
            events: vec![
                note(
                    EventDate::month(2022, 6),
                    None,
                    "Resultados del MIRTI vinculados a MIDIstrito",
                    "Los resultados del Modelo de Identificación de Riesgo de Trabajo Infantil (MIRTI) se vincularon a \
                     la plataforma MIDIstrito del MIDIS, en la sección MiRegión, con el fin de promover acciones desde \
                     la gestión regional y local en materia de prevención y erradicación del trabajo infantil.",
                    report("729–733"),
                ),
                note(
                    EventDate::month(2023, 3),
                    None,
                    "III CIGTPE: compromiso de consulta con los GORE",
                    "El MTPE se comprometió, en la tercera sesión ordinaria de la Comisión Intergubernamental del Sector \
                     Trabajo y Promoción del Empleo (III CIGTPE, acuerdo 6), a generar espacios de consulta y debate con \
                     los GORE (G/DRTPE) para fortalecer los documentos de formulación de la PNMPETI, entre los que se \
                     encuentran Áncash, Apurímac, Arequipa, La Libertad, Lambayeque, Lima Metropolitana, Lima \
                     Provincias, Loreto, Moquegua, San Martín, Tacna y Ucayali; los GORE, a participar en esos espacios \
                     y brindar sus aportes técnicos.",
                    report("640–683"),
                ),
                note(
                    EventDate::year(2023),
                    None,
                    "Plan Anual de Transferencia 2023 (R.M. N° 112-2023-TR)",
                    "El MTPE aprobó el Plan Anual de Transferencia de Competencias Sectoriales a los Gobiernos Regionales \
                     y Locales del año 2023, que contempla el fortalecimiento de las G/DRTPE, como Secretarías Técnicas \
                     de los CDRPETI, para contribuir con el proceso de formulación de la PNMPETI.",
                    report("699–712"),
                )
                .with_document("Resolución Ministerial N° 112-2023-TR"),
                note(
                    EventDate::month(2023, 10),
                    Some(2),
                    "Taller con las regiones (D/GRTPE y CDRPETI)",
                    "Se realizó un taller dirigido a las regiones (D/GRTPE y sus CDRPETI) con el fin de analizar y \
                     validar la «situación futura deseada» e identificar «alternativas de solución» al problema \
                     público, para incorporar el enfoque territorial e intercultural.",
                    report("689–694"),
                ),
                note(
                    EventDate::months(2023, 5, 12),
                    None,
                    "Aportes de las regiones y de la subcomisión CPETI",
                    "Se avanzó en la formulación de la PNMPETI con aportes de las regiones y de la subcomisión CPETI.",
                    report("1198–1207"),
                ),
                transition(
                    EventDate::as_of(2023, 12, 31),
                    1,
                    RemitidoCeplan,
                    "Entregable 1 remitido al CEPLAN",
                    "",
                    report("967–968 (el informe da la situación a fin de 2023, no la fecha de remisión)"),
                ),
                transition(
                    EventDate::as_of(2023, 12, 31),
                    2,
                    EnElaboracion,
                    "Entregable 2 en elaboración (pasos 3 y 4)",
                    "El Entregable 2 será remitido al CEPLAN cuando se cuente con la aprobación formal del Entregable 1.",
                    report("968–970 (el informe da la situación a fin de 2023, no la fecha de inicio)"),
                ),
                note(
                    EventDate::as_of(2023, 12, 31),
                    None,
                    "Balance de la ENPETI 2012–2021 en preparación",
                    "Se encontraba en preparación un documento con el balance de la Estrategia Nacional para la \
                     Prevención y Erradicación del Trabajo Infantil (ENPETI) 2012–2021.",
                    report("1356–1360"),
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
                note(
                    EventDate::day(2019, 9, 18),
                    None,
                    "III Plan Nacional para la Lucha contra el Trabajo Forzoso 2019–2022",
                    "Se aprobó el III Plan Nacional para la Lucha contra el Trabajo Forzoso 2019–2022.",
                    "Decreto Supremo N° 015-2019-TR, diario oficial El Peruano, 18/09/2019".into(),
                )
                .with_document("Decreto Supremo N° 015-2019-TR"),
                note(
                    EventDate::year(2022),
                    None,
                    "Fin de la vigencia del III Plan Nacional",
                    "La vigencia del III Plan Nacional para la Lucha contra el Trabajo Forzoso 2019–2022 culminó; la \
                     PNMPETF dará continuidad al III Plan.",
                    report("836–841"),
                ),
                note(
                    EventDate::day(2022, 11, 9),
                    None,
                    "Inicio formal de la formulación",
                    "Se formalizó el inicio del proceso de elaboración de la política; la DPPDFL de la DGDFSST del MTPE \
                     es el órgano encargado de ejecutar sus etapas.",
                    report("824–830"),
                )
                .with_document("Resolución Ministerial N° 293-2022-TR"),
                transition(
                    EventDate::months(2023, 4, 5),
                    1,
                    EnRevisionInterna,
                    "Coordinaciones con la OGPP",
                    "Las coordinaciones y consultas previas con la OGPP del MTPE tuvieron la finalidad de que la DPPDFL \
                     elabore el informe técnico correspondiente, así como la versión final del Entregable 1.",
                    report("1043–1048"),
                ),
                transition(EventDate::month(2023, 6), 1, RemitidoCeplan, "Entregable 1 (pasos 1 y 2) remitido al CEPLAN", "", report("1050–1051")),
                transition(
                    EventDate::month(2023, 7),
                    1,
                    ObservadoCeplan,
                    "Comentarios y recomendaciones del CEPLAN",
                    "",
                    report("1051–1052"),
                )
                .with_answer(CeplanAnswer::ComentariosRecomendaciones),
                transition(
                    EventDate::months(2023, 10, 12),
                    1,
                    EnLevantamiento,
                    "Reformulación del Entregable 1",
                    "La reformulación tomó en cuenta, además, la nueva Guía de Políticas Nacionales del CEPLAN.",
                    report("1054–1056"),
                ),
                note(
                    EventDate::months(2023, 5, 12),
                    None,
                    "Encuesta de Trabajo Forzoso (piloto en Cusco)",
                    "Se trabajó la revisión y consistencia de la base de datos de la Encuesta de Trabajo Forzoso, piloto \
                     en la región Cusco, y se obtuvieron tabulados de la población en trabajo forzoso.",
                    report("796–812"),
                ),
                note(
                    EventDate::day(2023, 12, 20),
                    None,
                    "Protocolo Intersectorial contra el Trabajo Forzoso",
                    "Se promulgó el decreto supremo que aprueba el Protocolo Intersectorial contra el Trabajo Forzoso, \
                     publicado en el diario oficial El Peruano.",
                    report("841–843, 1213–1214"),
                )
                .with_document("Decreto Supremo N° 012-2023-TR"),
                note(
                    EventDate::as_of(2023, 12, 31),
                    None,
                    "Asistencia técnica del Proyecto Bridge Perú (OIT)",
                    "El Proyecto Bridge Perú de la OIT brindaba asistencia técnica para la formulación de la PNMPETF.",
                    report("1449–1451"),
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
            // Approved by supreme decree, so CEPLAN validated each deliverable; no source gives the dates.
            states: (1..=5).map(|n| (n, Conforme)).collect(),
            bodies: vec![(5, PNTP_PASO_5.into())],
            events: vec![
                milestone(
                    EventDate::day(2021, 7, 27),
                    Milestone::Aprobacion,
                    "Aprobación de la política",
                    "",
                    Some("Decreto Supremo N° 009-2021-IN"),
                    "Decreto Supremo N° 009-2021-IN, diario oficial El Peruano, 27/07/2021".into(),
                ),
                milestone(
                    EventDate::day(2021, 7, 27),
                    Milestone::Publicacion,
                    "Publicación en El Peruano",
                    "",
                    Some("Decreto Supremo N° 009-2021-IN"),
                    "Diario oficial El Peruano, 27/07/2021".into(),
                ),
                milestone(
                    EventDate::as_of(2023, 12, 31),
                    Milestone::Implementacion,
                    "En implementación",
                    "Continuaba el proceso de implementación, alineado a los objetivos de la política: preventivo, \
                     persecución y reintegración.",
                    None,
                    report("1063–1088"),
                ),
                note(
                    EventDate::as_of(2023, 12, 31),
                    None,
                    "Sistema de Monitoreo de acciones contra la Trata de Personas",
                    "Los responsables de los 42 servicios establecidos en la política reportaban en línea en el Sistema de \
                     Monitoreo de acciones contra la Trata de Personas.",
                    report("1338, 1367–1369"),
                ),
            ],
        },
    ]
}

/// An item of the PNTP's structure seeded for its follow-up: a key the others name it by, its
/// kind, the key of its parent, its code (the policy keeps its own) and its fields and expected
/// achievements.
pub struct DemoItem {
    pub key: &'static str,
    pub kind: crate::domain::structure::ItemKind,
    pub parent: Option<&'static str>,
    pub code: &'static str,
    pub values: Vec<(&'static str, &'static str)>,
    pub targets: Vec<(u16, &'static str)>,
}

/// A value obtained seeded in the PNTP's follow-up: (item key, year, value, source, date of the
/// data, explanation).
pub type DemoValue = (&'static str, u16, &'static str, String, chrono::NaiveDate, &'static str);

/// Who reports the illustrative indicators of the PNTP (a demo account of that entity).
pub const PNTP_SECTOR: &str = "Ministerio de la Mujer y Poblaciones Vulnerables (MIMP)";

/// What the follow-up of the PNTP starts from. The three objectives are as the report summarises
/// them (lines 1078–1088), not the approved text; service 20 is named as the report names it
/// (lines 1100–1106) and its figure for May–December 2023 (lines 1107–1110) is the one value
/// with a source. The report gives no indicator of the policy, no guideline and no expected
/// achievement: the guideline above service 20 says it is not known, and every indicator is
/// named «Ejemplo ilustrativo», as the follow-up's page and exports say.
pub fn pntp_followup() -> (Vec<DemoItem>, Vec<DemoValue>) {
    use crate::domain::structure::ItemKind::*;
    // Each statement says where it comes from: the report's summary, not the approved text.
    let objective = |key, code, statement: &'static str| DemoItem {
        key,
        kind: Objective,
        parent: None,
        code,
        values: vec![("enunciado", statement), ("responsable", "Ministerio del Interior")],
        targets: vec![],
    };
    let indicator = |key, kind, parent, code, values: Vec<(&'static str, &'static str)>, targets| DemoItem { key, kind, parent: Some(parent), code, values, targets };
    let items = vec![
        objective("preventivo", "Preventivo", "Ampliar la vigilancia preventiva contra la trata de personas y sus formas de explotación en contextos con población en situación de riesgo y vulnerabilidad. (Resumen del informe de progreso 2023, líneas 1078–1088; no es el texto aprobado.)"),
        objective("persecucion", "Persecución", "Mejorar el funcionamiento del sistema de persecución, sanción penal y fiscalización para combatir el delito de trata de personas. (Resumen del informe de progreso 2023, líneas 1078–1088; no es el texto aprobado.)"),
        objective("reintegracion", "Reintegración", "Fortalecer la atención y el proceso de reintegración de las víctimas del delito de trata de personas. (Resumen del informe de progreso 2023, líneas 1078–1088; no es el texto aprobado.)"),
        DemoItem {
            key: "lineamiento-s20",
            kind: Guideline,
            parent: Some("persecucion"),
            code: "L-S20",
            values: vec![("enunciado", "No registrado: el informe de progreso 2023 no cita el lineamiento ni el objetivo del que depende el servicio 20; se muestra aquí para ubicar el servicio.")],
            targets: vec![],
        },
        DemoItem {
            key: "servicio-20",
            kind: Service,
            parent: Some("lineamiento-s20"),
            code: "Servicio 20",
            values: vec![
                ("nombre", "Fortalecimiento de capacidades del personal policial en el uso de instrumentos normativos, protocolos y guías de actuación para la identificación, investigación y adecuado abordaje de las víctimas del delito de trata de personas"),
                ("receptor", "Efectivos de la Policía Nacional del Perú"),
            ],
            targets: vec![],
        },
        indicator("is-20", ServiceIndicator, "servicio-20", "IS20", vec![
            ("nombre", "Ejemplo ilustrativo: efectivos policiales capacitados en materia de trata de personas"),
            ("tipo", "producto"),
            ("responsable", "Ministerio del Interior"),
            ("parametro", "numero"),
            ("unidad", "efectivos policiales"),
            ("sentido", "ascendente"),
            ("fuente", "Ministerio del Interior, informe de progreso 2023"),
            ("linea_base_estado", "por_construir"),
            ("linea_base_anio", "2023"),
        ], vec![]),
        indicator("iop-r1", Indicator, "reintegracion", "IOP-R1", vec![
            ("nombre", "Ejemplo ilustrativo: porcentaje de víctimas de trata de personas con plan de reintegración individual"),
            ("tipo", "resultado"),
            ("responsable", PNTP_SECTOR),
            ("parametro", "porcentaje"),
            ("sentido", "ascendente"),
            ("fuente", "Ejemplo ilustrativo: registro administrativo del MIMP"),
            ("linea_base_estado", "con_valor"),
            ("linea_base_anio", "2022"),
            ("linea_base_valor", "30 %"),
        ], vec![(2024, "40 %"), (2025, "45 %"), (2026, "50 %"), (2030, "70 %")]),
        indicator("iop-r2", Indicator, "reintegracion", "IOP-R2", vec![
            ("nombre", "Ejemplo ilustrativo: días promedio entre el rescate de la víctima y su ingreso a un servicio de acogida"),
            ("tipo", "resultado"),
            ("responsable", PNTP_SECTOR),
            ("parametro", "cantidad"),
            ("unidad", "días"),
            ("sentido", "descendente"),
            ("fuente", "Ejemplo ilustrativo: registro administrativo del MIMP"),
            ("linea_base_estado", "con_valor"),
            ("linea_base_anio", "2022"),
            ("linea_base_valor", "30"),
        ], vec![(2024, "25"), (2025, "22"), (2026, "20"), (2030, "10")]),
    ];
    let values = vec![(
        "is-20",
        2023,
        "2163",
        report("1100–1110"),
        chrono::NaiveDate::from_ymd_opt(2023, 12, 31).unwrap_or_default(),
        "Cifra de mayo a diciembre de 2023, la que da el informe de progreso (no la del año completo): efectivos de las macrorregiones, regiones y frentes policiales capacitados en personas desaparecidas, trata de personas, delitos informáticos y el uso de tecnologías para la investigación del delito.",
    )];
    (items, values)
}

const PNMPETF_PASO_1: &str = "\
> Texto de demostración: normas que el informe de progreso 2023 cita en torno a la PNMPETF, cada una con su \
fuente. No es el texto del paso que el equipo remitió al CEPLAN, que Pasos no tiene.

## Marco normativo

- **Protocolo de 2014 relativo al Convenio sobre el trabajo forzoso, 1930** (Protocolo 29 de la OIT): ratificado \
por el Decreto Supremo N° 015-2021-RE, publicado en El Peruano el 21 de abril de 2021; en vigor para el Perú desde \
el 18 de junio de 2022. *Fuente: informe de progreso 2023, líneas 816–823.*
- **III Plan Nacional para la Lucha contra el Trabajo Forzoso 2019–2022**, aprobado por el Decreto Supremo N° \
015-2019-TR; su vigencia culminó en 2022 y la PNMPETF le dará continuidad. *Fuentes: El Peruano, 18/09/2019; informe \
de progreso 2023, líneas 836–841.*
- **Resolución Ministerial N° 293-2022-TR** (9 de noviembre de 2022): formaliza el inicio de la elaboración de la \
política. *Fuente: informe de progreso 2023, líneas 824–830.*
";

const PNTP_PASO_5: &str = "\
> Objetivos tal como los resume el informe de progreso 2023 (líneas 1078–1088); no es el texto aprobado del paso.

La implementación se alinea a los objetivos de la política:

- **Preventivo**: ampliar la vigilancia preventiva contra la trata de personas y sus formas de explotación en \
contextos con población en situación de riesgo y vulnerabilidad.
- **Persecución**: mejorar el funcionamiento del sistema de persecución, sanción penal y fiscalización para \
combatir el delito de trata de personas.
- **Reintegración**: fortalecer la atención y el proceso de reintegración de las víctimas del delito de trata de \
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

/// An illustrative closed regional consultation on Pasos 3–4 of PNMPETI, so that the demo shows
/// contributions answered and published. It is not the October 2023 workshop: the report gives
/// that workshop's month and who was convened, not its days nor a list of regions, so the
/// workshop is a note of the history and this consultation says in its title that it is an
/// example. It invites the twelve regions that committed to consultations on PNMPETI (III
/// CIGTPE, acuerdo 6); its two contributions are marked illustrative.
pub fn workshop_round() -> (crate::domain::rounds::NewRound, Vec<(u8, &'static str, &'static str)>) {
    use chrono::TimeZone;
    let lima = crate::domain::time::lima();
    let at = |d: u32, h: u32| lima.with_ymd_and_hms(2023, 10, d, h, 0, 0).single().map(|t| t.with_timezone(&chrono::Utc)).unwrap_or_default();
    let round = crate::domain::rounds::NewRound {
        kind: crate::domain::RoundKind::ConsultaRegional,
        title: "Ejemplo ilustrativo: consulta regional sobre la situación futura deseada y las alternativas de solución".into(),
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
        account("mininter@pasos.demo", "Equipo de la PNTP (demo)", "Ministerio del Interior", Equipo, None, &["PNTP"]),
        account("mimp@pasos.demo", "Entidad responsable: MIMP (demo)", PNTP_SECTOR, Sector, None, &["PNTP"]),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// Every transition of the seeded history follows the product's state machine from the state
    /// before it; only a deliverable's first may have none (history imported from before Pasos,
    /// and the timeline says so). Milestones come in their order, each at most once.
    #[test]
    fn the_seeded_history_passes_the_state_machine() {
        for demo in policies() {
            let mut seen: std::collections::HashMap<u8, DeliverableState> = std::collections::HashMap::new();
            for e in demo.events.iter().filter(|e| e.kind == EventKind::Transition) {
                let (n, to) = (e.deliverable.unwrap(), e.state_to.unwrap());
                match (seen.insert(n, to), e.state_from) {
                    (None, None) => {}
                    (Some(before), Some(from)) => {
                        assert_eq!(before, from, "{} E{n}", demo.policy.code);
                        assert!(from.may_become(to), "{} E{n}: {from:?} -> {to:?}", demo.policy.code);
                    }
                    other => panic!("{} E{n}: {other:?}", demo.policy.code),
                }
            }
            let milestones: Vec<Milestone> = demo.events.iter().filter_map(|e| e.milestone).collect();
            assert!(milestones.windows(2).all(|w| w[0] < w[1]), "{}: {milestones:?}", demo.policy.code);
            let dates: Vec<_> = demo.events.iter().map(|e| e.date.date).collect();
            assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{} in date order", demo.policy.code);
        }
    }

    /// No seeded fact without its source: every event names one (the report's lines, or the
    /// official gazette for what the report does not give), every step text says where it comes
    /// from, and each of its items carries its source.
    #[test]
    fn every_seeded_fact_has_a_source() {
        let report_lines = |source: &str| -> Option<Vec<(u32, u32)>> {
            let lines = source.strip_prefix(SOURCE)?.strip_prefix(", líneas ")?;
            let lines = lines.split(" (").next().unwrap_or(lines);
            lines
                .split(", ")
                .map(|r| {
                    let mut ends = r.split('–').map(|n| n.parse::<u32>().ok());
                    let a = ends.next().flatten()?;
                    let b = ends.next().flatten().unwrap_or(a);
                    Some((a, b))
                })
                .collect()
        };
        let mut checked = 0;
        for demo in policies() {
            for e in &demo.events {
                let source = e.source.as_deref().unwrap_or_else(|| panic!("{}: «{}» has no source", demo.policy.code, e.title));
                match report_lines(source) {
                    // The report has 1,609 lines.
                    Some(ranges) => assert!(ranges.iter().all(|(a, b)| 1 <= *a && a <= b && *b <= 1609), "{source}"),
                    None => assert!(source.contains("El Peruano"), "{}: «{source}» is neither the report nor the gazette", e.title),
                }
                checked += 1;
            }
            for (step, body) in &demo.bodies {
                assert!(body.starts_with("> ") && body.contains("líneas"), "{} Paso {step} says where it comes from", demo.policy.code);
                for item in body.lines().filter(|l| l.starts_with("- ")) {
                    assert!(item.contains("Fuente") || body.lines().next().is_some_and(|l| l.contains("líneas")), "{item}");
                }
            }
        }
        assert!(checked >= 20, "{checked} facts walked");
    }

    /// What the demo must never say again (issue list of corrections): the III Plan was approved
    /// by D.S. N° 015-2019-TR; facts of other roadmap items are not a step's elements; PNTP's
    /// three headings are not numbered objectives.
    #[test]
    fn the_corrected_facts_stay_corrected() {
        let all: Vec<DemoPolicy> = policies();
        let text: String = all
            .iter()
            .flat_map(|p| p.bodies.iter().map(|b| b.1.clone()).chain(p.events.iter().map(|e| format!("{} {}", e.title, e.detail))))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(!text.contains("Resolución Ministerial N° 290-2019-TR**: III Plan"), "{text}");
        assert!(text.contains("Decreto Supremo N° 015-2019-TR"));
        assert!(!text.contains("Elementos del paso"), "no report fact is shown as a step's element");
        let pntp = all.iter().find(|p| p.policy.code == "PNTP").unwrap();
        assert!(!pntp.bodies.iter().any(|b| b.1.contains("1. **Preventivo**")), "not numbered as objectives");
        assert!(pntp.events.iter().any(|e| e.milestone == Some(Milestone::Publicacion)));
        let pnmpeti = all.iter().find(|p| p.policy.code == "PNMPETI").unwrap();
        let sent = pnmpeti.events.iter().find(|e| e.state_to == Some(DeliverableState::RemitidoCeplan)).unwrap();
        assert_eq!(sent.date, EventDate::as_of(2023, 12, 31), "the report gives a state at the end of 2023, not a date");
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

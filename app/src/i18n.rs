//! Every text a user reads, in one catalogue. Views never hold literal Spanish: adding a language
//! is adding another `Catalog` value.
use crate::domain::{CdrpetiState, DeliverableState, StepState};

pub struct Catalog {
    pub app_name: &'static str,
    pub app_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_policies: &'static str,
    pub nav_regions: &'static str,
    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub no_policies: &'static str,
    pub deliverable: &'static str,
    pub deliverable_short: &'static str,
    pub step: &'static str,
    pub steps: &'static str,
    pub steps_delivered: &'static str,
    pub of: &'static str,
    pub last_event: &'static str,
    pub no_events: &'static str,
    pub topic: &'static str,
    pub rector_sector: &'static str,
    pub responsible_unit: &'static str,
    pub start_resolution: &'static str,
    pub horizon_year: &'static str,
    pub not_recorded: &'static str,
    pub deliverables_heading: &'static str,
    pub history_heading: &'static str,
    pub whole_policy: &'static str,
    pub document: &'static str,
    pub source: &'static str,
    pub state: &'static str,
    pub state_entered: &'static str,
    pub step_empty: &'static str,
    pub step_of_policy: &'static str,
    pub last_change: &'static str,
    pub back_to_policy: &'static str,
    pub regions_title: &'static str,
    pub regions_intro: &'static str,
    pub region: &'static str,
    pub ubigeo: &'static str,
    pub cdrpeti_2023: &'static str,
    pub regions_summary: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub go_home: &'static str,
    pub error_title: &'static str,
    pub error_text: &'static str,
    pub loading: &'static str,
    pub footer: &'static str,
    pub months: [&'static str; 12],
    pub sign_in_title: &'static str,
    pub sign_in_intro: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub sign_in_button: &'static str,
    pub sign_out_button: &'static str,
    pub signed_in_as: &'static str,
    pub sign_in_missing: &'static str,
    pub sign_in_wrong: &'static str,
    pub sign_in_throttled: &'static str,
    pub sign_in_unavailable: &'static str,
    pub signed_out: &'static str,
    pub forbidden_title: &'static str,
    pub forbidden_text: &'static str,
}

pub const ES: Catalog = Catalog {
    app_name: "Pasos",
    app_tagline: "Formulación de políticas nacionales con el método del CEPLAN",
    skip_to_content: "Saltar al contenido",
    nav_label: "Navegación principal",
    nav_policies: "Políticas",
    nav_regions: "Regiones",
    home_title: "Políticas nacionales en formulación",
    home_intro: "Dónde está cada entregable de cada política: su estado ante el CEPLAN, los pasos entregados y el último hecho registrado.",
    no_policies: "Aún no hay políticas registradas.",
    deliverable: "Entregable",
    deliverable_short: "E",
    step: "Paso",
    steps: "Pasos",
    steps_delivered: "pasos entregados",
    of: "de",
    last_event: "Último hecho registrado",
    no_events: "Sin hechos registrados.",
    topic: "Tema",
    rector_sector: "Sector rector",
    responsible_unit: "Unidad responsable",
    start_resolution: "Inicio formal",
    horizon_year: "Horizonte",
    not_recorded: "No registrado",
    deliverables_heading: "Entregables y pasos",
    history_heading: "Historia",
    whole_policy: "Toda la política",
    document: "Documento",
    source: "Fuente",
    state: "Estado",
    state_entered: "Nuevo estado",
    step_empty: "Este paso aún no tiene texto en Pasos.",
    step_of_policy: "Paso de la política",
    last_change: "Última modificación",
    back_to_policy: "Volver a la política",
    regions_title: "Regiones",
    regions_intro: "Las 26 jurisdicciones regionales y el estado de su Comité Directivo Regional para la Prevención y Erradicación del Trabajo Infantil (CDRPETI) en 2023.",
    region: "Región",
    ubigeo: "Ubigeo",
    cdrpeti_2023: "CDRPETI (2023)",
    regions_summary: "Fuente: Cuadro 1 del informe de progreso 2023.",
    not_found_title: "Página no encontrada",
    not_found_text: "La dirección no corresponde a ninguna política, paso o página de Pasos.",
    go_home: "Ir a la lista de políticas",
    error_title: "No se pudo cargar la página",
    error_text: "Ocurrió un problema al consultar los datos. Intente de nuevo en unos minutos.",
    loading: "Cargando…",
    footer: "Pasos · Ministerio de Trabajo y Promoción del Empleo",
    months: [
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "setiembre", "octubre", "noviembre",
        "diciembre",
    ],
    sign_in_title: "Ingresar",
    sign_in_intro: "Ingrese con el correo y la contraseña de su cuenta de Pasos.",
    email: "Correo electrónico",
    password: "Contraseña",
    sign_in_button: "Ingresar",
    sign_out_button: "Salir",
    signed_in_as: "Sesión de",
    sign_in_missing: "Escriba su correo electrónico y su contraseña.",
    sign_in_wrong: "El correo o la contraseña no son correctos.",
    sign_in_throttled: "Demasiados intentos fallidos. Por seguridad, espere 15 minutos antes de intentar de nuevo.",
    sign_in_unavailable: "No se pudo iniciar sesión por un problema del servicio. Intente de nuevo en unos minutos.",
    signed_out: "Cerró su sesión.",
    forbidden_title: "Sin permiso",
    forbidden_text: "Su cuenta no tiene permiso para ver esta página. Si lo necesita, pídalo al equipo de la política.",
};

/// The catalogue in use (one language today).
pub fn t() -> &'static Catalog {
    &ES
}

impl Catalog {
    pub fn deliverable_state(&self, s: DeliverableState) -> &'static str {
        use DeliverableState::*;
        match s {
            NoIniciado => "No iniciado",
            EnElaboracion => "En elaboración",
            EnRevisionInterna => "En revisión interna (OGPP)",
            RemitidoCeplan => "Remitido a CEPLAN",
            ObservadoCeplan => "Observado por CEPLAN",
            EnLevantamiento => "En levantamiento de observaciones",
            ReingresadoCeplan => "Reingresado a CEPLAN",
            Conforme => "Conforme",
        }
    }

    pub fn step_state(&self, s: StepState) -> &'static str {
        match s {
            StepState::NoIniciado => "No iniciado",
            StepState::EnElaboracion => "En elaboración",
            StepState::Entregado => "Entregado",
        }
    }

    pub fn role(&self, r: crate::domain::Role) -> &'static str {
        use crate::domain::Role::*;
        match r {
            Admin => "Administración",
            Equipo => "Equipo de la política",
            Directivo => "Directivo",
            Participante => "Participante regional",
            Ceplan => "CEPLAN",
        }
    }

    pub fn account_error(&self, e: crate::domain::AccountError) -> &'static str {
        use crate::domain::AccountError::*;
        match e {
            InvalidEmail => "El correo electrónico no es válido.",
            MissingName => "Falta el nombre.",
            NoRole => "Indique al menos un rol.",
            ParticipantWithoutJurisdiction => "Un participante regional necesita su región (ubigeo).",
            PasswordTooShort => "La contraseña debe tener al menos 10 caracteres.",
            PasswordTooLong => "La contraseña no puede tener más de 256 caracteres.",
        }
    }

    pub fn cdrpeti_state(&self, s: CdrpetiState) -> &'static str {
        match s {
            CdrpetiState::Activo => "Activo",
            CdrpetiState::Inactivo => "Inactivo",
            CdrpetiState::SinDato => "Sin dato",
        }
    }
}

//! The structured content of the steps, as data: a catalogue of item kinds (the problem's
//! statement, causes, the desired future, alternatives, priority objectives, guidelines, services,
//! standards, activities, alignments and the indicators of the objectives, the services and the
//! desired future), each with its fields, its code and its parent kinds; the rules that keep codes
//! stable and links whole; the indicator's ficha técnica and its yearly values; and the matriz de
//! consistencia built from the items.
//!
//! Sources of the catalogue: CEPLAN, *Guía de Políticas Nacionales* (R.P.C.D. N° 00047-2018/
//! CEPLAN/PCD, modificada por R.P.C.D. N° 00057-2018/CEPLAN/PCD): the nine steps and their
//! matrices; CEPLAN, *Guía para la elaboración de indicadores de políticas nacionales y planes
//! estratégicos* (R.P.C.D. N° 103-2023/CEPLAN/PCD, 1.ª ed., diciembre 2023): the ficha técnica
//! (`INDICATOR_FIELDS`), its measurement parameters (`PARAMETERS`, the seven of CEPLAN's
//! follow-up application) and the expected direction (`DIRECTIONS`).
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::quantity;
use super::text::folded as fold;

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    Text,
    LongText,
    Number,
    /// A value as `quantity::parse` reads it ("al menos 70 %").
    Quantity,
    Year,
    /// One of a fixed list of (key, label).
    Choice(&'static [(&'static str, &'static str)]),
    /// One or more of a fixed list, kept as their keys joined by ", ".
    Choices(&'static [(&'static str, &'static str)]),
    /// One of the policy's standard attributes (`policy_attributes`), kept as its name.
    Attribute,
    /// A link to another item of this kind (by id).
    Ref(ItemKind),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldDef {
    pub key: &'static str,
    pub label: &'static str,
    pub ty: FieldType,
    /// Required on every save; some fields are required only together with others (`check_rules`).
    pub required: bool,
}

const fn field(key: &'static str, label: &'static str, ty: FieldType, required: bool) -> FieldDef {
    FieldDef { key, label, ty, required }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// Paso 1: the statement of the public problem (one per policy).
    ProblemStatement,
    /// Paso 2: a direct cause (CD1…).
    DirectCause,
    /// Paso 2: an indirect cause under a direct one (CI1.1…).
    IndirectCause,
    /// Paso 3: the desired future situation (one per policy).
    FutureSituation,
    /// Paso 3: an indicator of the desired future situation, with its ficha técnica.
    FutureIndicator,
    /// Paso 4: an alternative of solution for a cause.
    Alternative,
    /// Paso 5: a priority objective (OP1…).
    Objective,
    /// Paso 5: an indicator of an objective, with its ficha técnica.
    Indicator,
    /// Paso 6: a guideline of an objective (L1.1…).
    Guideline,
    /// Paso 7: a service of a guideline (S1.1.1…).
    Service,
    /// Paso 7: an indicator of a service, with its ficha técnica.
    ServiceIndicator,
    /// Paso 7: a compliance standard of a service.
    Standard,
    /// Paso 8: an operational activity of a service.
    Activity,
    /// Paso 9: an alignment of an objective or a service with a higher-level plan or another policy.
    Alignment,
}

/// The expected direction of an indicator (CEPLAN's application names them creciente, neutral and
/// decreciente; the ficha técnica, ascendente, constante and descendente).
pub const DIRECTIONS: &[(&str, &str)] = &[("ascendente", "Ascendente"), ("descendente", "Descendente"), ("constante", "Constante")];
/// CEPLAN's measurement parameters, a closed list.
pub const PARAMETERS: &[(&str, &str)] = &[
    ("cantidad", "Cantidad"),
    ("numero", "Número"),
    ("porcentaje", "Porcentaje"),
    ("ratio", "Ratio"),
    ("tasa", "Tasa"),
    ("indice", "Índice"),
    ("tasa_de_variacion", "Tasa de variación"),
];
/// Where an indicator sits in the chain of results.
pub const INDICATOR_TYPES: &[(&str, &str)] = &[("impacto", "De impacto"), ("resultado", "De resultado"), ("producto", "De producto")];
/// Whether the baseline has been measured.
pub const BASELINE_STATES: &[(&str, &str)] = &[("con_valor", "Con valor medido"), ("por_construir", "Por construir")];
pub const DECISIONS: &[(&str, &str)] = &[("seleccionada", "Seleccionada"), ("descartada", "Descartada"), ("pendiente", "Pendiente")];
pub const ALTERNATIVE_KINDS: &[(&str, &str)] = &[("nueva", "Nueva intervención"), ("mejora", "Mejora de una intervención existente")];
pub const SERVICE_CONDITIONS: &[(&str, &str)] = &[("nuevo", "Nuevo"), ("mejora", "Mejora")];
pub const EVIDENCE_STRENGTHS: &[(&str, &str)] = &[("alta", "Alta"), ("media", "Media"), ("baja", "Baja")];
/// The attributes of a compliance standard CEPLAN's guide lists, a policy's catalogue until it
/// sets its own; the keys are how earlier versions of Pasos stored them.
pub const STANDARD_ATTRIBUTES: &[(&str, &str)] = &[
    ("oportunidad", "Oportunidad"),
    ("accesibilidad", "Accesibilidad"),
    ("fiabilidad", "Fiabilidad"),
    ("pertinencia_cultural", "Pertinencia cultural"),
    ("seguridad", "Seguridad"),
    ("cobertura", "Cobertura"),
    ("continuidad", "Continuidad"),
];
pub const GOVERNMENT_LEVELS: &[(&str, &str)] = &[("nacional", "Nacional"), ("regional", "Regional"), ("local", "Local")];
pub const ALIGNMENT_LEVELS: &[(&str, &str)] = &[
    ("acuerdo_nacional", "Políticas de Estado del Acuerdo Nacional"),
    ("pedn_2050", "Plan Estratégico de Desarrollo Nacional al 2050"),
    ("politica_general_de_gobierno", "Política General de Gobierno"),
    ("ods", "Objetivos de Desarrollo Sostenible (meta ODS)"),
    ("politica_nacional", "Otra política nacional (alineamiento horizontal)"),
];
/// The alignment level that is horizontal (with another national policy).
pub const HORIZONTAL: &str = "politica_nacional";
/// How two national policies relate (Pasos' own list: the guide asks to state and explain it).
pub const RELATIONS: &[(&str, &str)] = &[
    ("complementaria", "Complementaria"),
    ("coincidente", "Coincidente (mismo servicio o población)"),
    ("interdependiente", "Interdependiente"),
];
pub const LINK_KINDS: &[(&str, &str)] = &[("poi", "Plan Operativo Institucional (POI)"), ("pei", "Plan Estratégico Institucional (PEI)"), ("programa_presupuestal", "Programa presupuestal")];

/// The criteria alternatives are scored on when a policy has not set its own.
pub const DEFAULT_CRITERIA: [&str; 4] = ["Viabilidad política", "Viabilidad social", "Viabilidad administrativa", "Efectividad"];
/// The horizon of a policy that has not set one (national policies of this generation run to 2030).
pub const DEFAULT_HORIZON: u16 = 2030;
/// The most criteria (and standard attributes) a policy may have, and their longest name.
pub const MAX_CRITERIA: usize = 8;
pub const MAX_CRITERION_CHARS: usize = 80;
pub const MAX_ATTRIBUTES: usize = 20;
/// The longest value a field may hold, and the longest code typed by hand.
pub const MAX_VALUE_CHARS: usize = 5_000;
pub const MAX_CODE_CHARS: usize = 20;
/// The most standing items a policy may have (the PNTP, among the largest, has 42 services).
pub const MAX_ITEMS: usize = 1_500;
/// The earliest year a value may be given for.
pub const FIRST_YEAR: u16 = 1990;

use FieldType::*;

const PROBLEM_FIELDS: &[FieldDef] = &[
    field("enunciado", "Enunciado del problema público", LongText, true),
    field("delimitacion", "Delimitación (ámbito, población afectada)", LongText, false),
];
const CAUSE_FIELDS: &[FieldDef] = &[
    field("enunciado", "Enunciado de la causa", LongText, true),
    field("evidencia", "Evidencia (cita)", LongText, false),
    field("tipo_evidencia", "Tipo de evidencia", Text, false),
    field("fuerza_evidencia", "Fuerza de la evidencia", Choice(EVIDENCE_STRENGTHS), false),
    field("indicador_magnitud", "Indicador de magnitud", Text, false),
];
const FUTURE_FIELDS: &[FieldDef] = &[
    field("enunciado", "Situación futura deseada", LongText, true),
    field("descripcion", "Descripción y tendencias que la sustentan", LongText, false),
];
const ALTERNATIVE_FIELDS: &[FieldDef] = &[
    field("causa", "Causa que atiende", Ref(ItemKind::DirectCause), true),
    field("enunciado", "Alternativa", LongText, true),
    field("tipo", "Tipo", Choice(ALTERNATIVE_KINDS), true),
    field("evidencia", "Evidencia", LongText, false),
    field("decision", "Decisión", Choice(DECISIONS), true),
    // Required when the alternative is discarded (`check_rules`).
    field("motivo", "Motivo de la decisión", LongText, false),
];
const OBJECTIVE_FIELDS: &[FieldDef] = &[
    field("enunciado", "Objetivo prioritario", LongText, true),
    field("causa", "Causa directa que atiende", Ref(ItemKind::DirectCause), true),
    field("responsable", "Entidad responsable", Text, true),
];
/// The ficha técnica of an indicator (of an objective, a service or the desired future), in the
/// order of CEPLAN's format; its baseline, values obtained and expected achievements by year are
/// kept beside (`Item::observed`, `Item::targets`).
pub const INDICATOR_FIELDS: &[FieldDef] = &[
    field("nombre", "Nombre del indicador", Text, true),
    field("tipo", "Tipo de indicador", Choice(INDICATOR_TYPES), true),
    field("justificacion", "Justificación", LongText, true),
    field("responsable", "Responsable del indicador", Text, true),
    field("limitaciones", "Limitaciones del indicador", LongText, false),
    field("supuestos", "Supuestos", LongText, false),
    field("formula", "Método de cálculo (fórmula)", LongText, true),
    field("variables", "Definición de las variables", LongText, true),
    field("parametro", "Parámetro de medición", Choice(PARAMETERS), true),
    field("unidad", "Unidad de medida", Text, false),
    field("sentido", "Sentido esperado del indicador", Choice(DIRECTIONS), true),
    field("fuente", "Fuente y base de datos", Text, true),
    field("periodicidad", "Periodicidad de la medición", Text, false),
    field("desagregacion", "Nivel de desagregación", Text, false),
    field("linea_base_estado", "Línea de base", Choice(BASELINE_STATES), true),
    field("linea_base_anio", "Línea de base: año (o año en que estará disponible)", Year, true),
    // Required when the baseline has been measured (`check_rules`).
    field("linea_base_valor", "Línea de base: valor", Quantity, false),
];
const GUIDELINE_FIELDS: &[FieldDef] = &[
    field("enunciado", "Lineamiento", LongText, true),
    field("alternativa", "Alternativa de la que proviene", Ref(ItemKind::Alternative), false),
    field("entidades", "Entidades involucradas", Text, false),
];
const SERVICE_FIELDS: &[FieldDef] = &[
    field("nombre", "Servicio", Text, true),
    field("descripcion", "Descripción", LongText, false),
    field("receptor", "Persona que recibe el servicio", Text, true),
    field("poblacion", "Población objetivo", Text, true),
    field("cobertura", "Cobertura", Text, false),
    field("alcance", "Alcance (ámbito territorial)", Text, false),
    field("condicion", "Condición del servicio", Choice(SERVICE_CONDITIONS), true),
    field("proveedor", "Proveedor", Text, true),
    field("nivel", "Niveles de gobierno que lo prestan", Choices(GOVERNMENT_LEVELS), true),
];
const STANDARD_FIELDS: &[FieldDef] = &[
    field("atributo", "Atributo", Attribute, true),
    field("descripcion", "Descripción del estándar", LongText, true),
    field("indicador", "Indicador del estándar", Text, true),
];
const ACTIVITY_FIELDS: &[FieldDef] = &[
    field("nombre", "Actividad operativa", Text, true),
    field("unidad", "Unidad de medida", Text, true),
    field("responsable", "Unidad responsable", Text, true),
    field("vinculo_tipo", "Instrumento con que se vincula", Choice(LINK_KINDS), false),
    field("vinculo", "Código y nombre en ese instrumento", Text, false),
];
const ALIGNMENT_FIELDS: &[FieldDef] = &[
    field("nivel", "Nivel", Choice(ALIGNMENT_LEVELS), true),
    // Vertical alignment (`check_rules`).
    field("referencia", "Política de Estado, objetivo o meta con que se alinea (p. ej. ODS 8.7)", Text, false),
    // Horizontal alignment (`check_rules`).
    field("politica", "Política nacional con que se articula", Text, false),
    field("decreto", "Decreto supremo que la aprueba", Text, false),
    field("objetivo_politica", "Su objetivo prioritario, lineamiento o servicio", Text, false),
    field("relacion", "Tipo de relación", Choice(RELATIONS), false),
    field("explicacion", "Explicación de la relación", LongText, false),
];
/// Fields earlier versions of Pasos asked for and no longer do: shown when an item holds them.
const ACTIVITY_LEGACY: &[FieldDef] = &[field("meta_anual", "Meta física anual (sin año indicado)", Number, false)];

impl ItemKind {
    /// Every kind, each after the kinds it may hang from.
    pub const ALL: [ItemKind; 14] = [
        ItemKind::ProblemStatement,
        ItemKind::DirectCause,
        ItemKind::IndirectCause,
        ItemKind::FutureSituation,
        ItemKind::FutureIndicator,
        ItemKind::Alternative,
        ItemKind::Objective,
        ItemKind::Indicator,
        ItemKind::Guideline,
        ItemKind::Service,
        ItemKind::ServiceIndicator,
        ItemKind::Standard,
        ItemKind::Activity,
        ItemKind::Alignment,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ItemKind::ProblemStatement => "problema",
            ItemKind::DirectCause => "causa_directa",
            ItemKind::IndirectCause => "causa_indirecta",
            ItemKind::FutureSituation => "situacion_futura",
            ItemKind::FutureIndicator => "indicador_situacion_futura",
            ItemKind::Alternative => "alternativa",
            ItemKind::Objective => "objetivo",
            ItemKind::Indicator => "indicador",
            ItemKind::Guideline => "lineamiento",
            ItemKind::Service => "servicio",
            ItemKind::ServiceIndicator => "indicador_servicio",
            ItemKind::Standard => "estandar",
            ItemKind::Activity => "actividad",
            ItemKind::Alignment => "alineamiento",
        }
    }

    pub fn from_key(key: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The step whose content it is.
    pub fn step(self) -> u8 {
        match self {
            ItemKind::ProblemStatement => 1,
            ItemKind::DirectCause | ItemKind::IndirectCause => 2,
            ItemKind::FutureSituation | ItemKind::FutureIndicator => 3,
            ItemKind::Alternative => 4,
            ItemKind::Objective | ItemKind::Indicator => 5,
            ItemKind::Guideline => 6,
            ItemKind::Service | ItemKind::ServiceIndicator | ItemKind::Standard => 7,
            ItemKind::Activity => 8,
            ItemKind::Alignment => 9,
        }
    }

    /// The kinds it may hang from (its hierarchical code continues the parent's); empty: none.
    pub fn parents(self) -> &'static [ItemKind] {
        match self {
            ItemKind::IndirectCause => &[ItemKind::DirectCause],
            ItemKind::FutureIndicator => &[ItemKind::FutureSituation],
            ItemKind::Indicator | ItemKind::Guideline => &[ItemKind::Objective],
            ItemKind::Service => &[ItemKind::Guideline],
            ItemKind::ServiceIndicator | ItemKind::Standard | ItemKind::Activity => &[ItemKind::Service],
            ItemKind::Alignment => &[ItemKind::Objective, ItemKind::Service],
            // An alternative answers a cause, direct or indirect: it is linked by a field instead.
            ItemKind::ProblemStatement | ItemKind::DirectCause | ItemKind::FutureSituation | ItemKind::Alternative | ItemKind::Objective => &[],
        }
    }

    /// Whether a policy has at most one item of the kind.
    pub fn single(self) -> bool {
        matches!(self, ItemKind::ProblemStatement | ItemKind::FutureSituation)
    }

    /// Whether the kind carries a ficha técnica with yearly values.
    pub fn is_indicator(self) -> bool {
        matches!(self, ItemKind::Indicator | ItemKind::ServiceIndicator | ItemKind::FutureIndicator)
    }

    /// Whether the kind keeps a target per year (indicators' expected achievements, activities'
    /// yearly physical targets).
    pub fn has_targets(self) -> bool {
        self.is_indicator() || self == ItemKind::Activity
    }

    /// The code's prefix: PP1, CD1, CI1.1, SFD1, ISFD1.1, ALT1, OP1, IOP1.1, L1.1, S1.1.1,
    /// IS1.1.1.1, E1.1.1.1, A1.1.1.1, AL1.1.
    pub fn prefix(self) -> &'static str {
        match self {
            ItemKind::ProblemStatement => "PP",
            ItemKind::DirectCause => "CD",
            ItemKind::IndirectCause => "CI",
            ItemKind::FutureSituation => "SFD",
            ItemKind::FutureIndicator => "ISFD",
            ItemKind::Alternative => "ALT",
            ItemKind::Objective => "OP",
            ItemKind::Indicator => "IOP",
            ItemKind::Guideline => "L",
            ItemKind::Service => "S",
            ItemKind::ServiceIndicator => "IS",
            ItemKind::Standard => "E",
            ItemKind::Activity => "A",
            ItemKind::Alignment => "AL",
        }
    }

    /// The fields of the kind, in form order.
    pub fn fields(self) -> &'static [FieldDef] {
        match self {
            ItemKind::ProblemStatement => PROBLEM_FIELDS,
            ItemKind::DirectCause | ItemKind::IndirectCause => CAUSE_FIELDS,
            ItemKind::FutureSituation => FUTURE_FIELDS,
            ItemKind::Alternative => ALTERNATIVE_FIELDS,
            ItemKind::Objective => OBJECTIVE_FIELDS,
            ItemKind::Indicator | ItemKind::ServiceIndicator | ItemKind::FutureIndicator => INDICATOR_FIELDS,
            ItemKind::Guideline => GUIDELINE_FIELDS,
            ItemKind::Service => SERVICE_FIELDS,
            ItemKind::Standard => STANDARD_FIELDS,
            ItemKind::Activity => ACTIVITY_FIELDS,
            ItemKind::Alignment => ALIGNMENT_FIELDS,
        }
    }

    /// The fields no longer asked for, shown only when an item holds them.
    pub fn legacy_fields(self) -> &'static [FieldDef] {
        match self {
            ItemKind::Activity => ACTIVITY_LEGACY,
            _ => &[],
        }
    }

    /// The fields an item of the kind shows: the catalogue's, then the earlier ones it holds.
    pub fn shown_fields(self, item: &Item) -> impl Iterator<Item = &'static FieldDef> + '_ {
        self.fields().iter().chain(self.legacy_fields().iter().filter(|f| !item.value(f.key).is_empty()))
    }
}

/// A policy's choices about its structured content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StructureSettings {
    /// The year the policy looks to (its expected achievements end there).
    pub horizon: u16,
    /// What alternatives are scored on.
    pub criteria: Vec<String>,
    pub scheme: CodeScheme,
    /// The attributes its compliance standards may have.
    pub attributes: Vec<String>,
}

impl Default for StructureSettings {
    fn default() -> Self {
        StructureSettings {
            horizon: DEFAULT_HORIZON,
            criteria: DEFAULT_CRITERIA.iter().map(|c| c.to_string()).collect(),
            scheme: CodeScheme::Hierarchical,
            attributes: default_attributes(),
        }
    }
}

/// How a policy numbers its items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum CodeScheme {
    /// Each code continues its parent's: OP1, L1.2, S1.2.3.
    #[default]
    Hierarchical,
    /// One sequence per kind across the policy: S1 … S42.
    Sequential,
    /// The codes the policy itself uses, typed by the team ("OP 3", "Servicio 20").
    Own,
}

impl CodeScheme {
    pub const ALL: [CodeScheme; 3] = [CodeScheme::Hierarchical, CodeScheme::Sequential, CodeScheme::Own];

    pub fn key(self) -> &'static str {
        match self {
            CodeScheme::Hierarchical => "jerarquico",
            CodeScheme::Sequential => "correlativo",
            CodeScheme::Own => "propio",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// A stored item: its kind, stable code, parent and field values (all as typed, checked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    pub kind: ItemKind,
    pub code: String,
    pub parent: Option<String>,
    pub values: BTreeMap<String, String>,
    /// An indicator's expected achievements (logros esperados) or an activity's physical targets,
    /// by year, each as it prints ("al menos 70 %").
    pub targets: BTreeMap<u16, String>,
    /// An indicator's values obtained after its baseline, by year; the latest is its valor actual.
    #[serde(default)]
    pub observed: BTreeMap<u16, String>,
}

impl Item {
    pub fn value(&self, key: &str) -> &str {
        self.values.get(key).map(String::as_str).unwrap_or("")
    }

    /// What the item says in one line: a cause's statement, a service's or an indicator's name,
    /// what an alignment aligns with.
    pub fn headline(&self) -> &str {
        match self.kind {
            k if k.is_indicator() => self.value("nombre"),
            ItemKind::Service | ItemKind::Activity => self.value("nombre"),
            ItemKind::Standard => self.value("descripcion"),
            ItemKind::Alignment if self.value("nivel") == HORIZONTAL => self.value("politica"),
            ItemKind::Alignment => self.value("referencia"),
            _ => self.value("enunciado"),
        }
    }

    /// The latest value obtained, by year: the indicator's valor actual.
    pub fn current(&self) -> Option<(u16, &str)> {
        self.observed.iter().next_back().map(|(y, v)| (*y, v.as_str()))
    }

    /// Whether the baseline is still to be built.
    pub fn baseline_pending(&self) -> bool {
        self.value("linea_base_estado") == "por_construir"
    }

    /// The values of an item stored by an earlier version of Pasos, read with today's meaning: a
    /// baseline with a value is a measured one; a free-text measurement parameter that names one
    /// of CEPLAN's becomes that parameter (any other stays as the unit of measure); a standard
    /// attribute stored by its key reads by its name.
    pub fn upgraded(mut self) -> Item {
        if self.kind.is_indicator() {
            if self.value("linea_base_estado").is_empty() && !self.value("linea_base_valor").is_empty() {
                self.values.insert("linea_base_estado".into(), "con_valor".into());
            }
            if self.value("parametro").is_empty() && !self.value("unidad").is_empty() {
                let unit = fold(self.value("unidad"));
                if let Some((key, _)) = PARAMETERS.iter().find(|(_, label)| fold(label) == unit) {
                    self.values.insert("parametro".into(), key.to_string());
                    self.values.remove("unidad");
                }
            }
        }
        if self.kind == ItemKind::Standard {
            if let Some((_, label)) = STANDARD_ATTRIBUTES.iter().find(|(key, _)| *key == self.value("atributo")) {
                self.values.insert("atributo".into(), label.to_string());
            }
        }
        self
    }
}

/// Why a change to the structure is refused; labels name the field as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum StructureError {
    /// A required field is empty (its label).
    Missing(String),
    /// A number was expected (the field's label).
    NotANumber(String),
    BadYear(String),
    BadChoice(String),
    /// A link names an item that is not there (or not of the right kind).
    DanglingLink(String),
    MissingParent,
    /// An expected achievement outside the years after the last known value up to the horizon.
    TargetOutOfRange(u16),
    /// A value obtained outside the years after the baseline up to this year.
    ObservedOutOfRange(u16),
    /// The horizon's expected achievement is missing.
    MissingTarget(u16),
    /// An expected achievement that moves against the expected direction (the year).
    AgainstDirection(u16),
    /// Deleting an item others point to (their codes).
    StillReferenced(Vec<String>),
    /// A value longer than `MAX_VALUE_CHARS` (the field's label).
    TooLong(String),
    /// A score that is not a whole number from 1 to 5 (the criterion).
    BadScore(String),
    /// The list of criteria is empty, too long, repeats a name or has a name that is too long.
    BadCriteria,
    /// The same for the standard attributes.
    BadAttributes,
    /// A horizon year before the present decade or past 2100.
    BadHorizon,
    /// A value given where none can be (a baseline value of a baseline still to be built).
    NotExpected(String),
    /// "al menos"/"como máximo" on a measured value.
    Qualified(String),
    /// "%" on a value whose parameter is not a percentage.
    PercentMismatch(String),
    /// A percentage outside 0–100 or a negative count.
    OutOfRange(String),
    /// A second item of a kind a policy has one of (the kind's name).
    OnlyOne(String),
    /// A typed code another item already has.
    CodeTaken(String),
    /// A typed code that is empty, too long or holds ":".
    BadCode,
    /// An activity without a target for any year.
    NoTargets,
    /// The policy has `MAX_ITEMS` items already.
    TooMany,
    /// A baseline (or the year it will be available) at or after the horizon.
    BaselineAfterHorizon(u16),
}

impl StructureError {
    /// The refusal as it travels back to the form: a key and its detail (a field, a year, codes).
    pub fn key(&self) -> &'static str {
        use StructureError::*;
        match self {
            Missing(_) => "faltante",
            NotANumber(_) => "no_numero",
            BadYear(_) => "anio",
            BadChoice(_) => "opcion",
            DanglingLink(_) => "enlace",
            MissingParent => "sin_padre",
            TargetOutOfRange(_) => "meta_fuera",
            ObservedOutOfRange(_) => "obtenido_fuera",
            MissingTarget(_) => "meta_faltante",
            AgainstDirection(_) => "meta_sentido",
            StillReferenced(_) => "referido",
            TooLong(_) => "largo",
            BadScore(_) => "puntaje",
            BadCriteria => "criterios",
            BadAttributes => "atributos",
            BadHorizon => "horizonte",
            NotExpected(_) => "no_corresponde",
            Qualified(_) => "calificado",
            PercentMismatch(_) => "porcentaje",
            OutOfRange(_) => "rango",
            OnlyOne(_) => "unico",
            CodeTaken(_) => "codigo_usado",
            BadCode => "codigo",
            NoTargets => "sin_metas",
            TooMany => "demasiados",
            BaselineAfterHorizon(_) => "base_horizonte",
        }
    }

    pub fn detail(&self) -> String {
        use StructureError::*;
        match self {
            Missing(l) | NotANumber(l) | BadYear(l) | BadChoice(l) | DanglingLink(l) | TooLong(l) | NotExpected(l) | Qualified(l) | PercentMismatch(l) | OutOfRange(l) | OnlyOne(l) | CodeTaken(l) => l.clone(),
            TargetOutOfRange(y) | ObservedOutOfRange(y) | MissingTarget(y) | AgainstDirection(y) | BaselineAfterHorizon(y) => y.to_string(),
            StillReferenced(codes) => codes.join(", "),
            BadScore(c) => c.clone(),
            MissingParent | BadCriteria | BadAttributes | BadHorizon | BadCode | NoTargets | TooMany => String::new(),
        }
    }
}

/// When a field that is not always required is: said beside its label.
pub fn required_when(kind: ItemKind, key: &str) -> Option<&'static str> {
    match (kind, key) {
        (ItemKind::Alternative, "motivo") => Some("obligatorio si se descarta"),
        (k, "linea_base_valor") if k.is_indicator() => Some("obligatorio si la línea de base tiene valor medido"),
        (ItemKind::Alignment, "referencia") => Some("obligatorio en el alineamiento vertical"),
        (ItemKind::Alignment, "politica" | "decreto" | "objetivo_politica" | "relacion") => Some("obligatorio en el alineamiento horizontal"),
        _ => None,
    }
}

/// The label of `key` among `kind`'s fields.
fn label_of(kind: ItemKind, key: &str) -> String {
    kind.fields().iter().find(|f| f.key == key).map(|f| f.label).unwrap_or(key).to_string()
}

/// Checks an item's values against its kind's catalogue; `exists(kind, id)` tells whether a
/// linked item exists; `attributes` are the policy's standard attributes. Values are trimmed and
/// kept as they print (a quantity as "al menos 70 %", several choices as "nacional, local");
/// unknown keys are dropped.
pub fn check_values(
    kind: ItemKind,
    raw: &BTreeMap<String, String>,
    exists: impl Fn(ItemKind, &str) -> bool,
    attributes: &[String],
) -> Result<BTreeMap<String, String>, StructureError> {
    let mut out = BTreeMap::new();
    for f in kind.fields() {
        let mut v = raw.get(f.key).map(|v| v.trim().replace("\r\n", "\n")).unwrap_or_default();
        if v.is_empty() {
            if f.required {
                return Err(StructureError::Missing(f.label.into()));
            }
            continue;
        }
        if v.chars().count() > MAX_VALUE_CHARS {
            return Err(StructureError::TooLong(f.label.into()));
        }
        match f.ty {
            Number if parse_number(&v).is_none() => return Err(StructureError::NotANumber(f.label.into())),
            Quantity => v = quantity::parse(&v).ok_or_else(|| StructureError::NotANumber(f.label.into()))?.text(),
            Year if !v.parse::<u16>().is_ok_and(|y| (FIRST_YEAR..=2100).contains(&y)) => return Err(StructureError::BadYear(f.label.into())),
            Choice(options) if !options.iter().any(|(k, _)| *k == v) => return Err(StructureError::BadChoice(f.label.into())),
            Choices(options) => {
                let chosen: Vec<&str> = v.split(',').map(str::trim).filter(|k| !k.is_empty()).collect();
                if chosen.is_empty() || chosen.iter().any(|k| !options.iter().any(|(o, _)| o == k)) {
                    return Err(StructureError::BadChoice(f.label.into()));
                }
                v = options.iter().filter(|(o, _)| chosen.contains(o)).map(|(o, _)| *o).collect::<Vec<_>>().join(", ");
            }
            Attribute => match attributes.iter().find(|a| fold(a) == fold(&v)) {
                Some(a) => v = a.clone(),
                None => return Err(StructureError::BadChoice(f.label.into())),
            },
            // An alternative's cause may be direct or indirect.
            Ref(k) if !(exists(k, &v) || (k == ItemKind::DirectCause && exists(ItemKind::IndirectCause, &v))) => {
                return Err(StructureError::DanglingLink(f.label.into()))
            }
            _ => {}
        }
        out.insert(f.key.to_string(), v);
    }
    check_rules(kind, &out)?;
    Ok(out)
}

/// The rules between fields: a discarded alternative says why; a measured baseline has a value
/// and one still to be built has none; a vertical alignment names what it aligns with and a
/// horizontal one names the policy, its decree, its objective and the relation.
fn check_rules(kind: ItemKind, values: &BTreeMap<String, String>) -> Result<(), StructureError> {
    let has = |k: &str| values.get(k).is_some_and(|v| !v.is_empty());
    let need = |keys: &[&str]| keys.iter().find(|k| !has(k)).map_or(Ok(()), |k| Err(StructureError::Missing(label_of(kind, k))));
    match kind {
        ItemKind::Alternative if values.get("decision").map(String::as_str) == Some("descartada") => need(&["motivo"]),
        k if k.is_indicator() => match values.get("linea_base_estado").map(String::as_str) {
            Some("con_valor") => need(&["linea_base_valor"]),
            _ if has("linea_base_valor") => Err(StructureError::NotExpected(label_of(kind, "linea_base_valor"))),
            _ => Ok(()),
        },
        ItemKind::Alignment if values.get("nivel").map(String::as_str) == Some(HORIZONTAL) => need(&["politica", "decreto", "objetivo_politica", "relacion"]),
        ItemKind::Alignment => need(&["referencia"]),
        _ => Ok(()),
    }
}

/// A number as Peruvians may type it: "12.5", "12,5", "1 234", "1 200,5".
pub fn parse_number(s: &str) -> Option<f64> {
    quantity::parse(s).filter(|q| q.qualifier.is_none() && !q.percent).map(|q| q.value())
}

/// A value of a series checked against the indicator's parameter: "%" only on a percentage, a
/// percentage from 0 to 100, a count never negative, a qualifier only where `qualified`.
pub(crate) fn series_value(raw: &str, label: String, parameter: &str, qualified: bool) -> Result<quantity::Quantity, StructureError> {
    let q = quantity::parse(raw).ok_or_else(|| StructureError::NotANumber(label.clone()))?;
    if q.qualifier.is_some() && !qualified {
        return Err(StructureError::Qualified(label));
    }
    if q.percent && parameter != "porcentaje" {
        return Err(StructureError::PercentMismatch(label));
    }
    let n = q.value();
    let in_range = match parameter {
        "porcentaje" => (0.0..=100.0).contains(&n),
        "cantidad" | "numero" | "ratio" | "tasa" => n >= 0.0,
        _ => true,
    };
    if !in_range {
        return Err(StructureError::OutOfRange(label));
    }
    Ok(q)
}

/// Values by year, each as it prints.
pub type Series = BTreeMap<u16, String>;

/// The label of a value obtained and of an expected achievement in a year.
pub fn observed_label(year: u16) -> String {
    format!("Valor obtenido {year}")
}
pub fn target_label(year: u16) -> String {
    format!("Logro esperado {year}")
}
pub fn activity_target_label(year: u16) -> String {
    format!("Meta {year}")
}

/// The yearly values of an item whose fields `values` are already checked, each as it prints.
///
/// An indicator: values obtained for years after the baseline up to `this_year` (none while the
/// baseline is still to be built), plain numbers; expected achievements for years after the last
/// known value up to `horizon`, optionally qualified ("al menos"), at least the horizon's when the
/// baseline is measured, each moving from the last known value in the expected direction (equal
/// to the previous one when constant). An activity: at least one yearly target, never negative.
/// Blank entries are ignored.
pub fn check_series(
    kind: ItemKind,
    values: &BTreeMap<String, String>,
    observed: &BTreeMap<u16, String>,
    targets: &BTreeMap<u16, String>,
    horizon: u16,
    this_year: u16,
) -> Result<(Series, Series), StructureError> {
    let given = |m: &BTreeMap<u16, String>| m.iter().filter(|(_, v)| !v.trim().is_empty()).map(|(y, v)| (*y, v.trim().to_string())).collect::<Vec<_>>();
    if kind == ItemKind::Activity {
        let mut out = BTreeMap::new();
        for (year, raw) in given(targets) {
            if !(FIRST_YEAR..=horizon).contains(&year) {
                return Err(StructureError::TargetOutOfRange(year));
            }
            let q = series_value(&raw, activity_target_label(year), "cantidad", false)?;
            if q.percent {
                return Err(StructureError::PercentMismatch(activity_target_label(year)));
            }
            out.insert(year, q.text());
        }
        if out.is_empty() {
            return Err(StructureError::NoTargets);
        }
        return Ok((BTreeMap::new(), out));
    }
    if !kind.is_indicator() {
        return Ok((BTreeMap::new(), BTreeMap::new()));
    }
    let value = |k: &str| values.get(k).map(String::as_str).unwrap_or("");
    let parameter = value("parametro");
    let base_year: u16 = value("linea_base_anio").parse().unwrap_or(this_year);
    let pending = value("linea_base_estado") == "por_construir";
    if base_year >= horizon {
        return Err(StructureError::BaselineAfterHorizon(base_year));
    }
    let mut out_observed = BTreeMap::new();
    let mut last: Option<(u16, f64)> = None;
    if !pending && !value("linea_base_valor").is_empty() {
        let q = series_value(value("linea_base_valor"), label_of(kind, "linea_base_valor"), parameter, false)?;
        last = Some((base_year, q.value()));
    }
    for (year, raw) in given(observed) {
        if pending {
            return Err(StructureError::NotExpected(observed_label(year)));
        }
        if year <= base_year || year > this_year {
            return Err(StructureError::ObservedOutOfRange(year));
        }
        let q = series_value(&raw, observed_label(year), parameter, false)?;
        last = Some((year, q.value()));
        out_observed.insert(year, q.text());
    }
    let first_target = last.map_or(base_year, |(y, _)| y.max(base_year)) + 1;
    let mut out_targets = BTreeMap::new();
    let mut previous = last.map(|(_, v)| v);
    let mut previous_target: Option<f64> = None;
    let direction = value("sentido");
    for (year, raw) in given(targets) {
        if year < first_target || year > horizon {
            return Err(StructureError::TargetOutOfRange(year));
        }
        let q = series_value(&raw, target_label(year), parameter, true)?;
        let n = q.value();
        let against = match direction {
            "ascendente" => previous.is_some_and(|p| n < p),
            "descendente" => previous.is_some_and(|p| n > p),
            _ => previous_target.is_some_and(|p| n != p),
        };
        if against {
            return Err(StructureError::AgainstDirection(year));
        }
        previous = Some(n);
        previous_target = Some(n);
        out_targets.insert(year, q.text());
    }
    if !pending && !out_targets.contains_key(&horizon) {
        return Err(StructureError::MissingTarget(horizon));
    }
    Ok((out_observed, out_targets))
}

/// Checks a code typed by hand (the policy's own scheme): up to `MAX_CODE_CHARS` letters,
/// digits, spaces and ". - _ / °" in one line, that no other item holds (`taken`) even written
/// with other case, accents or signs ("OP 1", "op-1" and "OP_1" are one code: they would share an
/// anchor).
pub fn check_code(typed: &str, taken: &[String]) -> Result<String, StructureError> {
    let code = typed.split_whitespace().collect::<Vec<_>>().join(" ");
    let allowed = |c: char| c.is_alphanumeric() || " .-_/°º".contains(c);
    if code.is_empty() || code.chars().count() > MAX_CODE_CHARS || !code.chars().all(allowed) || !code.chars().any(char::is_alphanumeric) {
        return Err(StructureError::BadCode);
    }
    if taken.iter().any(|t| code_key(t) == code_key(&code)) {
        return Err(StructureError::CodeTaken(code));
    }
    Ok(code)
}

/// What makes two codes the same: lower case, no accents, signs and spaces as "-".
pub fn code_key(code: &str) -> String {
    code_slug(&fold(code))
}

/// The prefix of an alternative's score for a criterion, as its form names it.
pub const SCORE_PREFIX: &str = "puntaje:";

/// Where an alternative keeps its score on a criterion.
pub fn score_key(criterion: &str) -> String {
    format!("{SCORE_PREFIX}{criterion}")
}

/// An alternative's scores, one per criterion (`raw` keyed by `score_key`): whole numbers from 1
/// to 5; a criterion left blank is not scored yet.
pub fn check_scores(criteria: &[String], raw: &BTreeMap<String, String>) -> Result<BTreeMap<String, String>, StructureError> {
    let mut out = BTreeMap::new();
    for c in criteria {
        let key = score_key(c);
        let v = raw.get(&key).map(|v| v.trim()).unwrap_or("");
        if v.is_empty() {
            continue;
        }
        match v.parse::<u8>() {
            Ok(n) if (1..=5).contains(&n) => out.insert(key, n.to_string()),
            _ => return Err(StructureError::BadScore(c.clone())),
        };
    }
    Ok(out)
}

/// An alternative's total over the criteria it was scored on.
pub fn total_score(item: &Item, criteria: &[String]) -> u32 {
    criteria.iter().filter_map(|c| item.values.get(&score_key(c))).filter_map(|v| v.parse::<u32>().ok()).sum()
}

/// The criteria of a scoring matrix, one per line.
pub fn check_criteria(text: &str) -> Result<Vec<String>, StructureError> {
    list_of_names(text, MAX_CRITERIA).ok_or(StructureError::BadCriteria)
}

/// A policy's standard attributes, one per line (as the criteria).
pub fn check_attributes(text: &str) -> Result<Vec<String>, StructureError> {
    list_of_names(text, MAX_ATTRIBUTES).ok_or(StructureError::BadAttributes)
}

/// Names one per line: spaces collapsed, blank lines dropped, 1 to `most` distinct names of up to
/// `MAX_CRITERION_CHARS` characters.
fn list_of_names(text: &str, most: usize) -> Option<Vec<String>> {
    let list: Vec<String> = text.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|l| !l.is_empty()).collect();
    let unique = list.iter().map(|l| fold(l)).collect::<std::collections::BTreeSet<_>>().len() == list.len();
    (!list.is_empty() && list.len() <= most && unique && list.iter().all(|c| c.chars().count() <= MAX_CRITERION_CHARS)).then_some(list)
}

/// The standard attributes of CEPLAN's guide, a policy's until it sets its own.
pub fn default_attributes() -> Vec<String> {
    STANDARD_ATTRIBUTES.iter().map(|(_, l)| l.to_string()).collect()
}

/// A policy's horizon year, as typed.
pub fn check_horizon(raw: &str, this_year: u16) -> Result<u16, StructureError> {
    raw.trim().parse::<u16>().ok().filter(|y| (this_year.saturating_sub(10)..=2100).contains(y)).ok_or(StructureError::BadHorizon)
}

/// How a choice reads (several choices by their labels, joined by ", ").
pub fn choice_label(ty: FieldType, key: &str) -> String {
    let label = |options: &[(&str, &str)], key: &str| options.iter().find(|(k, _)| *k == key).map(|(_, l)| l.to_string()).unwrap_or_else(|| key.to_string());
    match ty {
        Choice(options) => label(options, key),
        Choices(options) => key.split(',').map(|k| label(options, k.trim())).collect::<Vec<_>>().join(", "),
        _ => key.to_string(),
    }
}

/// The items of one step as a frozen revision keeps them: standing items only, sorted by code,
/// with links and parents written as the codes they point to, so the snapshot reads on its own
/// whatever happens to the other steps later.
pub fn snapshot(step: u8, items: &[Item]) -> Vec<Item> {
    let code_of = |id: &str| items.iter().find(|i| i.id == id).map(|i| i.code.clone()).unwrap_or_default();
    let mut out: Vec<Item> = items
        .iter()
        .filter(|i| i.kind.step() == step)
        .map(|i| {
            let mut values = i.values.clone();
            for f in i.kind.fields() {
                if let (Ref(_), Some(v)) = (f.ty, values.get_mut(f.key)) {
                    *v = code_of(v);
                }
            }
            Item { id: i.code.clone(), code: i.code.clone(), parent: i.parent.as_deref().map(code_of), values, ..i.clone() }
        })
        .collect();
    out.sort_by_key(|a| (a.kind, natural(&a.code)));
    out
}

/// Every step's snapshot of `items`, together (links and parents as codes).
pub fn snapshot_all(items: &[Item]) -> Vec<Item> {
    (1..=9).flat_map(|step| snapshot(step, items)).collect()
}

/// The criteria an alternative snapshot was scored on, in the order first seen.
pub fn scored_criteria(items: &[Item]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in items {
        for k in i.values.keys() {
            if let Some(c) = k.strip_prefix(SCORE_PREFIX) {
                if !out.iter().any(|o| o == c) {
                    out.push(c.to_string());
                }
            }
        }
    }
    out
}

/// A cell of a Markdown table: one line (no-break spaces kept), every sign Markdown would read
/// (links, pictures, emphasis, code, HTML, entities, pipes) escaped, so a value prints as typed.
pub fn cell(s: &str) -> String {
    let line = s.split(|c: char| c.is_whitespace() && c != '\u{a0}').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if "\\`*_[]<>!|&~#".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A Markdown table: its header and rows, each cell made one line.
pub fn markdown_table(head: &[String], rows: &[Vec<String>]) -> String {
    let line = |cells: &[String]| format!("| {} |\n", cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | "));
    let mut out = line(head);
    out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
    for r in rows {
        out.push_str(&line(r));
    }
    out
}

/// Yearly values as one line: "2024: 25; 2025: al menos 22,5".
pub fn series_line(series: &BTreeMap<u16, String>) -> String {
    series.iter().map(|(y, v)| format!("{y}: {v}")).collect::<Vec<_>>().join("; ")
}

/// An item's targets as one line.
pub fn targets_line(item: &Item) -> String {
    series_line(&item.targets)
}

/// The baseline as it reads: "26,1 (2019)" or "Por construir (disponible en 2026)".
pub fn baseline_line(item: &Item) -> String {
    let year = item.value("linea_base_anio");
    if item.baseline_pending() {
        format!("Por construir (disponible en {year})")
    } else if item.value("linea_base_valor").is_empty() {
        String::new()
    } else {
        format!("{} ({year})", value_with_unit(item, item.value("linea_base_valor")))
    }
}

/// A value of an indicator with its unit: "70 %" already carries it; a rate reads "12,5 (tasa)".
pub fn value_with_unit(item: &Item, value: &str) -> String {
    let unit = item.value("unidad");
    if value.ends_with('%') || unit.is_empty() {
        value.to_string()
    } else {
        format!("{value} {unit}")
    }
}

/// The value of a field as it reads (choices by their label).
pub fn shown(item: &Item, f: &FieldDef) -> String {
    let v = item.value(f.key);
    if v.is_empty() {
        return String::new();
    }
    choice_label(f.ty, v)
}

/// The (field, value) rows of an item as its record reads: its fields, what it hangs from, its
/// scores, and its yearly values.
pub fn record_rows(item: &Item) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = Vec::new();
    if let Some(p) = &item.parent {
        rows.push(("Depende de".into(), p.clone()));
    }
    for f in item.kind.shown_fields(item) {
        let v = shown(item, f);
        if !v.is_empty() || f.required {
            rows.push((f.label.into(), v));
        }
    }
    for (k, v) in item.values.iter().filter(|(k, _)| k.starts_with(SCORE_PREFIX)) {
        rows.push((format!("Puntaje: {}", &k[SCORE_PREFIX.len()..]), v.clone()));
    }
    if item.kind.is_indicator() {
        rows.push(("Valores obtenidos".into(), series_line(&item.observed)));
        rows.push(("Logros esperados".into(), series_line(&item.targets)));
    } else if item.kind == ItemKind::Activity {
        rows.push(("Metas anuales".into(), series_line(&item.targets)));
    }
    rows
}

/// A snapshot's items in full, one two-column record per item (what history diffs compare).
pub fn tables_markdown(snapshot: &[Item]) -> String {
    let mut out = String::new();
    for kind in ItemKind::ALL {
        let items: Vec<&Item> = snapshot.iter().filter(|i| i.kind == kind).collect();
        if items.is_empty() {
            continue;
        }
        out.push_str(&format!("\n**{}**\n", kind_title(kind)));
        for i in items {
            let rows: Vec<Vec<String>> = record_rows(i).into_iter().map(|(k, v)| vec![k, v]).collect();
            out.push_str(&format!("\n{}", markdown_table(&[kind_name(kind).to_string(), i.code.clone()], &rows)));
        }
    }
    out
}

/// A snapshot's items in short, one table per kind of at most four columns (code, what it hangs
/// from, its statement, one telling field): what a document prints after the step's text, its
/// fichas and matrices going to the annexes.
pub fn summary_markdown(snapshot: &[Item]) -> String {
    let mut out = String::new();
    for kind in ItemKind::ALL {
        let items: Vec<&Item> = snapshot.iter().filter(|i| i.kind == kind).collect();
        if items.is_empty() {
            continue;
        }
        type Column = (&'static str, fn(&Item) -> String);
        let extra: Option<Column> = match kind {
            k if k.is_indicator() => Some(("Línea de base", baseline_line)),
            ItemKind::Alternative => Some(("Decisión", |i| choice_label(Choice(DECISIONS), i.value("decision")))),
            ItemKind::Objective => Some(("Entidad responsable", |i| i.value("responsable").to_string())),
            ItemKind::Service => Some(("Proveedor", |i| i.value("proveedor").to_string())),
            ItemKind::Standard => Some(("Atributo", |i| i.value("atributo").to_string())),
            ItemKind::Activity => Some(("Unidad responsable", |i| i.value("responsable").to_string())),
            ItemKind::Alignment => Some(("Nivel", |i| choice_label(Choice(ALIGNMENT_LEVELS), i.value("nivel")))),
            _ => None,
        };
        let parented = !kind.parents().is_empty();
        let mut head = vec!["Código".to_string()];
        if parented {
            head.push("Depende de".into());
        }
        head.push(kind_name(kind).into());
        if let Some((h, _)) = extra {
            head.push(h.into());
        }
        let rows: Vec<Vec<String>> = items
            .iter()
            .map(|i| {
                let mut row = vec![i.code.clone()];
                if parented {
                    row.push(i.parent.clone().unwrap_or_default());
                }
                row.push(i.headline().to_string());
                if let Some((_, f)) = extra {
                    row.push(f(i));
                }
                row
            })
            .collect();
        out.push_str(&format!("\n**{}**\n\n{}", kind_title(kind), markdown_table(&head, &rows)));
    }
    out
}

/// The plural title of a kind's table.
pub fn kind_title(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::ProblemStatement => "Enunciado del problema público",
        ItemKind::DirectCause => "Causas directas",
        ItemKind::IndirectCause => "Causas indirectas",
        ItemKind::FutureSituation => "Situación futura deseada",
        ItemKind::FutureIndicator => "Indicadores de la situación futura deseada",
        ItemKind::Alternative => "Alternativas de solución",
        ItemKind::Objective => "Objetivos prioritarios",
        ItemKind::Indicator => "Indicadores de los objetivos prioritarios",
        ItemKind::Guideline => "Lineamientos",
        ItemKind::Service => "Servicios",
        ItemKind::ServiceIndicator => "Indicadores de los servicios",
        ItemKind::Standard => "Estándares de cumplimiento",
        ItemKind::Activity => "Actividades operativas",
        ItemKind::Alignment => "Alineamiento",
    }
}

/// The singular name of a kind.
pub fn kind_name(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::ProblemStatement => "Enunciado del problema público",
        ItemKind::DirectCause => "Causa directa",
        ItemKind::IndirectCause => "Causa indirecta",
        ItemKind::FutureSituation => "Situación futura deseada",
        ItemKind::FutureIndicator => "Indicador de la situación futura",
        ItemKind::Alternative => "Alternativa",
        ItemKind::Objective => "Objetivo prioritario",
        ItemKind::Indicator => "Indicador",
        ItemKind::Guideline => "Lineamiento",
        ItemKind::Service => "Servicio",
        ItemKind::ServiceIndicator => "Indicador de servicio",
        ItemKind::Standard => "Estándar de cumplimiento",
        ItemKind::Activity => "Actividad operativa",
        ItemKind::Alignment => "Alineamiento",
    }
}

/// One item in one line, what a contribution anchored to it quotes.
pub fn item_line(item: &Item) -> String {
    let mut line = format!("{} {}: {}", kind_name(item.kind), item.code, item.headline().split_whitespace().collect::<Vec<_>>().join(" "));
    if item.kind.is_indicator() {
        let mut parts = vec![format!("línea de base {}", baseline_line(item))];
        if let Some((year, v)) = item.current() {
            parts.push(format!("valor actual {v} ({year})"));
        }
        if !item.targets.is_empty() {
            parts.push(format!("logros esperados {}", targets_line(item)));
        }
        line.push_str(&format!(" ({})", parts.join("; ")));
    }
    line
}

/// A code as a piece of an id or address: "S1.2" stays, a typed code's spaces, signs and letters
/// beyond ASCII become "-" ("OP 3" → "OP-3").
pub fn code_slug(code: &str) -> String {
    code.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' { c } else { '-' }).collect()
}

/// The id of an item's place on its structure page: "item-S1.2", "item-OP-3".
pub fn item_anchor(code: &str) -> String {
    format!("item-{}", code_slug(code))
}

/// The kinds whose items a step holds.
pub fn kinds_of(step: u8) -> Vec<ItemKind> {
    ItemKind::ALL.into_iter().filter(|k| k.step() == step).collect()
}

/// The numbers of a hierarchical code ("S1.2.3" → "1.2.3"), from its first digit.
fn code_path(code: &str) -> Option<&str> {
    code.find(|c: char| c.is_ascii_digit()).map(|at| &code[at..])
}

/// The next code for a new item under `scheme` (`None` under the policy's own scheme: the team
/// types it). Hierarchical: the parent's path and one more than the highest number ever used under
/// it; sequential: one more than the highest of the kind. `used` holds the codes that exist or
/// existed, so deleting OP2 never renumbers OP3.
pub fn next_code(kind: ItemKind, parent_code: Option<&str>, used: &[String], scheme: CodeScheme) -> Option<String> {
    let stem = match scheme {
        CodeScheme::Own => return None,
        CodeScheme::Sequential => kind.prefix().to_string(),
        CodeScheme::Hierarchical => format!("{}{}", kind.prefix(), parent_code.and_then(code_path).map(|p| format!("{p}.")).unwrap_or_default()),
    };
    // Typed codes may differ in case ("cd50"); a number too long to be a code is not one.
    let highest = used
        .iter()
        .filter_map(|c| c.to_uppercase().strip_prefix(&stem.to_uppercase()).map(str::to_string))
        .filter(|rest| rest.len() <= 9)
        .filter_map(|rest| rest.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    Some(format!("{stem}{}", highest + 1))
}

/// Codes made consecutive again under `scheme` (the explicit renumbering): roots in their current
/// order, then each item under its parent's new code (hierarchical) or in its kind's order
/// (sequential); the policy's own codes are never rewritten. Returns the items whose code changes
/// (id, new code).
pub fn renumbered(items: &[Item], scheme: CodeScheme) -> Vec<(String, String)> {
    let mut new_codes: BTreeMap<String, String> = BTreeMap::new();
    // `ALL` lists every parent kind before its children.
    for kind in ItemKind::ALL {
        let mut of_kind: Vec<&Item> = items.iter().filter(|i| i.kind == kind).collect();
        of_kind.sort_by_key(|a| natural(&a.code));
        let mut used: Vec<String> = Vec::new();
        for i in of_kind {
            let parent_code = i.parent.as_ref().and_then(|p| new_codes.get(p)).map(String::as_str);
            let Some(code) = next_code(kind, parent_code, &used, scheme) else { return Vec::new() };
            used.push(code.clone());
            new_codes.insert(i.id.clone(), code);
        }
    }
    items.iter().filter_map(|i| new_codes.get(&i.id).filter(|c| **c != i.code).map(|c| (i.id.clone(), c.clone()))).collect()
}

/// The codes of the items that point to `id` (as parent or through a link field): deleting it must
/// be refused while this is not empty.
pub fn referrers(id: &str, items: &[Item]) -> Vec<String> {
    let mut codes = items
        .iter()
        .filter(|i| i.id != id)
        .filter(|i| {
            i.parent.as_deref() == Some(id)
                || i.kind.fields().iter().any(|f| matches!(f.ty, Ref(_)) && i.value(f.key) == id)
        })
        .map(|i| i.code.clone())
        .collect::<Vec<_>>();
    codes.sort_by_key(|c| natural(c));
    codes
}

/// One chain of the matriz de consistencia; empty cells are gaps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixRow {
    pub cause: String,
    pub objective: String,
    pub indicator: String,
    pub guideline: String,
    pub service: String,
    pub standard: String,
    pub activity: String,
    pub responsible: String,
    /// What is missing in this chain, in words.
    pub gaps: Vec<String>,
}

/// Problem → cause → OP → indicators → guideline → service → standard → activity → responsible,
/// one row per chain below each OP (its standards and activities side by side), so the rows grow
/// with the items, never with their product. An OP's indicators are named in full on its first
/// row and by their codes on the others. The gaps a reviewer must see are named: an OP with no
/// indicator or guideline, a guideline with no service, a service with no standard or activity.
pub fn consistency_matrix(items: &[Item]) -> Vec<MatrixRow> {
    let of = |kind: ItemKind, parent: Option<&str>| of_kind(items, kind, parent);
    let label = |i: &Item, key: &str| format!("{}. {}", i.code, i.value(key));
    let by_id = |id: &str| items.iter().find(|i| i.id == id).or_else(|| items.iter().find(|i| i.code == id));
    let mut rows = Vec::new();
    for op in of(ItemKind::Objective, None) {
        let cause = by_id(op.value("causa")).map(|c| label(c, "enunciado")).unwrap_or_default();
        let indicators = of(ItemKind::Indicator, Some(&op.id));
        let guidelines = of(ItemKind::Guideline, Some(&op.id));
        let mut paths: Vec<(String, String, String, String, String, Vec<String>)> = Vec::new();
        for g in &guidelines {
            let services = of(ItemKind::Service, Some(&g.id));
            if services.is_empty() {
                paths.push((label(g, "enunciado"), String::new(), String::new(), String::new(), String::new(), vec!["lineamiento sin servicio".to_string()]));
            }
            for s in services {
                let standards = of(ItemKind::Standard, Some(&s.id));
                let activities = of(ItemKind::Activity, Some(&s.id));
                let mut gaps = Vec::new();
                if standards.is_empty() {
                    gaps.push("servicio sin estándar".to_string());
                }
                if activities.is_empty() {
                    gaps.push("servicio sin actividad".to_string());
                }
                let count = standards.len().max(activities.len()).max(1);
                for k in 0..count {
                    let standard = standards.get(k).map(|e| format!("{} {}", e.code, e.value("descripcion"))).unwrap_or_default();
                    let (activity, responsible) = activities
                        .get(k)
                        .map(|a| (label(a, "nombre"), a.value("responsable").to_string()))
                        .unwrap_or_default();
                    paths.push((label(g, "enunciado"), label(s, "nombre"), standard, activity, responsible, gaps.clone()));
                }
            }
        }
        if guidelines.is_empty() {
            paths.push((String::new(), String::new(), String::new(), String::new(), String::new(), vec!["objetivo sin lineamiento".to_string()]));
        }
        let named = indicators.iter().map(|i| label(i, "nombre")).collect::<Vec<_>>().join("; ");
        let codes = indicators.iter().map(|i| i.code.clone()).collect::<Vec<_>>().join("; ");
        for (n, (g, s, e, a, r, gaps)) in paths.into_iter().enumerate() {
            let mut gaps = gaps;
            if n == 0 && indicators.is_empty() {
                gaps.insert(0, "objetivo sin indicador".to_string());
            }
            if n > 0 {
                gaps.retain(|g| !g.starts_with("objetivo"));
            }
            rows.push(MatrixRow {
                cause: cause.clone(),
                objective: label(op, "enunciado"),
                indicator: if n == 0 { named.clone() } else { codes.clone() },
                guideline: g,
                service: s,
                standard: e,
                activity: a,
                responsible: r,
                gaps,
            });
        }
    }
    rows
}

/// The public problem as Paso 1's statement gives it (empty: not stated yet).
pub fn problem_statement(items: &[Item]) -> String {
    of_kind(items, ItemKind::ProblemStatement, None).first().map(|p| p.value("enunciado").to_string()).unwrap_or_default()
}

/// The items of a kind (under `parent`, when given), in code order.
pub fn of_kind<'a>(items: &'a [Item], kind: ItemKind, parent: Option<&str>) -> Vec<&'a Item> {
    let mut v: Vec<&Item> = items.iter().filter(|i| i.kind == kind && (parent.is_none() || i.parent.as_deref() == parent)).collect();
    v.sort_by_key(|i| natural(&i.code));
    v
}

/// Sorts codes by their numbers (OP2 before OP10).
pub fn natural(code: &str) -> (String, Vec<u32>) {
    let at = code.find(|c: char| c.is_ascii_digit()).unwrap_or(code.len());
    let numbers = code[at..].split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect();
    (code[..at].trim().to_string(), numbers)
}

/// Why an item could not be deleted or added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemRefusal {
    /// Items still point to it (their codes).
    Referenced(Vec<String>),
    /// Its parent is not there (or is of another kind).
    NoParent,
    /// The policy already has the one item of this kind it may have.
    OnlyOne,
    /// The typed code is another item's.
    CodeTaken(String),
    /// The policy has `MAX_ITEMS` items already.
    TooMany,
}

/// An item for tests: these values, no yearly values.
#[cfg(test)]
pub(crate) fn sample_item(id: &str, kind: ItemKind, code: &str, parent: Option<&str>, values: &[(&str, &str)]) -> Item {
    Item {
        id: id.into(),
        kind,
        code: code.into(),
        parent: parent.map(Into::into),
        values: values.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        targets: BTreeMap::new(),
        observed: BTreeMap::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::sample_item as item;

    fn raw(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn every_kind_has_a_step_a_prefix_and_fields() {
        for k in ItemKind::ALL {
            assert_eq!(ItemKind::from_key(k.key()), Some(k));
            assert!((1..=9).contains(&k.step()));
            assert!(!k.prefix().is_empty() && !k.fields().is_empty(), "{k:?}");
            assert!(k.fields().iter().any(|f| f.required), "{k:?} has a required field");
            for p in k.parents() {
                let (pi, ki) = (ItemKind::ALL.iter().position(|x| x == p), ItemKind::ALL.iter().position(|x| *x == k));
                assert!(pi < ki, "{p:?} is listed before {k:?}");
            }
        }
        // Prefixes never read as another's followed by a number.
        for a in ItemKind::ALL {
            for b in ItemKind::ALL.into_iter().filter(|b| *b != a) {
                if let Some(rest) = b.prefix().strip_prefix(a.prefix()) {
                    assert!(!rest.starts_with(|c: char| c.is_ascii_digit()), "{a:?} {b:?}");
                }
            }
        }
    }

    #[test]
    fn values_are_checked_against_the_catalogue() {
        let none = |_: ItemKind, _: &str| false;
        let cause = |k: ItemKind, id: &str| k == ItemKind::DirectCause && id == "c1";
        let attrs = default_attributes();
        assert_eq!(check_values(ItemKind::Objective, &raw(&[("enunciado", " "), ("causa", "c1")]), cause, &attrs), Err(StructureError::Missing("Objetivo prioritario".into())));
        assert_eq!(check_values(ItemKind::Objective, &raw(&[("enunciado", "Reducir"), ("causa", "zz"), ("responsable", "MTPE")]), none, &attrs), Err(StructureError::DanglingLink("Causa directa que atiende".into())));
        let ok = check_values(ItemKind::Objective, &raw(&[("enunciado", " Reducir el trabajo infantil "), ("causa", "c1"), ("responsable", "MTPE"), ("otro", "x")]), cause, &attrs).unwrap();
        assert_eq!(ok.get("enunciado").map(String::as_str), Some("Reducir el trabajo infantil"));
        assert!(!ok.contains_key("otro"), "unknown keys are dropped");
        let standard = |a: &str| check_values(ItemKind::Standard, &raw(&[("atributo", a), ("descripcion", "d"), ("indicador", "i")]), none, &attrs);
        assert_eq!(standard("rapidez"), Err(StructureError::BadChoice("Atributo".into())));
        assert_eq!(standard("pertinencia cultural").unwrap()["atributo"], "Pertinencia cultural", "a policy attribute is kept by its name");
        let own = vec!["Trato digno".to_string()];
        assert!(check_values(ItemKind::Standard, &raw(&[("atributo", "Trato digno"), ("descripcion", "d"), ("indicador", "i")]), none, &own).is_ok());
        let service = |levels: &str| check_values(ItemKind::Service, &raw(&[("nombre", "Inspección"), ("receptor", "Trabajadores"), ("poblacion", "Víctimas"), ("condicion", "mejora"), ("proveedor", "SUNAFIL"), ("nivel", levels)]), none, &attrs);
        assert_eq!(service("local, nacional").unwrap()["nivel"], "nacional, local", "several levels, in the list's order");
        assert_eq!(service("nacional, municipal"), Err(StructureError::BadChoice("Niveles de gobierno que lo prestan".into())));
        let alternative = |decision: &str, reason: &str| check_values(ItemKind::Alternative, &raw(&[("causa", "c1"), ("enunciado", "Alt"), ("tipo", "nueva"), ("decision", decision), ("motivo", reason)]), cause, &attrs);
        assert_eq!(alternative("descartada", " "), Err(StructureError::Missing("Motivo de la decisión".into())));
        assert!(alternative("descartada", "Costo elevado").is_ok() && alternative("seleccionada", "").is_ok());
        let alignment = |pairs: &[(&str, &str)]| check_values(ItemKind::Alignment, &raw(pairs), none, &attrs);
        assert!(alignment(&[("nivel", "acuerdo_nacional"), ("referencia", "Política de Estado 14")]).is_ok());
        assert_eq!(alignment(&[("nivel", "ods")]), Err(StructureError::Missing("Política de Estado, objetivo o meta con que se alinea (p. ej. ODS 8.7)".into())));
        assert_eq!(alignment(&[("nivel", "politica_nacional"), ("politica", "PNMS"), ("decreto", "D.S. 026-2020-SA")]), Err(StructureError::Missing("Su objetivo prioritario, lineamiento o servicio".into())));
    }

    fn ficha(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        let mut v = raw(&[
            ("nombre", "Tasa de trabajo infantil"),
            ("tipo", "resultado"),
            ("justificacion", "Mide el problema"),
            ("responsable", "MTPE"),
            ("formula", "A/B*100"),
            ("variables", "A: niños que trabajan; B: niños"),
            ("parametro", "porcentaje"),
            ("sentido", "descendente"),
            ("fuente", "INEI, ENAHO"),
            ("linea_base_estado", "con_valor"),
            ("linea_base_anio", "2019"),
            ("linea_base_valor", "26,1 %"),
        ]);
        v.extend(raw(pairs));
        v
    }

    #[test]
    fn the_ficha_tecnica_holds_a_baseline_to_be_built_and_measured_ones() {
        let none = |_: ItemKind, _: &str| false;
        let check = |v: BTreeMap<String, String>| check_values(ItemKind::Indicator, &v, none, &[]);
        let ok = check(ficha(&[])).unwrap();
        assert_eq!(ok["linea_base_valor"], "26,1\u{a0}%", "a value is kept as it prints");
        assert_eq!(check(ficha(&[("justificacion", "")])), Err(StructureError::Missing("Justificación".into())));
        assert_eq!(check(ficha(&[("parametro", "Porcentaje de niños")])), Err(StructureError::BadChoice("Parámetro de medición".into())));
        assert_eq!(check(ficha(&[("linea_base_valor", "")])), Err(StructureError::Missing("Línea de base: valor".into())));
        assert_eq!(check(ficha(&[("linea_base_valor", "veinte")])), Err(StructureError::NotANumber("Línea de base: valor".into())));
        let pending = ficha(&[("linea_base_estado", "por_construir"), ("linea_base_anio", "2026"), ("linea_base_valor", "")]);
        assert!(check(pending.clone()).is_ok(), "a baseline still to be built needs no value");
        assert_eq!(check(ficha(&[("linea_base_estado", "por_construir")])), Err(StructureError::NotExpected("Línea de base: valor".into())));
        assert!(check(ficha(&[("sentido", "constante")])).is_ok());
    }

    #[test]
    fn values_obtained_and_expected_achievements_follow_the_baseline_and_the_direction() {
        let t = |pairs: &[(u16, &str)]| pairs.iter().map(|(y, v)| (*y, v.to_string())).collect::<BTreeMap<_, _>>();
        let values = |pairs: &[(&str, &str)]| {
            let mut v = ficha(pairs);
            v.insert("linea_base_valor".into(), quantity::parse(&v["linea_base_valor"]).map(|q| q.text()).unwrap_or_default());
            v
        };
        let series = |v: &BTreeMap<String, String>, obs: &[(u16, &str)], tg: &[(u16, &str)]| check_series(ItemKind::Indicator, v, &t(obs), &t(tg), 2030, 2026);
        let v = values(&[]);
        let (obs, tg) = series(&v, &[(2020, "25"), (2021, "24,5 %"), (2023, "21")], &[(2025, "como máximo 19 %"), (2030, "12")]).unwrap();
        assert_eq!(obs.keys().copied().collect::<Vec<_>>(), vec![2020, 2021, 2023]);
        assert_eq!(tg[&2025], "como máximo 19\u{a0}%");
        assert_eq!(series(&v, &[(2023, "21")], &[(2026, "20")]), Err(StructureError::MissingTarget(2030)), "the horizon's achievement is required");
        assert!(series(&v, &[(2023, "21")], &[(2030, "12")]).is_ok(), "intermediate years are optional");
        assert_eq!(series(&v, &[(2023, "21")], &[(2023, "20"), (2030, "12")]), Err(StructureError::TargetOutOfRange(2023)), "achievements come after the last value obtained");
        assert_eq!(series(&v, &[(2019, "21")], &[(2030, "12")]), Err(StructureError::ObservedOutOfRange(2019)));
        assert_eq!(series(&v, &[(2027, "21")], &[(2030, "12")]), Err(StructureError::ObservedOutOfRange(2027)), "no value obtained in the future");
        assert_eq!(series(&v, &[], &[(2031, "12")]), Err(StructureError::TargetOutOfRange(2031)));
        assert_eq!(series(&v, &[(2023, "21")], &[(2030, "22")]), Err(StructureError::AgainstDirection(2030)), "descending from the valor actual");
        assert_eq!(series(&v, &[(2023, "al menos 21")], &[(2030, "12")]), Err(StructureError::Qualified("Valor obtenido 2023".into())));
        assert_eq!(series(&v, &[], &[(2030, "120")]), Err(StructureError::OutOfRange("Logro esperado 2030".into())));
        let count = values(&[("parametro", "numero"), ("linea_base_valor", "1 200"), ("sentido", "ascendente")]);
        assert_eq!(series(&count, &[], &[(2030, "70 %")]), Err(StructureError::PercentMismatch("Logro esperado 2030".into())));
        assert!(series(&count, &[(2024, "1 100")], &[(2030, "al menos 1 500,5")]).is_ok(), "values obtained may fall; achievements rise from them");
        let mut percent_count = count.clone();
        percent_count.insert("linea_base_valor".into(), "70\u{a0}%".into());
        assert_eq!(series(&percent_count, &[], &[(2030, "1 500")]), Err(StructureError::PercentMismatch("Línea de base: valor".into())), "the baseline too");
        let late = values(&[("linea_base_anio", "2032")]);
        assert_eq!(series(&late, &[], &[(2033, "1")]), Err(StructureError::BaselineAfterHorizon(2032)));
        assert_eq!(series(&count, &[], &[(2030, "-3")]), Err(StructureError::OutOfRange("Logro esperado 2030".into())));
        let constant = values(&[("sentido", "constante")]);
        assert_eq!(series(&constant, &[], &[(2026, "95"), (2030, "96")]), Err(StructureError::AgainstDirection(2030)));
        assert!(series(&constant, &[], &[(2026, "al menos 95"), (2030, "95")]).is_ok());
        let pending = ficha(&[("linea_base_estado", "por_construir"), ("linea_base_anio", "2026"), ("linea_base_valor", "")]);
        assert!(series(&pending, &[], &[]).is_ok(), "no achievement can be set before the baseline exists");
        assert_eq!(series(&pending, &[(2025, "3")], &[]), Err(StructureError::NotExpected("Valor obtenido 2025".into())));
        assert!(series(&pending, &[], &[(2030, "3")]).is_ok());
        let activity = BTreeMap::new();
        let yearly = |tg: &[(u16, &str)]| check_series(ItemKind::Activity, &activity, &BTreeMap::new(), &t(tg), 2030, 2026);
        assert_eq!(yearly(&[]), Err(StructureError::NoTargets));
        assert_eq!(yearly(&[(2027, "1 200"), (2028, " ")]).unwrap().1.values().map(|v| v.replace('\u{a0}', " ")).collect::<Vec<_>>(), vec!["1 200"]);
        assert_eq!(yearly(&[(2027, "10 %")]), Err(StructureError::PercentMismatch("Meta 2027".into())));
    }

    #[test]
    fn earlier_items_keep_their_meaning() {
        let old = item("i", ItemKind::Indicator, "IOP1.1", Some("o"), &[("unidad", "porcentaje"), ("linea_base_anio", "2019"), ("linea_base_valor", "26")]).upgraded();
        assert_eq!((old.value("linea_base_estado"), old.value("parametro"), old.value("unidad")), ("con_valor", "porcentaje", ""));
        let free = item("i", ItemKind::Indicator, "IOP1.1", Some("o"), &[("unidad", "Niños y niñas")]).upgraded();
        assert_eq!((free.value("parametro"), free.value("unidad")), ("", "Niños y niñas"), "a unit that is no parameter stays the unit");
        let standard = item("e", ItemKind::Standard, "E1", None, &[("atributo", "pertinencia_cultural")]).upgraded();
        assert_eq!(standard.value("atributo"), "Pertinencia cultural");
        let activity = item("a", ItemKind::Activity, "A1", None, &[("meta_anual", "12")]);
        assert_eq!(activity.kind.shown_fields(&activity).last().map(|f| f.key), Some("meta_anual"), "an earlier single target is still shown");
        let fresh = item("a", ItemKind::Activity, "A1", None, &[]);
        assert!(fresh.kind.shown_fields(&fresh).all(|f| f.key != "meta_anual"));
    }

    #[test]
    fn codes_are_stable_and_follow_their_parent() {
        let h = CodeScheme::Hierarchical;
        assert_eq!(next_code(ItemKind::Objective, None, &[], h).unwrap(), "OP1");
        // OP2 was deleted: the next objective is OP4, never a second OP2 or a renumbered OP3.
        assert_eq!(next_code(ItemKind::Objective, None, &["OP1".into(), "OP3".into()], h).unwrap(), "OP4");
        assert_eq!(next_code(ItemKind::IndirectCause, Some("CD2"), &["CI2.1".into(), "CI1.7".into()], h).unwrap(), "CI2.2");
        assert_eq!(next_code(ItemKind::Service, Some("L1.2"), &[], h).unwrap(), "S1.2.1");
        assert_eq!(next_code(ItemKind::Standard, Some("S1.2.1"), &["E1.2.1.1".into()], h).unwrap(), "E1.2.1.2");
        assert_eq!(next_code(ItemKind::Indicator, Some("OP10"), &["IOP1.1".into()], h).unwrap(), "IOP10.1");
        assert_eq!(next_code(ItemKind::ServiceIndicator, Some("S1.2.1"), &["S1.2.1".into()], h).unwrap(), "IS1.2.1.1");
        let used: Vec<String> = (1..=19).map(|n| format!("S{n}")).chain(["IS1".to_string(), "SFD1".to_string()]).collect();
        assert_eq!(next_code(ItemKind::Service, Some("L3.1"), &used, CodeScheme::Sequential).unwrap(), "S20", "the PNTP numbers its services 1–42");
        assert_eq!(next_code(ItemKind::Service, Some("L3.1"), &used, CodeScheme::Own), None, "the team types its own codes");
        assert_eq!(check_code("  OP  3 ", &["OP1".into()]), Ok("OP 3".to_string()));
        assert_eq!(check_code("op 3", &["OP 3".into()]), Err(StructureError::CodeTaken("op 3".into())));
        assert_eq!(check_code("a:b", &[]), Err(StructureError::BadCode));
        for same in ["OP-3", "OP_3", "óp 3"] {
            assert_eq!(check_code(same, &["OP 3".into()]), Err(StructureError::CodeTaken(same.into())), "{same} would share OP 3's anchor");
        }
        for hidden in ["OP\u{200B}1", "OP\u{202E}1", "\u{301}", "--"] {
            assert_eq!(check_code(hidden, &[]), Err(StructureError::BadCode), "{hidden:?}");
        }
        assert_eq!(next_code(ItemKind::Objective, None, &["OP4294967295".into(), "op2".into()], h).unwrap(), "OP3", "a typed code never overflows the next one; case does not matter");
        assert_eq!(check_code(&"x".repeat(21), &[]), Err(StructureError::BadCode));
        assert!(natural("Servicio 2") < natural("Servicio 10"));
    }

    #[test]
    fn links_cannot_dangle() {
        let items = vec![
            item("c1", ItemKind::DirectCause, "CD1", None, &[("enunciado", "Causa")]),
            item("o1", ItemKind::Objective, "OP1", None, &[("causa", "c1")]),
            item("o2", ItemKind::Objective, "OP2", None, &[("causa", "c1")]),
            item("i1", ItemKind::Indicator, "IOP1.1", Some("o1"), &[]),
        ];
        assert_eq!(referrers("c1", &items), vec!["OP1", "OP2"]);
        assert_eq!(referrers("o1", &items), vec!["IOP1.1"]);
        assert!(referrers("i1", &items).is_empty());
    }

    #[test]
    fn the_consistency_matrix_follows_each_chain_and_shows_its_gaps() {
        let items = vec![
            item("c1", ItemKind::DirectCause, "CD1", None, &[("enunciado", "Débil fiscalización")]),
            item("o1", ItemKind::Objective, "OP1", None, &[("enunciado", "Reducir el trabajo forzoso"), ("causa", "c1")]),
            item("i1", ItemKind::Indicator, "IOP1.1", Some("o1"), &[("nombre", "Tasa de trabajo forzoso")]),
            item("g1", ItemKind::Guideline, "L1.1", Some("o1"), &[("enunciado", "Fortalecer la inspección")]),
            item("s1", ItemKind::Service, "S1.1.1", Some("g1"), &[("nombre", "Inspección especializada")]),
            item("e1", ItemKind::Standard, "E1.1.1.1", Some("s1"), &[("descripcion", "Atención en 30 días")]),
            item("a1", ItemKind::Activity, "A1.1.1.1", Some("s1"), &[("nombre", "Operativos"), ("responsable", "SUNAFIL")]),
            item("g2", ItemKind::Guideline, "L1.2", Some("o1"), &[("enunciado", "Sensibilizar")]),
            item("o2", ItemKind::Objective, "OP2", None, &[("enunciado", "Atender a las víctimas"), ("causa", "c1")]),
        ];
        let rows = consistency_matrix(&items);
        assert_eq!(rows.len(), 3, "{rows:#?}");
        let full = &rows[0];
        assert_eq!(
            (full.cause.as_str(), full.objective.as_str(), full.indicator.as_str(), full.service.as_str(), full.activity.as_str(), full.responsible.as_str()),
            ("CD1. Débil fiscalización", "OP1. Reducir el trabajo forzoso", "IOP1.1. Tasa de trabajo forzoso", "S1.1.1. Inspección especializada", "A1.1.1.1. Operativos", "SUNAFIL")
        );
        assert!(full.gaps.is_empty());
        assert_eq!(rows[1].gaps, vec!["lineamiento sin servicio".to_string()]);
        assert_eq!(rows[2].gaps, vec!["objetivo sin indicador", "objetivo sin lineamiento"]);
        // A second indicator adds no rows: the OP's indicators are named together.
        let mut more = items.clone();
        more.push(item("i2", ItemKind::Indicator, "IOP1.2", Some("o1"), &[("nombre", "Víctimas identificadas")]));
        let rows = consistency_matrix(&more);
        assert_eq!(rows.len(), 3, "rows grow with the items, not with their product");
        assert_eq!(rows[0].indicator, "IOP1.1. Tasa de trabajo forzoso; IOP1.2. Víctimas identificadas");
        assert_eq!(rows[1].indicator, "IOP1.1; IOP1.2", "by their codes below the first row");
    }

    #[test]
    fn alternatives_are_scored_from_one_to_five_on_the_policy_criteria() {
        let criteria: Vec<String> = DEFAULT_CRITERIA.iter().map(|c| c.to_string()).collect();
        let raw = |v: &[(&str, &str)]| v.iter().map(|(c, n)| (score_key(c), n.to_string())).collect::<BTreeMap<_, _>>();
        let ok = check_scores(&criteria, &raw(&[("Viabilidad política", " 4 "), ("Efectividad", "5"), ("Otro", "9")])).unwrap();
        assert_eq!(ok.len(), 2, "blank criteria are not scored; unknown ones are dropped");
        let mut alt = item("a", ItemKind::Alternative, "ALT1", None, &[]);
        alt.values.extend(ok);
        assert_eq!(total_score(&alt, &criteria), 9);
        assert_eq!(check_scores(&criteria, &raw(&[("Efectividad", "6")])), Err(StructureError::BadScore("Efectividad".into())));
        assert_eq!(check_scores(&criteria, &raw(&[("Efectividad", "3,5")])), Err(StructureError::BadScore("Efectividad".into())));
        assert_eq!(check_criteria(" Costo \n\n Impacto  esperado "), Ok(vec!["Costo".to_string(), "Impacto esperado".to_string()]));
        assert_eq!(check_criteria(""), Err(StructureError::BadCriteria));
        assert_eq!(check_criteria("A\nA"), Err(StructureError::BadCriteria));
        assert_eq!(check_criteria("A\nB\nC").map(|c| c.len()), Ok(3));
        assert_eq!(check_criteria(&(0..9).map(|i| format!("C{i}\n")).collect::<String>()), Err(StructureError::BadCriteria));
        assert_eq!(check_horizon("2030", 2026), Ok(2030));
        assert_eq!(check_horizon("2010", 2026), Err(StructureError::BadHorizon));
        assert_eq!(check_horizon("dos mil", 2026), Err(StructureError::BadHorizon));
    }

    #[test]
    fn a_snapshot_reads_on_its_own_and_renders_as_tables() {
        let mut ind = item("i1", ItemKind::Indicator, "IOP1.1", Some("o1"), &[("nombre", "Tasa | de trabajo infantil"), ("sentido", "descendente"), ("linea_base_anio", "2023"), ("linea_base_valor", "26")]);
        ind.targets = [(2024, "25".to_string()), (2025, "22,5".to_string())].into_iter().collect();
        let items = vec![
            item("c1", ItemKind::DirectCause, "CD1", None, &[("enunciado", "Pobreza")]),
            item("o2", ItemKind::Objective, "OP2", None, &[("enunciado", "Segundo"), ("causa", "c1")]),
            item("o1", ItemKind::Objective, "OP1", None, &[("enunciado", "Primero"), ("causa", "c1")]),
            ind,
        ];
        let snap = snapshot(5, &items);
        assert_eq!(snap.iter().map(|i| i.code.as_str()).collect::<Vec<_>>(), vec!["OP1", "OP2", "IOP1.1"]);
        assert_eq!(snap[0].value("causa"), "CD1", "links are kept as codes");
        assert_eq!(snap[2].parent.as_deref(), Some("OP1"));
        let md = tables_markdown(&snap);
        assert!(md.contains("**Objetivos prioritarios**"), "{md}");
        assert!(md.contains("| Objetivo prioritario | OP1 |"), "one record per item: {md}");
        assert!(md.contains("| Causa directa que atiende | CD1 |"), "{md}");
        assert!(md.contains("Tasa \\| de trabajo infantil"), "pipes are escaped: {md}");
        assert_eq!(cell("[Clic](https://x.example) ![p](y.png) **OP** <b> &amp;"), "\\[Clic\\](https://x.example) \\!\\[p\\](y.png) \\*\\*OP\\*\\* \\<b\\> \\&amp;");
        let shown = crate::markdown::render(&markdown_table(&["Campo".into(), "Valor".into()], &[vec!["Nombre".into(), "[Clic](https://x.example) **OP** &amp;".into()]]));
        assert!(shown.contains("[Clic](") && shown.contains("**OP** &amp;amp;") && !shown.contains(">Clic</a>") && !shown.contains("<strong>"), "a value prints as typed: {shown}");
        assert!(md.contains("| Sentido esperado del indicador | Descendente |"), "choices read by their label: {md}");
        assert!(md.contains("| Logros esperados | 2024: 25; 2025: 22,5 |"), "{md}");
        assert!(item_line(&snap[2]).starts_with("Indicador IOP1.1: Tasa | de trabajo infantil (línea de base 26 (2023); logros esperados 2024: 25"), "{}", item_line(&snap[2]));
        let html = crate::markdown::render(&md);
        assert_eq!(html.matches("<table>").count(), 3, "{html}");
        let summary = summary_markdown(&snap);
        assert!(summary.contains("| Código | Depende de | Indicador | Línea de base |"), "{summary}");
        assert!(summary.lines().filter(|l| l.starts_with('|')).all(|l| l.matches(" | ").count() <= 3), "at most four columns: {summary}");
    }

    #[test]
    fn renumbering_is_explicit_and_follows_parents() {
        let items = vec![
            item("o1", ItemKind::Objective, "OP1", None, &[]),
            item("o3", ItemKind::Objective, "OP3", None, &[]),
            item("i31", ItemKind::Indicator, "IOP3.2", Some("o3"), &[]),
            item("g3", ItemKind::Guideline, "L3.1", Some("o3"), &[]),
            item("s3", ItemKind::Service, "S3.1.4", Some("g3"), &[]),
        ];
        let changes: BTreeMap<String, String> = renumbered(&items, CodeScheme::Hierarchical).into_iter().collect();
        assert_eq!(changes.get("o3").map(String::as_str), Some("OP2"));
        assert_eq!(changes.get("i31").map(String::as_str), Some("IOP2.1"));
        assert_eq!(changes.get("s3").map(String::as_str), Some("S2.1.1"));
        assert!(!changes.contains_key("o1"), "unchanged codes are not rewritten");
        assert!(renumbered(&items[..1], CodeScheme::Hierarchical).is_empty());
        let sequential: BTreeMap<String, String> = renumbered(&items, CodeScheme::Sequential).into_iter().collect();
        assert_eq!(sequential.get("s3").map(String::as_str), Some("S1"));
        assert_eq!(sequential.get("i31").map(String::as_str), Some("IOP1"));
        assert!(renumbered(&items, CodeScheme::Own).is_empty(), "own codes are never rewritten");
    }
}

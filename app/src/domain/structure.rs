//! The structured content of the steps, as data: a catalogue of item kinds (causes, alternatives,
//! priority objectives, indicators, guidelines, services, standards, activities, alignments), each
//! with its fields, its code pattern and its parent; the rules that keep codes stable and links
//! whole; the indicator's ficha técnica checks; and the matriz de consistencia built from the items.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    Text,
    LongText,
    Number,
    Year,
    /// One of a fixed list of (key, label).
    Choice(&'static [(&'static str, &'static str)]),
    /// A link to another item of this kind (by id).
    Ref(ItemKind),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldDef {
    pub key: &'static str,
    pub label: &'static str,
    pub ty: FieldType,
    pub required: bool,
}

const fn field(key: &'static str, label: &'static str, ty: FieldType, required: bool) -> FieldDef {
    FieldDef { key, label, ty, required }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// Paso 2: a direct cause (CD1…).
    DirectCause,
    /// Paso 2: an indirect cause under a direct one (CI1.1…).
    IndirectCause,
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
    /// Paso 7: a compliance standard of a service.
    Standard,
    /// Paso 8: an operational activity of a service.
    Activity,
    /// Paso 9: an alignment of an objective with a higher-level plan or another policy.
    Alignment,
}

pub const DIRECTIONS: &[(&str, &str)] = &[("ascendente", "Ascendente"), ("descendente", "Descendente")];
pub const DECISIONS: &[(&str, &str)] = &[("seleccionada", "Seleccionada"), ("descartada", "Descartada"), ("pendiente", "Pendiente")];
pub const ALTERNATIVE_KINDS: &[(&str, &str)] = &[("nueva", "Nueva intervención"), ("mejora", "Mejora de una intervención existente")];
pub const EVIDENCE_STRENGTHS: &[(&str, &str)] = &[("alta", "Alta"), ("media", "Media"), ("baja", "Baja")];
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
    ("pedn_2050", "Plan Estratégico de Desarrollo Nacional al 2050"),
    ("politica_general_de_gobierno", "Política General de Gobierno"),
    ("ods", "Objetivos de Desarrollo Sostenible (meta ODS)"),
    ("politica_nacional", "Otra política nacional (alineamiento horizontal)"),
];

/// The criteria alternatives are scored on when a policy has not set its own.
pub const DEFAULT_CRITERIA: [&str; 4] = ["Viabilidad política", "Viabilidad social", "Viabilidad administrativa", "Efectividad"];
/// The horizon of a policy that has not set one (national policies of this generation run to 2030).
pub const DEFAULT_HORIZON: u16 = 2030;
/// The most criteria a scoring matrix may have, and their longest name.
pub const MAX_CRITERIA: usize = 8;
pub const MAX_CRITERION_CHARS: usize = 80;
/// The longest value a field may hold.
pub const MAX_VALUE_CHARS: usize = 5_000;

use FieldType::*;

const CAUSE_FIELDS: &[FieldDef] = &[
    field("enunciado", "Enunciado de la causa", LongText, true),
    field("evidencia", "Evidencia (cita)", LongText, false),
    field("tipo_evidencia", "Tipo de evidencia", Text, false),
    field("fuerza_evidencia", "Fuerza de la evidencia", Choice(EVIDENCE_STRENGTHS), false),
    field("indicador_magnitud", "Indicador de magnitud", Text, false),
];

const ALTERNATIVE_FIELDS: &[FieldDef] = &[
    field("causa", "Causa que atiende", Ref(ItemKind::DirectCause), true),
    field("enunciado", "Alternativa", LongText, true),
    field("tipo", "Tipo", Choice(ALTERNATIVE_KINDS), true),
    field("evidencia", "Evidencia", LongText, false),
    field("decision", "Decisión", Choice(DECISIONS), true),
    field("motivo", "Motivo de la decisión", LongText, false),];
const OBJECTIVE_FIELDS: &[FieldDef] = &[
    field("enunciado", "Objetivo prioritario", LongText, true),
    field("causa", "Causa directa que atiende", Ref(ItemKind::DirectCause), true),
    field("responsable", "Entidad responsable", Text, true),];
const INDICATOR_FIELDS: &[FieldDef] = &[
    field("nombre", "Nombre del indicador", Text, true),
    field("justificacion", "Justificación", LongText, false),
    field("responsable", "Responsable del indicador", Text, true),
    field("limitaciones", "Limitaciones y supuestos", LongText, false),
    field("formula", "Método de cálculo (fórmula)", LongText, true),
    field("unidad", "Parámetro de medición", Text, true),
    field("sentido", "Sentido esperado", Choice(DIRECTIONS), true),
    field("fuente", "Fuente y base de datos", Text, true),
    field("periodicidad", "Periodicidad", Text, false),
    field("desagregacion", "Desagregación", Text, false),
    field("linea_base_anio", "Línea de base: año", Year, true),
    field("linea_base_valor", "Línea de base: valor", Number, true),];
const GUIDELINE_FIELDS: &[FieldDef] = &[
    field("enunciado", "Lineamiento", LongText, true),
    field("alternativa", "Alternativa de la que proviene", Ref(ItemKind::Alternative), false),
    field("entidades", "Entidades involucradas", Text, false),];
const SERVICE_FIELDS: &[FieldDef] = &[
    field("nombre", "Servicio", Text, true),
    field("descripcion", "Descripción", LongText, false),
    field("receptor", "Persona que recibe el servicio", Text, true),
    field("proveedor", "Proveedor", Text, true),
    field("nivel", "Nivel de gobierno", Choice(GOVERNMENT_LEVELS), true),];
const STANDARD_FIELDS: &[FieldDef] = &[
    field("atributo", "Atributo", Choice(STANDARD_ATTRIBUTES), true),
    field("descripcion", "Descripción del estándar", LongText, true),
    field("indicador", "Indicador del estándar", Text, true),];
const ACTIVITY_FIELDS: &[FieldDef] = &[
    field("nombre", "Actividad operativa", Text, true),
    field("unidad", "Unidad de medida", Text, true),
    field("meta_anual", "Meta física anual", Number, true),
    field("responsable", "Unidad responsable", Text, true),];
const ALIGNMENT_FIELDS: &[FieldDef] = &[
    field("nivel", "Nivel", Choice(ALIGNMENT_LEVELS), true),
    field("referencia", "Objetivo o meta con que se alinea (p. ej. ODS 8.7)", Text, true),];

impl ItemKind {
    pub const ALL: [ItemKind; 10] = [
        ItemKind::DirectCause,
        ItemKind::IndirectCause,
        ItemKind::Alternative,
        ItemKind::Objective,
        ItemKind::Indicator,
        ItemKind::Guideline,
        ItemKind::Service,
        ItemKind::Standard,
        ItemKind::Activity,
        ItemKind::Alignment,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ItemKind::DirectCause => "causa_directa",
            ItemKind::IndirectCause => "causa_indirecta",
            ItemKind::Alternative => "alternativa",
            ItemKind::Objective => "objetivo",
            ItemKind::Indicator => "indicador",
            ItemKind::Guideline => "lineamiento",
            ItemKind::Service => "servicio",
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
            ItemKind::DirectCause | ItemKind::IndirectCause => 2,
            ItemKind::Alternative => 4,
            ItemKind::Objective | ItemKind::Indicator => 5,
            ItemKind::Guideline => 6,
            ItemKind::Service | ItemKind::Standard => 7,
            ItemKind::Activity => 8,
            ItemKind::Alignment => 9,
        }
    }

    /// The kind it hangs from (its code continues the parent's), if any.
    pub fn parent(self) -> Option<ItemKind> {
        match self {
            ItemKind::DirectCause | ItemKind::Objective => None,
            ItemKind::IndirectCause => Some(ItemKind::DirectCause),
            ItemKind::Indicator | ItemKind::Guideline | ItemKind::Alignment => Some(ItemKind::Objective),
            ItemKind::Service => Some(ItemKind::Guideline),
            ItemKind::Standard | ItemKind::Activity => Some(ItemKind::Service),
            // An alternative answers a cause, direct or indirect: it is linked by a field instead.
            ItemKind::Alternative => None,
        }
    }

    /// The code's prefix: CD1, CI1.1, OP1, IOP1.1, L1.1, S1.1.1, E1.1.1.1, A1.1.1.1, AL1.1, ALT1.
    pub fn prefix(self) -> &'static str {
        match self {
            ItemKind::DirectCause => "CD",
            ItemKind::IndirectCause => "CI",
            ItemKind::Alternative => "ALT",
            ItemKind::Objective => "OP",
            ItemKind::Indicator => "IOP",
            ItemKind::Guideline => "L",
            ItemKind::Service => "S",
            ItemKind::Standard => "E",
            ItemKind::Activity => "A",
            ItemKind::Alignment => "AL",
        }
    }

    /// The fields of the kind, in form order.
    pub fn fields(self) -> &'static [FieldDef] {
        match self {
            ItemKind::DirectCause | ItemKind::IndirectCause => CAUSE_FIELDS,
            ItemKind::Alternative => ALTERNATIVE_FIELDS,
            ItemKind::Objective => OBJECTIVE_FIELDS,
            ItemKind::Indicator => INDICATOR_FIELDS,
            ItemKind::Guideline => GUIDELINE_FIELDS,
            ItemKind::Service => SERVICE_FIELDS,
            ItemKind::Standard => STANDARD_FIELDS,
            ItemKind::Activity => ACTIVITY_FIELDS,
            ItemKind::Alignment => ALIGNMENT_FIELDS,
        }
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
    /// Yearly targets (year → value) of an indicator.
    pub targets: BTreeMap<u16, String>,
}

impl Item {
    pub fn value(&self, key: &str) -> &str {
        self.values.get(key).map(String::as_str).unwrap_or("")
    }

    /// What the item says in its first required text field (a cause's statement, a service's name).
    pub fn headline(&self) -> &str {
        self.kind.fields().iter().find(|f| f.required && matches!(f.ty, Text | LongText)).map(|f| self.value(f.key)).unwrap_or("")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum StructureError {
    /// A required field is empty (its label).
    Missing(&'static str),
    /// A number was expected (the field's label).
    NotANumber(&'static str),
    BadYear(&'static str),
    BadChoice(&'static str),
    /// A link names an item that is not there (or not of the right kind).
    DanglingLink(&'static str),
    MissingParent,
    /// A target year outside baseline..horizon.
    TargetOutOfRange(u16),
    /// A year between the baseline and the horizon with no expected value.
    MissingTarget(u16),
    /// A target that moves against the expected direction (the year).
    AgainstDirection(u16),
    /// Deleting an item others point to (their codes).
    StillReferenced(Vec<String>),
    /// A value longer than `MAX_VALUE_CHARS` (the field's label).
    TooLong(&'static str),
    /// A score that is not a whole number from 1 to 5 (the criterion).
    BadScore(String),
    /// The list of criteria is empty, too long, repeats a name or has a name that is too long.
    BadCriteria,
    /// A horizon year before the present decade or past 2100.
    BadHorizon,
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
            MissingTarget(_) => "meta_faltante",
            AgainstDirection(_) => "meta_sentido",
            StillReferenced(_) => "referido",
            TooLong(_) => "largo",
            BadScore(_) => "puntaje",
            BadCriteria => "criterios",
            BadHorizon => "horizonte",
        }
    }

    pub fn detail(&self) -> String {
        use StructureError::*;
        match self {
            Missing(l) | NotANumber(l) | BadYear(l) | BadChoice(l) | DanglingLink(l) | TooLong(l) => l.to_string(),
            TargetOutOfRange(y) | MissingTarget(y) | AgainstDirection(y) => y.to_string(),
            StillReferenced(codes) => codes.join(", "),
            BadScore(c) => c.clone(),
            MissingParent | BadCriteria | BadHorizon => String::new(),
        }
    }
}

/// Checks an item's values against its kind's catalogue; `exists(kind, id)` tells whether a
/// linked item exists. Values are trimmed; unknown keys are dropped.
pub fn check_values(
    kind: ItemKind,
    raw: &BTreeMap<String, String>,
    exists: impl Fn(ItemKind, &str) -> bool,
) -> Result<BTreeMap<String, String>, StructureError> {
    let mut out = BTreeMap::new();
    for f in kind.fields() {
        let v = raw.get(f.key).map(|v| v.trim().replace("\r\n", "\n")).unwrap_or_default();
        if v.is_empty() {
            if f.required {
                return Err(StructureError::Missing(f.label));
            }
            continue;
        }
        if v.chars().count() > MAX_VALUE_CHARS {
            return Err(StructureError::TooLong(f.label));
        }
        match f.ty {
            Number if parse_number(&v).is_none() => return Err(StructureError::NotANumber(f.label)),
            Year if !v.parse::<u16>().is_ok_and(|y| (1900..=2100).contains(&y)) => return Err(StructureError::BadYear(f.label)),
            Choice(options) if !options.iter().any(|(k, _)| *k == v) => return Err(StructureError::BadChoice(f.label)),
            // An alternative's cause may be direct or indirect.
            Ref(k) if !(exists(k, &v) || (k == ItemKind::DirectCause && exists(ItemKind::IndirectCause, &v))) => {
                return Err(StructureError::DanglingLink(f.label))
            }
            _ => {}
        }
        out.insert(f.key.to_string(), v);
    }
    Ok(out)
}

/// A number as Peruvians may type it: "12.5", "12,5", "1 234".
pub fn parse_number(s: &str) -> Option<f64> {
    let cleaned: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().replace(',', ".");
    cleaned.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// An indicator's yearly targets: one number for every year after the baseline up to the horizon,
/// none outside, moving in the expected direction.
pub fn check_targets(
    baseline_year: u16,
    baseline_value: f64,
    horizon: u16,
    ascending: bool,
    targets: &BTreeMap<u16, String>,
) -> Result<BTreeMap<u16, f64>, StructureError> {
    let mut out = BTreeMap::new();
    for (year, raw) in targets {
        if raw.trim().is_empty() {
            continue;
        }
        if *year <= baseline_year || *year > horizon {
            return Err(StructureError::TargetOutOfRange(*year));
        }
        let n = parse_number(raw).ok_or(StructureError::NotANumber("Meta"))?;
        out.insert(*year, n);
    }
    let mut previous = baseline_value;
    for year in baseline_year + 1..=horizon {
        let Some(&value) = out.get(&year) else { return Err(StructureError::MissingTarget(year)) };
        if (ascending && value < previous) || (!ascending && value > previous) {
            return Err(StructureError::AgainstDirection(year));
        }
        previous = value;
    }
    Ok(out)
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
    let list: Vec<String> = text.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|l| !l.is_empty()).collect();
    let unique = list.iter().collect::<std::collections::BTreeSet<_>>().len() == list.len();
    if list.is_empty() || list.len() > MAX_CRITERIA || !unique || list.iter().any(|c| c.chars().count() > MAX_CRITERION_CHARS) {
        return Err(StructureError::BadCriteria);
    }
    Ok(list)
}

/// A policy's horizon year, as typed.
pub fn check_horizon(raw: &str, this_year: u16) -> Result<u16, StructureError> {
    raw.trim().parse::<u16>().ok().filter(|y| (this_year.saturating_sub(10)..=2100).contains(y)).ok_or(StructureError::BadHorizon)
}

/// How a choice reads.
pub fn choice_label(ty: FieldType, key: &str) -> String {
    match ty {
        Choice(options) => options.iter().find(|(k, _)| *k == key).map(|(_, l)| l.to_string()).unwrap_or_else(|| key.to_string()),
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
            Item { id: i.code.clone(), kind: i.kind, code: i.code.clone(), parent: i.parent.as_deref().map(code_of), values, targets: i.targets.clone() }
        })
        .collect();
    out.sort_by_key(|a| (a.kind, natural(&a.code)));
    out
}

/// The criteria an alternative snapshot was scored on, in the order first seen.
fn scored_criteria(items: &[Item]) -> Vec<String> {
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

/// A cell of a Markdown table: one line, pipes escaped.
fn cell(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").replace('\\', "\\\\").replace('|', "\\|")
}

/// An indicator's targets as one line: "2024: 25; 2025: 22,5".
pub fn targets_line(item: &Item) -> String {
    item.targets.iter().map(|(y, v)| format!("{y}: {v}")).collect::<Vec<_>>().join("; ")
}

/// The value of a field as it reads (choices by their label).
pub fn shown(item: &Item, f: &FieldDef) -> String {
    let v = item.value(f.key);
    if v.is_empty() {
        return String::new();
    }
    choice_label(f.ty, v)
}

/// A snapshot's items as Markdown tables, one per kind (for the document, the DOCX and diffs).
pub fn tables_markdown(snapshot: &[Item]) -> String {
    let mut out = String::new();
    for kind in ItemKind::ALL {
        let items: Vec<&Item> = snapshot.iter().filter(|i| i.kind == kind).collect();
        if items.is_empty() {
            continue;
        }
        let criteria = if kind == ItemKind::Alternative { scored_criteria(snapshot) } else { Vec::new() };
        let mut head = vec!["Código".to_string()];
        if kind.parent().is_some() {
            head.push("Depende de".into());
        }
        head.extend(kind.fields().iter().map(|f| f.label.to_string()));
        if kind == ItemKind::Indicator {
            head.push("Logros esperados".into());
        }
        head.extend(criteria.iter().cloned());
        if !criteria.is_empty() {
            head.push("Puntaje total".into());
        }
        out.push_str(&format!("\n**{}**\n\n| {} |\n|{}\n", kind_title(kind), head.iter().map(|h| cell(h)).collect::<Vec<_>>().join(" | "), "---|".repeat(head.len())));
        for i in items {
            let mut row = vec![i.code.clone()];
            if kind.parent().is_some() {
                row.push(i.parent.clone().unwrap_or_default());
            }
            row.extend(kind.fields().iter().map(|f| shown(i, f)));
            if kind == ItemKind::Indicator {
                row.push(targets_line(i));
            }
            row.extend(criteria.iter().map(|c| i.value(&score_key(c)).to_string()));
            if !criteria.is_empty() {
                let crit: Vec<String> = criteria.clone();
                row.push(total_score(i, &crit).to_string());
            }
            out.push_str(&format!("| {} |\n", row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")));
        }
    }
    out
}

/// The plural title of a kind's table.
pub fn kind_title(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::DirectCause => "Causas directas",
        ItemKind::IndirectCause => "Causas indirectas",
        ItemKind::Alternative => "Alternativas de solución",
        ItemKind::Objective => "Objetivos prioritarios",
        ItemKind::Indicator => "Indicadores",
        ItemKind::Guideline => "Lineamientos",
        ItemKind::Service => "Servicios",
        ItemKind::Standard => "Estándares de cumplimiento",
        ItemKind::Activity => "Actividades operativas",
        ItemKind::Alignment => "Alineamiento",
    }
}

/// The singular name of a kind.
pub fn kind_name(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::DirectCause => "Causa directa",
        ItemKind::IndirectCause => "Causa indirecta",
        ItemKind::Alternative => "Alternativa",
        ItemKind::Objective => "Objetivo prioritario",
        ItemKind::Indicator => "Indicador",
        ItemKind::Guideline => "Lineamiento",
        ItemKind::Service => "Servicio",
        ItemKind::Standard => "Estándar de cumplimiento",
        ItemKind::Activity => "Actividad operativa",
        ItemKind::Alignment => "Alineamiento",
    }
}

/// One item in one line, what a contribution anchored to it quotes.
pub fn item_line(item: &Item) -> String {
    let mut line = format!("{} {}: {}", kind_name(item.kind), item.code, item.headline().split_whitespace().collect::<Vec<_>>().join(" "));
    if item.kind == ItemKind::Indicator && !item.targets.is_empty() {
        line.push_str(&format!(" (línea de base {} {}; metas {})", item.value("linea_base_anio"), item.value("linea_base_valor"), targets_line(item)));
    }
    line
}

/// The kinds whose items a step holds.
pub fn kinds_of(step: u8) -> Vec<ItemKind> {
    ItemKind::ALL.into_iter().filter(|k| k.step() == step).collect()
}

/// The next code for a new item: the parent's path and one more than the highest number ever used
/// under it (`used` holds the codes that exist or existed), so deleting OP2 never renumbers OP3.
pub fn next_code(kind: ItemKind, parent_code: Option<&str>, used: &[String]) -> String {
    let path = parent_code.map(|p| p.trim_start_matches(|c: char| c.is_ascii_alphabetic())).map(|p| format!("{p}."));
    let stem = format!("{}{}", kind.prefix(), path.unwrap_or_default());
    let highest = used
        .iter()
        .filter_map(|c| c.strip_prefix(&stem))
        .filter_map(|rest| rest.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("{stem}{}", highest + 1)
}

/// Codes made consecutive again (the explicit renumbering): roots in their current order, then
/// each item under its parent's new code. Returns the items whose code changes (id, new code).
pub fn renumbered(items: &[Item]) -> Vec<(String, String)> {
    let mut new_codes: BTreeMap<String, String> = BTreeMap::new();
    // `ALL` lists every parent kind before its children.
    for kind in ItemKind::ALL {
        let mut of_kind: Vec<&Item> = items.iter().filter(|i| i.kind == kind).collect();
        of_kind.sort_by_key(|a| natural(&a.code));
        let mut used: Vec<String> = Vec::new();
        for i in of_kind {
            let parent_code = i.parent.as_ref().and_then(|p| new_codes.get(p)).map(String::as_str);
            let code = next_code(kind, parent_code, &used);
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

/// Problem → cause → OP → indicator → guideline → service → standard → activity → responsible, one
/// row per chain (a cross product within each OP: every indicator with every service path), with
/// the gaps a reviewer must see: an OP with no indicator or guideline, a guideline with no service,
/// a service with no standard or activity.
pub fn consistency_matrix(items: &[Item]) -> Vec<MatrixRow> {
    let of = |kind: ItemKind, parent: Option<&str>| of_kind(items, kind, parent);
    let label = |i: &Item, key: &str| format!("{}. {}", i.code, i.value(key));
    let by_id = |id: &str| items.iter().find(|i| i.id == id);
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
        let indicator_labels: Vec<String> = if indicators.is_empty() { vec![String::new()] } else { indicators.iter().map(|i| label(i, "nombre")).collect() };
        for (n, ind) in indicator_labels.iter().enumerate() {
            for (g, s, e, a, r, gaps) in &paths {
                let mut gaps = gaps.clone();
                if indicators.is_empty() {
                    gaps.insert(0, "objetivo sin indicador".to_string());
                }
                rows.push(MatrixRow {
                    cause: cause.clone(),
                    objective: label(op, "enunciado"),
                    indicator: ind.clone(),
                    guideline: g.clone(),
                    service: s.clone(),
                    standard: e.clone(),
                    activity: a.clone(),
                    responsible: r.clone(),
                    gaps: if n == 0 { gaps } else { gaps.into_iter().filter(|g| !g.starts_with("objetivo")).collect() },
                });
            }
        }
    }
    rows
}

/// The items of a kind (under `parent`, when given), in code order.
pub fn of_kind<'a>(items: &'a [Item], kind: ItemKind, parent: Option<&str>) -> Vec<&'a Item> {
    let mut v: Vec<&Item> = items.iter().filter(|i| i.kind == kind && (parent.is_none() || i.parent.as_deref() == parent)).collect();
    v.sort_by_key(|i| natural(&i.code));
    v
}

/// Sorts codes by their numbers (OP2 before OP10).
pub fn natural(code: &str) -> (String, Vec<u32>) {
    let prefix: String = code.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let numbers = code[prefix.len()..].split('.').filter_map(|n| n.parse().ok()).collect();
    (prefix, numbers)
}

/// Why an item could not be deleted or added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemRefusal {
    /// Items still point to it (their codes).
    Referenced(Vec<String>),
    /// Its parent is not there (or is of another kind).
    NoParent,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, kind: ItemKind, code: &str, parent: Option<&str>, values: &[(&str, &str)]) -> Item {
        Item {
            id: id.into(),
            kind,
            code: code.into(),
            parent: parent.map(Into::into),
            values: values.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            targets: BTreeMap::new(),
        }
    }

    fn raw(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn every_kind_has_a_step_a_prefix_and_fields() {
        for k in ItemKind::ALL {
            assert_eq!(ItemKind::from_key(k.key()), Some(k));
            assert!((2..=9).contains(&k.step()));
            assert!(!k.prefix().is_empty() && !k.fields().is_empty(), "{k:?}");
            assert!(k.fields().iter().any(|f| f.required), "{k:?} has a required field");
        }
    }

    #[test]
    fn values_are_checked_against_the_catalogue() {
        let none = |_: ItemKind, _: &str| false;
        let cause = |k: ItemKind, id: &str| k == ItemKind::DirectCause && id == "c1";
        assert_eq!(check_values(ItemKind::Objective, &raw(&[("enunciado", " "), ("causa", "c1")]), cause), Err(StructureError::Missing("Objetivo prioritario")));
        assert_eq!(check_values(ItemKind::Objective, &raw(&[("enunciado", "Reducir"), ("causa", "zz"), ("responsable", "MTPE")]), none), Err(StructureError::DanglingLink("Causa directa que atiende")));
        let ok = check_values(ItemKind::Objective, &raw(&[("enunciado", " Reducir el trabajo infantil "), ("causa", "c1"), ("responsable", "MTPE"), ("otro", "x")]), cause).unwrap();
        assert_eq!(ok.get("enunciado").map(String::as_str), Some("Reducir el trabajo infantil"));
        assert!(!ok.contains_key("otro"), "unknown keys are dropped");
        let activity = |meta: &str| check_values(ItemKind::Activity, &raw(&[("nombre", "Operativos"), ("unidad", "Operativo"), ("meta_anual", meta), ("responsable", "SUNAFIL")]), none);
        assert_eq!(activity("muchos"), Err(StructureError::NotANumber("Meta física anual")));
        assert!(activity("1 200,5").is_ok());
        let standard = check_values(ItemKind::Standard, &raw(&[("atributo", "rapidez"), ("descripcion", "d"), ("indicador", "i")]), none);
        assert_eq!(standard, Err(StructureError::BadChoice("Atributo")));
    }

    #[test]
    fn targets_cover_every_year_to_the_horizon_in_the_expected_direction() {
        let t = |pairs: &[(u16, &str)]| pairs.iter().map(|(y, v)| (*y, v.to_string())).collect::<BTreeMap<_, _>>();
        let all = t(&[(2024, "25"), (2025, "22,5"), (2026, "20")]);
        assert_eq!(check_targets(2023, 26.0, 2026, false, &all).unwrap().get(&2025), Some(&22.5));
        assert_eq!(check_targets(2023, 26.0, 2026, true, &all), Err(StructureError::AgainstDirection(2024)));
        assert_eq!(check_targets(2023, 26.0, 2026, false, &t(&[(2024, "25"), (2026, "20")])), Err(StructureError::MissingTarget(2025)));
        assert_eq!(check_targets(2023, 26.0, 2026, false, &t(&[(2023, "25")])), Err(StructureError::TargetOutOfRange(2023)));
        assert_eq!(check_targets(2023, 26.0, 2026, false, &t(&[(2027, "1")])), Err(StructureError::TargetOutOfRange(2027)));
        assert_eq!(check_targets(2023, 26.0, 2024, false, &t(&[(2024, "bajo")])), Err(StructureError::NotANumber("Meta")));
    }

    #[test]
    fn codes_are_stable_and_follow_their_parent() {
        assert_eq!(next_code(ItemKind::Objective, None, &[]), "OP1");
        // OP2 was deleted: the next objective is OP4, never a second OP2 or a renumbered OP3.
        assert_eq!(next_code(ItemKind::Objective, None, &["OP1".into(), "OP3".into()]), "OP4");
        assert_eq!(next_code(ItemKind::IndirectCause, Some("CD2"), &["CI2.1".into(), "CI1.7".into()]), "CI2.2");
        assert_eq!(next_code(ItemKind::Service, Some("L1.2"), &[]), "S1.2.1");
        assert_eq!(next_code(ItemKind::Standard, Some("S1.2.1"), &["E1.2.1.1".into()]), "E1.2.1.2");
        assert_eq!(next_code(ItemKind::Indicator, Some("OP10"), &["IOP1.1".into()]), "IOP10.1");
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
        assert!(md.contains("| OP1 | Primero | CD1 |"), "{md}");
        assert!(md.contains("Tasa \\| de trabajo infantil"), "pipes are escaped: {md}");
        assert!(md.contains("| Descendente |"), "choices read by their label: {md}");
        assert!(md.contains("2024: 25; 2025: 22,5"), "{md}");
        assert!(item_line(&snap[2]).starts_with("Indicador IOP1.1: Tasa | de trabajo infantil (línea de base 2023 26; metas 2024: 25"));
        let html = crate::markdown::render(&md);
        assert_eq!(html.matches("<table>").count(), 2, "{html}");
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
        let changes: BTreeMap<String, String> = renumbered(&items).into_iter().collect();
        assert_eq!(changes.get("o3").map(String::as_str), Some("OP2"));
        assert_eq!(changes.get("i31").map(String::as_str), Some("IOP2.1"));
        assert_eq!(changes.get("s3").map(String::as_str), Some("S2.1.1"));
        assert!(!changes.contains_key("o1"), "unchanged codes are not rewritten");
        assert!(renumbered(&items[..1]).is_empty());
    }
}

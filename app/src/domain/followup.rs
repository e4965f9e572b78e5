//! The yearly follow-up (*seguimiento*) of an approved policy, which CEPLAN's *Guía para el
//! seguimiento y evaluación de políticas nacionales y planes del Sinaplan* (R.P.C.D. N°
//! 0061-2023-CEPLAN/PCD, 2.ª ed., agosto 2023) asks of the rector ministry as a yearly *reporte de
//! seguimiento*: for each priority objective's indicators and each service's, the value obtained
//! in the year against the expected achievement (*logro esperado*) of its ficha técnica.
//!
//! Here: a reporting period per policy and year (open, then closed by the team once every
//! objective's analysis has been reviewed); the values obtained, each with its source, the date
//! of the data and a short explanation, provisional or final, every change kept; the percentage
//! of achievement by the indicator's expected direction; and a traffic light whose thresholds are
//! the policy's data (`Thresholds`), not constants of the code.
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::structure::{natural, Item, ItemKind};
use super::text::one_line;

/// The longest source, and the longest explanation of a value, in characters.
pub const MAX_SOURCE_CHARS: usize = 300;
pub const MAX_EXPLANATION_CHARS: usize = 2_000;
/// The longest analysis of an objective, in characters.
pub const MAX_ANALYSIS_CHARS: usize = 20_000;
/// The prefix that marks an item seeded as an example, not as the approved policy's.
pub const ILLUSTRATIVE: &str = "Ejemplo ilustrativo";

/// An indicator's expected direction, as its ficha técnica says it (`sentido`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    Ascendente,
    Descendente,
    Constante,
}

impl Direction {
    /// The direction of an indicator's ficha; none when the ficha does not say it.
    pub fn of(item: &Item) -> Option<Direction> {
        match item.value("sentido") {
            "ascendente" => Some(Direction::Ascendente),
            "descendente" => Some(Direction::Descendente),
            "constante" => Some(Direction::Constante),
            _ => None,
        }
    }
}

/// The percentage of achievement of a value obtained against the year's expected achievement.
///
/// - *Ascendente*: obtained ÷ expected × 100.
/// - *Descendente*: expected ÷ obtained × 100 (the lower the value, the higher the achievement).
/// - *Constante*: 100 less the deviation from the expected value, as a share of it, never below 0.
///
/// Where a ratio would divide by zero the baseline is needed: a descending indicator that reaches
/// 0 has covered (baseline − 0) ÷ (baseline − expected) of its expected path; an expected 0 is met
/// by an obtained 0 (100) and otherwise not measurable as a share (none), as is any indicator
/// whose path from the baseline is empty. Never negative; above 100 when the value goes beyond
/// the expected achievement in the expected direction.
pub fn achievement(direction: Direction, baseline: Option<f64>, expected: f64, obtained: f64) -> Option<f64> {
    let path = |b: f64| (b != expected).then(|| ((b - obtained) / (b - expected) * 100.0).max(0.0));
    let percent = match direction {
        _ if expected == 0.0 && obtained == 0.0 => Some(100.0),
        Direction::Ascendente if expected == 0.0 => None,
        Direction::Ascendente => Some(obtained / expected * 100.0),
        Direction::Descendente if obtained == 0.0 => baseline.and_then(path),
        Direction::Descendente => Some(expected / obtained * 100.0),
        Direction::Constante if expected == 0.0 => None,
        Direction::Constante => Some(100.0 - (obtained - expected).abs() / expected.abs() * 100.0),
    };
    percent.filter(|p| p.is_finite()).map(|p| p.max(0.0))
}

/// The traffic light of an achievement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Light {
    /// At or above the green threshold: on track.
    Verde,
    /// At or above the amber threshold: at risk.
    Ambar,
    /// Below it: behind.
    Rojo,
}

impl Light {
    pub const ALL: [Light; 3] = [Light::Verde, Light::Ambar, Light::Rojo];

    pub fn key(self) -> &'static str {
        match self {
            Light::Verde => "verde",
            Light::Ambar => "ambar",
            Light::Rojo => "rojo",
        }
    }
}

/// Where the lights change, in whole percentage points of achievement: green from `green`,
/// amber from `amber`, red below. A policy's data, set by its team; until it sets its own,
/// `Thresholds::default()` — Pasos' starting point, not a figure of CEPLAN's guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thresholds {
    pub green: u16,
    pub amber: u16,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds { green: 90, amber: 70 }
    }
}

impl Thresholds {
    pub fn light(self, percent: f64) -> Light {
        if percent >= f64::from(self.green) {
            Light::Verde
        } else if percent >= f64::from(self.amber) {
            Light::Ambar
        } else {
            Light::Rojo
        }
    }

    /// Thresholds as typed: whole numbers, 0 < amber < green ≤ 100.
    pub fn check(green: &str, amber: &str) -> Result<Thresholds, FollowUpError> {
        let n = |s: &str| s.trim().trim_end_matches('%').trim().parse::<u16>().ok();
        match (n(green), n(amber)) {
            (Some(g), Some(a)) if a > 0 && a < g && g <= 100 => Ok(Thresholds { green: g, amber: a }),
            _ => Err(FollowUpError::BadThresholds),
        }
    }
}

/// A reporting period: one year of an approved policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub year: u16,
    pub thresholds: Thresholds,
    pub opened_by: String,
    pub opened_at: DateTime<Utc>,
    /// Who closed it and when; a closed period takes no more values nor analyses.
    pub closed: Option<(String, DateTime<Utc>)>,
}

impl Period {
    pub fn is_open(&self) -> bool {
        self.closed.is_none()
    }
}

/// Which years a period may be opened for: from the year of approval up to the current one
/// (a year is reported once it has begun; the report of a year is usually written the next).
pub fn check_year(typed: &str, approved: Option<NaiveDate>, today: NaiveDate, existing: &[u16]) -> Result<u16, FollowUpError> {
    use chrono::Datelike;
    let approved = approved.ok_or(FollowUpError::NotApproved)?;
    let year = typed.trim().parse::<u16>().map_err(|_| FollowUpError::BadYear)?;
    if i32::from(year) < approved.year() || i32::from(year) > today.year() {
        return Err(FollowUpError::BadYear);
    }
    if existing.contains(&year) {
        return Err(FollowUpError::PeriodExists);
    }
    Ok(year)
}

/// A value obtained as recorded: each change is a new record, the latest the one in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueRecord {
    pub id: String,
    /// The indicator (an item's id).
    pub indicator: String,
    pub year: u16,
    /// As it prints ("45,5").
    pub value: String,
    pub source: String,
    /// The date of the data (its cut-off).
    pub data_date: NaiveDate,
    pub explanation: String,
    pub provisional: bool,
    pub author: String,
    pub at: DateTime<Utc>,
    /// The supporting file, if one was attached: (id, name).
    pub file: Option<(String, String)>,
}

/// A value as the form gives it, before it is checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValueInput {
    pub value: String,
    pub source: String,
    pub data_date: String,
    pub explanation: String,
    pub provisional: bool,
}

/// A value checked against its indicator's ficha: the number as it prints, its source and the
/// date of its data in one line, the explanation as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewValue {
    pub value: String,
    pub source: String,
    pub data_date: NaiveDate,
    pub explanation: String,
    pub provisional: bool,
}

/// Checks a value obtained for `indicator` in `year`: a number its measurement parameter admits
/// (a percentage between 0 and 100, a count not negative; no "al menos"), a source, the date of
/// the data — in the year or after it, never after `today`.
pub fn check_value(input: &ValueInput, indicator: &Item, year: u16, today: NaiveDate) -> Result<NewValue, FollowUpError> {
    use chrono::Datelike;
    if !indicator.kind.is_indicator() {
        return Err(FollowUpError::NotAnIndicator);
    }
    let parameter = indicator.value("parametro");
    let mut q = super::structure::series_value(&input.value, String::new(), parameter, false).map_err(|_| FollowUpError::BadValue)?;
    // A number of things is whole ("2.163" is not two things and a fraction); a percentage prints
    // with its sign, as the ficha's expected achievements do.
    if parameter == "numero" && q.has_fraction() {
        return Err(FollowUpError::NotWhole);
    }
    q.percent = parameter == "porcentaje";
    let source = one_line(&input.source);
    if source.is_empty() {
        return Err(FollowUpError::MissingSource);
    }
    if source.chars().count() > MAX_SOURCE_CHARS {
        return Err(FollowUpError::TooLong);
    }
    let data_date = NaiveDate::parse_from_str(input.data_date.trim(), "%Y-%m-%d").map_err(|_| FollowUpError::BadDate)?;
    if data_date.year() < i32::from(year) || data_date > today {
        return Err(FollowUpError::BadDate);
    }
    let explanation = input.explanation.trim().replace("\r\n", "\n");
    if explanation.chars().count() > MAX_EXPLANATION_CHARS {
        return Err(FollowUpError::TooLong);
    }
    Ok(NewValue { value: q.text(), source, data_date, explanation, provisional: input.provisional })
}

/// Whether a checked value says what the record in force says already (the form sent twice).
pub fn same_as(new: &NewValue, current: Option<&ValueRecord>) -> bool {
    current.is_some_and(|c| c.value == new.value && c.source == new.source && c.data_date == new.data_date && c.explanation == new.explanation && c.provisional == new.provisional)
}

/// The team's analysis of an objective in a period, in Markdown; reviewed before the period closes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    /// The objective (an item's id).
    pub objective: String,
    pub text: String,
    /// 1 for the first save, one more for each; a form saves over the version it was opened on.
    pub version: u32,
    pub author: String,
    pub at: DateTime<Utc>,
    /// Who reviewed this version and when; a new save needs a new review.
    pub reviewed: Option<(String, DateTime<Utc>)>,
}

/// Checks an analysis typed over version `base` of the one in force (`current`, 0 when none).
pub fn check_analysis(text: &str, base: &str, current: u32) -> Result<String, FollowUpError> {
    let text = text.trim().replace("\r\n", "\n");
    if text.is_empty() {
        return Err(FollowUpError::MissingAnalysis);
    }
    if text.chars().count() > MAX_ANALYSIS_CHARS {
        return Err(FollowUpError::TooLong);
    }
    if base.trim().parse::<u32>().ok() != Some(current) {
        return Err(FollowUpError::AnalysisChanged);
    }
    Ok(text)
}

/// The objectives a report analyses: those with at least one indicator.
pub fn reported_objectives(items: &[Item]) -> Vec<&Item> {
    items.iter().filter(|o| o.kind == ItemKind::Objective && items.iter().any(|i| i.kind == ItemKind::Indicator && i.parent.as_deref() == Some(o.id.as_str()))).collect()
}

/// What stands between a period and its closing: the objectives (codes) without an analysis, and
/// those whose analysis has not been reviewed since its last change.
pub fn closing_blocked(objectives: &[&Item], analyses: &[Analysis]) -> Option<(Vec<String>, Vec<String>)> {
    let of = |id: &str| analyses.iter().find(|a| a.objective == id);
    let missing: Vec<String> = objectives.iter().filter(|o| of(&o.id).is_none()).map(|o| o.code.clone()).collect();
    let unreviewed: Vec<String> = objectives.iter().filter(|o| of(&o.id).is_some_and(|a| a.reviewed.is_none())).map(|o| o.code.clone()).collect();
    (!missing.is_empty() || !unreviewed.is_empty()).then_some((missing, unreviewed))
}

/// Why a follow-up form is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FollowUpError {
    /// The policy's approval is not recorded: there is nothing to follow up yet.
    NotApproved,
    BadYear,
    PeriodExists,
    /// The period is closed: it takes no more values nor analyses.
    Closed,
    NotAnIndicator,
    BadValue,
    MissingSource,
    BadDate,
    TooLong,
    MissingAnalysis,
    /// The analysis was saved meanwhile by someone else: the text typed comes back to be merged.
    AnalysisChanged,
    /// Some objective has no analysis, or one not reviewed since its last change.
    NotReviewed,
    BadThresholds,
    /// The supporting file is not a PDF, DOCX or XLSX, or is larger than the limit.
    BadFile,
    /// A number of things with decimals.
    NotWhole,
    /// The analysis is reviewed by someone other than who wrote it.
    OwnAnalysis,
    /// Closing asks for its confirmation.
    NotConfirmed,
    /// A supporting file needs a value recorded to go with.
    NoValueYet,
}

impl FollowUpError {
    pub const ALL: [FollowUpError; 18] = [
        FollowUpError::NotApproved,
        FollowUpError::BadYear,
        FollowUpError::PeriodExists,
        FollowUpError::Closed,
        FollowUpError::NotAnIndicator,
        FollowUpError::BadValue,
        FollowUpError::MissingSource,
        FollowUpError::BadDate,
        FollowUpError::TooLong,
        FollowUpError::MissingAnalysis,
        FollowUpError::AnalysisChanged,
        FollowUpError::NotReviewed,
        FollowUpError::BadThresholds,
        FollowUpError::BadFile,
        FollowUpError::NotWhole,
        FollowUpError::OwnAnalysis,
        FollowUpError::NotConfirmed,
        FollowUpError::NoValueYet,
    ];

    pub fn key(self) -> &'static str {
        match self {
            FollowUpError::NotApproved => "no_aprobada",
            FollowUpError::BadYear => "anio",
            FollowUpError::PeriodExists => "periodo_existe",
            FollowUpError::Closed => "cerrado",
            FollowUpError::NotAnIndicator => "no_indicador",
            FollowUpError::BadValue => "valor",
            FollowUpError::MissingSource => "fuente",
            FollowUpError::BadDate => "fecha_dato",
            FollowUpError::TooLong => "largo",
            FollowUpError::MissingAnalysis => "analisis_vacio",
            FollowUpError::AnalysisChanged => "analisis_cambiado",
            FollowUpError::NotReviewed => "sin_revisar",
            FollowUpError::BadThresholds => "umbrales",
            FollowUpError::BadFile => "archivo",
            FollowUpError::NotWhole => "entero",
            FollowUpError::OwnAnalysis => "propio",
            FollowUpError::NotConfirmed => "sin_confirmar",
            FollowUpError::NoValueYet => "sin_valor",
        }
    }

    pub fn from_key(key: &str) -> Option<FollowUpError> {
        FollowUpError::ALL.into_iter().find(|e| e.key() == key)
    }
}

/// Where an indicator stands in a year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Standing {
    /// A value obtained against an expected achievement.
    Measured { percent: f64, light: Light, provisional: bool },
    /// An expected achievement but no value obtained yet.
    NoValue,
    /// No expected achievement for the year in the ficha (a value may have been recorded).
    NoTarget,
    /// Both, but no share can be computed (see [`achievement`]), or the ficha gives no direction.
    NotComputable,
}

/// One indicator in one year of the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorYear {
    pub id: String,
    pub code: String,
    pub name: String,
    pub kind: ItemKind,
    pub responsible: String,
    pub direction: Option<Direction>,
    /// The expected achievement of the year, as the ficha prints it.
    pub expected: Option<String>,
    /// The value in force, with its history (oldest first, the last in force).
    pub history: Vec<ValueRecord>,
    pub standing: Standing,
    /// Seeded as an example, not as the approved policy's.
    pub illustrative: bool,
    /// The ficha's measurement parameter (key) and unit of measure.
    pub parameter: String,
    pub unit: String,
}

impl IndicatorYear {
    pub fn current(&self) -> Option<&ValueRecord> {
        self.history.last()
    }
}

fn number(text: &str) -> Option<f64> {
    super::quantity::parse(text).map(|q| q.value())
}

/// The baseline's value when it has been measured.
fn baseline(item: &Item) -> Option<f64> {
    (!item.baseline_pending()).then(|| number(item.value("linea_base_valor"))).flatten()
}

/// An indicator's row for `year`, from its ficha and the values recorded for it (any order).
pub fn indicator_year(item: &Item, year: u16, values: &[ValueRecord], thresholds: Thresholds) -> IndicatorYear {
    let mut history: Vec<ValueRecord> = values.iter().filter(|v| v.indicator == item.id && v.year == year).cloned().collect();
    history.sort_by_key(|v| v.at);
    let expected = item.targets.get(&year).cloned();
    let direction = Direction::of(item);
    let standing = match (expected.as_deref().and_then(number), history.last()) {
        (None, _) => Standing::NoTarget,
        (Some(_), None) => Standing::NoValue,
        (Some(e), Some(v)) => match (direction, number(&v.value)) {
            (Some(d), Some(o)) => match achievement(d, baseline(item), e, o).map(|p| (p * 10.0).round() / 10.0) {
                // To the tenth it is shown with, so the light agrees with the figure beside it.
                Some(percent) => Standing::Measured { percent, light: thresholds.light(percent), provisional: v.provisional },
                None => Standing::NotComputable,
            },
            _ => Standing::NotComputable,
        },
    };
    IndicatorYear {
        id: item.id.clone(),
        code: item.code.clone(),
        name: item.headline().to_string(),
        kind: item.kind,
        responsible: item.value("responsable").to_string(),
        direction,
        expected,
        history,
        standing,
        illustrative: item.headline().starts_with(ILLUSTRATIVE),
        parameter: item.value("parametro").to_string(),
        unit: item.value("unidad").to_string(),
    }
}

/// A priority objective with its indicators in the year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveYear {
    pub id: String,
    pub code: String,
    pub statement: String,
    pub indicators: Vec<IndicatorYear>,
}

/// A service with its indicators in the year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceYear {
    pub id: String,
    pub code: String,
    pub name: String,
    /// The objective it serves (through its guideline), if the chain is whole.
    pub objective: Option<String>,
    pub indicators: Vec<IndicatorYear>,
}

/// The content of a reporte de seguimiento: each objective with its indicators, then each service
/// with its indicators (services without indicators are left out), in the order of their codes.
pub fn report_rows(items: &[Item], year: u16, values: &[ValueRecord], thresholds: Thresholds) -> (Vec<ObjectiveYear>, Vec<ServiceYear>) {
    let children = |parent: &str, kind: ItemKind| {
        let mut out: Vec<&Item> = items.iter().filter(|i| i.kind == kind && i.parent.as_deref() == Some(parent)).collect();
        out.sort_by_key(|i| natural(&i.code));
        out
    };
    let mut objectives: Vec<&Item> = items.iter().filter(|i| i.kind == ItemKind::Objective).collect();
    objectives.sort_by_key(|i| natural(&i.code));
    let objective_rows = objectives
        .iter()
        .map(|o| ObjectiveYear {
            id: o.id.clone(),
            code: o.code.clone(),
            statement: o.headline().to_string(),
            indicators: children(&o.id, ItemKind::Indicator).into_iter().map(|i| indicator_year(i, year, values, thresholds)).collect(),
        })
        .collect();
    let mut services: Vec<&Item> = items.iter().filter(|i| i.kind == ItemKind::Service).collect();
    services.sort_by_key(|i| natural(&i.code));
    let objective_of = |service: &Item| {
        let guideline = items.iter().find(|g| Some(g.id.as_str()) == service.parent.as_deref())?;
        items.iter().find(|o| Some(o.id.as_str()) == guideline.parent.as_deref()).map(|o| o.code.clone())
    };
    let service_rows = services
        .into_iter()
        .map(|s| ServiceYear {
            id: s.id.clone(),
            code: s.code.clone(),
            name: s.headline().to_string(),
            objective: objective_of(s),
            indicators: children(&s.id, ItemKind::ServiceIndicator).into_iter().map(|i| indicator_year(i, year, values, thresholds)).collect(),
        })
        .filter(|s| !s.indicators.is_empty())
        .collect();
    (objective_rows, service_rows)
}

/// The lights of a report's indicators counted: its objectives' and its services'.
pub fn tally_of(objectives: &[ObjectiveYear], services: &[ServiceYear]) -> Tally {
    Tally::of(objectives.iter().flat_map(|o| o.indicators.iter()).chain(services.iter().flat_map(|s| s.indicators.iter())))
}

/// How many indicators stand where: the dashboard's implementation view and the progress report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub verde: usize,
    pub ambar: usize,
    pub rojo: usize,
    /// Of the measured ones, how many on a provisional value.
    pub provisional: usize,
    /// An expected achievement for the year, no value yet (or none computable).
    pub without_data: usize,
    /// No expected achievement for the year.
    pub without_target: usize,
    /// With a value obtained in force, whatever their standing.
    pub with_value: usize,
    /// Seeded as examples, not the approved policy's.
    pub illustrative: usize,
}

impl Tally {
    pub fn of<'a>(rows: impl IntoIterator<Item = &'a IndicatorYear>) -> Tally {
        let mut t = Tally::default();
        for r in rows {
            t.with_value += usize::from(r.current().is_some());
            t.illustrative += usize::from(r.illustrative);
            match r.standing {
                Standing::Measured { light, provisional, .. } => {
                    match light {
                        Light::Verde => t.verde += 1,
                        Light::Ambar => t.ambar += 1,
                        Light::Rojo => t.rojo += 1,
                    }
                    t.provisional += usize::from(provisional);
                }
                Standing::NoValue | Standing::NotComputable => t.without_data += 1,
                Standing::NoTarget => t.without_target += 1,
            }
        }
        t
    }

    pub fn measured(&self) -> usize {
        self.verde + self.ambar + self.rojo
    }
}

/// A year of follow-up as the progress report tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpYear {
    pub year: u16,
    /// The day (Lima) the report was closed; none while it is open.
    pub closed_on: Option<NaiveDate>,
    pub tally: Tally,
}

impl FollowUpYear {
    /// What the record says of the year, in one sentence: "En el seguimiento de 2024 (reporte
    /// cerrado), de 3 indicadores con logro esperado para el año, 1 estaba en verde, …".
    pub fn sentence(&self) -> String {
        let t = &self.tally;
        let state = match self.closed_on {
            Some(d) => format!("reporte cerrado el {}", d.format("%d/%m/%Y")),
            None => "reporte en elaboración".to_string(),
        };
        let with_target = t.measured() + t.without_data;
        let values = match t.with_value {
            0 => "no se registró ningún valor obtenido".to_string(),
            1 => "se registró el valor obtenido de 1 indicador".to_string(),
            n => format!("se registraron los valores obtenidos de {n} indicadores"),
        };
        let examples = match t.illustrative {
            0 => String::new(),
            n if n == t.measured() + t.without_data + t.without_target => " Todos sus indicadores son ejemplos ilustrativos, no los de la política aprobada.".into(),
            1 => " Uno de sus indicadores es un ejemplo ilustrativo, no de la política aprobada.".into(),
            n => format!(" {n} de sus indicadores son ejemplos ilustrativos, no de la política aprobada."),
        };
        if with_target == 0 {
            return format!("En el seguimiento de {} ({state}), ningún indicador tenía logro esperado para el año en su ficha técnica; {values}.{examples}", self.year);
        }
        let provisional = match t.provisional {
            0 => String::new(),
            1 => ", 1 de ellos con valor provisional".into(),
            n => format!(", {n} de ellos con valor provisional"),
        };
        let noun = if with_target == 1 { "indicador" } else { "indicadores" };
        format!(
            "En el seguimiento de {} ({state}), de {with_target} {noun} con logro esperado para el año, {} {} en verde, {} en ámbar, {} en rojo y {} sin dato{provisional}.{examples}",
            self.year,
            t.verde,
            if t.verde == 1 { "estaba" } else { "estaban" },
            t.ambar,
            t.rojo,
            t.without_data
        )
    }
}

/// The indicator as its chart shows it after the follow-up (`annexes::Chart`): the ficha's values
/// obtained, with the value in force of each year recorded in the follow-up over them.
pub fn with_followup(item: &Item, values: &[ValueRecord]) -> Item {
    let mut out = item.clone();
    let mut mine: Vec<&ValueRecord> = values.iter().filter(|v| v.indicator == item.id).collect();
    mine.sort_by_key(|v| v.at);
    for v in mine {
        out.observed.insert(v.year, v.value.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use std::collections::BTreeMap;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn ascending_is_the_share_of_the_expected_value_obtained() {
        assert!(close(achievement(Direction::Ascendente, Some(60.0), 80.0, 72.0), 90.0));
        assert!(close(achievement(Direction::Ascendente, Some(60.0), 80.0, 88.0), 110.0), "beyond the expected achievement: above 100");
        // A zero baseline is no obstacle: the share does not need it.
        assert!(close(achievement(Direction::Ascendente, Some(0.0), 50.0, 25.0), 50.0));
        assert_eq!(achievement(Direction::Ascendente, Some(0.0), 0.0, 4.0), None, "an expected 0 cannot be shared");
        assert!(close(achievement(Direction::Ascendente, None, 0.0, 0.0), 100.0));
    }

    #[test]
    fn descending_is_the_expected_value_over_the_obtained_one() {
        // Expected to fall to 20; it fell to 25: 80 %.
        assert!(close(achievement(Direction::Descendente, Some(30.0), 20.0, 25.0), 80.0));
        // It overshot, down to 16: 125 %, more than expected, and green.
        let overshoot = achievement(Direction::Descendente, Some(30.0), 20.0, 16.0);
        assert!(close(overshoot, 125.0));
        assert_eq!(Thresholds::default().light(overshoot.unwrap()), Light::Verde);
        // Down to 0: the ratio would divide by zero; the baseline says the whole path and more was covered.
        assert!(close(achievement(Direction::Descendente, Some(30.0), 20.0, 0.0), 300.0));
        assert_eq!(achievement(Direction::Descendente, None, 20.0, 0.0), None, "no baseline, no path");
        assert_eq!(achievement(Direction::Descendente, Some(0.0), 0.0, 3.0), Some(0.0), "expected 0, not met: 0 of the way");
    }

    #[test]
    fn constant_is_what_is_left_after_the_deviation() {
        assert!(close(achievement(Direction::Constante, Some(100.0), 100.0, 95.0), 95.0));
        assert!(close(achievement(Direction::Constante, Some(100.0), 100.0, 105.0), 95.0), "either side deviates");
        assert!(close(achievement(Direction::Constante, None, 10.0, 30.0), 0.0), "never negative");
    }

    #[test]
    fn lights_follow_the_thresholds_given_as_data() {
        let t = Thresholds::default();
        assert_eq!(t.light(90.0), Light::Verde);
        assert_eq!(t.light(89.9), Light::Ambar);
        assert_eq!(t.light(70.0), Light::Ambar);
        assert_eq!(t.light(69.9), Light::Rojo);
        let strict = Thresholds::check("95 %", "85").unwrap();
        assert_eq!(strict.light(90.0), Light::Ambar);
        for (g, a) in [("80", "90"), ("101", "50"), ("90", "0"), ("x", "50"), ("90", "90")] {
            assert_eq!(Thresholds::check(g, a), Err(FollowUpError::BadThresholds), "{g} {a}");
        }
    }

    fn indicator(direction: &str, baseline: &str, targets: &[(u16, &str)]) -> Item {
        let mut values: BTreeMap<String, String> = [("nombre", "Tasa de trabajo infantil"), ("sentido", direction), ("parametro", "porcentaje"), ("responsable", "MTPE"), ("linea_base_anio", "2019")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        if baseline.is_empty() {
            values.insert("linea_base_estado".into(), "por_construir".into());
        } else {
            values.insert("linea_base_estado".into(), "con_valor".into());
            values.insert("linea_base_valor".into(), baseline.into());
        }
        Item {
            id: "i1".into(),
            kind: ItemKind::Indicator,
            code: "IOP1.1".into(),
            parent: Some("o1".into()),
            values,
            targets: targets.iter().map(|(y, v)| (*y, v.to_string())).collect(),
            observed: BTreeMap::new(),
        }
    }

    fn record(year: u16, value: &str, provisional: bool, minute: u32) -> ValueRecord {
        ValueRecord {
            id: format!("v{minute}"),
            indicator: "i1".into(),
            year,
            value: value.into(),
            source: "ENAHO".into(),
            data_date: NaiveDate::from_ymd_opt(2025, 5, 1).unwrap(),
            explanation: String::new(),
            provisional,
            author: "Equipo".into(),
            at: Utc.with_ymd_and_hms(2025, 5, 1, 10, minute, 0).unwrap(),
            file: None,
        }
    }

    #[test]
    fn a_year_without_value_without_target_and_with_a_provisional_value() {
        let item = indicator("descendente", "26,1", &[(2024, "20"), (2030, "10")]);
        let t = Thresholds::default();
        assert_eq!(indicator_year(&item, 2024, &[], t).standing, Standing::NoValue, "a missing value");
        assert_eq!(indicator_year(&item, 2025, &[record(2025, "19", false, 1)], t).standing, Standing::NoTarget);
        // A provisional value counts, and says so; the later record replaces it.
        let first = indicator_year(&item, 2024, &[record(2024, "25", true, 1)], t);
        // 20 ÷ 22.23 is 89.97 %: shown as 90,0 %, and green like the figure says.
        assert!(matches!(indicator_year(&item, 2024, &[record(2024, "22,23", false, 1)], t).standing, Standing::Measured { percent, light: Light::Verde, .. } if percent == 90.0));
        assert_eq!(first.standing, Standing::Measured { percent: 80.0, light: Light::Ambar, provisional: true });
        let replaced = indicator_year(&item, 2024, &[record(2024, "19", false, 2), record(2024, "25", true, 1)], t);
        assert_eq!(replaced.history.len(), 2, "every change is kept");
        assert_eq!(replaced.current().map(|v| v.value.as_str()), Some("19"));
        assert!(matches!(replaced.standing, Standing::Measured { light: Light::Verde, provisional: false, .. }));
        let tally = Tally::of([&first, &replaced, &indicator_year(&item, 2024, &[], t)]);
        assert_eq!((tally.verde, tally.ambar, tally.provisional, tally.without_data), (1, 1, 1, 1));
    }

    #[test]
    fn values_are_checked_against_the_ficha() {
        let item = indicator("ascendente", "10", &[(2024, "20")]);
        let today = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        let input = |value: &str, date: &str| ValueInput { value: value.into(), source: " INEI –\n ENAHO ".into(), data_date: date.into(), explanation: "Cifra preliminar".into(), provisional: true };
        let ok = check_value(&input("45,5 %", "2025-05-01"), &item, 2024, today).unwrap();
        assert_eq!((ok.value.as_str(), ok.source.as_str()), ("45,5\u{a0}%", "INEI – ENAHO"), "as the ficha prints it");
        assert_eq!(check_value(&input("45,5", "2025-05-01"), &item, 2024, today).unwrap().value, "45,5\u{a0}%", "a percentage with its sign, typed or not");
        let mut count = item.clone();
        count.values.insert("parametro".into(), "numero".into());
        assert_eq!(check_value(&input("2.163", "2025-05-01"), &count, 2024, today), Err(FollowUpError::NotWhole), "a count is whole: 2.163 is not read as two and a fraction");
        assert_eq!(check_value(&input("2163", "2025-05-01"), &count, 2024, today).unwrap().value, "2\u{a0}163");
        assert_eq!(check_value(&input("140", "2025-05-01"), &item, 2024, today), Err(FollowUpError::BadValue), "a percentage above 100");
        assert_eq!(check_value(&input("al menos 40", "2025-05-01"), &item, 2024, today), Err(FollowUpError::BadValue), "an obtained value is exact");
        assert_eq!(check_value(&input("40", "2023-12-31"), &item, 2024, today), Err(FollowUpError::BadDate), "data from before the year");
        assert_eq!(check_value(&input("40", "2025-06-02"), &item, 2024, today), Err(FollowUpError::BadDate), "data from the future");
        let mut no_source = input("40", "2025-05-01");
        no_source.source = " ".into();
        assert_eq!(check_value(&no_source, &item, 2024, today), Err(FollowUpError::MissingSource));
        assert!(same_as(&ok, Some(&ValueRecord { value: "45,5\u{a0}%".into(), source: ok.source.clone(), explanation: ok.explanation.clone(), data_date: ok.data_date, provisional: true, ..record(2024, "", true, 1) })));
    }

    #[test]
    fn periods_open_from_the_year_of_approval_to_the_current_one() {
        let approved = NaiveDate::from_ymd_opt(2021, 7, 27);
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        assert_eq!(check_year("2021", approved, today, &[]), Ok(2021));
        assert_eq!(check_year("2020", approved, today, &[]), Err(FollowUpError::BadYear));
        assert_eq!(check_year("2027", approved, today, &[]), Err(FollowUpError::BadYear));
        assert_eq!(check_year("2024", approved, today, &[2024]), Err(FollowUpError::PeriodExists));
        assert_eq!(check_year("2024", None, today, &[]), Err(FollowUpError::NotApproved));
    }

    #[test]
    fn a_period_closes_once_every_objective_has_a_reviewed_analysis() {
        let o = |id: &str, code: &str| Item { id: id.into(), kind: ItemKind::Objective, code: code.into(), parent: None, values: BTreeMap::new(), targets: BTreeMap::new(), observed: BTreeMap::new() };
        let (o1, o2) = (o("o1", "OP1"), o("o2", "OP2"));
        let at = Utc.with_ymd_and_hms(2025, 5, 1, 10, 0, 0).unwrap();
        let analysis = |id: &str, reviewed: bool| Analysis { objective: id.into(), text: "x".into(), version: 1, author: "E".into(), at, reviewed: reviewed.then(|| ("D".to_string(), at)) };
        assert_eq!(closing_blocked(&[&o1, &o2], &[analysis("o1", false)]), Some((vec!["OP2".into()], vec!["OP1".into()])));
        assert_eq!(closing_blocked(&[&o1, &o2], &[analysis("o1", true), analysis("o2", true)]), None);
        assert_eq!(check_analysis("  texto ", "0", 0), Ok("texto".into()));
        assert_eq!(check_analysis("texto", "1", 2), Err(FollowUpError::AnalysisChanged));
    }

    #[test]
    fn the_chart_joins_the_ficha_and_the_follow_up() {
        let mut item = indicator("descendente", "26,1", &[(2024, "20"), (2030, "10")]);
        item.observed.insert(2022, "24".into());
        let charted = with_followup(&item, &[record(2024, "22", false, 2), record(2024, "25", true, 1)]);
        assert_eq!(charted.observed.into_iter().collect::<Vec<_>>(), vec![(2022, "24".to_string()), (2024, "22".to_string())], "the value in force of 2024");
    }

    #[test]
    fn the_progress_report_says_what_the_follow_up_recorded() {
        let item = indicator("descendente", "26,1", &[(2024, "20"), (2030, "10")]);
        let rows = [indicator_year(&item, 2024, &[record(2024, "25", true, 1)], Thresholds::default())];
        let year = FollowUpYear { year: 2024, closed_on: None, tally: Tally::of(&rows) };
        assert_eq!(year.sentence(), "En el seguimiento de 2024 (reporte en elaboración), de 1 indicador con logro esperado para el año, 0 estaban en verde, 1 en ámbar, 0 en rojo y 0 sin dato, 1 de ellos con valor provisional.");
        let closed_on = NaiveDate::from_ymd_opt(2024, 3, 15);
        let untargeted = FollowUpYear { year: 2023, closed_on, tally: Tally::of(&[indicator_year(&item, 2023, &[record(2023, "2163", false, 1)], Thresholds::default())]) };
        assert_eq!(untargeted.sentence(), "En el seguimiento de 2023 (reporte cerrado el 15/03/2024), ningún indicador tenía logro esperado para el año en su ficha técnica; se registró el valor obtenido de 1 indicador.");
        let mut example = item.clone();
        example.values.insert("nombre".into(), format!("{ILLUSTRATIVE}: tasa"));
        let told = FollowUpYear { year: 2024, closed_on, tally: Tally::of(&[indicator_year(&example, 2024, &[], Thresholds::default())]) };
        assert!(told.sentence().ends_with("sin dato. Todos sus indicadores son ejemplos ilustrativos, no los de la política aprobada."), "{}", told.sentence());
    }

    #[test]
    fn error_keys_round_trip() {
        for e in FollowUpError::ALL {
            assert_eq!(FollowUpError::from_key(e.key()), Some(e));
        }
    }
}

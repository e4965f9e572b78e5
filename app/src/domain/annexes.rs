//! A deliverable's annexes in CEPLAN's formats, built from its steps' structured content: one
//! ficha técnica per indicator (two columns, then its baseline / values obtained / expected
//! achievements by year and a small chart of them), the alternatives' scoring matrix, the
//! services and standards matrix, the activities, the vertical and horizontal alignment matrices
//! and the matriz de consistencia, numbered in that order. Pure: the page, the DOCX and the XLSX
//! print what this gives.
use serde::{Deserialize, Serialize};

use super::quantity;
use super::structure::{
    baseline_line, choice_label, markdown_table, of_kind, score_key, scored_criteria, series_line, shown, total_score, value_with_unit, FieldType, Item, ItemKind,
    MatrixRow, ALIGNMENT_LEVELS, DECISIONS, GOVERNMENT_LEVELS, HORIZONTAL, INDICATOR_FIELDS, LINK_KINDS, RELATIONS, SERVICE_CONDITIONS,
};

/// Which of CEPLAN's formats an annex follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnnexKind {
    /// The fichas técnicas of the indicators of one kind.
    Fichas(ItemKind),
    Scoring,
    Services,
    Activities,
    VerticalAlignment,
    HorizontalAlignment,
    Consistency,
}

/// A part of an annex: Markdown (tables), or the chart of one indicator's values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum AnnexBlock {
    Markdown(String),
    Chart(Chart),
}

/// One annex of a deliverable: "Anexo 2. Matriz de evaluación de alternativas".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annex {
    pub number: usize,
    pub kind: AnnexKind,
    pub title: String,
    pub blocks: Vec<AnnexBlock>,
}

impl Annex {
    /// "Anexo 2. Matriz de evaluación de alternativas".
    pub fn heading(&self) -> String {
        format!("Anexo {}. {}", self.number, self.title)
    }
}

/// What a point of a chart is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PointKind {
    Baseline,
    Observed,
    Expected,
}

/// An indicator's values over the years, for a chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    /// The indicator's code and name.
    pub code: String,
    pub name: String,
    /// (year, value, what it is, as it prints) in year order.
    pub points: Vec<(u16, f64, PointKind, String)>,
}

impl Chart {
    /// The chart of an indicator with at least two values, else `None`.
    pub fn of(item: &Item) -> Option<Chart> {
        let mut points = Vec::new();
        if !item.baseline_pending() {
            if let (Ok(year), Some(q)) = (item.value("linea_base_anio").parse::<u16>(), quantity::parse(item.value("linea_base_valor"))) {
                points.push((year, q.value(), PointKind::Baseline, item.value("linea_base_valor").to_string()));
            }
        }
        let series = |m: &std::collections::BTreeMap<u16, String>, kind: PointKind| {
            m.iter().filter_map(move |(y, v)| quantity::parse(v).map(|q| (*y, q.value(), kind, v.clone()))).collect::<Vec<_>>()
        };
        points.extend(series(&item.observed, PointKind::Observed));
        points.extend(series(&item.targets, PointKind::Expected));
        points.sort_by_key(|p| p.0);
        (points.len() >= 2).then(|| Chart { code: item.code.clone(), name: item.headline().to_string(), points })
    }

    /// The chart's words, its text alternative: "IOP1.1: línea de base 26,1 (2019); …".
    pub fn description(&self) -> String {
        let said = self
            .points
            .iter()
            .map(|(y, _, k, v)| {
                let what = match k {
                    PointKind::Baseline => "línea de base",
                    PointKind::Observed => "valor obtenido",
                    PointKind::Expected => "logro esperado",
                };
                format!("{what} {v} ({y})")
            })
            .collect::<Vec<_>>()
            .join("; ");
        format!("Valores del indicador {}: {said}.", self.code)
    }

    /// The chart as SVG: values obtained (the baseline among them) as a solid line, expected
    /// achievements as a dashed one from the last value obtained, the years below, the lowest and
    /// highest values at the left; `id` makes its title and description unique on a page.
    pub fn svg(&self, id: &str) -> String {
        let (w, h, left, right, top, bottom) = (480.0, 200.0, 64.0, 16.0, 16.0, 28.0);
        let years: Vec<u16> = self.points.iter().map(|p| p.0).collect();
        let (first, last) = (years[0] as f64, *years.last().unwrap_or(&years[0]) as f64);
        let values: Vec<f64> = self.points.iter().map(|p| p.1).collect();
        let low = values.iter().cloned().fold(f64::INFINITY, f64::min).min(0.0);
        let high = values.iter().cloned().fold(f64::NEG_INFINITY, f64::max).max(low + 1.0);
        let x = |y: f64| if last > first { left + (y - first) / (last - first) * (w - left - right) } else { left };
        let yv = |v: f64| top + (high - v) / (high - low) * (h - top - bottom);
        let esc = crate::domain::text::escape_html;
        let known: Vec<(f64, f64)> = self.points.iter().filter(|p| p.2 != PointKind::Expected).map(|p| (x(p.0 as f64), yv(p.1))).collect();
        let mut expected: Vec<(f64, f64)> = known.last().copied().into_iter().collect();
        expected.extend(self.points.iter().filter(|p| p.2 == PointKind::Expected).map(|p| (x(p.0 as f64), yv(p.1))));
        let line = |pts: &[(f64, f64)]| pts.iter().map(|(a, b)| format!("{a:.1},{b:.1}")).collect::<Vec<_>>().join(" ");
        let mut out = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"{id}-t\" aria-describedby=\"{id}-d\" class=\"grafico-indicador\">\
             <title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>\
             <line x1=\"{left}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\" stroke=\"#555\"/><line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{b}\" stroke=\"#555\"/>\
             <g font-family=\"{FONTS}\" font-size=\"12\" fill=\"#222\"><text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\">{}</text><text x=\"{lx}\" y=\"{by}\" text-anchor=\"end\">{}</text>",
            esc(&format!("{} {}", self.code, self.name)),
            esc(&self.description()),
            esc(&quantity::format(high)),
            esc(&quantity::format(low)),
            b = h - bottom,
            r = w - right,
            lx = left - 6.0,
            ty = top + 4.0,
            by = h - bottom,
        );
        let step = (years.len() / 8).max(1);
        for (_, year) in years.iter().enumerate().filter(|(n, _)| n % step == 0 || *n == years.len() - 1) {
            out.push_str(&format!("<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{year}</text>", x(*year as f64), h - 8.0));
        }
        out.push_str("</g>");
        if known.len() > 1 {
            out.push_str(&format!("<polyline points=\"{}\" fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"2.5\"/>", line(&known)));
        }
        if expected.len() > 1 {
            out.push_str(&format!("<polyline points=\"{}\" fill=\"none\" stroke=\"#b35900\" stroke-width=\"2.5\" stroke-dasharray=\"6 4\"/>", line(&expected)));
        }
        for (a, b) in &known {
            out.push_str(&format!("<circle cx=\"{a:.1}\" cy=\"{b:.1}\" r=\"4\" fill=\"#1f4e79\"/>"));
        }
        for (a, b) in expected.iter().skip(usize::from(!known.is_empty())) {
            out.push_str(&format!("<circle cx=\"{a:.1}\" cy=\"{b:.1}\" r=\"4\" fill=\"#fff\" stroke=\"#b35900\" stroke-width=\"2\"/>"));
        }
        out.push_str("</svg>");
        out
    }
}

/// The fonts a chart's words are drawn with (the page's, and those a server usually has).
const FONTS: &str = "DejaVu Sans, Liberation Sans, Arial, sans-serif";

/// The legend printed under every chart.
pub const CHART_LEGEND: &str = "Línea continua: línea de base y valores obtenidos. Línea discontinua: logros esperados.";

/// The ficha técnica of an indicator as Markdown: what it measures, then its fields in two
/// columns, then its values by year (`items` holds what it hangs from, by id or code).
pub fn ficha_markdown(item: &Item, items: &[Item]) -> String {
    // A live item's parent is an id, a snapshot's a code: the id first, so no typed code can pass
    // for another item.
    let parent = item.parent.as_deref().and_then(|p| items.iter().find(|i| i.id == p).or_else(|| items.iter().find(|i| i.code == p)));
    let measured = match item.kind {
        ItemKind::ServiceIndicator => "Servicio",
        ItemKind::FutureIndicator => "Situación futura deseada",
        _ => "Objetivo prioritario",
    };
    let what = match parent {
        Some(p) => format!("{}. {}", p.code, p.headline()),
        None => item.parent.clone().unwrap_or_default(),
    };
    let mut rows: Vec<Vec<String>> = vec![vec!["Código del indicador".into(), item.code.clone()]];
    for f in INDICATOR_FIELDS.iter().filter(|f| !f.key.starts_with("linea_base")) {
        let v = shown(item, f);
        rows.push(vec![f.label.into(), if v.is_empty() { "—".into() } else { v }]);
    }
    let mut grid: Vec<Vec<String>> = vec![vec!["Línea de base".into(), item.value("linea_base_anio").into(), if item.baseline_pending() { "Por construir".into() } else { value_with_unit(item, item.value("linea_base_valor")) }]];
    let current = item.current().map(|(y, _)| y);
    for (y, v) in &item.observed {
        grid.push(vec![if Some(*y) == current { "Valor actual".into() } else { "Valor obtenido".into() }, y.to_string(), value_with_unit(item, v)]);
    }
    for (y, v) in &item.targets {
        grid.push(vec!["Logro esperado".into(), y.to_string(), value_with_unit(item, v)]);
    }
    // A paragraph between the two tables keeps Word from joining them.
    format!(
        "**Ficha técnica del indicador {}**\n\n{}\nLínea de base, valores obtenidos y logros esperados del indicador {}:\n\n{}",
        item.code,
        markdown_table(&[measured.to_string(), what], &rows),
        item.code,
        markdown_table(&["Valores del indicador".into(), "Año".into(), "Valor".into()], &grid)
    )
}

/// The annexes of a deliverable from its steps' items (`items`: a snapshot, ids are codes, or the
/// standing items) and, for Entregable 5, the matriz de consistencia of the whole policy.
pub fn annexes(items: &[Item], consistency: Option<(&str, &[MatrixRow])>) -> Vec<Annex> {
    let mut out: Vec<(AnnexKind, String, Vec<AnnexBlock>)> = Vec::new();
    for kind in [ItemKind::FutureIndicator, ItemKind::Indicator, ItemKind::ServiceIndicator] {
        let indicators = of_kind(items, kind, None);
        if indicators.is_empty() {
            continue;
        }
        let mut blocks = Vec::new();
        for i in indicators {
            blocks.push(AnnexBlock::Markdown(ficha_markdown(i, items)));
            if let Some(chart) = Chart::of(i) {
                blocks.push(AnnexBlock::Chart(chart));
            }
        }
        let title = match kind {
            ItemKind::FutureIndicator => "Fichas técnicas de los indicadores de la situación futura deseada",
            ItemKind::ServiceIndicator => "Fichas técnicas de los indicadores de los servicios",
            _ => "Fichas técnicas de los indicadores de los objetivos prioritarios",
        };
        out.push((AnnexKind::Fichas(kind), title.into(), blocks));
    }
    let mut matrix = |kind: AnnexKind, title: &str, md: Option<String>| {
        if let Some(md) = md {
            out.push((kind, title.into(), vec![AnnexBlock::Markdown(md)]));
        }
    };
    matrix(AnnexKind::Scoring, "Matriz de evaluación de alternativas de solución", scoring_matrix(items));
    matrix(AnnexKind::Services, "Matriz de servicios y estándares de cumplimiento", services_matrix(items));
    matrix(AnnexKind::Activities, "Matriz de actividades operativas", activities_matrix(items));
    matrix(AnnexKind::VerticalAlignment, "Matriz de alineamiento vertical", alignment_matrix(items, false));
    matrix(AnnexKind::HorizontalAlignment, "Matriz de alineamiento horizontal", alignment_matrix(items, true));
    if let Some((problem, rows)) = consistency {
        matrix(AnnexKind::Consistency, "Matriz de consistencia", consistency_markdown(problem, rows));
    }
    out.into_iter().enumerate().map(|(n, (kind, title, blocks))| Annex { number: n + 1, kind, title, blocks }).collect()
}

/// The item `id` points to, as "CODE. statement".
fn named(items: &[Item], id: &str) -> String {
    items.iter().find(|i| i.id == id).or_else(|| items.iter().find(|i| i.code == id)).map(|i| format!("{}. {}", i.code, i.headline())).unwrap_or_else(|| id.to_string())
}

fn choice(options: &'static [(&'static str, &'static str)], key: &str) -> String {
    choice_label(FieldType::Choice(options), key)
}

/// One row per alternative: the cause it answers, its score on each criterion, the total, the
/// decision and its reason.
pub fn scoring_matrix(items: &[Item]) -> Option<String> {
    let alternatives = of_kind(items, ItemKind::Alternative, None);
    if alternatives.is_empty() {
        return None;
    }
    let criteria = scored_criteria(items);
    let mut head: Vec<String> = vec!["Código".into(), "Alternativa".into(), "Causa que atiende".into()];
    head.extend(criteria.iter().cloned());
    head.extend(["Puntaje total".into(), "Decisión".into(), "Motivo".into()]);
    let rows = alternatives
        .iter()
        .map(|a| {
            let mut row = vec![a.code.clone(), a.value("enunciado").into(), named(items, a.value("causa"))];
            row.extend(criteria.iter().map(|c| a.value(&score_key(c)).to_string()));
            row.extend([total_score(a, &criteria).to_string(), choice(DECISIONS, a.value("decision")), a.value("motivo").into()]);
            row
        })
        .collect::<Vec<_>>();
    Some(markdown_table(&head, &rows))
}

/// One row per standard (a service without standards has one row): the service, who receives it,
/// its population, coverage and condition, who provides it at which levels, the standard.
pub fn services_matrix(items: &[Item]) -> Option<String> {
    let services = of_kind(items, ItemKind::Service, None);
    if services.is_empty() {
        return None;
    }
    let head: Vec<String> = ["Código", "Servicio", "Receptor y población objetivo", "Cobertura y alcance", "Condición", "Proveedor y niveles de gobierno", "Estándar de cumplimiento", "Indicador del estándar"]
        .map(String::from)
        .to_vec();
    let mut rows = Vec::new();
    for s in services {
        let service = vec![
            s.code.clone(),
            s.value("nombre").into(),
            join(&[s.value("receptor"), s.value("poblacion")]),
            join(&[s.value("cobertura"), s.value("alcance")]),
            choice(SERVICE_CONDITIONS, s.value("condicion")),
            join(&[s.value("proveedor"), &choice_label(FieldType::Choices(GOVERNMENT_LEVELS), s.value("nivel"))]),
        ];
        let standards = of_kind(items, ItemKind::Standard, Some(&s.id));
        if standards.is_empty() {
            rows.push([service.clone(), vec![String::new(), String::new()]].concat());
        }
        for e in standards {
            rows.push([service.clone(), vec![format!("{} {}: {}", e.code, e.value("atributo"), e.value("descripcion")), e.value("indicador").into()]].concat());
        }
    }
    Some(markdown_table(&head, &rows))
}

fn join(parts: &[&str]) -> String {
    parts.iter().filter(|p| !p.is_empty()).cloned().collect::<Vec<_>>().join(" · ")
}

/// One row per activity: its service, unit, yearly targets, responsible unit and the instrument
/// it is tied to.
pub fn activities_matrix(items: &[Item]) -> Option<String> {
    let activities = of_kind(items, ItemKind::Activity, None);
    if activities.is_empty() {
        return None;
    }
    let head: Vec<String> = ["Código", "Actividad operativa", "Servicio", "Unidad de medida", "Metas anuales", "Unidad responsable", "Vinculación (POI, PEI o programa presupuestal)"].map(String::from).to_vec();
    let rows = activities
        .iter()
        .map(|a| {
            let mut targets = series_line(&a.targets);
            if !a.value("meta_anual").is_empty() {
                targets = join(&[&targets, &format!("{} (sin año indicado)", a.value("meta_anual"))]);
            }
            let link = join(&[&choice(LINK_KINDS, a.value("vinculo_tipo")), a.value("vinculo")]);
            vec![a.code.clone(), a.value("nombre").into(), a.parent.clone().unwrap_or_default(), a.value("unidad").into(), targets, a.value("responsable").into(), link.trim().to_string()]
        })
        .collect::<Vec<_>>();
    Some(markdown_table(&head, &rows))
}

/// The vertical alignments (Acuerdo Nacional, PEDN, PGG, ODS) or the horizontal ones (another
/// national policy), one row each with the objective or service aligned.
pub fn alignment_matrix(items: &[Item], horizontal: bool) -> Option<String> {
    let rows: Vec<Vec<String>> = of_kind(items, ItemKind::Alignment, None)
        .into_iter()
        .filter(|a| (a.value("nivel") == HORIZONTAL) == horizontal)
        .map(|a| {
            let aligned = a.parent.clone().unwrap_or_default();
            if horizontal {
                vec![a.code.clone(), aligned, a.value("politica").into(), a.value("decreto").into(), a.value("objetivo_politica").into(), choice(RELATIONS, a.value("relacion")), a.value("explicacion").into()]
            } else {
                vec![a.code.clone(), aligned, choice(ALIGNMENT_LEVELS, a.value("nivel")), a.value("referencia").into()]
            }
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let head: Vec<String> = if horizontal {
        ["Código", "Objetivo o servicio de la política", "Política nacional", "Decreto que la aprueba", "Su objetivo, lineamiento o servicio", "Tipo de relación", "Explicación"].map(String::from).to_vec()
    } else {
        ["Código", "Objetivo o servicio de la política", "Nivel", "Política de Estado, objetivo o meta"].map(String::from).to_vec()
    };
    Some(markdown_table(&head, &rows))
}

/// The matriz de consistencia: the problem, then one row per chain, gaps said in words.
pub fn consistency_markdown(problem: &str, rows: &[MatrixRow]) -> Option<String> {
    if rows.is_empty() {
        return None;
    }
    let head: Vec<String> = ["Causa", "Objetivo prioritario", "Indicador", "Lineamiento", "Servicio", "Estándar", "Actividad", "Responsable", "Vacíos"].map(String::from).to_vec();
    let body = rows
        .iter()
        .map(|r| vec![r.cause.clone(), r.objective.clone(), r.indicator.clone(), r.guideline.clone(), r.service.clone(), r.standard.clone(), r.activity.clone(), r.responsible.clone(), r.gaps.join("; ")])
        .collect::<Vec<_>>();
    let problem = if problem.is_empty() { "sin enunciado registrado (Paso 1)".to_string() } else { problem.to_string() };
    Some(format!("**Problema público:** {}\n\n{}", super::structure::cell(&problem), markdown_table(&head, &body)))
}

/// The kind's name, for the XLSX's sheets.
pub fn sheet_name(kind: AnnexKind) -> &'static str {
    match kind {
        AnnexKind::Fichas(ItemKind::FutureIndicator) => "Fichas situación futura",
        AnnexKind::Fichas(ItemKind::ServiceIndicator) => "Fichas servicios",
        AnnexKind::Fichas(_) => "Fichas objetivos",
        AnnexKind::Scoring => "Alternativas",
        AnnexKind::Services => "Servicios y estándares",
        AnnexKind::Activities => "Actividades",
        AnnexKind::VerticalAlignment => "Alineamiento vertical",
        AnnexKind::HorizontalAlignment => "Alineamiento horizontal",
        AnnexKind::Consistency => "Matriz de consistencia",
    }
}

/// The fichas of one kind as rows for a sheet: a header (the ficha's fields, the baseline, the
/// valor actual, each year's expected achievement) and one row per indicator.
pub fn fichas_rows(items: &[Item], kind: ItemKind) -> (Vec<String>, Vec<Vec<String>>) {
    let indicators = of_kind(items, kind, None);
    let years: std::collections::BTreeSet<u16> = indicators.iter().flat_map(|i| i.targets.keys().copied()).collect();
    let mut head: Vec<String> = vec!["Código".into(), "Mide".into()];
    head.extend(INDICATOR_FIELDS.iter().filter(|f| !f.key.starts_with("linea_base")).map(|f| f.label.to_string()));
    head.extend(["Línea de base".into(), "Valores obtenidos".into(), "Valor actual".into()]);
    head.extend(years.iter().map(|y| format!("Logro esperado {y}")));
    let rows = indicators
        .iter()
        .map(|i| {
            let mut row = vec![i.code.clone(), i.parent.as_deref().map(|p| named(items, p)).unwrap_or_default()];
            row.extend(INDICATOR_FIELDS.iter().filter(|f| !f.key.starts_with("linea_base")).map(|f| shown(i, f)));
            row.push(baseline_line(i));
            row.push(series_line(&i.observed));
            row.push(i.current().map(|(y, v)| format!("{v} ({y})")).unwrap_or_default());
            row.extend(years.iter().map(|y| i.targets.get(y).cloned().unwrap_or_default()));
            row
        })
        .collect();
    (head, rows)
}

/// An annex's tables as (header, rows), for a sheet: the fichas as rows, a matrix as it prints.
pub fn sheet_rows(annex: &Annex, items: &[Item]) -> Vec<Vec<String>> {
    if let AnnexKind::Fichas(kind) = annex.kind {
        let (head, rows) = fichas_rows(items, kind);
        return std::iter::once(head).chain(rows).collect();
    }
    annex
        .blocks
        .iter()
        .filter_map(|b| match b {
            AnnexBlock::Markdown(md) => Some(md),
            AnnexBlock::Chart(_) => None,
        })
        .flat_map(|md| md.lines().filter(|l| l.starts_with('|') && !l.starts_with("|---")).map(table_cells).collect::<Vec<_>>())
        .collect()
}

/// The cells of a Markdown table line written by `markdown_table`, unescaped.
fn table_cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    let mut cells = vec![String::new()];
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => cells.last_mut().unwrap().extend(chars.next()),
            '|' => cells.push(String::new()),
            c => cells.last_mut().unwrap().push(c),
        }
    }
    cells.into_iter().map(|c| c.trim().to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(kind: ItemKind, code: &str, parent: Option<&str>, values: &[(&str, &str)]) -> Item {
        crate::domain::structure::sample_item(code, kind, code, parent, values)
    }

    fn indicator() -> Item {
        let mut i = item(
            ItemKind::Indicator,
            "IOP1.1",
            Some("OP1"),
            &[("nombre", "Tasa de trabajo infantil"), ("parametro", "porcentaje"), ("sentido", "descendente"), ("linea_base_estado", "con_valor"), ("linea_base_anio", "2019"), ("linea_base_valor", "26,1\u{a0}%")],
        );
        i.observed = [(2021, "23,2\u{a0}%".to_string()), (2023, "21\u{a0}%".to_string())].into_iter().collect();
        i.targets = [(2026, "como máximo 18\u{a0}%".to_string()), (2030, "12\u{a0}%".to_string())].into_iter().collect();
        i
    }

    #[test]
    fn a_ficha_has_two_columns_and_its_values_by_year() {
        let op = item(ItemKind::Objective, "OP1", None, &[("enunciado", "Reducir el trabajo infantil")]);
        let md = ficha_markdown(&indicator(), &[op]);
        assert!(md.starts_with("**Ficha técnica del indicador IOP1.1**"), "{md}");
        assert!(md.contains("| Objetivo prioritario | OP1. Reducir el trabajo infantil |"), "{md}");
        assert!(md.contains("| Parámetro de medición | Porcentaje |"), "{md}");
        assert!(md.contains("| Justificación | — |"), "an empty field says so: {md}");
        assert!(md.contains("| Valor obtenido | 2021 | 23,2\u{a0}% |"), "{md}");
        assert!(md.contains("| Valor actual | 2023 | 21\u{a0}% |"), "the latest value obtained is the valor actual: {md}");
        assert!(md.contains("| Logro esperado | 2026 | como máximo 18\u{a0}% |"), "{md}");
        let first_table = md.lines().find(|l| l.starts_with('|')).unwrap();
        assert_eq!(first_table.matches(" | ").count(), 1, "two columns: {first_table}");
    }

    #[test]
    fn a_baseline_still_to_be_built_says_so_and_has_no_chart() {
        let pending = item(ItemKind::Indicator, "IOP2.1", Some("OP2"), &[("nombre", "Prevalencia del trabajo forzoso"), ("linea_base_estado", "por_construir"), ("linea_base_anio", "2026")]);
        let md = ficha_markdown(&pending, &[]);
        assert!(md.contains("| Línea de base | 2026 | Por construir |"), "{md}");
        assert!(Chart::of(&pending).is_none());
    }

    #[test]
    fn the_chart_draws_obtained_and_expected_values_and_says_them() {
        let chart = Chart::of(&indicator()).unwrap();
        assert_eq!(chart.points.iter().map(|p| p.0).collect::<Vec<_>>(), vec![2019, 2021, 2023, 2026, 2030]);
        let svg = chart.svg("g1");
        assert_eq!(svg.matches("<polyline").count(), 2, "{svg}");
        assert!(svg.contains("stroke-dasharray"), "expected values are dashed");
        assert!(svg.contains("<desc id=\"g1-d\">Valores del indicador IOP1.1: línea de base 26,1\u{a0}% (2019); valor obtenido 23,2\u{a0}% (2021)"), "{svg}");
        let mut hostile = indicator();
        hostile.values.insert("nombre".into(), "<script>alert(1)</script>".into());
        assert!(!Chart::of(&hostile).unwrap().svg("g").contains("<script>"));
    }

    #[test]
    fn annexes_are_numbered_in_cepla_order_and_matrices_read_back_as_rows() {
        let mut items = vec![
            item(ItemKind::Objective, "OP1", None, &[("enunciado", "Reducir")]),
            indicator(),
            item(ItemKind::Alternative, "ALT1", None, &[("enunciado", "Inspección | móvil"), ("decision", "descartada"), ("motivo", "Costo"), ("puntaje:Efectividad", "4")]),
            item(ItemKind::Alignment, "AL1.1", Some("OP1"), &[("nivel", "ods"), ("referencia", "Meta 8.7")]),
            item(ItemKind::Alignment, "AL1.2", Some("OP1"), &[("nivel", "politica_nacional"), ("politica", "Política Nacional Multisectorial de Salud"), ("decreto", "D.S. N° 026-2020-SA"), ("objetivo_politica", "OP2"), ("relacion", "complementaria")]),
        ];
        items.push(item(ItemKind::Activity, "A1.1.1.1", Some("S1.1.1"), &[("nombre", "Operativos"), ("meta_anual", "12")]));
        let annexes = annexes(&items, None);
        let titles: Vec<String> = annexes.iter().map(Annex::heading).collect();
        assert_eq!(
            titles,
            vec![
                "Anexo 1. Fichas técnicas de los indicadores de los objetivos prioritarios",
                "Anexo 2. Matriz de evaluación de alternativas de solución",
                "Anexo 3. Matriz de actividades operativas",
                "Anexo 4. Matriz de alineamiento vertical",
                "Anexo 5. Matriz de alineamiento horizontal",
            ]
        );
        assert!(matches!(annexes[0].blocks[1], AnnexBlock::Chart(_)));
        let scoring = sheet_rows(&annexes[1], &items);
        assert_eq!(scoring[0], vec!["Código", "Alternativa", "Causa que atiende", "Efectividad", "Puntaje total", "Decisión", "Motivo"]);
        assert_eq!(scoring[1][1], "Inspección | móvil", "pipes come back unescaped");
        assert_eq!(scoring[1][5], "Descartada");
        let activities = sheet_rows(&annexes[2], &items);
        assert!(activities[1][4].contains("12 (sin año indicado)"), "an earlier single target keeps its meaning: {:?}", activities[1]);
        let horizontal = sheet_rows(&annexes[4], &items);
        assert_eq!(horizontal[1][3], "D.S. N° 026-2020-SA");
        let fichas = sheet_rows(&annexes[0], &items);
        assert!(fichas[0].contains(&"Logro esperado 2030".to_string()));
        assert_eq!(fichas.len(), 2, "one row per indicator");
    }
}

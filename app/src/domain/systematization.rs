//! The *informe de sistematización de aportes* of a consultation or a comment round, counted from
//! its record: who was invited and who took part (by jurisdiction, organisation and channel), the
//! contributions by step and by answer, the share accepted, and the changes the accepted ones
//! caused. Pure: the page and the DOCX word it; charts are drawn here as SVG.
use serde::{Deserialize, Serialize};

use super::drafting::{Change, Segment};
use super::rounds::{AnswerState, Channel, ContributionInfo, RoundInfo};
use super::text::escape_html;

/// The figures of a round's contributions (threads and replies alike: each is a contribution).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub total: usize,
    /// Per answer: how many, in the order of [`AnswerState::for_round`]; then the unanswered.
    pub by_answer: Vec<(AnswerState, usize)>,
    pub unanswered: usize,
    /// Per step of the round: (step, contributions, accepted in full or in part).
    pub by_step: Vec<(u8, usize, usize)>,
    /// Per channel that brought any: (channel, contributions).
    pub by_channel: Vec<(Channel, usize)>,
    /// Per jurisdiction invited or that took part, by ubigeo: (ubigeo, invited, contributions, accepted).
    pub by_jurisdiction: Vec<(String, bool, usize, usize)>,
    /// Per organisation that took part, most contributions first: (organisation, contributions).
    pub by_organisation: Vec<(String, usize)>,
    /// Distinct authors (people or, for what the team transcribed, the name recorded).
    pub authors: usize,
}

impl Figures {
    /// How many were accepted (or lifted) in full, and in part.
    pub fn accepted(&self) -> (usize, usize) {
        let count = |wanted: &[AnswerState]| self.by_answer.iter().filter(|(a, _)| wanted.contains(a)).map(|(_, n)| n).sum();
        (count(&[AnswerState::Acogido, AnswerState::Levantada]), count(&[AnswerState::AcogidoParcialmente, AnswerState::LevantadaParcialmente]))
    }

    /// The jurisdictions invited, and those of them and others that took part.
    pub fn jurisdictions(&self) -> (usize, usize) {
        (self.by_jurisdiction.iter().filter(|j| j.1).count(), self.by_jurisdiction.iter().filter(|j| j.2 > 0).count())
    }
}

/// Percentage of `part` in `whole`, rounded to a whole number (0 when there is no whole).
pub fn percent(part: usize, whole: usize) -> usize {
    if whole == 0 { 0 } else { (part * 200 + whole) / (2 * whole) }
}

/// Counts a round's `contributions` (all of them: the report is the team's).
pub fn figures(round: &RoundInfo, contributions: &[ContributionInfo]) -> Figures {
    let answers = AnswerState::for_round(round.kind);
    let by_answer = answers.iter().map(|a| (*a, contributions.iter().filter(|c| c.answer.as_ref().is_some_and(|x| x.state == *a)).count())).collect();
    let accepted = |c: &&&ContributionInfo| c.answer.as_ref().is_some_and(|a| a.state.accepted());
    let by_step = round
        .steps
        .iter()
        .map(|s| {
            let on: Vec<&ContributionInfo> = contributions.iter().filter(|c| c.step == *s).collect();
            (*s, on.len(), on.iter().filter(accepted).count())
        })
        .collect();
    let by_channel = Channel::ALL
        .into_iter()
        .map(|ch| (ch, contributions.iter().filter(|c| c.channel == ch).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    let mut ubigeos: Vec<String> = round.jurisdictions.clone();
    ubigeos.extend(contributions.iter().filter_map(|c| c.jurisdiction.clone()));
    ubigeos.sort();
    ubigeos.dedup();
    let by_jurisdiction = ubigeos
        .into_iter()
        .map(|u| {
            let from: Vec<&ContributionInfo> = contributions.iter().filter(|c| c.jurisdiction.as_ref() == Some(&u)).collect();
            let invited = round.jurisdictions.contains(&u);
            let n = from.len();
            (u, invited, n, from.iter().filter(accepted).count())
        })
        .collect();
    let mut by_organisation: Vec<(String, usize)> = Vec::new();
    for o in contributions.iter().filter_map(|c| c.organisation.as_deref()) {
        match by_organisation.iter_mut().find(|(x, _)| x.eq_ignore_ascii_case(o)) {
            Some((_, n)) => *n += 1,
            None => by_organisation.push((o.to_string(), 1)),
        }
    }
    by_organisation.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut authors: Vec<String> = contributions.iter().map(|c| c.author_id.clone().unwrap_or_else(|| c.author.to_lowercase())).collect();
    authors.sort();
    authors.dedup();
    Figures {
        total: contributions.len(),
        by_answer,
        unanswered: contributions.iter().filter(|c| c.answer.is_none()).count(),
        by_step,
        by_channel,
        by_jurisdiction,
        by_organisation,
        authors: authors.len(),
    }
}

/// The changed words of a diff with `context` words of unchanged text around each change; the
/// unchanged text between is cut to "…". Keeps a long step's diff to what changed.
pub fn changed_excerpt(segments: &[Segment], context: usize) -> Vec<Segment> {
    let words = |s: &str| s.split_whitespace().count();
    let mut out: Vec<Segment> = Vec::new();
    let last = segments.len().saturating_sub(1);
    for (i, s) in segments.iter().enumerate() {
        if s.change != Change::Same || words(&s.text) <= 2 * context {
            out.push(s.clone());
            continue;
        }
        let all: Vec<&str> = s.text.split_whitespace().collect();
        let head = if i > 0 { all[..context].join(" ") } else { String::new() };
        let tail = if i < last { all[all.len() - context..].join(" ") } else { String::new() };
        let text = match (head.is_empty(), tail.is_empty()) {
            (true, true) => "…".to_string(),
            (true, false) => format!("… {tail} "),
            (false, true) => format!(" {head} …"),
            (false, false) => format!(" {head} … {tail} "),
        };
        out.push(Segment { change: Change::Same, text });
    }
    out
}

/// A horizontal bar chart: a title, a description that says every value (the text alternative),
/// and the bars, each (label, value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bars {
    pub title: String,
    pub description: String,
    pub bars: Vec<(String, usize)>,
}

const FONTS: &str = "DejaVu Sans, Liberation Sans, Arial, sans-serif";

impl Bars {
    /// The chart as SVG, its texts escaped; `id` makes its title and description unique on a page.
    pub fn svg(&self, id: &str) -> String {
        let (row, label_w, bar_w, top) = (26.0, 220.0, 300.0, 8.0);
        let h = top * 2.0 + row * self.bars.len().max(1) as f64;
        let w = label_w + bar_w + 60.0;
        let high = self.bars.iter().map(|b| b.1).max().unwrap_or(0).max(1) as f64;
        let mut out = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"{id}-t\" aria-describedby=\"{id}-d\" class=\"grafico-barras\">\
             <title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc><g font-family=\"{FONTS}\" font-size=\"12\" fill=\"#222\">",
            escape_html(&self.title),
            escape_html(&self.description),
        );
        for (i, (label, value)) in self.bars.iter().enumerate() {
            let y = top + row * i as f64;
            let len = *value as f64 / high * bar_w;
            let label: String = if label.chars().count() > 32 { format!("{}…", label.chars().take(31).collect::<String>()) } else { label.clone() };
            // A bar of nothing is no bar (a zero-width rectangle is not drawn by every reader).
            let bar = if *value > 0 { format!("<rect x=\"{label_w}\" y=\"{}\" width=\"{len:.1}\" height=\"{}\" fill=\"#1f4e79\"/>", y + 5.0, row - 10.0) } else { String::new() };
            out.push_str(&format!(
                "<text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\">{}</text>{bar}<text x=\"{vx:.1}\" y=\"{ty}\">{value}</text>",
                escape_html(&label),
                lx = label_w - 8.0,
                ty = y + 17.0,
                vx = label_w + len + 6.0,
            ));
        }
        out.push_str("</g></svg>");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rounds::tests::contribution;
    use crate::domain::rounds::Answer;
    use crate::domain::RoundKind;

    fn round(kind: RoundKind) -> RoundInfo {
        RoundInfo {
            id: "r1".into(),
            policy_code: "PNMPETI".into(),
            deliverable: 2,
            version: Some(1),
            kind,
            title: "Consulta".into(),
            steps: vec![3, 4],
            opens: chrono::DateTime::default(),
            closes: chrono::DateTime::default(),
            jurisdictions: vec!["08".into(), "16".into(), "21".into()],
            organisations: vec![],
            users: vec![],
            closed_at: None,
            systematized: false,
            forced_reason: None,
            published: false,
            created_by: "equipo".into(),
            illustrative: false,
            changes: 0,
            hidden_accounts: 0,
        }
    }

    fn answered(n: u32, jurisdiction: Option<&str>, step: u8, state: Option<AnswerState>) -> ContributionInfo {
        let mut c = contribution(n, None);
        c.jurisdiction = jurisdiction.map(String::from);
        c.organisation = jurisdiction.map(|j| format!("DRTPE {j}"));
        c.author = format!("Autor {}", n % 3);
        c.step = step;
        c.answer = state.map(|state| Answer { state, justification: None, revision: None, changed_step: None, place: None });
        c
    }

    /// Five contributions from two of three invited regions and Lima (not invited), one by oficio:
    /// every figure counted from them.
    #[test]
    fn a_consultation_is_counted_from_its_record() {
        use AnswerState::*;
        let mut list = vec![
            answered(1, Some("08"), 3, Some(Acogido)),
            answered(2, Some("08"), 3, Some(AcogidoParcialmente)),
            answered(3, Some("16"), 4, Some(NoAcogido)),
            answered(4, Some("1501"), 4, None),
            answered(5, None, 4, Some(NoCorresponde)),
        ];
        list[2].channel = Channel::Oficio;
        let f = figures(&round(RoundKind::ConsultaRegional), &list);
        assert_eq!(f.total, 5);
        assert_eq!(f.by_answer, vec![(Acogido, 1), (AcogidoParcialmente, 1), (NoAcogido, 1), (NoCorresponde, 1)]);
        assert_eq!((f.unanswered, f.accepted()), (1, (1, 1)));
        assert_eq!(f.by_step, vec![(3, 2, 2), (4, 3, 0)]);
        assert_eq!(f.by_channel, vec![(Channel::Plataforma, 4), (Channel::Oficio, 1)]);
        assert_eq!(
            f.by_jurisdiction,
            vec![("08".into(), true, 2, 2), ("1501".into(), false, 1, 0), ("16".into(), true, 1, 0), ("21".into(), true, 0, 0)]
        );
        assert_eq!(f.jurisdictions(), (3, 3));
        assert_eq!(f.by_organisation[0], ("DRTPE 08".into(), 2));
        assert_eq!(f.authors, 3);
        assert_eq!((percent(2, 5), percent(1, 3), percent(2, 3), percent(0, 0)), (40, 33, 67, 0));
    }

    #[test]
    fn an_observations_round_counts_what_was_lifted() {
        let list = vec![answered(1, None, 3, Some(AnswerState::Levantada)), answered(2, None, 3, Some(AnswerState::LevantadaParcialmente))];
        let f = figures(&round(RoundKind::ObservacionesCeplan), &list);
        assert_eq!(f.by_answer.len(), 3);
        assert_eq!(f.accepted(), (1, 1));
    }

    #[test]
    fn an_excerpt_keeps_the_change_and_its_context() {
        let old = "uno dos tres cuatro cinco seis siete ocho nueve diez once doce";
        let new = "uno dos tres cuatro cinco seis SIETE ocho nueve diez once doce";
        let cut = changed_excerpt(&crate::domain::word_diff(old, new), 2);
        let text: String = cut.iter().map(|s| s.text.as_str()).collect();
        assert!(text.starts_with("… cinco seis"), "{text}");
        assert!(text.contains("SIETE"), "{text}");
        assert!(text.trim_end().ends_with("ocho nueve …"), "{text}");
        // Short texts are kept whole.
        let short = crate::domain::word_diff("a b", "a c");
        assert_eq!(changed_excerpt(&short, 2), short);
    }

    #[test]
    fn a_bar_chart_escapes_what_was_typed() {
        let bars = Bars { title: "Aportes <script>".into(), description: "1 & 2".into(), bars: vec![("Org \"x\" <b>".into(), 3), ("Otra".into(), 0)] };
        let svg = bars.svg("g1");
        assert!(svg.contains("Aportes &lt;script&gt;") && svg.contains("1 &amp; 2") && svg.contains("Org &quot;x&quot; &lt;b&gt;"), "{svg}");
        assert!(!svg.contains("<script>") && !svg.contains("<b>"));
        assert!(svg.contains("width=\"300.0\""), "the largest bar fills the width: {svg}");
        assert_eq!(svg.matches("<rect").count(), 1, "no bar for nothing");
    }
}

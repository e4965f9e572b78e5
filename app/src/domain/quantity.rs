//! Numbers as Peruvian public servants type and read them: a decimal comma, thousands parted by a
//! space ("1 200,5"), a per cent sign after a space ("70 %"), and an optional qualifier in front
//! of an expected achievement ("al menos 70 %", "como máximo 5"). Values keep the digits as typed
//! (no rounding through floating point); `f64` is only for comparing them.
use std::cmp::Ordering;

/// What a value promises beyond its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    /// "al menos 70 %": the value or more.
    AtLeast,
    /// "como máximo 5": the value or less.
    AtMost,
}

impl Qualifier {
    pub fn words(self) -> &'static str {
        match self {
            Qualifier::AtLeast => "al menos",
            Qualifier::AtMost => "como máximo",
        }
    }
}

/// A value read from what was typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub qualifier: Option<Qualifier>,
    /// Whether a "%" was typed after the number.
    pub percent: bool,
    negative: bool,
    /// The digits before the decimal comma (no leading zeros but one) and after it, as typed.
    whole: String,
    fraction: String,
}

/// The thousands separator of the printed form: a no-break space, so "1 200" never breaks.
const THOUSANDS: char = '\u{a0}';

impl Quantity {
    /// The number, for comparisons.
    /// Whether it has digits after the decimal comma.
    pub fn has_fraction(&self) -> bool {
        !self.fraction.is_empty()
    }

    pub fn value(&self) -> f64 {
        let text = format!("{}{}.{}", if self.negative { "-" } else { "" }, self.whole, if self.fraction.is_empty() { "0" } else { &self.fraction });
        text.parse().unwrap_or(0.0)
    }

    /// The number as it prints: "1 200,5" (no-break spaces between thousands), "-3", "0,25".
    pub fn number(&self) -> String {
        let digits: Vec<char> = self.whole.chars().collect();
        let mut whole = String::new();
        for (i, c) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                whole.push(THOUSANDS);
            }
            whole.push(*c);
        }
        let sign = if self.negative { "-" } else { "" };
        if self.fraction.is_empty() { format!("{sign}{whole}") } else { format!("{sign}{whole},{}", self.fraction) }
    }

    /// The whole value as it prints and is stored: "al menos 70 %".
    pub fn text(&self) -> String {
        let mut out = String::new();
        if let Some(q) = self.qualifier {
            out.push_str(q.words());
            out.push(' ');
        }
        out.push_str(&self.number());
        if self.percent {
            out.push_str("\u{a0}%");
        }
        out
    }

    pub fn compare(&self, other: &Quantity) -> Ordering {
        self.value().partial_cmp(&other.value()).unwrap_or(Ordering::Equal)
    }
}

/// Reads a value: an optional qualifier ("al menos", "como máximo", "≥", "≤"), a number with a
/// decimal comma or point and thousands parted by spaces (or by the other mark: "1.200,5",
/// "1,200.5"), and an optional "%". `None` when it is not one.
pub fn parse(typed: &str) -> Option<Quantity> {
    let lower = typed.trim().to_lowercase();
    let (qualifier, rest) = [("al menos", Qualifier::AtLeast), ("como máximo", Qualifier::AtMost), ("como maximo", Qualifier::AtMost), ("≥", Qualifier::AtLeast), (">=", Qualifier::AtLeast), ("≤", Qualifier::AtMost), ("<=", Qualifier::AtMost)]
        .into_iter()
        .find_map(|(w, q)| lower.strip_prefix(w).map(|r| (Some(q), r)))
        .unwrap_or((None, lower.as_str()));
    let rest = rest.trim();
    let (rest, percent) = match rest.strip_suffix('%') {
        Some(r) => (r.trim_end(), true),
        None => (rest, false),
    };
    let (negative, rest) = match rest.strip_prefix('-').or_else(|| rest.strip_prefix('−')) {
        Some(r) => (true, r.trim_start()),
        None => (false, rest),
    };
    let compact: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() || !compact.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') {
        return None;
    }
    // The decimal mark is the last of "," and "."; the other one, if any, parts thousands. A
    // lone "." is decimal too ("12.5"), unless it repeats ("1.200.000").
    let commas = compact.matches(',').count();
    let points = compact.matches('.').count();
    let decimal = match (commas, points) {
        (0, 0) => None,
        (1, 0) => Some(','),
        (0, 1) => Some('.'),
        (0, _) | (_, 0) => None,
        _ => compact.chars().rev().find(|c| *c == ',' || *c == '.'),
    };
    let thousands = match decimal {
        Some(',') => '.',
        Some(_) => ',',
        None if commas > 0 => ',',
        None => '.',
    };
    let (whole, fraction) = match decimal {
        Some(d) => {
            let at = compact.rfind(d)?;
            (&compact[..at], &compact[at + 1..])
        }
        None => (compact.as_str(), ""),
    };
    if decimal.is_some_and(|d| whole.contains(d)) || fraction.contains([',', '.']) || (whole.is_empty() && fraction.is_empty()) {
        return None;
    }
    // Thousands marks part groups of three ("1.200.000", not "1.20.0").
    let groups: Vec<&str> = whole.split(thousands).collect();
    if groups.len() > 1 && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return None;
    }
    let whole: String = whole.chars().filter(char::is_ascii_digit).collect();
    // Fifteen digits before the comma and six after: beyond that no indicator is measured, and a
    // float would no longer hold the value.
    if whole.trim_start_matches('0').len() > 15 || fraction.len() > 6 {
        return None;
    }
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0".to_string() } else { whole.to_string() };
    let negative = negative && (whole != "0" || fraction.chars().any(|c| c != '0'));
    Some(Quantity { qualifier, percent, negative, whole, fraction: fraction.to_string() })
}

/// A plain number as Peruvians print it, for computed values: "1 200,5" (up to two decimals).
pub fn format(n: f64) -> String {
    let text = format!("{:.2}", n);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    parse(text).map(|q| q.number()).unwrap_or_else(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers_as_they_are_typed_in_peru() {
        let shown = |s: &str| parse(s).map(|q| q.text().replace('\u{a0}', " "));
        assert_eq!(shown("1 200,5"), Some("1 200,5".into()));
        assert_eq!(shown("1200,5"), Some("1 200,5".into()));
        assert_eq!(shown("1.200,5"), Some("1 200,5".into()));
        assert_eq!(shown("1,200.5"), Some("1 200,5".into()));
        assert_eq!(shown("12.5"), Some("12,5".into()), "a lone point is a decimal mark");
        assert_eq!(shown("1.200.000"), Some("1 200 000".into()));
        assert_eq!(shown("70 %"), Some("70 %".into()));
        assert_eq!(shown("70%"), Some("70 %".into()));
        assert_eq!(shown("Al menos 70 %"), Some("al menos 70 %".into()));
        assert_eq!(shown("como maximo 5,0"), Some("como máximo 5,0".into()), "the typed decimals stay");
        assert_eq!(shown("≥ 3"), Some("al menos 3".into()));
        assert_eq!(shown("-2,5"), Some("-2,5".into()));
        assert_eq!(shown("007"), Some("7".into()));
        assert_eq!(shown("0,25"), Some("0,25".into()));
        assert_eq!(shown(",5"), Some("0,5".into()));
        for bad in ["", "%", "muchos", "1.20.0", "1,2,3.4.5", "12 abc", "al menos", "1e3", "NaN", "inf", "1234567890123456", "0,1234567", "١٢٣", "--5", "5%%"] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert_eq!(parse("1 200,5").unwrap().value(), 1200.5);
        assert_eq!(parse("al menos 70 %").unwrap().qualifier, Some(Qualifier::AtLeast));
        assert!(parse("-0").unwrap().text() == "0", "no negative zero");
    }

    #[test]
    fn computed_values_print_with_a_comma() {
        assert_eq!(format(1200.5).replace('\u{a0}', " "), "1 200,5");
        assert_eq!(format(3.0), "3");
        assert_eq!(format(2.346), "2,35");
        assert_eq!(format(-0.5), "-0,5");
    }
}

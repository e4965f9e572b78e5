//! Dates as Peruvians write them (dd/mm/aaaa, «junio de 2023»), in Lima's time zone.
use chrono::{DateTime, Datelike, FixedOffset, Utc};

use crate::domain::{DatePrecision, EventDate};
use crate::i18n::t;

/// America/Lima: UTC−5 all year (Peru has kept no daylight saving time since 1994).
pub fn lima() -> FixedOffset {
    FixedOffset::west_opt(5 * 3600).expect("a fixed five-hour offset is valid")
}

/// Today's date in Lima.
pub fn today() -> chrono::NaiveDate {
    Utc::now().with_timezone(&lima()).date_naive()
}

/// An event date as precise as it is known.
pub fn event_date(d: &EventDate) -> String {
    match d.precision {
        DatePrecision::Day => d.date.format("%d/%m/%Y").to_string(),
        DatePrecision::Month => format!("{} de {}", t().months[d.date.month0() as usize], d.date.year()),
        DatePrecision::Year => d.date.year().to_string(),
    }
}

/// A moment, shown in Lima's time: 26/11/2026 18:30.
pub fn moment(at: &DateTime<Utc>) -> String {
    at.with_timezone(&lima()).format("%d/%m/%Y %H:%M").to_string()
}

/// A moment for a `datetime` attribute: Lima's time to the second ("2026-11-26T18:30:05-05:00";
/// HTML allows at most three decimals, and the database keeps nine).
pub fn machine_moment(at: &DateTime<Utc>) -> String {
    at.with_timezone(&lima()).to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn event_dates_in_peruvian_form() {
        assert_eq!(event_date(&EventDate::day(2022, 11, 9)), "09/11/2022");
        assert_eq!(event_date(&EventDate::month(2023, 9)), "setiembre de 2023");
        assert_eq!(event_date(&EventDate::year(2023)), "2023");
    }

    #[test]
    fn moments_are_shown_in_lima_time() {
        let at = Utc.with_ymd_and_hms(2026, 11, 27, 2, 30, 0).unwrap();
        assert_eq!(moment(&at), "26/11/2026 21:30");
        let precise = at + chrono::Duration::nanoseconds(788_623_567);
        assert_eq!(machine_moment(&precise), "2026-11-26T21:30:00-05:00");
    }
}

/// Plain text made safe to place inside HTML (element content or a quoted attribute).
pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

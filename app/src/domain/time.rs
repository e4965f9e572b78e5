//! Time as Peru keeps it. Lima is UTC−5 all year (no daylight saving time since 1994); the domain
//! never reads the clock itself: `now` and `today` are parameters, taken once per request.
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// America/Lima: UTC−5.
pub fn lima() -> FixedOffset {
    FixedOffset::west_opt(5 * 3600).expect("a fixed five-hour offset is valid")
}

/// The date in Lima at `now`.
pub fn lima_date(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&lima()).date_naive()
}

/// Today's date in Lima: the one read of the clock for dates, at the edge (handlers and server
/// functions), never inside a rule.
pub fn today() -> NaiveDate {
    lima_date(Utc::now())
}

/// A moment, written in Lima's time as Peruvians do: 26/11/2026 18:30.
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
    fn lima_is_five_hours_behind() {
        let late = Utc.with_ymd_and_hms(2026, 11, 27, 2, 30, 0).unwrap();
        assert_eq!(lima_date(late), NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
    }
}

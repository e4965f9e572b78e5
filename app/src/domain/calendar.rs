//! Working days (*días hábiles*): Monday to Friday that are not holidays. The holidays are data a
//! deployment provides (`app/data/feriados-peru.txt` lists Peru's national ones for the years it
//! covers); a stretch that touches a year the data does not cover has no working-day count.
use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::dashboard::Days;
use super::EventDate;

/// The holidays of the years a file covers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holidays {
    dates: BTreeSet<NaiveDate>,
    years: BTreeSet<i32>,
}

impl Holidays {
    /// Reads lines `AAAA-MM-DD name` (`#` starts a comment). A year is covered once any of its
    /// days is listed.
    ///
    /// # Errors
    /// The number of the first line that is neither a comment, empty nor a date.
    pub fn parse(text: &str) -> Result<Holidays, usize> {
        let mut holidays = Holidays::default();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let day = line.split_whitespace().next().unwrap_or("");
            let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| i + 1)?;
            holidays.years.insert(date.year());
            holidays.dates.insert(date);
        }
        Ok(holidays)
    }

    /// Working days after `from` up to and including `to`; none when a year between them is not
    /// covered (or `to` is before `from`).
    pub fn working_days(&self, from: NaiveDate, to: NaiveDate) -> Option<i64> {
        if to < from || (from.year()..=to.year()).any(|y| !self.years.contains(&y)) {
            return None;
        }
        let count = from
            .iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !self.dates.contains(d))
            .count();
        Some(count as i64)
    }

    /// The working days between two dates known as `from` and `to`, bounded as [`Days::between`]
    /// bounds calendar days; none when the data does not cover them.
    pub fn working_between(&self, from: &EventDate, to: &EventDate) -> Option<Days> {
        let min = match to.start() {
            Some(start) if start > from.end() => self.working_days(from.end(), start)?,
            Some(_) => 0,
            None => 0,
        };
        let max = match from.start() {
            Some(start) => Some(self.working_days(start, to.end())?.max(min)),
            None => None,
        };
        // An open start still needs its covered end to say anything.
        self.working_days(from.end(), to.end())?;
        Some(Days { min, max })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn peru() -> Holidays {
        Holidays::parse(include_str!("../../data/feriados-peru.txt")).unwrap()
    }

    #[test]
    fn weekends_and_holidays_are_not_working_days() {
        let h = peru();
        // Monday 24 June to Monday 1 July 2024: 29 June is a Saturday holiday, so 5 working days.
        assert_eq!(h.working_days(day(2024, 6, 24), day(2024, 7, 1)), Some(5));
        // 22 to 31 July 2024: the 23rd, 28th (Sunday) and 29th are holidays: 24, 25, 26, 30, 31.
        assert_eq!(h.working_days(day(2024, 7, 22), day(2024, 7, 31)), Some(5));
        assert_eq!(h.working_days(day(2024, 3, 27), day(2024, 3, 29)), Some(0), "Holy Thursday and Friday");
        assert_eq!(h.working_days(day(2024, 1, 1), day(2024, 12, 31)).unwrap(), 262 - 13, "262 weekdays, 13 of the holidays fall on one");
    }

    #[test]
    fn an_uncovered_year_gives_no_count() {
        let h = peru();
        assert_eq!(h.working_days(day(2023, 12, 1), day(2024, 1, 10)), None, "2023 is not in the file");
        assert_eq!(h.working_between(&EventDate::as_of(2023, 12, 31), &EventDate::exact(day(2024, 2, 1))), None);
        let d = h.working_between(&EventDate::month(2024, 6), &EventDate::exact(day(2024, 7, 1))).unwrap();
        assert_eq!(d, Days { min: 1, max: Some(h.working_days(day(2024, 6, 1), day(2024, 7, 1)).unwrap()) }, "1 July 2024 is a Monday");
        assert_eq!(Holidays::parse("# x\n2024-01-01 Año Nuevo\nno es fecha\n"), Err(3));
    }
}

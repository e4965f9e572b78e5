//! Notices by e-mail: how often an account hears of its notices, when a failed message is tried
//! again, when a digest is due, and the message itself (text and HTML, every value escaped).
use chrono::{DateTime, Duration, NaiveDate, Timelike, Utc};
use serde::{Deserialize, Serialize};

/// How an account hears of its notices by e-mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Frequency {
    /// One e-mail per notice, within a minute of it.
    Inmediato,
    /// One e-mail a day with the notices since the last one, at the deployment's hour.
    Diario,
    Ninguno,
}

impl Frequency {
    pub const ALL: [Frequency; 3] = [Frequency::Inmediato, Frequency::Diario, Frequency::Ninguno];

    /// As stored and sent by the form.
    pub fn key(self) -> &'static str {
        match self {
            Frequency::Inmediato => "inmediato",
            Frequency::Diario => "diario",
            Frequency::Ninguno => "ninguno",
        }
    }

    pub fn from_key(key: &str) -> Option<Frequency> {
        Frequency::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// How many times a message is tried before it is marked failed.
pub const MAX_ATTEMPTS: i64 = 8;

/// How long an instance holds a message it claimed: longer than a sending may take (the SMTP
/// client gives up after 30 s), so that no other instance sends it meanwhile.
pub const CLAIM: Duration = Duration::minutes(2);

/// Notices older than this are not mailed (a deployment that turns e-mail on later does not send
/// its whole past).
pub const MAIL_WITHIN: Duration = Duration::days(2);

/// The wait before attempt `attempts + 1` after `attempts` failures: 1, 2, 4… minutes, at most 6 h.
pub fn retry_delay(attempts: i64) -> Duration {
    let exponent = attempts.clamp(1, 20) - 1;
    Duration::minutes(1i64 << exponent.min(9)).min(Duration::hours(6))
}

/// The day (in Lima) whose digest is due at `now`, if the digest hour of that day has passed.
pub fn digest_day(now: DateTime<Utc>, hour: u32) -> Option<NaiveDate> {
    let local = now.with_timezone(&super::time::lima());
    (local.hour() >= hour).then(|| local.date_naive())
}

/// One notice as a message tells it: its text and the address of its page (absolute).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailNotice {
    pub message: String,
    pub link: String,
}

/// A message ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The message of one notice, to `name`, with where to change how often (`account`, absolute).
pub fn notice_letter(name: &str, notice: &MailNotice, account: &str) -> Letter {
    let t = crate::i18n::t();
    let subject = format!("{} {}", t.mail_subject_prefix(), one_line(&notice.message, 120));
    letter(subject, name, &t.mail_one_notice(), std::slice::from_ref(notice), account)
}

/// The day's digest of `notices` (newest last), to `name`.
pub fn digest_letter(name: &str, day: NaiveDate, notices: &[MailNotice], account: &str) -> Letter {
    let t = crate::i18n::t();
    let subject = format!("{} {}", t.mail_subject_prefix(), t.mail_digest_subject(notices.len(), &day.format("%d/%m/%Y").to_string()));
    letter(subject, name, &t.mail_digest_intro(notices.len()), notices, account)
}

fn letter(subject: String, name: &str, intro: &str, notices: &[MailNotice], account: &str) -> Letter {
    let t = crate::i18n::t();
    let esc = super::text::escape_html;
    let mut text = format!("{}\n\n{intro}\n\n", t.mail_greeting(name));
    let mut items = String::new();
    for n in notices {
        text.push_str(&format!("- {}\n  {}: {}\n\n", n.message, t.mail_open_link(), n.link));
        items.push_str(&format!("<li><p>{}</p><p><a href=\"{}\">{}</a></p></li>", esc(&n.message), esc(&n.link), t.mail_open_link()));
    }
    text.push_str(&format!("-- \n{}\n{}: {account}\n", t.mail_footer(), t.mail_change_frequency()));
    let html = format!(
        "<!DOCTYPE html><html lang=\"es\"><head><meta charset=\"utf-8\"><title>{}</title></head><body>\
         <p>{}</p><p>{}</p><ul>{items}</ul><hr><p><small>{} <a href=\"{}\">{}</a></small></p></body></html>",
        esc(&subject),
        esc(&t.mail_greeting(name)),
        esc(intro),
        t.mail_footer(),
        esc(account),
        t.mail_change_frequency(),
    );
    Letter { subject, text, html }
}

/// `s` on one line (a subject header has none), cut at `max` characters with an ellipsis.
fn one_line(s: &str, max: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max { flat } else { format!("{}…", flat.chars().take(max - 1).collect::<String>()) }
}

/// A message of the outbox as the administrators see it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MailProblem {
    pub id: String,
    pub to: String,
    pub subject: String,
    pub created_at: DateTime<Utc>,
    pub attempts: i64,
    pub last_error: Option<String>,
    /// Given up on after the last attempt (otherwise tried again at `next_at`).
    pub failed: bool,
    pub next_at: DateTime<Utc>,
}

/// The outbox at a glance.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Outbox {
    pub pending: usize,
    pub sent: usize,
    pub failed: usize,
    /// The messages that failed at least once and are not sent, newest first (at most 100).
    pub problems: Vec<MailProblem>,
}

/// Whether `now` is inside a claim or lease that lasts `until`.
pub fn held(until: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    until.is_some_and(|u| u > now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn retries_wait_longer_each_time_up_to_six_hours() {
        let waits: Vec<i64> = (1..=MAX_ATTEMPTS).map(|a| retry_delay(a).num_minutes()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 64, 128]);
        assert_eq!(retry_delay(40), Duration::hours(6));
    }

    #[test]
    fn the_digest_is_due_from_its_hour_in_lima() {
        // 11:59 UTC is 06:59 in Lima: not yet; 12:00 UTC is 07:00.
        assert_eq!(digest_day(Utc.with_ymd_and_hms(2026, 12, 2, 11, 59, 0).unwrap(), 7), None);
        assert_eq!(digest_day(Utc.with_ymd_and_hms(2026, 12, 2, 12, 0, 0).unwrap(), 7), NaiveDate::from_ymd_opt(2026, 12, 2));
        // 03:00 UTC on the 3rd is still the 2nd in Lima.
        assert_eq!(digest_day(Utc.with_ymd_and_hms(2026, 12, 3, 3, 0, 0).unwrap(), 7), NaiveDate::from_ymd_opt(2026, 12, 2));
    }

    #[test]
    fn frequencies_read_back_from_their_keys() {
        for f in Frequency::ALL {
            assert_eq!(Frequency::from_key(f.key()), Some(f));
        }
        assert_eq!(Frequency::from_key("semanal"), None);
    }

    #[test]
    fn a_message_escapes_what_users_wrote_and_keeps_the_subject_on_one_line() {
        let n = MailNotice {
            message: "Nueva consulta abierta para usted: «<script>alert(1)</script>\nRonda» (PNMPETI, Entregable 2).".into(),
            link: "https://pasos.example/rondas/r1?a=1&b=2".into(),
        };
        let l = notice_letter("Ana <b>", &n, "https://pasos.example/cuenta");
        assert!(!l.subject.contains('\n'), "{}", l.subject);
        assert!(!l.html.contains("<script>") && l.html.contains("&lt;script&gt;"), "{}", l.html);
        assert!(l.html.contains("href=\"https://pasos.example/rondas/r1?a=1&amp;b=2\""), "{}", l.html);
        assert!(l.html.contains("Ana &lt;b&gt;"), "{}", l.html);
        assert!(l.text.contains("https://pasos.example/rondas/r1?a=1&b=2"), "{}", l.text);
        insta::assert_snapshot!("notice_letter_text", l.text);
        insta::assert_snapshot!("notice_letter_html", l.html);
    }

    #[test]
    fn a_digest_lists_every_notice() {
        let notices = vec![
            MailNotice { message: "La consulta «Entregable 2» cierra el 05/12/2026 18:00.".into(), link: "https://p.example/rondas/a".into() },
            MailNotice { message: "Su aporte N° 3 en «Entregable 2» tiene respuesta.".into(), link: "https://p.example/rondas/a#aporte-3".into() },
        ];
        let l = digest_letter("Rosa", NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(), &notices, "https://p.example/cuenta");
        assert_eq!(l.html.matches("<li>").count(), 2);
        insta::assert_snapshot!("digest_letter_text", l.text);
    }

    #[test]
    fn claims_hold_until_they_expire() {
        let now = Utc.with_ymd_and_hms(2026, 12, 2, 12, 0, 0).unwrap();
        assert!(held(Some(now + CLAIM), now));
        assert!(!held(Some(now), now));
        assert!(!held(None, now));
    }
}

//! Accounts and sessions: what a valid user is, when a session ends, when sign-in is throttled.
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::access::Role;

/// A session ends after this long without a request…
pub const IDLE_LIMIT: Duration = Duration::hours(8);
/// …and in any case this long after sign-in.
pub const ABSOLUTE_LIMIT: Duration = Duration::days(7);
/// Failed sign-ins counted over this window…
pub const THROTTLE_WINDOW: Duration = Duration::minutes(15);
/// …block the account after this many…
pub const MAX_FAILURES_PER_ACCOUNT: usize = 5;
/// …and the client address after this many (a shared office address gets more room).
pub const MAX_FAILURES_PER_ADDRESS: usize = 20;
pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 256;

pub fn session_alive(created_at: DateTime<Utc>, last_seen: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now - last_seen < IDLE_LIMIT && now - created_at < ABSOLUTE_LIMIT
}

pub fn sign_in_throttled(failures_for_account: usize, failures_for_address: usize) -> bool {
    failures_for_account >= MAX_FAILURES_PER_ACCOUNT || failures_for_address >= MAX_FAILURES_PER_ADDRESS
}

/// A user as created by an administrator or the command line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub organisation: Option<String>,
    /// Ubigeo; required for participants.
    pub jurisdiction: Option<String>,
    pub roles: Vec<Role>,
    /// Policy codes, for `equipo` members.
    pub policies: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AccountError {
    #[error("email")]
    InvalidEmail,
    #[error("name")]
    MissingName,
    #[error("roles")]
    NoRole,
    #[error("jurisdiction")]
    ParticipantWithoutJurisdiction,
    #[error("password-short")]
    PasswordTooShort,
    #[error("password-long")]
    PasswordTooLong,
}

/// Normalises an e-mail address for storage and comparison (addresses are case-insensitive here).
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

fn plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c == '<' || c == '>')
        && email.len() <= 254
}

impl NewUser {
    pub fn validate(mut self) -> Result<NewUser, AccountError> {
        self.email = normalize_email(&self.email);
        if !plausible_email(&self.email) {
            return Err(AccountError::InvalidEmail);
        }
        self.name = self.name.trim().to_string();
        if self.name.is_empty() {
            return Err(AccountError::MissingName);
        }
        self.roles.sort_by_key(|r| r.key());
        self.roles.dedup();
        if self.roles.is_empty() {
            return Err(AccountError::NoRole);
        }
        let blank_to_none = |o: Option<String>| o.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        self.organisation = blank_to_none(self.organisation);
        self.jurisdiction = blank_to_none(self.jurisdiction);
        if self.roles.contains(&Role::Participante) && self.jurisdiction.is_none() {
            return Err(AccountError::ParticipantWithoutJurisdiction);
        }
        self.policies = self.policies.iter().map(|p| super::Policy::normalize_code(p)).filter(|p| !p.is_empty()).collect();
        self.policies.sort();
        self.policies.dedup();
        Ok(self)
    }
}

pub fn check_password(password: &str) -> Result<(), AccountError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_CHARS {
        Err(AccountError::PasswordTooShort)
    } else if n > MAX_PASSWORD_CHARS {
        Err(AccountError::PasswordTooLong)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn user() -> NewUser {
        NewUser {
            email: " Cusco@Pasos.Demo ".into(),
            name: " Participante de Cusco ".into(),
            organisation: Some("GRTPE Cusco".into()),
            jurisdiction: Some("08".into()),
            roles: vec![Role::Participante, Role::Participante],
            policies: vec![],
        }
    }

    #[test]
    fn emails_are_case_insensitive_and_trimmed() {
        let u = user().validate().unwrap();
        assert_eq!(u.email, "cusco@pasos.demo");
        assert_eq!(u.name, "Participante de Cusco");
        assert_eq!(u.roles, vec![Role::Participante]);
    }

    #[test]
    fn invalid_users_are_refused_with_a_reason() {
        for email in ["", "sin-arroba", "a@b", "@pasos.demo", "a b@pasos.demo", "a@.pe", "<a>@x.pe"] {
            assert_eq!(NewUser { email: email.into(), ..user() }.validate(), Err(AccountError::InvalidEmail), "{email}");
        }
        assert_eq!(NewUser { name: "  ".into(), ..user() }.validate(), Err(AccountError::MissingName));
        assert_eq!(NewUser { roles: vec![], ..user() }.validate(), Err(AccountError::NoRole));
        assert_eq!(
            NewUser { jurisdiction: Some(" ".into()), ..user() }.validate(),
            Err(AccountError::ParticipantWithoutJurisdiction)
        );
    }

    #[test]
    fn policies_are_normalised() {
        let u = NewUser { roles: vec![Role::Equipo], policies: vec!["pnmpetf".into(), "PNMPETF".into(), "pnmpeti".into()], ..user() };
        assert_eq!(u.validate().unwrap().policies, vec!["PNMPETF", "PNMPETI"]);
    }

    #[test]
    fn passwords_have_a_length_range() {
        assert_eq!(check_password("corta"), Err(AccountError::PasswordTooShort));
        assert!(check_password("pasos-demo").is_ok());
        assert_eq!(check_password(&"x".repeat(300)), Err(AccountError::PasswordTooLong));
    }

    #[test]
    fn sessions_end_when_idle_or_old() {
        let t0 = Utc.with_ymd_and_hms(2026, 11, 2, 8, 0, 0).unwrap();
        assert!(session_alive(t0, t0, t0 + Duration::hours(7)));
        assert!(!session_alive(t0, t0, t0 + Duration::hours(8)), "idle for 8 hours");
        let busy = t0 + Duration::days(7) - Duration::minutes(1);
        assert!(session_alive(t0, busy, busy + Duration::seconds(30)));
        assert!(!session_alive(t0, busy, t0 + Duration::days(7)), "a week old, however busy");
    }

    #[test]
    fn throttling_counts_per_account_and_per_address() {
        assert!(!sign_in_throttled(4, 19));
        assert!(sign_in_throttled(5, 0));
        assert!(sign_in_throttled(0, 20));
    }
}

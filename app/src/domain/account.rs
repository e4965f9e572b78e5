//! Accounts and sessions: what a valid user is, when a session ends, when sign-in is throttled.
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::access::Role;

/// A session ends after this long without a request…
pub const IDLE_LIMIT: Duration = Duration::hours(8);
/// …and in any case this long after sign-in.
pub const ABSOLUTE_LIMIT: Duration = Duration::days(7);
/// Sign-in attempts are counted in windows this long (aligned on the clock: 08:00, 08:15…)…
pub const THROTTLE_WINDOW: Duration = Duration::minutes(15);
/// …at most this many per account from browsers the account never signed in from…
pub const MAX_ATTEMPTS_PER_ACCOUNT: u32 = 5;
/// …at most this many per client address from such browsers (a shared office gets more room)…
pub const MAX_ATTEMPTS_PER_ADDRESS: u32 = 20;
/// …and at most this many from a browser the account signed in from before (its own count, so
/// that a stranger's guesses never lock the owner out of their usual browser).
pub const MAX_ATTEMPTS_PER_DEVICE: u32 = 5;
/// How long a browser stays known to an account after a sign-in from it.
pub const DEVICE_LIFETIME: Duration = Duration::days(365);
pub const MIN_PASSWORD_CHARS: usize = 10;
pub const MAX_PASSWORD_CHARS: usize = 256;

pub fn session_alive(created_at: DateTime<Utc>, last_seen: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now - last_seen < IDLE_LIMIT && now - created_at < ABSOLUTE_LIMIT
}

/// A count of sign-in attempts: its key (what is counted, and in which window) and its limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptCount {
    pub key: String,
    pub limit: u32,
    /// When the window ends, after which the count is of no use.
    pub until: DateTime<Utc>,
}

/// The counts an attempt to sign in as `email` goes into, in the window of `now`: the count of
/// its browser when `known_device` (the digest of the browser's device cookie, already checked to
/// belong to this account); otherwise the account's and the client address's. Every attempt is
/// counted before the password is checked, and a successful one is taken back, so that at most
/// the limit of guesses ever reach the check, however many arrive at once (OWASP's "device
/// cookies" against both guessing and lockout of the owner).
pub fn attempt_counts(email: &str, address: &str, known_device: Option<&str>, now: DateTime<Utc>) -> Vec<AttemptCount> {
    let window = now.timestamp().div_euclid(THROTTLE_WINDOW.num_seconds());
    let until = DateTime::from_timestamp((window + 1) * THROTTLE_WINDOW.num_seconds(), 0).unwrap_or(now + THROTTLE_WINDOW);
    let count = |what: &str, key: &str, limit| AttemptCount { key: format!("{window}|{what}|{key}"), limit, until };
    match known_device {
        Some(device) => vec![count("dispositivo", device, MAX_ATTEMPTS_PER_DEVICE)],
        None => vec![count("cuenta", email, MAX_ATTEMPTS_PER_ACCOUNT), count("direccion", address, MAX_ATTEMPTS_PER_ADDRESS)],
    }
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
    /// An entity responsible for indicators is known by its organisation's name (as fichas name it).
    #[error("organisation")]
    SectorWithoutOrganisation,
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
        if self.roles.contains(&Role::Sector) && self.organisation.is_none() {
            return Err(AccountError::SectorWithoutOrganisation);
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

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub policy: Option<String>,
    pub entity: String,
    pub summary: String,
}

/// Which audit lines to show: by user (id), policy code and Lima calendar days (inclusive).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub user_id: Option<String>,
    pub policy: Option<String>,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub total: usize,
    pub page: usize,
    pub page_size: usize,
}

impl AuditPage {
    pub fn pages(&self) -> usize {
        self.total.div_ceil(self.page_size.max(1)).max(1)
    }
}

/// An account (never with its password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    pub email: String,
    pub name: String,
    pub organisation: Option<String>,
    pub jurisdiction: Option<String>,
    pub roles: Vec<Role>,
    pub policies: Vec<String>,
    pub active: bool,
}

impl User {
    /// This user as the permission rule sees them.
    pub fn actor(&self) -> super::Actor {
        super::Actor {
            user_id: self.id.clone(),
            roles: self.roles.clone(),
            policies: self.policies.clone(),
            jurisdiction: self.jurisdiction.clone(),
            organisation: self.organisation.clone(),
        }
    }
}


/// Who did something, for the audit log: a user, or the system (command line, seeding).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Author {
    User { id: String, name: String },
    System(&'static str),
}

impl Author {
    /// The name shown beside the change.
    pub fn name(&self) -> String {
        match self {
            Author::User { name, .. } => name.clone(),
            Author::System(what) => what.to_string(),
        }
    }
}

impl User {
    /// This user as the author of an audited change.
    pub fn author(&self) -> Author {
        Author::User { id: self.id.clone(), name: self.name.clone() }
    }
}

/// Who is behind a live session, and how many of their notices are unread (the header's bell).
#[derive(Debug, Clone, PartialEq)]
pub struct LiveSession {
    pub user: User,
    pub unread: usize,
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
        assert_eq!(NewUser { roles: vec![Role::Sector], organisation: Some(" ".into()), ..user() }.validate(), Err(AccountError::SectorWithoutOrganisation));
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
    fn attempts_count_per_account_and_address_or_per_known_browser() {
        let at = Utc.with_ymd_and_hms(2026, 11, 30, 8, 7, 0).unwrap();
        let stranger = attempt_counts("ana@x.pe", "10.0.0.1", None, at);
        assert_eq!(stranger.len(), 2);
        assert_eq!((stranger[0].limit, stranger[1].limit), (MAX_ATTEMPTS_PER_ACCOUNT, MAX_ATTEMPTS_PER_ADDRESS));
        assert!(stranger[0].key.ends_with("|cuenta|ana@x.pe") && stranger[1].key.ends_with("|direccion|10.0.0.1"));
        assert_eq!(stranger[0].until, Utc.with_ymd_and_hms(2026, 11, 30, 8, 15, 0).unwrap());
        let owner = attempt_counts("ana@x.pe", "10.0.0.1", Some("abc"), at);
        assert_eq!(owner.len(), 1, "the owner's browser is counted apart");
        assert!(owner[0].key.ends_with("|dispositivo|abc"));
        let later = attempt_counts("ana@x.pe", "10.0.0.1", None, at + Duration::minutes(8));
        assert_ne!(later[0].key, stranger[0].key, "a new window, a new count");
        let same = attempt_counts("ana@x.pe", "10.0.0.1", None, at + Duration::minutes(7));
        assert_eq!(same[0].key, stranger[0].key);
    }
}

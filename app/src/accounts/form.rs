//! The forms of accounts, shared by the pages that write them and the handlers that read them,
//! and what each handler's answer tells its page.
use crate::form;

form! {
    /// `/ingresar`.
    pub struct SignInForm {
        correo: String,
        contrasena: String,
        /// Where to go after signing in (a path inside Pasos).
        siguiente: String,
    }
}

// The gate sends signed-out readers to `urls::sign_in_then`, under this form's field: renaming
// one without the other fails to compile.
const _: () = assert!(crate::web::form::same_name(SignInForm::siguiente, crate::urls::SIGN_IN_NEXT));

form! {
    /// `/cuenta/clave`: one's own password.
    pub struct PasswordForm {
        actual: String,
        nueva: String,
        repetida: String,
    }
}

form! {
    /// `/admin/usuarios[/{id}]`: an account as an administrator creates or changes it.
    pub struct UserForm {
        correo: String,
        nombre: String,
        organizacion: String,
        region: String,
        roles: Vec<String>,
        politicas: Vec<String>,
        /// "si" when the account stays active (the creation form has no such box).
        activa: String,
        /// The account whose form was refused (empty: the creation form), on the way back.
        id: String,
    }
}

form! {
    /// `/admin/auditoria`: the filters of the activity log.
    pub struct AuditQuery {
        usuario: String,
        politica: String,
        desde: String,
        hasta: String,
        pagina: String,
    }
}

/// Why a sign-in went back to its form, or what it says after signing out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInOutcome {
    Missing,
    Throttled,
    WrongCredentials,
    Unavailable,
    SignedOut,
}

impl SignInOutcome {
    pub const ALL: [SignInOutcome; 5] =
        [SignInOutcome::Missing, SignInOutcome::Throttled, SignInOutcome::WrongCredentials, SignInOutcome::Unavailable, SignInOutcome::SignedOut];

    /// The value in the address (`?error=…`, or `?aviso=salida`).
    pub fn key(self) -> &'static str {
        match self {
            SignInOutcome::Missing => "faltan",
            SignInOutcome::Throttled => "bloqueado",
            SignInOutcome::WrongCredentials => "credenciales",
            SignInOutcome::Unavailable => "servicio",
            SignInOutcome::SignedOut => "salida",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.key() == key)
    }
}

/// What a change of one's own password says back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordOutcome {
    Changed,
    WrongCurrent,
    Mismatch,
    TooShort,
    TooLong,
    Unavailable,
}

impl PasswordOutcome {
    pub const ALL: [PasswordOutcome; 6] = [
        PasswordOutcome::Changed,
        PasswordOutcome::WrongCurrent,
        PasswordOutcome::Mismatch,
        PasswordOutcome::TooShort,
        PasswordOutcome::TooLong,
        PasswordOutcome::Unavailable,
    ];

    pub fn key(self) -> &'static str {
        match self {
            PasswordOutcome::Changed => "clave",
            PasswordOutcome::WrongCurrent => "actual",
            PasswordOutcome::Mismatch => "distintas",
            PasswordOutcome::TooShort => "corta",
            PasswordOutcome::TooLong => "larga",
            PasswordOutcome::Unavailable => "servicio",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.key() == key)
    }

    /// `/cuenta?aviso=clave` or `/cuenta?error=…`.
    pub fn location(self) -> String {
        let kind = if self == PasswordOutcome::Changed { "aviso" } else { "error" };
        format!("{}?{kind}={}", crate::urls::ACCOUNT, self.key())
    }
}

/// Why an account form went back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserRefusal {
    Invalid(crate::domain::AccountError),
    Duplicate,
    UnknownRegion,
    UnknownPolicy,
    LastAdmin,
    Unavailable,
}

impl UserRefusal {
    pub fn key(self) -> &'static str {
        use crate::domain::AccountError::*;
        match self {
            UserRefusal::Invalid(InvalidEmail) => "email",
            UserRefusal::Invalid(MissingName) => "name",
            UserRefusal::Invalid(NoRole) => "roles",
            UserRefusal::Invalid(SectorWithoutOrganisation) => "organizacion",
            UserRefusal::Invalid(_) => "jurisdiction",
            UserRefusal::Duplicate => "duplicado",
            UserRefusal::UnknownRegion => "region",
            UserRefusal::UnknownPolicy => "politica",
            UserRefusal::LastAdmin => "ultimo_admin",
            UserRefusal::Unavailable => "servicio",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        use crate::domain::AccountError::*;
        [
            UserRefusal::Invalid(InvalidEmail),
            UserRefusal::Invalid(MissingName),
            UserRefusal::Invalid(NoRole),
            UserRefusal::Invalid(ParticipantWithoutJurisdiction),
            UserRefusal::Invalid(SectorWithoutOrganisation),
            UserRefusal::Duplicate,
            UserRefusal::UnknownRegion,
            UserRefusal::UnknownPolicy,
            UserRefusal::LastAdmin,
            UserRefusal::Unavailable,
        ]
        .into_iter()
        .find(|r| r.key() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_round_trip_through_their_keys() {
        for o in SignInOutcome::ALL {
            assert_eq!(SignInOutcome::from_key(o.key()), Some(o));
        }
        for o in PasswordOutcome::ALL {
            assert_eq!(PasswordOutcome::from_key(o.key()), Some(o));
        }
        assert_eq!(UserRefusal::from_key("ultimo_admin"), Some(UserRefusal::LastAdmin));
        assert_eq!(PasswordOutcome::Changed.location(), "/cuenta?aviso=clave");
    }
}

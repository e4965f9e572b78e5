//! `pasos user add` and `pasos user passwd`: accounts from the command line.
use std::io::{BufRead, IsTerminal};

use clap::{Args, Subcommand};
use pasos_app::store::credentials::hash_password;
use pasos_app::domain::account::check_password;
use pasos_app::domain::{NewUser, Role};
use pasos_app::i18n::t;
use pasos_app::domain::Author;
use pasos_app::store::Store;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Crea una cuenta (la contraseña se pide o se lee de la entrada estándar)
    Add(AddArgs),
    /// Cambia la contraseña de una cuenta y cierra todas sus sesiones
    Passwd(PasswdArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    #[arg(long)]
    pub email: String,
    #[arg(long)]
    pub name: String,
    /// admin, equipo, directivo, participante o ceplan (se puede repetir)
    #[arg(long = "role", required = true)]
    pub roles: Vec<String>,
    /// Ubigeo de la región (participantes)
    #[arg(long)]
    pub region: Option<String>,
    /// Código de una política de la que es parte (equipo; se puede repetir)
    #[arg(long = "policy")]
    pub policies: Vec<String>,
    /// Organización (D/GRTPE, CDRPETI, entidad…)
    #[arg(long)]
    pub organisation: Option<String>,
}

#[derive(Debug, Args)]
pub struct PasswdArgs {
    #[arg(long)]
    pub email: String,
}

const CLI: Author = Author::System("línea de comandos");

fn fail(msg: impl Into<String>) -> Box<dyn std::error::Error> {
    msg.into().into()
}

/// Reads a password: asked twice at a terminal, one line from standard input otherwise.
fn read_password() -> Result<String, Box<dyn std::error::Error>> {
    let password = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Contraseña: ")?;
        let again = rpassword::prompt_password("Repita la contraseña: ")?;
        if first != again {
            return Err(fail("Las contraseñas no coinciden."));
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_string()
    };
    check_password(&password).map_err(|e| fail(t().account_error(e)))?;
    Ok(password)
}

pub async fn run(store: &Store, command: UserCommand) -> Result<(), Box<dyn std::error::Error>> {
    match command {
        UserCommand::Add(args) => {
            let roles = args
                .roles
                .iter()
                .flat_map(|r| r.split(','))
                .map(|r| Role::from_key(r.trim()).ok_or_else(|| fail(format!("Rol desconocido: {r}"))))
                .collect::<Result<Vec<_>, _>>()?;
            let user = NewUser {
                email: args.email,
                name: args.name,
                organisation: args.organisation,
                jurisdiction: args.region,
                roles,
                policies: args.policies,
            }
            .validate()
            .map_err(|e| fail(t().account_error(e)))?;
            if let Some(ubigeo) = &user.jurisdiction {
                if !store.jurisdictions().await?.iter().any(|j| &j.ubigeo == ubigeo) {
                    return Err(fail(format!("No existe la región con ubigeo {ubigeo}.")));
                }
            }
            for code in &user.policies {
                if store.policy(code).await?.is_none() {
                    return Err(fail(format!("No existe la política {code}.")));
                }
            }
            let password = read_password()?;
            let created = store.create_user(user, hash_password(&password).map_err(|e| fail(e.to_string()))?, &CLI).await?;
            println!("Cuenta creada: {} <{}>", created.name, created.email);
        }
        UserCommand::Passwd(args) => {
            let user = store
                .user_by_email(&args.email)
                .await?
                .ok_or_else(|| fail(format!("No existe una cuenta con el correo {}.", args.email)))?;
            let password = read_password()?;
            store.set_password(&user, hash_password(&password).map_err(|e| fail(e.to_string()))?, &CLI).await?;
            println!("Contraseña cambiada para {}; sus sesiones se cerraron.", user.email);
        }
    }
    Ok(())
}

//! The `pasos` command line: serve (the default) and seed.
use std::net::SocketAddr;

use clap::{Args, Parser, Subcommand};
use pasos_app::store::{Workload, DbConfig, Store};

use crate::config::Config;

#[derive(Debug, Parser)]
#[command(
    name = "pasos",
    version,
    about = "Pasos: formulación de políticas nacionales con el método del CEPLAN",
    after_help = AFTER_HELP
)]
pub struct Cli {
    #[command(flatten)]
    pub db: DbArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

const AFTER_HELP: &str = "\
Sin subcomando, `pasos` equivale a `pasos serve`.

Variables de entorno:
  PASOS_DB           base de datos (predeterminada: surrealkv://data/pasos.db; también mem:// o ws://HOST:PUERTO)
  PASOS_DB_USER      usuario del servidor SurrealDB (ws://)
  PASOS_DB_PASS      contraseña del servidor SurrealDB (ws://)
  PASOS_DB_NAME      nombre de la base de datos en el espacio «pasos» (predeterminado: pasos)
  PASOS_PUBLIC_URL   dirección pública (https://… marca las cookies como Secure y fija el origen aceptado)
  PASOS_TRUSTED_PROXIES balanceadores delante de Pasos (IP o red, separadas por comas): solo de ellos se lee X-Forwarded-For
  PASOS_MAX_CONNECTIONS_PER_ADDRESS conexiones abiertas por dirección de cliente (predeterminado: 64)
  PASOS_SMTP_URL     servidor de correo para los avisos (smtp://usuario:clave@host:587?tls=required, smtps://host:465); sin ella no se envían correos
  PASOS_MAIL_FROM    remitente de los correos (obligatorio con PASOS_SMTP_URL): Pasos <avisos@trabajo.gob.pe>
  PASOS_MAIL_REPLY_TO dirección de respuesta de los correos (opcional)
  PASOS_MAIL_DIGEST_HOUR hora de Lima del resumen diario (0–23; predeterminada: 7)
  PASOS_SCHEDULE_SECONDS cada cuántos segundos corre la tarea programada de avisos y correos (predeterminado: 30)
  PASOS_DEMO_PASSWORD contraseña de las cuentas de demostración (predeterminada: pasos-demo)
  PASOS_NO_DEMO      si está definida, no se cargan datos de demostración en una base vacía
  LEPTOS_SITE_ADDR   dirección donde escuchar (predeterminada: 127.0.0.1:3000)
  LEPTOS_SITE_ROOT   carpeta del sitio compilado (predeterminada: target/site)
  LEPTOS_ENV         DEV o PROD (predeterminado: DEV)
  RUST_LOG           nivel de registro (predeterminado: info)";

#[derive(Debug, Args)]
pub struct DbArgs {
    /// Base de datos: surrealkv://RUTA (embebida, en disco), mem:// (en memoria) o ws://HOST:PUERTO (servidor SurrealDB)
    #[arg(long, env = "PASOS_DB", default_value = "surrealkv://data/pasos.db", global = true)]
    pub db: String,
    /// Usuario del servidor SurrealDB (solo ws://)
    #[arg(long, env = "PASOS_DB_USER", global = true)]
    pub db_user: Option<String>,
    /// Contraseña del servidor SurrealDB (solo ws://)
    #[arg(long, env = "PASOS_DB_PASS", hide_env_values = true, global = true)]
    pub db_pass: Option<String>,
    /// Nombre de la base de datos dentro del espacio «pasos» (varias instalaciones pueden compartir un servidor)
    #[arg(long, env = "PASOS_DB_NAME", default_value = "pasos", value_parser = database_name, global = true)]
    pub db_name: String,
}

/// Letters, digits and underscores: the name goes into a DEFINE DATABASE statement.
fn database_name(s: &str) -> Result<String, String> {
    if !s.is_empty() && s.len() <= 64 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        Ok(s.to_string())
    } else {
        Err("use solo letras sin tilde, dígitos y guiones bajos (hasta 64)".into())
    }
}

impl DbArgs {
    pub fn config(&self) -> DbConfig {
        DbConfig { url: self.db.clone(), user: self.db_user.clone(), pass: self.db_pass.clone(), database: self.db_name.clone() }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sirve la aplicación web (predeterminado)
    Serve(ServeArgs),
    /// Carga datos en la base de datos
    Seed(SeedArgs),
    /// Administra cuentas de usuario
    #[command(subcommand)]
    User(crate::users::UserCommand),
    /// Copia de seguridad de toda la base de datos (esquema y registros) en un archivo SurrealQL
    Backup(FileArgs),
    /// Restaura una copia de seguridad en una base de datos vacía
    Restore(FileArgs),
}

#[derive(Debug, Args)]
pub struct FileArgs {
    /// Archivo de la copia
    pub file: std::path::PathBuf,
}

#[derive(Debug, Args, Default)]
pub struct ServeArgs {
    /// Dirección donde escuchar
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: Option<SocketAddr>,
    /// Carpeta del sitio compilado (wasm, JavaScript, CSS, archivos públicos)
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: Option<String>,
    /// No cargar los datos de demostración en una base de datos vacía (también: PASOS_NO_DEMO
    /// definida, con cualquier valor)
    #[arg(long)]
    pub no_demo: bool,
}

#[derive(Debug, Args)]
pub struct SeedArgs {
    /// Los datos reales del informe de progreso 2023 (idempotente: no cambia lo que ya existe)
    #[arg(long, required_unless_present = "scale")]
    pub demo: bool,
    /// Además de la demostración, N veces una carga nacional para pruebas de rendimiento (por
    /// unidad: 20 políticas con 30 revisiones por paso, 60 rondas, 20 000 aportes, 500 cuentas)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100))]
    pub scale: Option<u32>,
    /// Semilla de los datos de escala (la misma semilla, los mismos datos)
    #[arg(long, default_value_t = 2023)]
    pub semilla: u64,
}

pub async fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    let db = cli.db.config();
    match cli.command {
        Some(Command::Seed(SeedArgs { scale: Some(scale), semilla, .. })) => {
            let store = Store::open(&db).await?;
            if store.count("policy").await? > 3 {
                return Err("La base de datos ya tiene datos además de la demostración: use una base nueva para los datos de escala.".into());
            }
            let bars = indicatif::MultiProgress::new();
            let style = indicatif::ProgressStyle::with_template("{prefix:>24} [{bar:40}] {pos}/{len} ({elapsed})").expect("a valid template").progress_chars("=> ");
            let mut current: Option<(String, indicatif::ProgressBar)> = None;
            let started = std::time::Instant::now();
            let report = store
                .seed_scale(Workload::national(scale), semilla, &demo_password(), |phase, done, total| {
                    if current.as_ref().is_none_or(|(p, _)| p != phase) {
                        if let Some((_, bar)) = current.take() {
                            bar.finish();
                        }
                        let bar = bars.add(indicatif::ProgressBar::new(total).with_style(style.clone()).with_prefix(phase.to_string()));
                        current = Some((phase.to_string(), bar));
                    }
                    if let Some((_, bar)) = &current {
                        bar.set_position(done);
                    }
                })
                .await?;
            if let Some((_, bar)) = current {
                bar.finish();
            }
            println!(
                "Datos de escala ×{scale} (semilla {semilla}) en {:.0?}: {} políticas, {} revisiones, {} rondas, {} aportes, {} cuentas. Ronda de {} aportes: /rondas/{}",
                started.elapsed(),
                report.policies,
                report.revisions,
                report.rounds,
                report.contributions,
                report.users,
                Workload::national(scale).big_round,
                report.big_round
            );
            Ok(())
        }
        Some(Command::Seed(_)) => {
            let store = Store::open(&db).await?;
            let report = store.seed_demo(&demo_password()).await?;
            println!(
                "Datos de demostración: {} políticas, {} regiones y {} cuentas creadas (lo existente no se modificó).",
                report.policies_created, report.jurisdictions_created, report.accounts_created
            );
            Ok(())
        }
        Some(Command::User(command)) => crate::users::run(&Store::open(&db).await?, command).await,
        Some(Command::Backup(args)) => {
            let store = Store::open(&db).await?;
            let mut last = 0u64;
            let bytes = store
                .backup(&args.file, |n| {
                    // One line per mebibyte: readable in a terminal and in a log.
                    if n >> 20 > last >> 20 {
                        eprintln!("  {} MiB escritos…", n >> 20);
                    }
                    last = n;
                })
                .await?;
            let tables = store.tables().await?;
            let records: u64 = tables.iter().map(|(_, n)| n).sum();
            println!("Copia escrita en {}: {bytes} bytes, {} tablas, {records} registros.", args.file.display(), tables.len());
            Ok(())
        }
        Some(Command::Restore(args)) => {
            let store = Store::connect(&db).await?;
            eprintln!("Restaurando {} ({} bytes)…", args.file.display(), std::fs::metadata(&args.file)?.len());
            match store.restore(&args.file).await? {
                Ok(()) => {
                    let tables = store.tables().await?;
                    let records: u64 = tables.iter().map(|(_, n)| n).sum();
                    println!("Restaurada: {} tablas, {records} registros.", tables.len());
                    Ok(())
                }
                Err(pasos_app::store::RestoreRefusal::NotEmpty) => {
                    Err("La base de datos de destino no está vacía: restaure en una base nueva (otra carpeta o otra base del servidor).".into())
                }
            }
        }
        Some(Command::Serve(args)) => serve(db, args).await,
        None => serve(db, ServeArgs::default()).await,
    }
}

/// The password of the demo accounts (`PASOS_DEMO_PASSWORD`, default `pasos-demo`).
fn demo_password() -> String {
    std::env::var("PASOS_DEMO_PASSWORD").ok().filter(|p| !p.is_empty()).unwrap_or_else(|| "pasos-demo".into())
}

async fn serve(db: DbConfig, args: ServeArgs) -> Result<(), Box<dyn std::error::Error>> {
    // Without a subcommand clap fills no defaults, so read the same variables here.
    let site_addr = match args.addr {
        Some(a) => a,
        None => std::env::var("LEPTOS_SITE_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".into()).parse()?,
    };
    let site_root = args
        .site_root
        .unwrap_or_else(|| std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into()));
    let no_demo = args.no_demo || std::env::var_os("PASOS_NO_DEMO").is_some();
    let config = Config { db, site_addr, site_root };

    let store = Store::open(&config.db).await?;
    if !no_demo && store.is_empty().await? {
        let report = store.seed_demo(&demo_password()).await?;
        tracing::info!(?report, "base de datos vacía: datos de demostración cargados");
    }
    let auth = pasos_app::web::AuthSettings::from_env()?;
    let limits = crate::listen::Limits::from_env(auth.trusted_proxies.clone());
    let holidays = match std::env::var_os("PASOS_FERIADOS") {
        Some(path) => {
            let text = std::fs::read_to_string(&path)?;
            let holidays = pasos_app::domain::calendar::Holidays::parse(&text)
                .map_err(|line| pasos_app::i18n::t().bad_holidays_line(&path.to_string_lossy(), line))?;
            Some(holidays)
        }
        None => None,
    };
    let mail = pasos_app::mail::MailSettings::from_env(&config.site_addr.to_string())?;
    let every = pasos_app::mail::worker::every_from_env()?;
    match &mail {
        Some(m) => tracing::info!(from = %m.from, "correos de aviso activados"),
        None => tracing::info!("correos de aviso desactivados (PASOS_SMTP_URL no está definida)"),
    }
    tokio::spawn(pasos_app::mail::worker::Worker::new(store.clone(), mail.clone(), every)?.run());
    let state = pasos_app::web::AppState { leptos_options: config.leptos_options(), store, auth, holidays, mail, pages: Default::default() };
    let app = crate::router::router(state);
    let listener = tokio::net::TcpListener::bind(config.site_addr).await?;
    tracing::info!("Pasos escucha en http://{} (base de datos {})", config.site_addr, config.db.url);
    crate::listen::serve(listener, app, limits, shutdown_signal()).await?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}

//! `pasos`: the binary. Parses the command line, sets up logging and runs the command.
use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    // Logs go to standard error so that command output (seed, user) stays clean on standard output.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,surrealdb=warn,surrealdb_core=warn,surrealkv=warn".into()),
        )
        .init();
    match pasos_server::cli::run(pasos_server::cli::Cli::parse()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pasos: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

//! `pasos`: the binary. Parses the command line, sets up logging and runs the command.
use clap::Parser;

/// mimalloc instead of glibc's malloc: a page is thousands of small allocations (database rows,
/// strings, HTML), and glibc's arenas spent a quarter of the server's time in malloc and free
/// (BENCHMARKS.md). It also hands big blocks (argon2id's 19 MiB) back to the system when freed.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

//! `pasos`: the binary. Parses the command line, sets up logging and runs the command.
use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    bounded_big_allocations();
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

/// Allocations of 1 MiB and more get their own mapping, returned to the system when freed. By
/// default glibc raises that threshold after the first such free, and the 19 MiB of every
/// argon2id check then stays in the heap: sixteen clients signing in left the server at 400 MB
/// instead of 150 (BENCHMARKS.md).
fn bounded_big_allocations() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a parameter of the allocator; 1 MiB is a valid threshold.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

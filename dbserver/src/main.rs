//! `surreal start --bind 127.0.0.1:8000 --user root --pass root memory`: the server the `surreal`
//! binary of this version runs, embedded through the official `surrealdb-server` crate so that CI
//! needs no download. `scripts/test.sh` starts it and runs the integration suites against it.
// The release build lays out SurrealDB's expression evaluator (an async fn 130 queries deep) past
// the default limit of 128 (`cargo build --release -p pasos-dbserver`).
#![recursion_limit = "256"]
use std::process::ExitCode;

use surrealdb_server::core::CommunityComposer;

fn main() -> ExitCode {
    surrealdb_server::init(CommunityComposer())
}

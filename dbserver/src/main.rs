//! `surreal start --bind 127.0.0.1:8000 --user root --pass root memory`: the server the `surreal`
//! binary of this version runs, embedded through the official `surrealdb-server` crate so that CI
//! needs no download. `scripts/test.sh` starts it and runs the integration suites against it.
use std::process::ExitCode;

use surrealdb_server::core::CommunityComposer;

fn main() -> ExitCode {
    surrealdb_server::init(CommunityComposer())
}

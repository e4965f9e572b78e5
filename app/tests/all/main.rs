//! The store and the app's server-side parts against a real SurrealDB (in memory, on disk with
//! surrealkv, or the server named by `PASOS_TEST_DB`): one test binary, a module per feature.
#![cfg(feature = "ssr")]

mod accounts;
mod backup;
mod drafting;
mod fixtures;
mod review;
mod rounds;
mod sanitizer;
mod scale;
mod sources;
mod store;
mod structure;

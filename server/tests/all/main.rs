//! The HTTP surface through the real router, and the real `pasos` binary where a process is what
//! is tested (crashes, connections): one test binary, a module per feature.

mod common;
mod process;

mod attacks;
mod bad_input;
mod concurrency;
mod crash;
mod drafting;
mod expediente;
mod followup;
mod hostile;
mod held;
mod http;
mod instances;
mod mail;
mod review;
mod rounds;
mod structure;
mod word;
mod workshops;

//! The Pasos process: configuration, the HTTP router and the commands of the `pasos` binary.
pub mod admin;
pub mod auth;
pub mod cli;
pub mod config;
pub mod docx;
pub mod drafting;
pub mod forms;
pub mod health;
pub mod hygiene;
pub mod listen;
pub mod review;
pub mod rounds;
pub mod structure;
pub mod router;
pub mod users;

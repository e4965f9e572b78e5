//! The Pasos process: the command line (serve, seed, user, backup, restore), configuration, the
//! connections it accepts, `/healthz`, and the router that merges every feature of `pasos_app`.
pub mod cli;
pub mod config;
pub mod health;
pub mod listen;
pub mod router;
pub mod users;

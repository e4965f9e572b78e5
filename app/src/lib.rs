//! Pasos: CEPLAN's method for formulating a national policy, as a web application. One folder per
//! feature (its pages, its reads, its form handlers, its form contracts and its exports), entered
//! through `web` and resting on the pure `domain` and the `store`.
#![recursion_limit = "256"]
pub mod accounts;
mod app;
pub mod domain;
pub mod drafting;
pub mod expediente;
pub mod followup;
pub mod i18n;
pub mod mail;
#[cfg(feature = "ssr")]
pub mod markdown;
#[cfg(feature = "ssr")]
pub mod paper;
pub mod policies;
pub mod review;
pub mod rounds;
#[cfg(feature = "ssr")]
pub mod store;
pub mod structure;
pub mod ui;
pub mod urls;
pub mod web;
pub mod workshops;

pub use app::{shell, App};

//! Pasos: the pure domain, the views and the server functions shared by server and browser.
#![recursion_limit = "256"]
pub mod api;
mod app;
#[cfg(feature = "ssr")]
pub mod auth;
pub mod browser;
pub mod demo;
pub mod domain;
pub mod error;
pub mod format;
pub mod i18n;
#[cfg(feature = "ssr")]
pub mod markdown;
pub mod model;
pub mod report;
mod pages;
#[cfg(feature = "ssr")]
pub mod store;

pub use app::{shell, App};

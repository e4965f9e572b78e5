//! Configuration from the environment (and flags), with the defaults a fresh clone needs.
use std::net::SocketAddr;

use leptos::config::LeptosOptions;
use pasos_app::store::DbConfig;

/// The name cargo-leptos gives the wasm and JavaScript bundle (`[[workspace.metadata.leptos]] name`).
pub const OUTPUT_NAME: &str = "pasos";

#[derive(Debug, Clone)]
pub struct Config {
    pub db: DbConfig,
    pub site_addr: SocketAddr,
    pub site_root: String,
}

impl Config {
    /// The Leptos options, built here rather than read from Cargo.toml so that a deployed binary
    /// needs only its site folder.
    pub fn leptos_options(&self) -> LeptosOptions {
        let env = match std::env::var("LEPTOS_ENV").as_deref() {
            Ok("PROD") | Ok("prod") | Ok("production") => leptos::config::Env::PROD,
            _ => leptos::config::Env::DEV,
        };
        LeptosOptions::builder()
            .output_name(OUTPUT_NAME)
            .site_root(self.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(self.site_addr)
            .env(env)
            .build()
    }
}

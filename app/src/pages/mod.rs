//! One file per page, plus the small pieces they share.
mod account;
mod admin_audit;
mod admin_users;
mod consistency;
mod dashboard;
mod deliverable;
mod document;
mod editor;
mod history;
mod home;
mod matrix;
mod notifications;
mod not_found;
mod parts;
mod policy;
mod regions;
mod report;
mod round;
mod rounds;
mod sign_in;
mod step;
mod structure;

#[cfg(feature = "ssr")]
pub(crate) use parts::set_status;
pub use account::AccountPage;
pub use admin_audit::AdminAuditPage;
pub use admin_users::AdminUsersPage;
pub use consistency::ConsistencyPage;
pub use dashboard::DashboardPage;
pub use deliverable::DeliverablePage;
pub use document::DocumentPage;
pub use editor::EditorPage;
pub use history::HistoryPage;
pub use home::HomePage;
pub use matrix::MatrixPage;
pub use notifications::NotificationsPage;
pub use not_found::NotFound;
pub use policy::PolicyPage;
pub use regions::RegionsPage;
pub use report::ReportPage;
pub use round::RoundPage;
pub use rounds::RoundsPage;
pub use sign_in::SignInPage;
pub use step::StepPage;
pub use structure::StructurePage;

/// Whether a page carries an island, and so needs the wasm: the step editor (live preview, text
/// kept in the browser) and a step page just saved (which forgets that kept text). Every other
/// page is plain HTML and loads no script at all.
pub fn has_islands(path: &str, query: &str) -> bool {
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    match parts.as_slice() {
        ["politicas", _, "pasos", _, "editar"] => true,
        ["politicas", _, "pasos", _] => query.split('&').any(|pair| pair.starts_with("guardado=")),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::has_islands;

    #[test]
    fn only_the_editor_and_a_just_saved_step_load_the_wasm() {
        assert!(has_islands("/politicas/pnmpetf/pasos/1/editar", ""));
        assert!(has_islands("/politicas/pnmpetf/pasos/1/editar", "borrador=abc"));
        assert!(has_islands("/politicas/pnmpetf/pasos/1", "guardado=4"));
        assert!(!has_islands("/politicas/pnmpetf/pasos/1", ""));
        assert!(!has_islands("/politicas/pnmpetf/pasos/1", "ver=guardado"));
        assert!(!has_islands("/politicas/pnmpetf/pasos/1/historial", "guardado=4"));
        for page in ["/", "/tablero", "/rondas/abc", "/politicas/pnmpetf", "/politicas/pnmpetf/entregables/1"] {
            assert!(!has_islands(page, ""), "{page}");
        }
    }
}

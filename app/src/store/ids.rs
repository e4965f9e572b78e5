//! The record ids of a policy and of its deliverables and steps (`policy:PNMPETF`,
//! `deliverable:PNMPETF-1`, `step:PNMPETF-3`), for every door of the store that reaches them.
use surrealdb::types::RecordId;

pub(super) fn policy_id(code: &str) -> RecordId {
    RecordId::new("policy", code)
}
pub(super) fn deliverable_id(code: &str, n: u8) -> RecordId {
    RecordId::new("deliverable", format!("{code}-{n}"))
}
pub(super) fn step_id(code: &str, n: u8) -> RecordId {
    RecordId::new("step", format!("{code}-{n}"))
}

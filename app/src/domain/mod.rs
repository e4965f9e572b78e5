//! The pure domain: CEPLAN's method, deliverable states, policies and regions. No IO here.
pub mod access;
pub mod calendar;
pub mod account;
pub mod dashboard;
pub mod drafting;
pub mod event;
pub mod jurisdiction;
pub mod method;
pub mod pasted;
pub mod policy;
pub mod report;
pub mod review;
pub mod rounds;
pub mod state;
pub mod structure;
pub mod text;
pub mod time;

pub use access::{may, Action, Actor, Resource, Role, RoundKind, RoundRef};
pub use account::{AccountError, AuditEntry, AuditFilter, AuditPage, Author, LiveSession, NewUser, User};
pub use drafting::{word_diff, Change, Draft, DraftError, FreezeRefusal, RevisionInfo, Segment, StepBody, VersionInfo};
pub use event::{Annulment, CeplanAnswer, DatePrecision, EventDate, EventKind, Milestone, PolicyEvent};
pub use jurisdiction::{CdrpetiState, Jurisdiction};
pub use method::{deliverable_of_step, step, steps_of, DeliverableDef, StepDef, DELIVERABLES, STEPS};
pub use policy::{DeliverableOverview, NewPolicy, Policy, PolicyDetail, PolicyError, PolicyOverview, PolicyStart, StepOverview, StepText};
pub use review::{ReviewError, VersionChoice};
pub use rounds::{ContributionInfo, NewContribution, RoundInfo};
pub use state::{step_state, DeliverableState, StepState};

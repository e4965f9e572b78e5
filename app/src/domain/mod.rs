//! The pure domain: CEPLAN's method, deliverable states, policies and regions. No IO here.
pub mod access;
pub mod account;
pub mod dashboard;
pub mod drafting;
pub mod event;
pub mod jurisdiction;
pub mod method;
pub mod policy;
pub mod review;
pub mod rounds;
pub mod state;
pub mod structure;
pub mod text;

pub use access::{may, Action, Actor, Resource, Role, RoundKind, RoundRef};
pub use account::{AccountError, NewUser};
pub use drafting::{word_diff, Change, DraftError, Segment};
pub use event::{Annulment, DatePrecision, EventDate, PolicyEvent};
pub use jurisdiction::{CdrpetiState, Jurisdiction};
pub use method::{deliverable_of_step, step, steps_of, DeliverableDef, StepDef, DELIVERABLES, STEPS};
pub use policy::{NewPolicy, Policy, PolicyError};
pub use review::{EventKind, Milestone, ReviewError, VersionChoice};
pub use state::{step_state, DeliverableState, StepState};

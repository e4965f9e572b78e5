//! Policies: the list of every policy with its deliverables, one policy with its dated history
//! (and, for those who may, the next milestone), and the regions.
pub mod data;
mod home;
mod policy;
mod regions;

pub use home::HomePage;
pub use policy::PolicyPage;
pub use regions::RegionsPage;

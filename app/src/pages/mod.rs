//! One file per page, plus the small pieces they share.
mod home;
mod not_found;
mod parts;
mod policy;
mod regions;
mod sign_in;
mod step;

pub use home::HomePage;
pub use not_found::NotFound;
pub use policy::PolicyPage;
pub use regions::RegionsPage;
pub use sign_in::SignInPage;
pub use step::StepPage;

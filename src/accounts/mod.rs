//! Accounts: sellers, main and sub-accounts, setup, sign-in and sign-out.

pub mod login;
pub mod model;
pub mod passwords;
pub mod setup;
pub mod throttle;
pub mod validation;

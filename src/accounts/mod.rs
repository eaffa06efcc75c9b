//! Accounts: sellers, main and sub-accounts, roles, setup, sign-in and sign-out.

pub mod login;
pub mod model;
pub mod passwords;
pub mod permissions;
pub mod profile;
pub mod reauth;
pub mod role_pages;
pub mod roles;
pub mod security_pages;
pub mod sessions;
pub mod setup;
pub mod sub_account_pages;
pub mod sub_accounts;
pub mod throttle;
pub mod two_factor;
pub mod validation;

//! Chat Assignment: Assigned Groups per store, chat sources, automatic replies and
//! quick replies.

pub mod groups;
pub mod pages;
pub mod settings;
pub mod settings_pages;
pub mod sources;
pub mod working_hours;

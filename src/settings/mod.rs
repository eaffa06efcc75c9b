//! Settings: interface language and time zone.

pub mod language;
pub mod page;

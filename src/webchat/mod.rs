//! Webchat: buyers' messages in (JSON API), routing to the right agents.

pub mod api;
pub mod ingest;
pub mod routing;

//! Webchat: buyers' messages in, routing to the right agents.

pub mod ingest;
pub mod routing;

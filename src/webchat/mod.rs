//! Webchat: buyers' messages in (JSON API), routing to the right agents.

pub mod api;
pub mod buyer;
pub mod events;
pub mod inbox;
pub mod ingest;
pub mod pages;
pub mod pg_bridge;
pub mod routing;

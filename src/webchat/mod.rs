//! Webchat: routing buyers' conversations to the right agents.

pub mod routing;

//! Webchat: the agent inbox, the buyer chat page, the JSON API for integrations and
//! live updates. Changes to conversations go through `crate::conversations`.

pub mod api;
pub mod at_risk;
pub mod buyer;
pub mod events;
pub mod fragments;
pub mod images;
pub mod inbox;
pub mod lists;
pub mod live;
pub mod pages;
pub mod pg_bridge;
pub mod team;
pub mod undelivered;

//! Performance Data: per-agent indicators kept as hourly tallies in the same transaction
//! as the Webchat events that change them, shown per day in the viewer's time zone.

pub mod chart;
pub mod chats_export;
pub mod indicators;
pub mod marketplace;
pub mod marketplace_page;
pub mod online;
pub mod pages;
pub mod range;
pub mod rebuild;
pub mod report;
pub mod satisfaction;
pub mod satisfaction_page;
pub mod tally;

/// The tally columns of `agent_hourly_stats` and its rollups, in `Tally`'s order (its
/// time bands are kept in tables of their own: `indicators::BAND_COLUMNS`).
const TALLY_COLUMNS: [&str; 8] = [
    "chats_received",
    "chats_replied",
    "replied_in_time",
    "first_response_seconds",
    "responses",
    "response_seconds",
    "resolved",
    "messages_sent",
];

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

/// How many of `TALLY_COLUMNS` come before the time bands.
const BASE_COLUMNS: usize = 8;

/// The tally columns of `agent_hourly_stats`, in `Tally`'s order (the bands last).
const TALLY_COLUMNS: [&str; 32] = [
    "chats_received",
    "chats_replied",
    "replied_in_time",
    "first_response_seconds",
    "responses",
    "response_seconds",
    "resolved",
    "messages_sent",
    "first_band_0",
    "first_band_1",
    "first_band_2",
    "first_band_3",
    "first_band_4",
    "first_band_5",
    "first_band_6",
    "first_band_7",
    "first_band_8",
    "first_band_9",
    "first_band_10",
    "first_band_11",
    "reply_band_0",
    "reply_band_1",
    "reply_band_2",
    "reply_band_3",
    "reply_band_4",
    "reply_band_5",
    "reply_band_6",
    "reply_band_7",
    "reply_band_8",
    "reply_band_9",
    "reply_band_10",
    "reply_band_11",
];

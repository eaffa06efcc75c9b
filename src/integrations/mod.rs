//! Sellerdesk and a store's integration: the events it is told about, the pull feed
//! that serves them, and its reports on whether replies reached the buyer.

pub mod delivery;
pub mod events;
pub mod feed;

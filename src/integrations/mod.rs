//! Sellerdesk and a store's integration: the events it is told about, the pull feed
//! that serves them, its reports on whether replies reached the buyer, and the API's
//! description.

pub mod delivery;
pub mod events;
pub mod feed;
pub mod images;
pub mod openapi;
pub mod rating;
pub mod webhooks;

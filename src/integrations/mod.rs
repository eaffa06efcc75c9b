//! What leaves Sellerdesk for a store's integration: the events it is told about and
//! the pull feed that serves them.

pub mod events;
pub mod feed;

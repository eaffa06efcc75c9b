//! Webhooks: a store's endpoints receive its events as signed JSON posts, in order,
//! at least once, from each endpoint's own cursor in the event log.

pub mod model;
pub mod pages;
pub mod send;
pub mod sign;
pub mod worker;

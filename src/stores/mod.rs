//! Stores ("merchants"), their markets and API tokens.

pub mod actions;
pub mod markets;
pub mod model;
pub mod pages;
pub mod tokens;

//! Password hashing with bcrypt, always on a blocking thread: a hash takes ~250 ms at
//! cost 12 and must not stall the async workers.

use actix_web::web;

use crate::web::AppError;

/// bcrypt reads at most 72 bytes; longer passwords are refused rather than truncated.
pub const MAX_PASSWORD_BYTES: usize = 72;
pub const MIN_PASSWORD_CHARS: usize = 8;

/// The least bcrypt cost the server accepts (`--bcrypt-cost`).
pub const MIN_COST: u32 = 10;

/// A hash made once at start, at the configured cost, and checked against when the
/// account does not exist: a wrong username then costs as long as a wrong password,
/// and timing reveals nothing.
pub fn dummy_hash(cost: u32) -> String {
    let mut secret = [0u8; 16];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut secret);
    bcrypt::hash(secret, cost).unwrap_or_default()
}

/// The cost a stored bcrypt hash was made with (`$2b$12$…` → 12).
pub fn cost_of(hash: &str) -> Option<u32> {
    hash.split('$').nth(2)?.parse().ok()
}

pub async fn hash_password(password: String, cost: u32) -> Result<String, AppError> {
    web::block(move || bcrypt::hash(password, cost))
        .await?
        .map_err(|e| AppError::Internal(anyhow::anyhow!("bcrypt hash: {e}")))
}

/// Verifies against `hash`, or against `dummy` when there is no account.
pub async fn verify_password(
    password: String,
    hash: Option<String>,
    dummy: std::sync::Arc<str>,
) -> Result<bool, AppError> {
    web::block(move || {
        let stored = hash.as_deref().unwrap_or(&dummy);
        // A malformed stored hash is a failed check, not an error page.
        bcrypt::verify(password, stored).unwrap_or(false) && hash.is_some()
    })
    .await
    .map_err(AppError::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dummy_hash_is_a_real_hash_at_the_configured_cost() {
        // If it did not parse, unknown usernames would answer faster than known ones.
        let dummy = dummy_hash(5);
        assert!(bcrypt::verify("anything", &dummy).is_ok());
        assert_eq!(cost_of(&dummy), Some(5));
    }
}

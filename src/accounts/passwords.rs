//! Password hashing with bcrypt, always on a blocking thread: a hash takes ~250 ms at
//! cost 12 and must not stall the async workers.

use actix_web::web;

use crate::web::AppError;

/// bcrypt reads at most 72 bytes; longer passwords are refused rather than truncated.
pub const MAX_PASSWORD_BYTES: usize = 72;
pub const MIN_PASSWORD_CHARS: usize = 8;

/// Compared against when the account does not exist, so a wrong username costs as
/// long as a wrong password and timing reveals nothing.
const DUMMY_HASH: &str = "$2b$12$C6UzMDM.H6dfI/f/IKcEeO5cAUG8OeGR6z7C1gyXyE6lYw9VG0lYC";

pub async fn hash_password(password: String, cost: u32) -> Result<String, AppError> {
    web::block(move || bcrypt::hash(password, cost))
        .await?
        .map_err(|e| AppError::Internal(anyhow::anyhow!("bcrypt hash: {e}")))
}

/// Verifies against `hash`, or against a dummy hash when there is no account.
pub async fn verify_password(password: String, hash: Option<String>) -> Result<bool, AppError> {
    web::block(move || {
        let stored = hash.as_deref().unwrap_or(DUMMY_HASH);
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
    fn the_dummy_hash_is_a_real_cost_12_hash() {
        // If it did not parse, unknown usernames would answer faster than known ones.
        assert!(bcrypt::verify("anything", DUMMY_HASH).is_ok());
        assert!(DUMMY_HASH.starts_with("$2b$12$"));
    }
}

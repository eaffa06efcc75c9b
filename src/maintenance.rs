//! Housekeeping while the server runs: expired sessions and old sign-in attempts are
//! deleted, and rate limiters forget keys that have gone quiet.

use std::time::Duration;

use chrono::Utc;

use crate::accounts::{sessions, throttle};
use crate::app::AppState;
use crate::web::AppError;

const EVERY: Duration = Duration::from_secs(10 * 60);

/// One round of housekeeping; returns how many sessions and attempts were deleted.
pub async fn tidy(state: &AppState) -> Result<(usize, usize), AppError> {
    state.limits.forget_idle();
    let policy = state.config.sessions;
    let now = Utc::now().naive_utc();
    state
        .write(move |c| {
            Ok::<_, AppError>((sessions::prune(c, policy, now)?, throttle::prune(c, now)?))
        })
        .await
}

/// Runs `tidy` every ten minutes for as long as the server runs.
pub fn start(state: AppState) {
    actix_web::rt::spawn(async move {
        let mut every = actix_web::rt::time::interval(EVERY);
        loop {
            every.tick().await;
            match tidy(&state).await {
                Ok((0, 0)) => {}
                Ok((sessions, attempts)) => log::info!(
                    "housekeeping: {sessions} expired session(s), {attempts} old sign-in attempt(s) deleted"
                ),
                Err(e) => log::warn!("housekeeping failed, will try again: {e}"),
            }
        }
    });
}

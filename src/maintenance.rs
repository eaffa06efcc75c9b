//! Housekeeping while the server runs: expired sessions and old sign-in attempts are
//! deleted, rate limiters forget keys that have gone quiet, and agents with no Webchat
//! page open for the presence timeout are set Offline, and chats left unanswered past
//! their store's time are reassigned. The database's planner statistics
//! are refreshed on the same round (first when the server starts).

use std::time::Duration;

use chrono::Utc;

use crate::accounts::{sessions, throttle};
use crate::app::AppState;
use crate::web::AppError;

const EVERY: Duration = Duration::from_secs(10 * 60);
/// Presence is swept more often: an absent agent should stop receiving chats soon.
const PRESENCE_EVERY: Duration = Duration::from_secs(60);
/// The response guard's times are whole minutes: a chat moves within half a minute of
/// its time.
const GUARD_EVERY: Duration = Duration::from_secs(30);

/// One round of housekeeping; returns how many sessions and attempts were deleted.
pub async fn tidy(state: &AppState) -> Result<(usize, usize), AppError> {
    state.limits.forget_idle();
    let policy = state.config.sessions;
    let now = Utc::now().naive_utc();
    state
        .write(move |c| {
            let pruned = (sessions::prune(c, policy, now)?, throttle::prune(c, now)?);
            crate::db::refresh_statistics(c)?;
            Ok::<_, AppError>(pruned)
        })
        .await
}

/// Sets absent agents Offline (see `conversations::sweep_absent`); returns how many.
pub async fn sweep_presence(state: &AppState) -> Result<usize, AppError> {
    let timeout = state.config.presence_timeout;
    let now = Utc::now().naive_utc();
    state
        .write(move |c| crate::conversations::sweep_absent(c, timeout, now))
        .await
        .map_err(AppError::from)
}

/// Hands chats their agents left unanswered too long to another member (see
/// `conversations::reassign_unanswered`); returns how many moved.
pub async fn guard_responses(state: &AppState) -> Result<usize, AppError> {
    guard_responses_at(state, Utc::now().naive_utc()).await
}

/// The response guard's round as if the clock read `now`.
pub async fn guard_responses_at(
    state: &AppState,
    now: chrono::NaiveDateTime,
) -> Result<usize, AppError> {
    state
        .write(move |c| crate::conversations::reassign_unanswered(c, now))
        .await
        .map_err(AppError::from)
}

/// Runs `tidy` every ten minutes and the presence sweep every minute, for as long as the
/// server runs.
pub fn start(state: AppState) {
    let presence = state.clone();
    actix_web::rt::spawn(async move {
        let mut every = actix_web::rt::time::interval(PRESENCE_EVERY);
        loop {
            every.tick().await;
            match sweep_presence(&presence).await {
                Ok(0) => {}
                Ok(n) => log::info!("presence: {n} absent agent(s) set Offline"),
                Err(e) => log::warn!("presence sweep failed, will try again: {e}"),
            }
        }
    });
    let guard = state.clone();
    actix_web::rt::spawn(async move {
        let mut every = actix_web::rt::time::interval(GUARD_EVERY);
        loop {
            every.tick().await;
            match guard_responses(&guard).await {
                Ok(0) => {}
                Ok(n) => log::info!("response guard: {n} unanswered chat(s) reassigned"),
                Err(e) => log::warn!("response guard failed, will try again: {e}"),
            }
        }
    });
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

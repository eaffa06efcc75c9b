//! Asking a signed-in person for their password again (to change it, or to turn
//! two-factor sign-in off). Each check counts as a sign-in attempt of the account from
//! that address, so a stolen session cannot guess the password at full speed.

use chrono::Utc;

use super::model::Account;
use super::passwords::verify_password;
use super::throttle::{self, Door};
use crate::app::AppState;
use crate::web::client::limit_key;
use crate::web::{AppError, AppResult};

/// Why the password was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    Wrong,
    /// Too many wrong tries from here: wait this many seconds.
    Wait(i64),
}

pub async fn check_password(
    state: &AppState,
    account: &Account,
    addr: &str,
    password: String,
) -> AppResult<Result<(), Refused>> {
    let now = Utc::now().naive_utc();
    let (name, ip) = (account.username.clone(), limit_key(addr));
    let attempt = state
        .write(move |c| {
            Ok::<_, AppError>(throttle::reserve_attempt(
                c,
                &name,
                &ip,
                Door::Password,
                now,
            )?)
        })
        .await?;
    let attempt_id = match attempt {
        Ok(id) => id,
        Err(wait) => return Ok(Err(Refused::Wait(wait))),
    };
    let hash = Some(account.password_hash.clone());
    if !verify_password(password, hash, state.dummy_hash.clone()).await? {
        return Ok(Err(Refused::Wrong));
    }
    state
        .write(move |c| Ok::<_, AppError>(throttle::mark_succeeded(c, attempt_id)?))
        .await?;
    Ok(Ok(()))
}

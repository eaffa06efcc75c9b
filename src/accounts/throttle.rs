//! Sign-in throttling: too many failures for one account or from one address within
//! the window are refused without checking the password.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::login_attempts;
use crate::db::{self, DbConnection};

pub const WINDOW_MINUTES: i64 = 15;
/// The sixth failure for one account within the window is refused.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
/// An address may fail more often (several people behind one office NAT).
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;

pub fn is_throttled(account_failures: i64, address_failures: i64) -> bool {
    account_failures >= MAX_FAILURES_PER_ACCOUNT || address_failures >= MAX_FAILURES_PER_ADDRESS
}

/// Counts recent failures for the username (since its last success) and the address.
pub fn recent_failures(
    conn: &mut DbConnection,
    username: &str,
    addr: &str,
    now: NaiveDateTime,
) -> QueryResult<(i64, i64)> {
    let window_start = now - Duration::minutes(WINDOW_MINUTES);
    let last_success: Option<NaiveDateTime> = login_attempts::table
        .filter(login_attempts::username.eq(username))
        .filter(login_attempts::succeeded.eq(true))
        .filter(login_attempts::attempted_at.gt(window_start))
        .select(diesel::dsl::max(login_attempts::attempted_at))
        .first(conn)?;
    let since = last_success.map_or(window_start, |t| t.max(window_start));
    let by_account = login_attempts::table
        .filter(login_attempts::username.eq(username))
        .filter(login_attempts::succeeded.eq(false))
        .filter(login_attempts::attempted_at.gt(since))
        .count()
        .get_result(conn)?;
    let by_address = login_attempts::table
        .filter(login_attempts::client_addr.eq(addr))
        .filter(login_attempts::succeeded.eq(false))
        .filter(login_attempts::attempted_at.gt(window_start))
        .count()
        .get_result(conn)?;
    Ok((by_account, by_address))
}

/// Checks the limits and, when not throttled, records the attempt as a failure, in one
/// locked transaction, before the password is even checked: parallel guesses cannot
/// all pass the check first. Returns the attempt's id, or `None` when throttled.
pub fn reserve_attempt(
    conn: &mut DbConnection,
    username: &str,
    addr: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<i64>> {
    db::write_transaction(conn, |c| {
        db::lock_table(c, "login_attempts")?;
        let (by_account, by_address) = recent_failures(c, username, addr, now)?;
        if is_throttled(by_account, by_address) {
            return Ok(None);
        }
        diesel::insert_into(login_attempts::table)
            .values((
                login_attempts::username.eq(username),
                login_attempts::client_addr.eq(addr),
                login_attempts::succeeded.eq(false),
                login_attempts::attempted_at.eq(now),
            ))
            .returning(login_attempts::id)
            .get_result(c)
            .map(Some)
    })
}

/// Marks a reserved attempt as the successful sign-in it turned out to be.
pub fn mark_succeeded(conn: &mut DbConnection, attempt_id: i64) -> QueryResult<()> {
    diesel::update(login_attempts::table.filter(login_attempts::id.eq(attempt_id)))
        .set(login_attempts::succeeded.eq(true))
        .execute(conn)
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixth_failure_is_refused() {
        assert!(!is_throttled(4, 0));
        assert!(is_throttled(5, 0));
        assert!(!is_throttled(0, 19));
        assert!(is_throttled(0, 20));
    }
}

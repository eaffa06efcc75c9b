//! Sign-in throttling. Failures are counted per (account, address): after a few, each
//! further try from that address must wait longer (2 s, 4 s, 8 s … up to 15 minutes),
//! while the owner signing in from anywhere else is not held up at all. An address that
//! fails for many accounts is slowed the same way. A success clears the pair's count.
//! Password checks inside the app (the current password) count as sign-in attempts of
//! the account. Second-factor codes are counted apart, and also per account from every
//! address: whoever tries them already has the password, so spreading guesses over
//! many addresses must not help, and the owner is not the one held up.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::login_attempts;
use crate::db::{self, DbConnection};

/// Failures of one pair that cost nothing but the answer.
pub const FREE_FAILURES_PER_PAIR: i64 = 4;
/// Failures from one address (any account) within `ADDRESS_WINDOW` before it is slowed.
pub const FREE_FAILURES_PER_ADDRESS: i64 = 30;
pub const ADDRESS_WINDOW_MINUTES: i64 = 15;
/// The longest wait between tries.
pub const MAX_DELAY_SECONDS: i64 = 15 * 60;
/// Attempts older than this count for nothing and are pruned.
pub const KEEP_HOURS: i64 = 24;
/// Wrong second-factor codes for one account, from anywhere, before each further try
/// waits.
pub const FREE_CODE_FAILURES_PER_ACCOUNT: i64 = 10;

/// What is being tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Door {
    Password,
    /// A second-factor or recovery code, after the right password.
    Code,
}

impl Door {
    /// The name attempts are stored under: code attempts apart from password attempts
    /// (`#` is in no username).
    fn key(self, username: &str) -> String {
        match self {
            Door::Password => username.to_string(),
            Door::Code => format!("{username}#code"),
        }
    }
}

/// Seconds to wait after the `failures`-th failure, counted past `free` free ones.
pub fn delay_seconds(failures: i64, free: i64) -> i64 {
    let over = failures - free;
    if over < 0 {
        return 0;
    }
    // 2^(over+1), capped: shifting past the cap would overflow.
    if over >= 10 {
        MAX_DELAY_SECONDS
    } else {
        (2_i64 << over).min(MAX_DELAY_SECONDS)
    }
}

/// Failures of `key` (from `addr`, or from anywhere) since its last success there, and
/// the newest of them.
fn failures_since_success(
    conn: &mut DbConnection,
    key: &str,
    addr: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<(i64, Option<NaiveDateTime>)> {
    let keep_from = now - Duration::hours(KEEP_HOURS);
    let mut success = login_attempts::table
        .filter(login_attempts::username.eq(key))
        .filter(login_attempts::succeeded.eq(true))
        .filter(login_attempts::attempted_at.gt(keep_from))
        .select(diesel::dsl::max(login_attempts::attempted_at))
        .into_boxed();
    let mut failures = login_attempts::table
        .filter(login_attempts::username.eq(key))
        .filter(login_attempts::succeeded.eq(false))
        .select((
            diesel::dsl::count_star(),
            diesel::dsl::max(login_attempts::attempted_at),
        ))
        .into_boxed();
    if let Some(addr) = addr {
        success = success.filter(login_attempts::client_addr.eq(addr));
        failures = failures.filter(login_attempts::client_addr.eq(addr));
    }
    let last_success: Option<NaiveDateTime> = success.first(conn)?;
    let since = last_success.map_or(keep_from, |t| t.max(keep_from));
    failures
        .filter(login_attempts::attempted_at.gt(since))
        .first(conn)
}

/// The seconds to wait before `username` may be tried at `door` from `addr`, or 0.
pub fn wait_seconds(
    conn: &mut DbConnection,
    username: &str,
    addr: &str,
    door: Door,
    now: NaiveDateTime,
) -> QueryResult<i64> {
    let key = door.key(username);
    let (pair_failures, pair_last) = failures_since_success(conn, &key, Some(addr), now)?;
    let window_start = now - Duration::minutes(ADDRESS_WINDOW_MINUTES);
    let (address_failures, address_last): (i64, Option<NaiveDateTime>) = login_attempts::table
        .filter(login_attempts::client_addr.eq(addr))
        .filter(login_attempts::succeeded.eq(false))
        .filter(login_attempts::attempted_at.gt(window_start))
        .select((
            diesel::dsl::count_star(),
            diesel::dsl::max(login_attempts::attempted_at),
        ))
        .first(conn)?;
    let remaining = |failures: i64, free: i64, last: Option<NaiveDateTime>| {
        let delay = Duration::seconds(delay_seconds(failures, free));
        // Rounded up: a client that waits exactly this long is let in.
        last.map_or(0, |last| {
            let left = (last + delay - now).num_milliseconds().max(0);
            (left + 999) / 1000
        })
    };
    let mut wait = remaining(pair_failures, FREE_FAILURES_PER_PAIR, pair_last).max(remaining(
        address_failures,
        FREE_FAILURES_PER_ADDRESS,
        address_last,
    ));
    if door == Door::Code {
        let (failures, last) = failures_since_success(conn, &key, None, now)?;
        wait = wait.max(remaining(failures, FREE_CODE_FAILURES_PER_ACCOUNT, last));
    }
    Ok(wait)
}

/// Checks the wait and, when there is none, records the attempt as a failure, in one
/// locked transaction, before the password is even checked: parallel guesses cannot
/// all pass the check first. Returns the attempt's id, or the seconds still to wait.
pub fn reserve_attempt(
    conn: &mut DbConnection,
    username: &str,
    addr: &str,
    door: Door,
    now: NaiveDateTime,
) -> QueryResult<Result<i64, i64>> {
    db::write_transaction(conn, |c| {
        db::lock_table(c, "login_attempts")?;
        let wait = wait_seconds(c, username, addr, door, now)?;
        if wait > 0 {
            return Ok(Err(wait));
        }
        diesel::insert_into(login_attempts::table)
            .values((
                login_attempts::username.eq(door.key(username)),
                login_attempts::client_addr.eq(addr),
                login_attempts::succeeded.eq(false),
                login_attempts::attempted_at.eq(now),
            ))
            .returning(login_attempts::id)
            .get_result(c)
            .map(Ok)
    })
}

/// Marks a reserved attempt as the success it turned out to be.
pub fn mark_succeeded(conn: &mut DbConnection, attempt_id: i64) -> QueryResult<()> {
    diesel::update(login_attempts::table.filter(login_attempts::id.eq(attempt_id)))
        .set(login_attempts::succeeded.eq(true))
        .execute(conn)
        .map(|_| ())
}

/// Deletes attempts too old to count; returns how many.
pub fn prune(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(
        login_attempts::table
            .filter(login_attempts::attempted_at.lt(now - Duration::hours(KEEP_HOURS))),
    )
    .execute(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_after_the_free_failures_and_stop_at_the_cap() {
        assert_eq!(delay_seconds(3, 4), 0);
        assert_eq!(delay_seconds(4, 4), 2);
        assert_eq!(delay_seconds(5, 4), 4);
        assert_eq!(delay_seconds(8, 4), 32);
        assert_eq!(delay_seconds(13, 4), MAX_DELAY_SECONDS);
        assert_eq!(delay_seconds(1000, 4), MAX_DELAY_SECONDS);
    }
}

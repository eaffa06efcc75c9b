//! Server-side sessions. The cookie carries a random token; the database keeps only its
//! hash, the account, and when the session started and was last used. Signing out
//! deletes the row, so a copied cookie dies with it; a session unused for the idle
//! timeout, or older than its lifetime, is refused and later pruned.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Nullable, Text, Timestamp};

use super::model::Account;
use crate::db::DbConnection;
use crate::db::cached::built;
use crate::db::schema::{accounts, sessions};
use crate::stores::model::random_key;
use crate::stores::tokens::hash_token;

/// How long a session lives: since its last use, and at most since it began.
#[derive(Debug, Clone, Copy)]
pub struct SessionPolicy {
    pub idle: Duration,
    pub lifetime: Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        Self {
            idle: Duration::hours(12),
            lifetime: Duration::days(14),
        }
    }
}

/// How stale `last_seen_at` may get before a request writes it again: a write per
/// request would be costly, and the idle timeout is counted in hours.
pub const TOUCH_EVERY: Duration = Duration::minutes(1);

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub id: i64,
    pub account_id: i64,
    #[diesel(deserialize_as = crate::db::time::DbTime)]
    pub created_at: NaiveDateTime,
    #[diesel(deserialize_as = crate::db::time::DbTime)]
    pub last_seen_at: NaiveDateTime,
    pub client_addr: String,
    pub user_agent: String,
}

impl SessionRow {
    pub fn needs_touch(&self, now: NaiveDateTime) -> bool {
        now - self.last_seen_at >= TOUCH_EVERY
    }
}

/// The longest user agent kept: enough to tell browsers apart on My Account.
const MAX_USER_AGENT: usize = 200;

/// Starts a session for the account; returns the cookie's token.
pub fn start(
    conn: &mut DbConnection,
    account_id: i64,
    client_addr: &str,
    user_agent: &str,
    now: NaiveDateTime,
) -> QueryResult<String> {
    let token = random_key(32);
    let user_agent: String = user_agent.chars().take(MAX_USER_AGENT).collect();
    diesel::insert_into(sessions::table)
        .values((
            sessions::token_hash.eq(hash_token(&token)),
            sessions::account_id.eq(account_id),
            sessions::created_at.eq(now),
            sessions::last_seen_at.eq(now),
            sessions::client_addr.eq(client_addr),
            sessions::user_agent.eq(user_agent),
        ))
        .execute(conn)?;
    Ok(token)
}

/// The live session for `token`, its enabled account and whether the seller requires
/// a second factor; `None` when the session was ended, has expired, or its account is
/// gone or disabled.
/// The session row and account behind a session token (with whether the seller
/// requires two-factor sign-in), if the session is live and the account enabled.
pub fn find_live(
    conn: &mut DbConnection,
    token: &str,
    policy: SessionPolicy,
    now: NaiveDateTime,
) -> QueryResult<Option<(SessionRow, Account, bool)>> {
    // Every signed-in request asks this, so it is fixed text, prepared once; diesel
    // would build a typed query's text of thirty columns again on each call. The
    // columns are in the order of `SessionRow`'s and `Account`'s fields. The token hash
    // is unique: no `LIMIT`, which SQLite would plan again on every run.
    built::<(SessionTypes, AccountTypes, Bool)>(
        "SELECT s.id, s.account_id, s.created_at, s.last_seen_at, s.client_addr, \
         s.user_agent, a.id, a.seller_id, a.member_name, a.username, a.display_name, \
         a.email, a.phone, a.password_hash, a.is_main, a.disabled, a.must_change_password, \
         a.language, a.time_zone, a.created_at, a.updated_at, a.builtin_role, \
         a.custom_role_id, a.access_version, a.totp_secret, a.totp_last_step, \
         l.require_two_factor \
         FROM sessions s INNER JOIN accounts a ON a.id = s.account_id \
         INNER JOIN sellers l ON l.id = a.seller_id \
         WHERE s.token_hash = ? AND s.last_seen_at > ? AND s.created_at > ? \
         AND NOT a.disabled"
            .to_string(),
        vec![
            hash_token(token).as_str().into(),
            (now - policy.idle).into(),
            (now - policy.lifetime).into(),
        ],
    )
    .first_native(conn)
}

/// The SQL types of `SessionRow`'s fields, in order.
type SessionTypes = (BigInt, BigInt, Timestamp, Timestamp, Text, Text);

/// The SQL types of `Account`'s fields, in order.
type AccountTypes = (
    BigInt,
    BigInt,
    Nullable<Text>,
    Text,
    Text,
    Text,
    Nullable<Text>,
    Text,
    Bool,
    Bool,
    Bool,
    Nullable<Text>,
    Text,
    Timestamp,
    Timestamp,
    Nullable<Text>,
    Nullable<BigInt>,
    BigInt,
    Nullable<Text>,
    BigInt,
);

pub fn still_valid(
    conn: &mut DbConnection,
    session_id: i64,
    access_version: i64,
    policy: SessionPolicy,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        sessions::table
            .inner_join(accounts::table)
            .filter(sessions::id.eq(session_id))
            .filter(sessions::last_seen_at.gt(now - policy.idle))
            .filter(sessions::created_at.gt(now - policy.lifetime))
            .filter(accounts::disabled.eq(false))
            .filter(accounts::access_version.eq(access_version)),
    ))
    .get_result(conn)
}

pub fn touch(conn: &mut DbConnection, session_id: i64, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(sessions::table.filter(sessions::id.eq(session_id)))
        .set(sessions::last_seen_at.eq(now))
        .execute(conn)
        .map(|_| ())
}

/// Ends one session (sign-out).
pub fn end(conn: &mut DbConnection, session_id: i64) -> QueryResult<()> {
    diesel::delete(sessions::table.filter(sessions::id.eq(session_id)))
        .execute(conn)
        .map(|_| ())
}

/// Ends every session of the account except `keep`; returns how many ended.
pub fn end_others(conn: &mut DbConnection, account_id: i64, keep: i64) -> QueryResult<usize> {
    diesel::delete(
        sessions::table
            .filter(sessions::account_id.eq(account_id))
            .filter(sessions::id.ne(keep)),
    )
    .execute(conn)
}

/// Ends every session of the account (disabled, or its password reset).
pub fn end_all(conn: &mut DbConnection, account_id: i64) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::account_id.eq(account_id))).execute(conn)
}

/// The account's live sessions, most recently used first (My Account).
pub fn list(
    conn: &mut DbConnection,
    account_id: i64,
    policy: SessionPolicy,
    now: NaiveDateTime,
) -> QueryResult<Vec<SessionRow>> {
    sessions::table
        .filter(sessions::account_id.eq(account_id))
        .filter(sessions::last_seen_at.gt(now - policy.idle))
        .filter(sessions::created_at.gt(now - policy.lifetime))
        .order(sessions::last_seen_at.desc())
        .select(SessionRow::as_select())
        .load(conn)
}

/// Deletes expired sessions; returns how many.
pub fn prune(
    conn: &mut DbConnection,
    policy: SessionPolicy,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::delete(
        sessions::table.filter(
            sessions::last_seen_at
                .le(now - policy.idle)
                .or(sessions::created_at.le(now - policy.lifetime)),
        ),
    )
    .execute(conn)
}

/// Moves the accounts' access version on: their live-event streams end and reconnect
/// with what they may see now.
pub fn access_changed(conn: &mut DbConnection, account_ids: &[i64]) -> QueryResult<()> {
    diesel::update(accounts::table.filter(accounts::id.eq_any(account_ids)))
        .set(accounts::access_version.eq(accounts::access_version + 1))
        .execute(conn)
        .map(|_| ())
}

/// The same for every holder of a custom role whose permissions changed.
pub fn role_access_changed(conn: &mut DbConnection, role_id: i64) -> QueryResult<()> {
    diesel::update(accounts::table.filter(accounts::custom_role_id.eq(role_id)))
        .set(accounts::access_version.eq(accounts::access_version + 1))
        .execute(conn)
        .map(|_| ())
}

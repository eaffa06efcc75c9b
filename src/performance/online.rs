//! Agents' time Online: each stretch from going Online to leaving it (Idle, Offline, a
//! sign-out, the presence timeout) is added hour by hour when it ends, in the status
//! change's transaction; a stretch still running is counted up to now when read.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::BigInt;

use crate::db::DbConnection;
use crate::db::cached::{cached, statement};
use crate::db::schema::agent_presence;

statement!(
    /// Adds seconds to the agent's hour.
    AddOnline,
    "INSERT INTO agent_online_hours (seller_id, hour, account_id, seconds) VALUES (?, ?, ?, ?) \
     ON CONFLICT (seller_id, hour, account_id) DO UPDATE SET \
     seconds = agent_online_hours.seconds + excluded.seconds"
);

fn epoch_seconds(t: NaiveDateTime) -> i64 {
    t.and_utc().timestamp()
}

/// `[from, to)` cut at UTC hours: (hour since the epoch, seconds in it).
pub fn hours_of(from: NaiveDateTime, to: NaiveDateTime) -> Vec<(i64, i64)> {
    let (mut at, end) = (epoch_seconds(from), epoch_seconds(to));
    let mut out = Vec::new();
    while at < end {
        let hour = at.div_euclid(3600);
        let next = ((hour + 1) * 3600).min(end);
        out.push((hour, next - at));
        at = next;
    }
    out
}

/// A stretch Online ended: its seconds go to its hours.
pub fn add_stretch(
    c: &mut DbConnection,
    seller_id: i64,
    account_id: i64,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> QueryResult<()> {
    for (hour, seconds) in hours_of(from, to) {
        cached::<AddOnline>(vec![
            seller_id.into(),
            hour.into(),
            account_id.into(),
            seconds.into(),
        ])
        .execute(c)?;
    }
    Ok(())
}

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = BigInt)]
    account_id: i64,
    #[diesel(sql_type = BigInt)]
    seconds: i64,
}

/// Seconds Online in the UTC hours `[start, end)` of the given agents, stretches still
/// running counted up to `now`.
pub fn seconds_by_agent(
    c: &mut DbConnection,
    seller_id: i64,
    accounts: &[i64],
    hours: (i64, i64),
    now: NaiveDateTime,
) -> QueryResult<BTreeMap<i64, i64>> {
    if accounts.is_empty() {
        return Ok(BTreeMap::new());
    }
    // Integers of ours only: nothing typed by anyone reaches the SQL.
    let ids = accounts
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let rows: Vec<Row> = diesel::sql_query(format!(
        "SELECT account_id, CAST(SUM(seconds) AS BIGINT) AS seconds FROM agent_online_hours \
         WHERE seller_id = {seller_id} AND hour >= {} AND hour < {} AND account_id IN ({ids}) \
         GROUP BY account_id",
        hours.0, hours.1
    ))
    .load(c)?;
    let mut out: BTreeMap<i64, i64> = rows
        .into_iter()
        .map(|r| (r.account_id, r.seconds))
        .collect();
    let running: Vec<(i64, Option<NaiveDateTime>)> = agent_presence::table
        .filter(agent_presence::seller_id.eq(seller_id))
        .filter(agent_presence::account_id.eq_any(accounts))
        .filter(agent_presence::online_since.is_not_null())
        .select((agent_presence::account_id, agent_presence::online_since))
        .load(c)?;
    for (account_id, since) in running {
        let Some(since) = since else { continue };
        let inside: i64 = hours_of(since, now)
            .into_iter()
            .filter(|(hour, _)| *hour >= hours.0 && *hour < hours.1)
            .map(|(_, seconds)| seconds)
            .sum();
        if inside > 0 {
            *out.entry(account_id).or_default() += inside;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stretch_is_cut_at_hours() {
        let t = |h: u32, m: u32, s: u32| {
            chrono::NaiveDate::from_ymd_opt(2026, 11, 20)
                .and_then(|d| d.and_hms_opt(h, m, s))
                .unwrap()
        };
        let base = epoch_seconds(t(0, 0, 0)) / 3600;
        assert_eq!(
            hours_of(t(9, 30, 0), t(11, 15, 0)),
            [(base + 9, 1800), (base + 10, 3600), (base + 11, 900)]
        );
        assert_eq!(hours_of(t(9, 0, 0), t(9, 0, 5)), [(base + 9, 5)]);
        assert!(hours_of(t(9, 0, 0), t(8, 0, 0)).is_empty());
    }
}

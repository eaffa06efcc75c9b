//! Reads the tallies for a range and a scope, and folds them into what the page and the
//! export show: totals, one row per agent, and one point per day. Agents' figures come
//! from daily rollups with hours only at the range's ends; the days' from the team's
//! hours, without the agents.

use std::collections::BTreeMap;

use chrono::{NaiveDate, Offset};
use chrono_tz::Tz;
use diesel::prelude::*;
use diesel::sql_types::BigInt;

use super::indicators::Tally;
use super::range::{DayRange, local_day};
use crate::db::DbConnection;
use crate::db::schema::accounts;

/// Whose figures a report covers; always within one seller.
#[derive(Debug, Clone)]
pub struct Scope {
    pub seller_id: i64,
    /// The stores the viewer may see (and chose); empty means nothing to show.
    pub store_ids: Vec<i64>,
    pub group_id: Option<i64>,
    /// Set for viewers who see only their own figures.
    pub account_id: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct AgentRow {
    pub account_id: i64,
    pub display_name: String,
    pub username: String,
    pub tally: Tally,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub total: Tally,
    pub agents: Vec<AgentRow>,
    pub days: Vec<(NaiveDate, Tally)>,
}

/// Tallies summed per `grp`: an account id, or a bucket of the chart (see `Buckets`).
#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = BigInt)]
    grp: i64,
    #[diesel(embed)]
    tally: Tally,
}

/// How rows are grouped: per day in SQL when the viewer's zone keeps one UTC offset over
/// the whole range (at most agents × days rows), else per hour, mapped to days here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Buckets {
    /// Days since the epoch for a fixed offset of this many seconds.
    Days {
        offset: i64,
    },
    Hours,
}

impl Buckets {
    fn for_range(tz: Tz, hours: (i64, i64)) -> Buckets {
        let offset_at = |hour: i64| {
            chrono::DateTime::from_timestamp(hour * 3600, 0)
                .map(|t| i64::from(t.with_timezone(&tz).offset().fix().local_minus_utc()))
        };
        let first = offset_at(hours.0);
        let fixed = (hours.0..hours.1)
            .step_by(6)
            .chain([hours.1 - 1])
            .all(|h| offset_at(h) == first);
        match first {
            Some(offset) if fixed => Buckets::Days { offset },
            _ => Buckets::Hours,
        }
    }

    fn sql(self) -> String {
        match self {
            Buckets::Days { offset } => format!("(hour * 3600 + {offset}) / 86400"),
            Buckets::Hours => "hour".to_string(),
        }
    }

    fn day(self, tz: Tz, bucket: i64) -> NaiveDate {
        match self {
            Buckets::Days { .. } => NaiveDate::default() + chrono::Duration::days(bucket),
            Buckets::Hours => local_day(tz, bucket),
        }
    }
}

/// The scope as SQL conditions. Every value spliced in is an integer of ours: nothing a
/// user typed reaches the SQL.
fn scope_filter(scope: &Scope) -> String {
    let stores = scope
        .store_ids
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let mut filter = format!("seller_id = {} AND store_id IN ({stores})", scope.seller_id);
    if let Some(group) = scope.group_id {
        filter.push_str(&format!(" AND group_id = {group}"));
    }
    if let Some(account) = scope.account_id {
        filter.push_str(&format!(" AND account_id = {account}"));
    }
    filter
}

fn sums() -> String {
    super::TALLY_COLUMNS
        .iter()
        .map(|col| format!("CAST(SUM({col}) AS BIGINT) AS {col}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The range's UTC hours split where whole UTC days can be read from the daily rollup:
/// `(days, hours)`, the days `[first, end)` and the hour spans before and after them.
fn split(hours: (i64, i64)) -> ((i64, i64), Vec<(i64, i64)>) {
    let (start, end) = hours;
    let (first_day, end_day) = (
        start.div_euclid(24) + i64::from(start.rem_euclid(24) != 0),
        end.div_euclid(24),
    );
    if first_day >= end_day {
        return ((0, 0), vec![(start, end)]);
    }
    let spans = [(start, first_day * 24), (end_day * 24, end)]
        .into_iter()
        .filter(|(a, b)| a < b)
        .collect();
    ((first_day, end_day), spans)
}

/// Each agent's tallies over the range: whole UTC days from `agent_daily_stats`, the
/// hours at the ends from `agent_hourly_stats`. The cost follows agents × days.
fn load_agents(c: &mut DbConnection, scope: &Scope, hours: (i64, i64)) -> QueryResult<Vec<Row>> {
    let filter = scope_filter(scope);
    let ((first_day, end_day), spans) = split(hours);
    let mut parts = Vec::new();
    if first_day < end_day {
        parts.push(format!(
            "SELECT account_id, {cols} FROM agent_daily_stats WHERE {filter} \
             AND day >= {first_day} AND day < {end_day}",
            cols = super::TALLY_COLUMNS.join(", ")
        ));
    }
    for (from, to) in spans {
        parts.push(format!(
            "SELECT account_id, {cols} FROM agent_hourly_stats WHERE {filter} \
             AND hour >= {from} AND hour < {to}",
            cols = super::TALLY_COLUMNS.join(", ")
        ));
    }
    let sql = format!(
        "SELECT account_id AS grp, {sums} FROM ({parts}) AS r GROUP BY account_id",
        sums = sums(),
        parts = parts.join(" UNION ALL ")
    );
    diesel::sql_query(sql).load(c)
}

/// The chart's buckets over the range: the team's hours without the agents, or the
/// agent's own hours for viewers who see only their own figures.
fn load_chart(
    c: &mut DbConnection,
    scope: &Scope,
    hours: (i64, i64),
    buckets: Buckets,
) -> QueryResult<Vec<Row>> {
    let table = match scope.account_id {
        Some(_) => "agent_hourly_stats",
        None => "team_hourly_stats",
    };
    let sql = format!(
        "SELECT {bucket} AS grp, {sums} FROM {table} WHERE {filter} \
         AND hour >= {start} AND hour < {end} GROUP BY grp",
        bucket = buckets.sql(),
        sums = sums(),
        filter = scope_filter(scope),
        start = hours.0,
        end = hours.1,
    );
    diesel::sql_query(sql).load(c)
}

pub fn build(c: &mut DbConnection, scope: &Scope, range: &DayRange, tz: Tz) -> QueryResult<Report> {
    let mut per_day: BTreeMap<NaiveDate, Tally> =
        range.days().map(|d| (d, Tally::default())).collect();
    if scope.store_ids.is_empty() {
        return Ok(Report {
            total: Tally::default(),
            agents: Vec::new(),
            days: per_day.into_iter().collect(),
        });
    }
    let hours = range.hours(tz);
    let buckets = Buckets::for_range(tz, hours);
    let mut total = Tally::default();
    for row in load_chart(c, scope, hours, buckets)? {
        let tally = row.tally;
        total += tally;
        if let Some(day) = per_day.get_mut(&buckets.day(tz, row.grp)) {
            *day += tally;
        }
    }
    let per_agent: BTreeMap<i64, Tally> = load_agents(c, scope, hours)?
        .iter()
        .map(|row| (row.grp, row.tally))
        .collect();
    let ids: Vec<i64> = per_agent.keys().copied().collect();
    let names: Vec<(i64, String, String)> = accounts::table
        .filter(accounts::seller_id.eq(scope.seller_id))
        .filter(accounts::id.eq_any(&ids))
        .select((accounts::id, accounts::display_name, accounts::username))
        .load(c)?;
    let agents = names
        .into_iter()
        .map(|(account_id, display_name, username)| AgentRow {
            tally: per_agent.get(&account_id).copied().unwrap_or_default(),
            account_id,
            display_name,
            username,
        })
        .collect();
    Ok(Report {
        total,
        agents,
        days: per_day.into_iter().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_utc_days_are_read_daily_and_the_ends_hourly() {
        // Bangkok's 1–2 January: 17:00 UTC on 31 December to 17:00 on 2 January.
        let start = 20_454 * 24 - 7;
        assert_eq!(
            split((start, start + 48)),
            (
                (20_454, 20_455),
                vec![(start, 20_454 * 24), (20_455 * 24, start + 48)]
            )
        );
        // UTC days: no hours at all.
        assert_eq!(split((240, 288)), ((10, 12), vec![]));
        // Shorter than a whole UTC day inside: hours only.
        assert_eq!(split((250, 270)), ((0, 0), vec![(250, 270)]));
        assert_eq!(split((250, 290)), ((11, 12), vec![(250, 264), (288, 290)]));
    }

    #[test]
    fn days_are_grouped_in_sql_only_where_the_offset_is_fixed() {
        let range = DayRange {
            first: NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
            last: NaiveDate::from_ymd_opt(2026, 12, 31).expect("date"),
        };
        let bangkok = chrono_tz::Asia::Bangkok;
        let berlin = chrono_tz::Europe::Berlin;
        let fixed = Buckets::for_range(bangkok, range.hours(bangkok));
        assert_eq!(fixed, Buckets::Days { offset: 7 * 3600 });
        assert_eq!(
            Buckets::for_range(berlin, range.hours(berlin)),
            Buckets::Hours
        );
        // Both groupings name the same local day for an hour.
        let (start, _) = range.hours(bangkok);
        for hour in [start, start + 16, start + 17, start + 100] {
            let bucket = (hour * 3600 + 7 * 3600) / 86400;
            assert_eq!(
                fixed.day(bangkok, bucket),
                Buckets::Hours.day(bangkok, hour)
            );
        }
    }
}

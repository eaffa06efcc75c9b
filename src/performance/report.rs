//! Reads the hourly tallies for a range and a scope, and folds them into what the page
//! and the export show: totals, one row per agent, and one point per day.

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

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = BigInt)]
    account_id: i64,
    /// An hour, or a day of the viewer's (see `Buckets`).
    #[diesel(sql_type = BigInt)]
    bucket: i64,
    #[diesel(sql_type = BigInt)]
    chats_received: i64,
    #[diesel(sql_type = BigInt)]
    chats_replied: i64,
    #[diesel(sql_type = BigInt)]
    replied_in_time: i64,
    #[diesel(sql_type = BigInt)]
    first_response_seconds: i64,
    #[diesel(sql_type = BigInt)]
    responses: i64,
    #[diesel(sql_type = BigInt)]
    response_seconds: i64,
    #[diesel(sql_type = BigInt)]
    resolved: i64,
    #[diesel(sql_type = BigInt)]
    messages_sent: i64,
}

impl Row {
    fn tally(&self) -> Tally {
        Tally {
            chats_received: self.chats_received,
            chats_replied: self.chats_replied,
            replied_in_time: self.replied_in_time,
            first_response_seconds: self.first_response_seconds,
            responses: self.responses,
            response_seconds: self.response_seconds,
            resolved: self.resolved,
            messages_sent: self.messages_sent,
        }
    }
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

/// Per agent and bucket, summed over stores and groups: the cost follows agents × days
/// of the range, whatever the number of messages behind them.
fn load_rows(
    c: &mut DbConnection,
    scope: &Scope,
    hours: (i64, i64),
    buckets: Buckets,
) -> QueryResult<Vec<Row>> {
    if scope.store_ids.is_empty() {
        return Ok(Vec::new());
    }
    // Every value spliced in is an integer of ours: nothing a user typed reaches the SQL.
    let stores = scope
        .store_ids
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let mut filter = format!(
        "seller_id = {} AND hour >= {} AND hour < {} AND store_id IN ({stores})",
        scope.seller_id, hours.0, hours.1
    );
    if let Some(group) = scope.group_id {
        filter.push_str(&format!(" AND group_id = {group}"));
    }
    if let Some(account) = scope.account_id {
        filter.push_str(&format!(" AND account_id = {account}"));
    }
    let sums = super::TALLY_COLUMNS
        .iter()
        .map(|col| format!("CAST(SUM({col}) AS BIGINT) AS {col}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT account_id, {} AS bucket, {sums} FROM agent_hourly_stats WHERE {filter} \
         GROUP BY account_id, bucket",
        buckets.sql()
    );
    diesel::sql_query(sql).load(c)
}

pub fn build(c: &mut DbConnection, scope: &Scope, range: &DayRange, tz: Tz) -> QueryResult<Report> {
    let hours = range.hours(tz);
    let buckets = Buckets::for_range(tz, hours);
    let rows = load_rows(c, scope, hours, buckets)?;
    let mut total = Tally::default();
    let mut per_agent: BTreeMap<i64, Tally> = BTreeMap::new();
    let mut per_day: BTreeMap<NaiveDate, Tally> =
        range.days().map(|d| (d, Tally::default())).collect();
    for row in &rows {
        let tally = row.tally();
        total += tally;
        *per_agent.entry(row.account_id).or_default() += tally;
        if let Some(day) = per_day.get_mut(&buckets.day(tz, row.bucket)) {
            *day += tally;
        }
    }
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

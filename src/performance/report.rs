//! Reads the tallies for a range and a scope, and folds them into what the page and the
//! export show: totals, one row per agent, and one point per day. Agents' figures come
//! from daily rollups with hours only at the range's ends; the days' from the team's
//! hours, without the agents.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Timelike};
use chrono_tz::Tz;
use diesel::prelude::*;
use diesel::sql_types::BigInt;

use super::indicators::{BAND_COLUMNS, Bands, Tally};
use super::range::DayRange;
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
    /// Seconds with the status Online in the range (in any store: presence is the
    /// agent's, not a store's).
    pub online_seconds: i64,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub total: Tally,
    pub agents: Vec<AgentRow>,
    pub days: Vec<(NaiveDate, Tally)>,
    /// Chats received by the viewer's weekday (Monday first) and hour of the day.
    pub busiest: [[i64; 24]; 7],
}

/// Tallies summed per `grp`: an account id, or a UTC hour.
#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = BigInt)]
    grp: i64,
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
    /// The row's tallies. Rows carry no time bands: a range reads them once, for its
    /// total (`load_bands`), which keeps every row of these reads eight values wide.
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
            bands: Bands::default(),
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

/// The tally columns summed.
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

/// The range's hours for the chart and the heatmap: the team's hours without the agents,
/// or the agent's own hours for viewers who see only their own figures. At most one row
/// per hour of the range, mapped to the viewer's days and hours here.
fn load_hours(c: &mut DbConnection, scope: &Scope, hours: (i64, i64)) -> QueryResult<Vec<Row>> {
    let table = match scope.account_id {
        Some(_) => "agent_hourly_stats",
        None => "team_hourly_stats",
    };
    let sql = format!(
        "SELECT hour AS grp, {sums} FROM {table} WHERE {filter} \
         AND hour >= {start} AND hour < {end} GROUP BY hour",
        sums = sums(),
        filter = scope_filter(scope),
        start = hours.0,
        end = hours.1,
    );
    diesel::sql_query(sql).load(c)
}

#[derive(QueryableByName)]
struct BandSums {
    #[diesel(embed)]
    bands: Bands,
}

/// The range's time bands in all: whole UTC days from the team's daily bands and the
/// hours at the ends from its hourly ones; a viewer who sees only their own figures,
/// from their own hours (one agent's hours are few).
fn load_bands(c: &mut DbConnection, scope: &Scope, hours: (i64, i64)) -> QueryResult<Bands> {
    let filter = scope_filter(scope);
    let mut parts = Vec::new();
    let cols = BAND_COLUMNS.join(", ");
    match scope.account_id {
        Some(_) => parts.push(format!(
            "SELECT {cols} FROM agent_hourly_bands WHERE {filter} \
             AND hour >= {} AND hour < {}",
            hours.0, hours.1
        )),
        None => {
            let ((first_day, end_day), spans) = split(hours);
            if first_day < end_day {
                parts.push(format!(
                    "SELECT {cols} FROM team_daily_bands WHERE {filter} \
                     AND day >= {first_day} AND day < {end_day}"
                ));
            }
            for (from, to) in spans {
                parts.push(format!(
                    "SELECT {cols} FROM team_hourly_bands WHERE {filter} \
                     AND hour >= {from} AND hour < {to}"
                ));
            }
        }
    }
    let sums = BAND_COLUMNS
        .iter()
        .map(|col| format!("CAST(COALESCE(SUM({col}), 0) AS BIGINT) AS {col}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!("SELECT {sums} FROM ({}) AS r", parts.join(" UNION ALL "));
    Ok(diesel::sql_query(sql).get_result::<BandSums>(c)?.bands)
}

pub fn build(c: &mut DbConnection, scope: &Scope, range: &DayRange, tz: Tz) -> QueryResult<Report> {
    let mut report = Report {
        total: Tally::default(),
        agents: Vec::new(),
        days: Vec::new(),
        busiest: [[0; 24]; 7],
    };
    let mut per_day: BTreeMap<NaiveDate, Tally> =
        range.days().map(|d| (d, Tally::default())).collect();
    if scope.store_ids.is_empty() {
        report.days = per_day.into_iter().collect();
        return Ok(report);
    }
    let hours = range.hours(tz);
    for row in load_hours(c, scope, hours)? {
        report.total += row.tally();
        let Some(local) = chrono::DateTime::from_timestamp(row.grp * 3600, 0)
            .map(|t| t.with_timezone(&tz).naive_local())
        else {
            continue;
        };
        if let Some(day) = per_day.get_mut(&local.date()) {
            *day += row.tally();
        }
        let weekday = local.weekday().num_days_from_monday() as usize;
        report.busiest[weekday][local.hour() as usize] += row.chats_received;
    }
    report.days = per_day.into_iter().collect();
    report.total.bands = load_bands(c, scope, hours)?;
    let per_agent: BTreeMap<i64, Tally> = load_agents(c, scope, hours)?
        .iter()
        .map(|row| (row.grp, row.tally()))
        .collect();
    let ids: Vec<i64> = per_agent.keys().copied().collect();
    let names: Vec<(i64, String, String)> = accounts::table
        .filter(accounts::seller_id.eq(scope.seller_id))
        .filter(accounts::id.eq_any(&ids))
        .select((accounts::id, accounts::display_name, accounts::username))
        .load(c)?;
    let online = super::online::seconds_by_agent(
        c,
        scope.seller_id,
        &ids,
        hours,
        chrono::Utc::now().naive_utc(),
    )?;
    report.agents = names
        .into_iter()
        .map(|(account_id, display_name, username)| AgentRow {
            tally: per_agent.get(&account_id).copied().unwrap_or_default(),
            online_seconds: online.get(&account_id).copied().unwrap_or(0),
            account_id,
            display_name,
            username,
        })
        .collect();
    Ok(report)
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
}

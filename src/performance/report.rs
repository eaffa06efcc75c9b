//! Reads the hourly tallies for a range and a scope, and folds them into what the page
//! and the export show: totals, one row per agent, and one point per day.

use std::collections::BTreeMap;

use chrono::NaiveDate;
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
    #[diesel(sql_type = BigInt)]
    hour: i64,
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

/// Per agent and hour, summed over stores and groups: the most rows a range can cost is
/// agents × hours, whatever the number of messages behind them.
fn load_rows(c: &mut DbConnection, scope: &Scope, hours: (i64, i64)) -> QueryResult<Vec<Row>> {
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
        "SELECT account_id, hour, {sums} FROM agent_hourly_stats WHERE {filter} \
         GROUP BY account_id, hour"
    );
    diesel::sql_query(sql).load(c)
}

pub fn build(c: &mut DbConnection, scope: &Scope, range: &DayRange, tz: Tz) -> QueryResult<Report> {
    let rows = load_rows(c, scope, range.hours(tz))?;
    let mut total = Tally::default();
    let mut per_agent: BTreeMap<i64, Tally> = BTreeMap::new();
    let mut per_day: BTreeMap<NaiveDate, Tally> =
        range.days().map(|d| (d, Tally::default())).collect();
    for row in &rows {
        let tally = row.tally();
        total += tally;
        *per_agent.entry(row.account_id).or_default() += tally;
        if let Some(day) = per_day.get_mut(&local_day(tz, row.hour)) {
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

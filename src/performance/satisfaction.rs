//! Buyer satisfaction in Performance Data: the ratings given in the range (in the
//! viewer's zone), as an average score and CSAT (the share of 4 and 5 stars), in all
//! and per agent, store and group, with the newest comments. Ratings are few beside
//! messages (one per closed chat at most), so they are read as they are.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamp};

use super::report::Scope;
use crate::db::DbConnection;

/// How many comments the page shows, newest first.
pub const COMMENTS_SHOWN: i64 = 20;

/// Ratings summed: how many, the sum of their scores, and how many were 4 or 5.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Csat {
    pub ratings: i64,
    pub score_sum: i64,
    pub satisfied: i64,
}

impl Csat {
    pub fn average(&self) -> Option<f64> {
        (self.ratings > 0).then(|| self.score_sum as f64 / self.ratings as f64)
    }

    /// The share of satisfied buyers, as a fraction.
    pub fn share(&self) -> Option<f64> {
        (self.ratings > 0).then(|| self.satisfied as f64 / self.ratings as f64)
    }

    fn add(&mut self, other: &Csat) {
        self.ratings += other.ratings;
        self.score_sum += other.score_sum;
        self.satisfied += other.satisfied;
    }
}

/// A named line of a breakdown (an agent, a store or a group).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub name: String,
    pub csat: Csat,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub conversation_id: i64,
    pub score: i32,
    pub comment: String,
    pub agent: Option<String>,
    pub store: String,
    pub at: NaiveDateTime,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Satisfaction {
    pub total: Csat,
    pub agents: Vec<Line>,
    pub stores: Vec<Line>,
    pub groups: Vec<Line>,
    pub comments: Vec<Comment>,
}

#[derive(QueryableByName)]
struct Sum {
    #[diesel(sql_type = Nullable<BigInt>)]
    agent_id: Option<i64>,
    #[diesel(sql_type = BigInt)]
    store_id: i64,
    #[diesel(sql_type = Nullable<BigInt>)]
    group_id: Option<i64>,
    #[diesel(sql_type = BigInt)]
    ratings: i64,
    #[diesel(sql_type = BigInt)]
    score_sum: i64,
    #[diesel(sql_type = BigInt)]
    satisfied: i64,
}

#[derive(QueryableByName)]
struct CommentRow {
    #[diesel(sql_type = BigInt)]
    conversation_id: i64,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    score: i32,
    #[diesel(sql_type = Text)]
    comment: String,
    #[diesel(sql_type = Nullable<BigInt>)]
    agent_id: Option<i64>,
    #[diesel(sql_type = BigInt)]
    store_id: i64,
    #[diesel(sql_type = Timestamp)]
    created_at: NaiveDateTime,
}

/// The scope as SQL conditions on `chat_ratings r`: every value spliced in is an
/// integer of ours.
fn scope_filter(scope: &Scope) -> String {
    let stores = scope
        .store_ids
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let mut filter = format!(
        "r.seller_id = {} AND r.store_id IN ({stores})",
        scope.seller_id
    );
    if let Some(group) = scope.group_id {
        filter.push_str(&format!(" AND r.group_id = {group}"));
    }
    if let Some(account) = scope.account_id {
        filter.push_str(&format!(" AND r.agent_id = {account}"));
    }
    filter
}

/// Names of the seller's agents, stores and groups, by id.
pub struct Names {
    pub agents: BTreeMap<i64, String>,
    pub stores: BTreeMap<i64, String>,
    pub groups: BTreeMap<i64, String>,
}

/// The ratings given in `[from, to)` in the scope.
pub fn load(
    c: &mut DbConnection,
    scope: &Scope,
    (from, to): (NaiveDateTime, NaiveDateTime),
    names: &Names,
) -> QueryResult<Satisfaction> {
    if scope.store_ids.is_empty() {
        return Ok(Satisfaction::default());
    }
    let filter = scope_filter(scope);
    let sums: Vec<Sum> = diesel::sql_query(format!(
        "SELECT r.agent_id, r.store_id, r.group_id, COUNT(*) AS ratings, \
         CAST(SUM(r.score) AS BIGINT) AS score_sum, \
         CAST(SUM(CASE WHEN r.score >= 4 THEN 1 ELSE 0 END) AS BIGINT) AS satisfied \
         FROM chat_ratings r WHERE {filter} AND r.created_at >= $1 AND r.created_at < $2 \
         GROUP BY r.agent_id, r.store_id, r.group_id"
    ))
    .bind::<Timestamp, _>(from)
    .bind::<Timestamp, _>(to)
    .load(c)?;
    let mut total = Csat::default();
    let (mut agents, mut stores, mut groups) = (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
    for sum in &sums {
        let csat = Csat {
            ratings: sum.ratings,
            score_sum: sum.score_sum,
            satisfied: sum.satisfied,
        };
        total.add(&csat);
        if let Some(agent) = sum.agent_id {
            agents.entry(agent).or_insert_with(Csat::default).add(&csat);
        }
        stores
            .entry(sum.store_id)
            .or_insert_with(Csat::default)
            .add(&csat);
        if let Some(group) = sum.group_id {
            groups.entry(group).or_insert_with(Csat::default).add(&csat);
        }
    }
    let lines = |sums: BTreeMap<i64, Csat>, named: &BTreeMap<i64, String>| {
        let mut lines: Vec<Line> = sums
            .into_iter()
            .filter_map(|(id, csat)| {
                Some(Line {
                    name: named.get(&id)?.clone(),
                    csat,
                })
            })
            .collect();
        lines.sort_by(|a, b| {
            b.csat
                .ratings
                .cmp(&a.csat.ratings)
                .then(a.name.cmp(&b.name))
        });
        lines
    };
    let comments: Vec<CommentRow> = diesel::sql_query(format!(
        "SELECT r.conversation_id, r.score, r.comment, r.agent_id, r.store_id, r.created_at \
         FROM chat_ratings r WHERE {filter} AND r.created_at >= $1 AND r.created_at < $2 \
         AND r.comment <> '' ORDER BY r.created_at DESC, r.id DESC LIMIT {COMMENTS_SHOWN}"
    ))
    .bind::<Timestamp, _>(from)
    .bind::<Timestamp, _>(to)
    .load(c)?;
    Ok(Satisfaction {
        total,
        agents: lines(agents, &names.agents),
        stores: lines(stores, &names.stores),
        groups: lines(groups, &names.groups),
        comments: comments
            .into_iter()
            .map(|r| Comment {
                conversation_id: r.conversation_id,
                score: r.score,
                comment: r.comment,
                agent: r.agent_id.and_then(|a| names.agents.get(&a).cloned()),
                store: names.stores.get(&r.store_id).cloned().unwrap_or_default(),
                at: r.created_at,
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::Csat;

    #[test]
    fn average_and_share() {
        let csat = Csat {
            ratings: 4,
            score_sum: 15,
            satisfied: 3,
        };
        assert_eq!(csat.average(), Some(3.75));
        assert_eq!(csat.share(), Some(0.75));
        assert_eq!(Csat::default().average(), None);
    }
}

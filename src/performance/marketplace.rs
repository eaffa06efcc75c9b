//! The marketplace's own response rate per store, computed as the marketplace does
//! (the store's rule in Chat Assignment → Settings): of the new chats of the last
//! `window_days`, the share answered within `limit_hours`. A chat still inside its limit
//! and unanswered does not count yet; it is where the rate is heading. The figures are
//! counted in SQL from each chat's first-answer time, which the core keeps.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamp};

use crate::chat_assignment::settings::RateRule;
use crate::db::DbConnection;
use crate::db::cached::{Value, built};

/// How many of the chats that cost the rate a page lists.
pub const MISSED_PAGE: i64 = 50;

/// One stretch of the window (a week, or the whole window).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// New chats started in the stretch.
    pub started: i64,
    /// Of those, answered within the limit.
    pub in_time: i64,
    /// Unanswered and still inside their limit: not counted yet.
    pub pending: i64,
    /// Answered after the limit, or not at all and past it.
    pub missed: i64,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.started += o.started;
        self.in_time += o.in_time;
        self.pending += o.pending;
        self.missed += o.missed;
    }
}

impl Counts {
    /// The chats the marketplace counts now.
    pub fn counted(&self) -> i64 {
        self.started - self.pending
    }

    /// The rate now, as a fraction; `None` with nothing counted.
    pub fn rate(&self) -> Option<f64> {
        ratio(self.in_time, self.counted())
    }

    /// Where the rate is heading: every pending chat answered in time, or none.
    pub fn best(&self) -> Option<f64> {
        ratio(self.in_time + self.pending, self.started)
    }

    pub fn worst(&self) -> Option<f64> {
        ratio(self.in_time, self.started)
    }
}

fn ratio(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// The first answer as the rule counts it: the agent's first reply, or the earlier of
/// that and the first automatic reply when automatic replies count.
fn answer(rule: &RateRule) -> &'static str {
    if rule.counts_auto_replies {
        "(CASE WHEN c.first_auto_reply_seconds IS NOT NULL AND (c.first_reply_seconds IS NULL \
         OR c.first_auto_reply_seconds < c.first_reply_seconds) \
         THEN c.first_auto_reply_seconds ELSE c.first_reply_seconds END)"
    } else {
        "c.first_reply_seconds"
    }
}

/// The store's counts for chats started in each of `stretches` (contiguous, oldest
/// first), as of `now`, in one pass over the store's chats of the whole span: each chat
/// falls in the stretch whose start it has passed last.
pub fn counts(
    c: &mut DbConnection,
    store_id: i64,
    rule: &RateRule,
    stretches: &[(NaiveDateTime, NaiveDateTime)],
    now: NaiveDateTime,
) -> QueryResult<Vec<Counts>> {
    let (Some(first), Some(last)) = (stretches.first(), stretches.last()) else {
        return Ok(Vec::new());
    };
    let answer = answer(rule);
    let bucket = match stretches.len() {
        1 => "0".to_string(),
        _ => stretches[1..]
            .iter()
            .map(|_| "CASE WHEN c.created_at >= ? THEN 1 ELSE 0 END")
            .collect::<Vec<_>>()
            .join(" + "),
    };
    let sql = format!(
        "SELECT CAST({bucket} AS BIGINT) AS bucket, COUNT(*) AS started, \
         CAST(SUM(CASE WHEN {answer} <= ? THEN 1 ELSE 0 END) AS BIGINT) AS in_time, \
         CAST(SUM(CASE WHEN {answer} IS NULL AND c.created_at > ? THEN 1 ELSE 0 END) \
          AS BIGINT) AS pending, \
         CAST(SUM(CASE WHEN {answer} > ? OR ({answer} IS NULL AND c.created_at <= ?) \
          THEN 1 ELSE 0 END) AS BIGINT) AS missed \
         FROM conversations c WHERE c.store_id = ? AND c.created_at >= ? AND c.created_at < ? \
         GROUP BY 1"
    );
    let starts = || stretches[1..].iter().map(|(from, _)| Value::from(*from));
    let cutoff = now - limit(rule);
    let values: Vec<Value> = starts()
        .chain([
            limit_seconds(rule).into(),
            cutoff.into(),
            limit_seconds(rule).into(),
            cutoff.into(),
            store_id.into(),
            first.0.into(),
            last.1.into(),
        ])
        .collect();
    type Types = (BigInt, BigInt, BigInt, BigInt, BigInt);
    let rows: Vec<(i64, i64, i64, i64, i64)> = built::<Types>(sql, values).load_native(c)?;
    let mut out = vec![Counts::default(); stretches.len()];
    for (bucket, started, in_time, pending, missed) in rows {
        if let Some(counts) = usize::try_from(bucket).ok().and_then(|b| out.get_mut(b)) {
            *counts = Counts {
                started,
                in_time,
                pending,
                missed,
            };
        }
    }
    Ok(out)
}

fn limit(rule: &RateRule) -> Duration {
    Duration::hours(i64::from(rule.limit_hours))
}

fn limit_seconds(rule: &RateRule) -> i64 {
    limit(rule).num_seconds()
}

/// Where the window of the rule starts, seen at `now`.
pub fn window_start(rule: &RateRule, now: NaiveDateTime) -> NaiveDateTime {
    now - Duration::days(i64::from(rule.window_days))
}

/// The window in weeks back from `now`, oldest first (the first may be shorter).
pub fn weeks(rule: &RateRule, now: NaiveDateTime) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    let start = window_start(rule, now);
    let mut out = Vec::new();
    let mut end = now;
    while end > start {
        let from = (end - Duration::days(7)).max(start);
        out.push((from, end));
        end = from;
    }
    out.reverse();
    out
}

/// A chat that cost the rate: answered after the limit, or not at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missed {
    pub conversation_id: i64,
    pub buyer: String,
    pub started_at: NaiveDateTime,
    /// Seconds to its first answer; `None` when never answered.
    pub answered_after: Option<i64>,
}

#[derive(QueryableByName)]
struct MissedRow {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = Text)]
    buyer: String,
    #[diesel(sql_type = Timestamp)]
    created_at: NaiveDateTime,
    #[diesel(sql_type = Nullable<BigInt>)]
    answer: Option<i64>,
}

/// The window's missed chats, newest first, `MISSED_PAGE` from `offset` (how many there
/// are in all is `Counts::missed`).
pub fn missed(
    c: &mut DbConnection,
    store_id: i64,
    rule: &RateRule,
    now: NaiveDateTime,
    offset: i64,
) -> QueryResult<Vec<Missed>> {
    let answer = answer(rule);
    // `$n` is PostgreSQL's placeholder; SQLite reads it as a numbered one too.
    let rows: Vec<MissedRow> = diesel::sql_query(format!(
        "SELECT c.id AS id, b.display_name AS buyer, c.created_at AS created_at, \
         {answer} AS answer FROM conversations c JOIN buyers b ON b.id = c.buyer_id \
         WHERE c.store_id = $1 AND c.created_at >= $2 \
         AND ({answer} > $3 OR ({answer} IS NULL AND c.created_at <= $4)) \
         ORDER BY c.created_at DESC, c.id DESC LIMIT $5 OFFSET $6"
    ))
    .bind::<BigInt, _>(store_id)
    .bind::<Timestamp, _>(window_start(rule, now))
    .bind::<BigInt, _>(limit_seconds(rule))
    .bind::<Timestamp, _>(now - limit(rule))
    .bind::<BigInt, _>(MISSED_PAGE)
    .bind::<BigInt, _>(offset.max(0))
    .load(c)?;
    Ok(rows
        .into_iter()
        .map(|r| Missed {
            conversation_id: r.id,
            buyer: r.buyer,
            started_at: r.created_at,
            answered_after: r.answer,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rate_now_and_where_it_is_heading() {
        let counts = Counts {
            started: 10,
            in_time: 6,
            pending: 2,
            missed: 2,
        };
        assert_eq!(counts.counted(), 8);
        assert_eq!(counts.rate(), Some(0.75));
        assert_eq!(counts.best(), Some(0.8));
        assert_eq!(counts.worst(), Some(0.6));
        assert_eq!(Counts::default().rate(), None);
    }

    #[test]
    fn the_window_in_weeks() {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .expect("a time");
        let rule = RateRule {
            window_days: 10,
            ..RateRule::default()
        };
        let weeks = weeks(&rule, now);
        assert_eq!(weeks.len(), 2);
        assert_eq!(weeks[0].0, now - Duration::days(10));
        assert_eq!(weeks[0].1, now - Duration::days(7));
        assert_eq!(weeks[1], (now - Duration::days(7), now));
        assert_eq!(self::weeks(&RateRule::default(), now).len(), 13);
    }
}

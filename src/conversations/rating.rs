//! Buyer satisfaction: after a chat is closed, its buyer may rate it once, 1–5 with an
//! optional comment, on the buyer page or through the store's integration (which was
//! told to ask by the `rating_requested` event written when the chat closed). A rating
//! belongs to one closing: a chat reopened and closed again may be rated again.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::assign::event;
use super::codes::EventKind;
use super::log::Event;
use super::{CoreError, CoreResult, lock, run};
use crate::db::DbConnection;
use crate::db::cached::{cached, statement};
use crate::db::schema::conversations;

/// A comment's length at most, in characters.
pub const MAX_COMMENT_CHARS: usize = 500;

/// A score and comment as the buyer gave them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rating {
    pub score: i32,
    pub comment: String,
}

impl Rating {
    /// 1–5, and a comment of at most 500 characters (trimmed; it may be empty).
    pub fn parse(score: &str, comment: &str) -> Result<Rating, &'static str> {
        let score = match score.trim().parse::<i32>() {
            Ok(s) if (1..=5).contains(&s) => s,
            _ => return Err("error-rating-score"),
        };
        let comment = comment.trim();
        if comment.chars().count() > MAX_COMMENT_CHARS {
            return Err("error-rating-comment-too-long");
        }
        Ok(Rating {
            score,
            comment: comment.to_string(),
        })
    }
}

/// Who is rating: the buyer of the chat (checked against the conversation's buyer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rater {
    pub seller_id: i64,
    pub store_id: i64,
    pub buyer_id: i64,
}

statement!(
    /// One rating per closing: a second one for the same closing inserts nothing.
    InsertRating,
    "INSERT INTO chat_ratings (seller_id, store_id, conversation_id, closed_at, agent_id, \
     group_id, score, comment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) \
     ON CONFLICT (conversation_id, closed_at) DO NOTHING"
);

/// Records the rating of the conversation's latest closing, with its `rated` event.
/// Refused while the chat is open, when it was rated already, or when `rater` is not
/// its buyer (as not found: a buyer learns nothing of other buyers' chats).
pub fn rate(
    conn: &mut DbConnection,
    rater: Rater,
    conversation_id: i64,
    rating: &Rating,
    now: NaiveDateTime,
) -> CoreResult<()> {
    run(conn, now, |c, log| {
        let row = lock(c, rater.seller_id, conversation_id)?;
        if row.store_id != rater.store_id || row.buyer_id != rater.buyer_id {
            return Err(CoreError::NotFound);
        }
        if row.is_open() {
            return Err(CoreError::Invalid("error-rating-open"));
        }
        let closed_at: Option<NaiveDateTime> = conversations::table
            .find(row.id)
            .select(conversations::closed_at)
            .get_result(c)?;
        let closed_at = closed_at.ok_or(CoreError::Invalid("error-rating-open"))?;
        let inserted = cached::<InsertRating>(vec![
            row.seller_id.into(),
            row.store_id.into(),
            row.id.into(),
            closed_at.into(),
            row.assignee_id.into(),
            row.group_id.into(),
            i64::from(rating.score).into(),
            rating.comment.as_str().into(),
            now.into(),
        ])
        .execute(c)?;
        if inserted == 0 {
            return Err(CoreError::Invalid("error-rating-given"));
        }
        log.note(Event {
            account_id: row.assignee_id,
            ..event(&row, EventKind::Rated)
        });
        Ok(())
    })
}

/// Whether the conversation's latest closing may still be rated: closed, and not yet.
pub fn awaits_rating(c: &mut DbConnection, conversation_id: i64) -> QueryResult<bool> {
    use crate::db::schema::chat_ratings;
    let closed: Option<Option<NaiveDateTime>> = conversations::table
        .find(conversation_id)
        .filter(conversations::status.eq(super::ConversationStatus::Closed.code()))
        .select(conversations::closed_at)
        .get_result(c)
        .optional()?;
    let Some(Some(closed_at)) = closed else {
        return Ok(false);
    };
    let rated: bool = diesel::select(diesel::dsl::exists(
        chat_ratings::table
            .filter(chat_ratings::conversation_id.eq(conversation_id))
            .filter(chat_ratings::closed_at.eq(closed_at)),
    ))
    .get_result(c)?;
    Ok(!rated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_and_comments() {
        assert_eq!(
            Rating::parse(" 5 ", " Great "),
            Ok(Rating {
                score: 5,
                comment: "Great".into()
            })
        );
        assert_eq!(Rating::parse("0", ""), Err("error-rating-score"));
        assert_eq!(Rating::parse("6", ""), Err("error-rating-score"));
        assert_eq!(Rating::parse("four", ""), Err("error-rating-score"));
        assert!(Rating::parse("3", &"ข".repeat(500)).is_ok());
        assert_eq!(
            Rating::parse("3", &"ข".repeat(501)),
            Err("error-rating-comment-too-long")
        );
    }
}

//! The events a store's integration is told about, read from the event log: the same
//! JSON goes out by the pull feed and (later) by webhooks. Buyers' messages came from
//! the integration (or the store's chat page) and are not sent back; reads and private
//! notes stay with the team.

use chrono::NaiveDateTime;
use diesel::QueryResult;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamp};
use serde::Serialize;

use crate::codes::coded;
use crate::conversations::{EventKind, Sender};
use crate::db::DbConnection;
use crate::db::cached::built;
use crate::db::time::DbTime;
use crate::webchat::api::image_url;

coded!(
    /// What happened, as an integration reads it (`type` in the event's JSON).
    PublicKind {
        MessageCreated => "message.created";
        ConversationAssigned => "conversation.assigned";
        ConversationReturned => "conversation.returned";
        ConversationTransferred => "conversation.transferred";
        ConversationClosed => "conversation.closed";
        ConversationReopened => "conversation.reopened";
        ConversationRatingRequested => "conversation.rating_requested";
        ConversationRated => "conversation.rated";
    }
);

impl PublicKind {
    /// The public kind of a log entry; `None` for what integrations never receive.
    /// A message becomes public only when the store wrote it (checked when read).
    pub fn of(kind: EventKind) -> Option<PublicKind> {
        Some(match kind {
            EventKind::Message => PublicKind::MessageCreated,
            EventKind::Assigned | EventKind::Taken => PublicKind::ConversationAssigned,
            EventKind::Returned => PublicKind::ConversationReturned,
            EventKind::Transferred => PublicKind::ConversationTransferred,
            EventKind::Closed => PublicKind::ConversationClosed,
            EventKind::Reopened => PublicKind::ConversationReopened,
            EventKind::RatingRequested => PublicKind::ConversationRatingRequested,
            EventKind::Rated => PublicKind::ConversationRated,
            // Delivery reports come from the integration itself.
            EventKind::Read | EventKind::Note | EventKind::Delivery => return None,
        })
    }
}

/// One event as integrations receive it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicEvent {
    pub id: i64,
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub store_id: i64,
    pub conversation_id: i64,
    /// The buyer's id as the integration gave it; `null` for a buyer of the store's
    /// own chat page.
    pub buyer_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<PublicMessage>,
    /// The agent who wrote the message, or who has the conversation after the change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent: Option<PublicAgent>,
    /// The buyer's rating, on `conversation.rated`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rating: Option<PublicRating>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicRating {
    /// 1–5.
    pub score: i64,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicMessage {
    pub id: i64,
    /// `agent` or `auto` (the store's automatic reply).
    pub sender: String,
    pub text: String,
    /// The message carries a photo (its text may then be empty).
    pub image: bool,
    /// Where to fetch the photo, with the store's token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicAgent {
    pub id: i64,
    pub name: String,
}

/// The most events one read returns.
pub const MAX_BATCH: i64 = 100;

type Found = (
    i64,
    String,
    DbTime,
    i64,
    Option<String>,
    Option<String>,
    Option<i64>,
    String,
    Option<i64>,
    Option<String>,
    i64,
    Option<i64>,
    Option<String>,
);
type FoundTypes = (
    BigInt,
    Text,
    Timestamp,
    BigInt,
    Nullable<Text>,
    Nullable<Text>,
    Nullable<BigInt>,
    Text,
    Nullable<BigInt>,
    Nullable<Text>,
    BigInt,
    Nullable<BigInt>,
    Nullable<Text>,
);

/// The log kinds some public kind comes from, as SQL text (codes are ours, never input).
fn public_log_kinds() -> String {
    EventKind::ALL
        .iter()
        .filter(|k| PublicKind::of(**k).is_some())
        .map(|k| format!("'{}'", k.code()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A store's public events after event `after`, oldest first, at most `limit`
/// (1..=`MAX_BATCH`).
pub fn store_events_after(
    c: &mut DbConnection,
    store_id: i64,
    after: i64,
    limit: i64,
) -> QueryResult<Vec<PublicEvent>> {
    let message = EventKind::Message.code();
    let (agent, auto) = (Sender::Agent.code(), Sender::Auto.code());
    let sql = format!(
        "SELECT e.id, e.kind, e.created_at, e.conversation_id, m.sender, m.body, m.id, \
         b.buyer_key, a.id, a.display_name, \
         (SELECT count(*) FROM message_images i WHERE i.message_id = e.message_id), \
         CAST(r.score AS BIGINT), r.comment \
         FROM chat_events e \
         INNER JOIN conversations c ON c.id = e.conversation_id \
         INNER JOIN buyers b ON b.id = c.buyer_id \
         LEFT JOIN messages m ON m.id = e.message_id \
         LEFT JOIN chat_ratings r ON e.kind = '{rated}' AND r.conversation_id = e.conversation_id \
          AND r.created_at = e.created_at \
         LEFT JOIN accounts a ON a.id = \
          (CASE WHEN e.kind = '{message}' THEN m.agent_id ELSE e.account_id END) \
         WHERE e.store_id = ? AND e.id > ? AND e.kind IN ({kinds}) \
         AND (e.kind <> '{message}' OR m.sender IN ('{agent}', '{auto}')) \
         ORDER BY e.id LIMIT ?",
        kinds = public_log_kinds(),
        rated = EventKind::Rated.code(),
    );
    let rows = built::<FoundTypes>(
        sql,
        vec![
            store_id.into(),
            after.into(),
            limit.clamp(1, MAX_BATCH).into(),
        ],
    )
    .load_native::<Found>(c)?;
    Ok(rows
        .into_iter()
        .filter_map(|row| public_event(store_id, row))
        .collect())
}

fn public_event(
    store_id: i64,
    (
        id,
        kind,
        at,
        conversation_id,
        sender,
        body,
        message_id,
        buyer_key,
        agent_id,
        agent_name,
        images,
        score,
        comment,
    ): Found,
) -> Option<PublicEvent> {
    let kind = PublicKind::of(EventKind::from_code(&kind)?)?;
    let message = match (message_id, sender) {
        (Some(id), Some(sender)) if kind == PublicKind::MessageCreated => Some(PublicMessage {
            id,
            sender,
            text: body.unwrap_or_default(),
            image: images > 0,
            image_url: (images > 0).then(|| image_url(id)),
        }),
        _ => None,
    };
    Some(PublicEvent {
        id,
        kind: kind.code(),
        created_at: rfc3339(at.0),
        store_id,
        conversation_id,
        buyer_id: buyer_key.strip_prefix("api:").map(str::to_string),
        message,
        agent: agent_id
            .zip(agent_name)
            .map(|(id, name)| PublicAgent { id, name }),
        rating: score.map(|score| PublicRating {
            score,
            comment: comment.unwrap_or_default(),
        }),
    })
}

fn rfc3339(at: NaiveDateTime) -> String {
    at.and_utc()
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_notes_never_leave() {
        assert_eq!(PublicKind::of(EventKind::Read), None);
        assert_eq!(PublicKind::of(EventKind::Note), None);
        assert_eq!(
            PublicKind::of(EventKind::Taken),
            Some(PublicKind::ConversationAssigned)
        );
        let kinds = public_log_kinds();
        assert!(!kinds.contains("'note'") && kinds.contains("'message'"));
    }
}

//! A buyer's message arrives: stored, routed and answered automatically where the store
//! wants it, in one transaction, so an accepted message is never lost and never
//! half-processed. Idempotency (`external_id`), one buyer per key and one open
//! conversation per buyer are unique indexes; a request that loses such a race runs
//! again and finds the winner's rows.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::assign::{NewMessage, event, insert_message, route_conversation};
use super::codes::{ConversationStatus, EventKind, Sender};
use super::images::Image;
use super::log::{Event, Log};
use super::{CoreResult, Row, run};
use crate::chat_assignment::settings::{self, ChatSettings};
use crate::chat_assignment::sources::ChatSource;
use crate::chat_assignment::working_hours::is_open;
use crate::db::DbConnection;
use crate::db::cached::{cached, statement};
use crate::db::schema::{buyers, conversations, messages};
use crate::i18n::TimeZoneName;
use crate::stores::model::Store;

pub const MAX_MESSAGE_CHARS: usize = 2000;
/// The default auto-reply goes to one buyer at most this often.
pub const AUTO_REPLY_EVERY_HOURS: i64 = 24;

/// Message text: 1–2,000 characters after trimming.
pub fn parse_text(input: &str) -> Result<String, &'static str> {
    parse_text_with_image(input, false)
}

/// The text of a message that may carry an image: at most 2,000 characters, and empty
/// only when the image is there (a photo says enough on its own).
pub fn parse_text_with_image(input: &str, has_image: bool) -> Result<String, &'static str> {
    let text = input.trim();
    if text.is_empty() && !has_image {
        Err("error-message-empty")
    } else if text.chars().count() > MAX_MESSAGE_CHARS {
        Err("error-message-too-long")
    } else {
        Ok(text.to_string())
    }
}

/// What the core re-checks of a message whatever its caller did: something to say.
pub(super) fn check_content(text: &str, image: Option<&Image>) -> CoreResult<()> {
    if text.trim().is_empty() && image.is_none() {
        return Err(super::CoreError::Invalid("error-message-empty"));
    }
    Ok(())
}

pub struct Incoming {
    /// Who the buyer is for this store: a cookie token or the integration's buyer id.
    pub buyer_key: String,
    pub buyer_name: String,
    pub source: ChatSource,
    /// Empty only when an image goes with it (`parse_text_with_image`).
    pub text: String,
    /// A photo from the buyer page (the API sends text only).
    pub image: Option<Image>,
    /// The integration's id for the message; the same id again is the same message.
    pub external_id: Option<String>,
    /// Where a buyer-page message came from, and how many open chats that address may
    /// have; `None` for the API (the integration answers for its buyers).
    pub origin: Option<Origin>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub addr: String,
    pub max_open: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accepted {
    pub seller_id: i64,
    pub store_id: i64,
    pub conversation_id: i64,
    pub message_id: i64,
    /// True when `external_id` was seen before: nothing new was stored.
    pub duplicate: bool,
}

statement!(
    /// The buyer wrote again: the chat's source, last message time and preview follow.
    BuyerWrote,
    "UPDATE conversations SET source = ?, last_message_at = ?, last_buyer_text = ? \
     WHERE id = ? \
     RETURNING id, seller_id, store_id, buyer_id, source, status, assignee_id, group_id"
);

statement!(
    /// The buyer's open conversation with the store, else their newest one.
    BuyersConversation,
    "SELECT id, seller_id, store_id, buyer_id, source, status, assignee_id, group_id \
     FROM conversations WHERE store_id = ? AND buyer_id = ? \
     ORDER BY status = 'open' DESC, id DESC LIMIT 1"
);

statement!(
    NewConversation,
    "INSERT INTO conversations (seller_id, store_id, buyer_id, source, status, \
     last_message_at, created_at, last_buyer_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?) \
     RETURNING id, seller_id, store_id, buyer_id, source, status, assignee_id, group_id"
);

statement!(
    AutoReplied,
    "UPDATE buyers SET last_auto_reply_at = ? WHERE id = ?"
);

/// Stores the buyer's message, routes its conversation and sends any automatic reply.
pub fn receive(
    conn: &mut DbConnection,
    store: &Store,
    incoming: &Incoming,
    now: NaiveDateTime,
) -> CoreResult<Accepted> {
    check_content(&incoming.text, incoming.image.as_ref())?;
    run(conn, now, |c, log| {
        let accepted = |conversation_id, message_id, duplicate| Accepted {
            seller_id: store.seller_id,
            store_id: store.id,
            conversation_id,
            message_id,
            duplicate,
        };
        if let Some(external_id) = &incoming.external_id {
            let seen: Option<(i64, i64)> = messages::table
                .filter(messages::store_id.eq(store.id))
                .filter(messages::external_id.eq(external_id))
                .select((messages::conversation_id, messages::id))
                .get_result(c)
                .optional()?;
            if let Some((conversation_id, message_id)) = seen {
                return Ok(accepted(conversation_id, message_id, true));
            }
        }
        let buyer = buyer_for(c, store, incoming, now)?;
        let row = conversation_for(c, log, store, buyer.id, incoming)?;
        let message = NewMessage {
            sender: Sender::Buyer,
            agent_id: None,
            external_id: incoming.external_id.as_deref(),
            body: &incoming.text,
            image: incoming.image.as_ref(),
        };
        let message_id = insert_message(c, log, &row, message)?;
        let chat = settings::load(c, store.id)?;
        route_conversation(c, log, store, &row, &chat)?;
        auto_reply(c, log, store, &chat, &buyer, &row)?;
        Ok(accepted(row.id, message_id, false))
    })
}

/// A buyer of the store, as intake needs them.
struct Buyer {
    id: i64,
    last_auto_reply_at: Option<NaiveDateTime>,
}

fn buyer_for(
    c: &mut DbConnection,
    store: &Store,
    incoming: &Incoming,
    now: NaiveDateTime,
) -> CoreResult<Buyer> {
    let found: Option<(i64, Option<NaiveDateTime>)> = buyers::table
        .filter(buyers::store_id.eq(store.id))
        .filter(buyers::buyer_key.eq(&incoming.buyer_key))
        .select((buyers::id, buyers::last_auto_reply_at))
        .get_result(c)
        .optional()?;
    if let Some((id, last_auto_reply_at)) = found {
        return Ok(Buyer {
            id,
            last_auto_reply_at,
        });
    }
    let id = diesel::insert_into(buyers::table)
        .values((
            buyers::seller_id.eq(store.seller_id),
            buyers::store_id.eq(store.id),
            buyers::buyer_key.eq(&incoming.buyer_key),
            buyers::display_name.eq(&incoming.buyer_name),
            buyers::created_at.eq(now),
        ))
        .returning(buyers::id)
        .get_result(c)?;
    Ok(Buyer {
        id,
        last_auto_reply_at: None,
    })
}

/// The buyer's conversation with the store: the open one, else the last one reopened
/// (a new buyer message reopens a closed dialogue), else a new one, with its source and
/// last message time brought up to date. The row comes back from the write that locks
/// it, so it is current for the rest of the operation.
fn conversation_for(
    c: &mut DbConnection,
    log: &mut Log,
    store: &Store,
    buyer_id: i64,
    incoming: &Incoming,
) -> CoreResult<Row> {
    let now = log.now();
    let source = incoming.source;
    let last: Option<Row> = cached::<BuyersConversation>(vec![store.id.into(), buyer_id.into()])
        .get_result(c)
        .optional()?;
    if let Some(origin) = &incoming.origin
        && last.as_ref().is_none_or(|row| !row.is_open())
    {
        // A new or reopened chat: within the address's allowance, and counted for it.
        let open: i64 = conversations::table
            .filter(conversations::buyer_addr.eq(&origin.addr))
            .filter(conversations::status.eq(ConversationStatus::Open.code()))
            .count()
            .get_result(c)?;
        if open >= origin.max_open {
            return Err(super::CoreError::TooManyOpen);
        }
    }
    let Some(row) = last else {
        let row = cached::<NewConversation>(vec![
            store.seller_id.into(),
            store.id.into(),
            buyer_id.into(),
            source.code().into(),
            ConversationStatus::Open.code().into(),
            now.into(),
            now.into(),
            incoming.text.as_str().into(),
        ])
        .get_result::<Row>(c)?;
        note_origin(c, row.id, incoming)?;
        return Ok(row);
    };
    let reopened = !row.is_open()
        && diesel::update(
            conversations::table
                .filter(conversations::id.eq(row.id))
                .filter(conversations::status.eq(ConversationStatus::Closed.code())),
        )
        .set((
            conversations::status.eq(ConversationStatus::Open.code()),
            conversations::closed_at.eq(None::<NaiveDateTime>),
            conversations::assignee_id.eq(None::<i64>),
            conversations::group_id.eq(None::<i64>),
        ))
        .execute(c)?
            == 1;
    if reopened {
        note_origin(c, row.id, incoming)?;
        let event = Event {
            group_id: None,
            ..event(&row, EventKind::Reopened)
        };
        log.change(c, event)?;
    }
    Ok(cached::<BuyerWrote>(vec![
        source.code().into(),
        now.into(),
        incoming.text.as_str().into(),
        row.id.into(),
    ])
    .get_result::<Row>(c)?)
}

/// Remembers the address a buyer-page chat was opened from (for its open-chat limit).
fn note_origin(c: &mut DbConnection, conversation_id: i64, incoming: &Incoming) -> CoreResult<()> {
    if let Some(origin) = &incoming.origin {
        diesel::update(conversations::table.filter(conversations::id.eq(conversation_id)))
            .set(conversations::buyer_addr.eq(&origin.addr))
            .execute(c)?;
    }
    Ok(())
}

/// Outside working hours the off-work reply, otherwise the default one; either at
/// most once per buyer per 24 hours. Automatic replies are store messages marked
/// `auto`, never an agent's reply.
fn auto_reply(
    c: &mut DbConnection,
    log: &mut Log,
    store: &Store,
    chat: &ChatSettings,
    buyer: &Buyer,
    row: &Row,
) -> CoreResult<()> {
    let now = log.now();
    let zone = TimeZoneName::parse(&store.time_zone).unwrap_or_else(TimeZoneName::utc);
    let off_work =
        chat.off_work_enabled && !is_open(&settings::working_hours(c, store.id)?, zone.tz(), now);
    let text = if off_work {
        &chat.off_work_text
    } else if chat.auto_reply_enabled {
        &chat.auto_reply_text
    } else {
        return Ok(());
    };
    let recent = buyer
        .last_auto_reply_at
        .is_some_and(|t| now - t < Duration::hours(AUTO_REPLY_EVERY_HOURS));
    if text.is_empty() || recent {
        return Ok(());
    }
    let message = NewMessage {
        sender: Sender::Auto,
        agent_id: None,
        external_id: None,
        body: text,
        image: None,
    };
    insert_message(c, log, row, message)?;
    cached::<AutoReplied>(vec![now.into(), buyer.id.into()]).execute(c)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_text_limits() {
        assert_eq!(parse_text("  hi "), Ok("hi".to_string()));
        assert_eq!(parse_text(" "), Err("error-message-empty"));
        assert!(parse_text(&"ข".repeat(2000)).is_ok());
        assert_eq!(parse_text(&"ข".repeat(2001)), Err("error-message-too-long"));
        assert_eq!(parse_text_with_image(" ", true), Ok(String::new()));
        assert_eq!(
            parse_text_with_image(" ", false),
            Err("error-message-empty")
        );
    }
}

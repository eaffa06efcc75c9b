//! What a live page receives for an event (docs/ARCHITECTURE.md, "Live pages"): the
//! conversation as it is now and the HTML of the parts the event changed — its list
//! row, the history line it adds, the conversation's header — rendered once per
//! language and time zone and shared by every stream that shows them. The page's
//! script puts the parts in place; it never fetches the page again for an event.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use actix_web::web::Bytes;
use chrono::Utc;
use serde_json::json;

use super::fragments::{
    BuyerClosedView, BuyerLine, BuyerLineView, HeadView, LineView, RowView, html,
};
use super::images::Shown;
use super::inbox::{self, Conversation, Line, Row};
use crate::conversations::log::LoggedEvent;
use crate::conversations::{EventKind, Sender};
use crate::db::DbConnection;
use crate::i18n::Fmt;

/// An event from the log with what live pages show of it.
pub struct LiveEvent {
    pub event: LoggedEvent,
    /// `None` when nobody was listening as it was read, or its conversation could not
    /// be read: pages then fetch what changed themselves.
    pub detail: Option<Detail>,
    /// Frames already rendered, by who sees them and how: whole Server-Sent Events
    /// frames, which every stream of that view, language and zone sends as they are.
    frames: Mutex<Vec<(View, Fmt, Bytes)>>,
}

/// The conversation after the event, and the line it adds to the history.
pub struct Detail {
    pub conversation: Conversation,
    pub row: Row,
    pub line: Option<Line>,
}

/// Who a frame is for: the team (every line, agents by name) or the buyer (their
/// messages and the store's, nothing of the team's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Team,
    Buyer,
}

impl LiveEvent {
    pub fn bare(event: LoggedEvent) -> Self {
        Self {
            event,
            detail: None,
            frames: Mutex::new(Vec::new()),
        }
    }

    pub fn kind(&self) -> Option<EventKind> {
        EventKind::from_code(&self.event.kind)
    }

    /// This event's Server-Sent Events frame for `view` in `fmt`, rendered on first use.
    pub fn frame(&self, view: View, fmt: Fmt) -> Bytes {
        let Ok(mut frames) = self.frames.lock() else {
            return self.sse(view, fmt);
        };
        if let Some((_, _, frame)) = frames.iter().find(|(v, f, _)| *v == view && *f == fmt) {
            return frame.clone();
        }
        let frame = self.sse(view, fmt);
        frames.push((view, fmt, frame.clone()));
        frame
    }

    fn sse(&self, view: View, fmt: Fmt) -> Bytes {
        Bytes::from(format!(
            "id: {}\nevent: chat\ndata: {}\n\n",
            self.event.id,
            self.render(view, fmt)
        ))
    }

    fn render(&self, view: View, f: Fmt) -> String {
        let e = &self.event;
        let Some(detail) = &self.detail else {
            return json!({"kind": e.kind, "c": {"id": e.conversation_id}, "stale": true})
                .to_string();
        };
        let c = &detail.conversation;
        match view {
            View::Team => {
                let line = detail.line.as_ref().map(|line| {
                    html(&LineView {
                        f,
                        line,
                        buyer: &c.buyer,
                        store: &c.store.name,
                    })
                });
                json!({
                    "kind": e.kind,
                    "actor": e.actor_id,
                    "c": {
                        "id": c.id,
                        "store": c.store.id,
                        "source": c.source,
                        "group": c.group_id,
                        "assignee": c.assignee_id,
                        "open": c.is_open(),
                        "unread": detail.row.unread,
                    },
                    "row": html(&RowView { f, row: &detail.row, now: Utc::now().naive_utc() }),
                    "line": line,
                    // Only what changes who has the chat, or whether it is open,
                    // changes its header.
                    "head": changes_head(self.kind()).then(|| html(&HeadView { f, head: c })),
                })
                .to_string()
            }
            View::Buyer => {
                let line = match &detail.line {
                    Some(Line::Message {
                        id,
                        sender: sender @ (Sender::Buyer | Sender::Agent | Sender::Auto),
                        body,
                        image,
                        at,
                        ..
                    }) => Some(html(&BuyerLineView {
                        f,
                        line: &BuyerLine {
                            id: *id,
                            from_buyer: *sender == Sender::Buyer,
                            automatic: *sender == Sender::Auto,
                            body: body.clone(),
                            // The buyer fetches images from their own chat page.
                            image: image.as_ref().map(|shown| Shown {
                                href: format!("/chat/{}/images/{id}", c.store.public_key),
                                ..shown.clone()
                            }),
                            at: *at,
                        },
                        buyer_name: &c.buyer,
                        store_name: &c.store.name,
                    })),
                    _ => None,
                };
                json!({
                    "kind": e.kind,
                    "c": {"id": c.id, "open": c.is_open()},
                    "line": line,
                    "closed": (!c.is_open()).then(|| html(&BuyerClosedView { f, invite: true })),
                })
                .to_string()
            }
        }
    }
}

/// The events with what live pages show of them, read in a few queries for the batch.
pub fn load(c: &mut DbConnection, events: Vec<LoggedEvent>) -> Vec<Arc<LiveEvent>> {
    match details(c, &events) {
        Ok(mut details) => events
            .into_iter()
            .map(|event| {
                let detail = details.remove(&event.id);
                Arc::new(LiveEvent {
                    event,
                    detail,
                    frames: Mutex::new(Vec::new()),
                })
            })
            .collect(),
        Err(e) => {
            log::warn!("live updates: cannot read what events changed: {e}");
            events
                .into_iter()
                .map(|e| Arc::new(LiveEvent::bare(e)))
                .collect()
        }
    }
}

fn details(
    c: &mut DbConnection,
    events: &[LoggedEvent],
) -> diesel::QueryResult<BTreeMap<i64, Detail>> {
    let chats: BTreeSet<(i64, i64)> = events
        .iter()
        .map(|e| (e.seller_id, e.conversation_id))
        .collect();
    let mut conversations = BTreeMap::new();
    let mut rows = BTreeMap::new();
    for (seller_id, id) in &chats {
        if let Some(conversation) = inbox::conversation(c, *seller_id, *id)? {
            conversations.insert(*id, conversation);
        }
    }
    let sellers: BTreeSet<i64> = chats.iter().map(|(s, _)| *s).collect();
    for seller_id in sellers {
        let ids: Vec<i64> = chats
            .iter()
            .filter(|(s, _)| *s == seller_id)
            .map(|(_, id)| *id)
            .collect();
        for row in inbox::rows_of(c, seller_id, &ids)? {
            rows.insert(row.id, row);
        }
    }
    let wanted: Vec<(i64, EventKind, Option<i64>)> = events
        .iter()
        .filter_map(|e| Some((e.id, EventKind::from_code(&e.kind)?, e.message_id)))
        .collect();
    let mut lines = inbox::lines_of(c, &wanted)?;
    Ok(events
        .iter()
        .filter_map(|e| {
            Some((
                e.id,
                Detail {
                    conversation: conversations.get(&e.conversation_id)?.clone(),
                    row: rows.get(&e.conversation_id)?.clone(),
                    line: lines.remove(&e.id),
                },
            ))
        })
        .collect())
}

/// Whether an event of `kind` changes a conversation's header (owner, group, status).
fn changes_head(kind: Option<EventKind>) -> bool {
    !matches!(
        kind,
        Some(EventKind::Message | EventKind::Note | EventKind::Read)
    )
}

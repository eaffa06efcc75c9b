//! The parts of the inbox and the buyer page that live updates replace one at a time:
//! a list row, a history line, a conversation's header. Pages render them with the
//! same templates as the live events do, so a patched page reads as if reloaded.

use std::fmt;

use askama::Template;
use chrono::NaiveDateTime;

use super::images::Shown;
use super::inbox::{Conversation, Cursor, DeliveryMark, Line, Row};
use crate::chat_assignment::sources::ChatSource;
use crate::conversations::{EventKind, Sender};
use crate::i18n::Fmt;

/// A fragment's HTML; a template that cannot render leaves its place empty (and says so
/// in the log) rather than failing the page or the event around it.
pub fn html(template: &impl Template) -> String {
    template.render().unwrap_or_else(|e| {
        log::error!("cannot render a fragment: {e}");
        String::new()
    })
}

/// A fragment written straight into the page around it (`{{ fragment|safe }}`), with
/// no string of its own in between: a list page holds fifty rows.
pub struct Inline<T>(pub T);

impl<T: Template> askama::FastWritable for Inline<T> {
    fn write_into(
        &self,
        dest: &mut dyn fmt::Write,
        values: &dyn askama::Values,
    ) -> askama::Result<()> {
        self.0.render_into_with_values(dest, values)
    }
}

impl<T: Template> fmt::Display for Inline<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.render_into(f).map_err(|_| fmt::Error)
    }
}

fn source_key(code: &str) -> &'static str {
    ChatSource::from_code(code)
        .map(ChatSource::label_key)
        .unwrap_or("source-other")
}

/// One conversation in a list. It carries both times: the Queue shows how long the
/// buyer has waited, the other tabs when the last message came (the list's class says
/// which), and both sort keys, so a live page can put the row in its place.
#[derive(Template)]
#[template(path = "webchat/parts/row.html")]
pub struct RowView<'a> {
    pub f: Fmt,
    pub row: &'a Row,
    /// The time the waiting is counted to: one for all the rows of a page.
    pub now: NaiveDateTime,
}

impl RowView<'_> {
    fn source_key(&self) -> &'static str {
        source_key(&self.row.source)
    }

    fn last_key(&self) -> String {
        Cursor {
            at: self.row.last_message_at,
            id: self.row.id,
        }
        .encode()
    }

    fn waiting_key(&self) -> String {
        Cursor {
            at: self.row.waiting_since,
            id: self.row.id,
        }
        .encode()
    }

    /// How long the buyer has waited, in the largest unit that fits.
    fn waited(&self) -> String {
        waited(&self.f, self.row.waiting_since, self.now)
    }
}

pub fn waited(f: &Fmt, since: NaiveDateTime, now: NaiveDateTime) -> String {
    let minutes = (now - since).num_minutes().max(0);
    match minutes {
        0..60 => f.tn("webchat-waiting-minutes", "minutes", minutes),
        60..2880 => f.tn("webchat-waiting-hours", "hours", minutes / 60),
        _ => f.tn("webchat-waiting-days", "days", minutes / 1440),
    }
}

/// One line of a conversation's history as the team sees it.
#[derive(Template)]
#[template(path = "webchat/parts/line.html")]
pub struct LineView<'a> {
    pub f: Fmt,
    pub line: &'a Line,
    pub buyer: &'a str,
    pub store: &'a str,
}

impl LineView<'_> {
    fn bubble_class(&self, sender: &Sender) -> &'static str {
        match sender {
            Sender::Buyer => "bubble-buyer",
            Sender::Note => "bubble-note",
            Sender::Agent | Sender::Auto => "bubble-store",
        }
    }

    /// Who wrote a message, as the team sees it: agents by name (the buyer saw the
    /// store), notes marked private.
    fn author_label(&self, sender: &Sender, author: &Option<String>) -> String {
        let f = &self.f;
        match sender {
            Sender::Buyer => self.buyer.to_string(),
            Sender::Auto => f.t("webchat-auto-reply"),
            Sender::Agent => author.clone().unwrap_or_else(|| self.store.to_string()),
            Sender::Note => f.t1(
                "webchat-note-by",
                "name",
                author.as_deref().unwrap_or(self.store),
            ),
        }
    }

    /// What happened to the chat, in a sentence.
    fn event_text(
        &self,
        kind: &EventKind,
        actor: &Option<String>,
        target: &Option<String>,
    ) -> String {
        let f = &self.f;
        match (kind, actor, target) {
            (EventKind::Assigned, _, Some(target)) => {
                f.t1("webchat-line-assigned", "target", target)
            }
            (EventKind::Taken, Some(actor), _) => f.t1("webchat-line-taken", "actor", actor),
            (EventKind::Transferred, Some(actor), Some(target)) => {
                f.t2("webchat-line-transferred", "actor", actor, "target", target)
            }
            (EventKind::Closed, Some(actor), _) => f.t1("webchat-line-closed-by", "actor", actor),
            (EventKind::Closed, None, _) => f.t("webchat-line-closed"),
            (EventKind::Reopened, Some(actor), _) => {
                f.t1("webchat-line-reopened-by", "actor", actor)
            }
            (EventKind::Reopened, None, _) => f.t("webchat-line-reopened"),
            _ => f.t("webchat-line-returned"),
        }
    }
}

/// The open conversation's header: the buyer, its state, store and source, who owns it.
#[derive(Template)]
#[template(path = "webchat/parts/head.html")]
pub struct HeadView<'a> {
    pub f: Fmt,
    pub head: &'a Conversation,
}

impl HeadView<'_> {
    fn source_key(&self) -> &'static str {
        source_key(&self.head.source)
    }
}

/// A message as the buyer sees it: theirs on one side, the store's on the other.
#[derive(Debug, Clone)]
pub struct BuyerLine {
    /// The message's id.
    pub id: i64,
    pub from_buyer: bool,
    pub automatic: bool,
    /// May be empty when the message is an image alone.
    pub body: String,
    pub image: Option<Shown>,
    pub at: NaiveDateTime,
}

#[derive(Template)]
#[template(path = "webchat/parts/buyer_line.html")]
pub struct BuyerLineView<'a> {
    pub f: Fmt,
    pub line: &'a BuyerLine,
    pub buyer_name: &'a str,
    pub store_name: &'a str,
}

/// Tells the buyer the chat was closed (writing again opens a new one).
#[derive(Template)]
#[template(path = "webchat/parts/buyer_closed.html")]
pub struct BuyerClosedView {
    pub f: Fmt,
    /// Invites the buyer to rate the chat: a live notice (the page, loaded again, shows
    /// the rating form).
    pub invite: bool,
}

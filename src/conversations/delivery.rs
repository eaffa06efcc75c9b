//! The store integration's report on a reply: it reached the buyer on the marketplace,
//! or it did not (and why). The report changes the message, so it is an operation of
//! the core: one transaction, a conditional write, one `delivery` event that live pages
//! use to show the mark on the reply. Integrations never receive it back.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::assign::event;
use super::codes::{DeliveryStatus, EventKind, Sender};
use super::{CoreError, CoreResult, lock, run};
use crate::db::DbConnection;
use crate::db::cached::{cached, statement};
use crate::db::schema::messages;
use crate::stores::model::Store;

/// The longest reason kept with a failed delivery.
pub const MAX_REASON_CHARS: usize = 300;

/// What the integration reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryReport {
    pub status: DeliveryStatus,
    /// Why it failed; empty for a delivered reply.
    pub reason: String,
}

/// Whether the report changed what the team sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reported {
    Changed,
    /// The reply already had this status and reason.
    Unchanged,
}

statement!(
    RecordDelivery,
    "UPDATE messages SET delivery_status = ?, delivery_reason = ?, delivery_reported_at = ? \
     WHERE id = ? AND store_id = ? AND sender IN ('agent', 'auto') \
     AND (delivery_status IS NULL OR delivery_status <> ? OR COALESCE(delivery_reason, '') <> ?)"
);

/// Records `report` on reply `message_id` of `store`. `NotFound` when the store has no
/// such reply (another store's message, a buyer's message or a private note).
pub fn report_delivery(
    conn: &mut DbConnection,
    store: &Store,
    message_id: i64,
    report: &DeliveryReport,
    now: NaiveDateTime,
) -> CoreResult<Reported> {
    run(conn, now, |c, log| {
        let found: Option<(i64, String)> = messages::table
            .filter(messages::id.eq(message_id))
            .filter(messages::store_id.eq(store.id))
            .select((messages::conversation_id, messages::sender))
            .get_result(c)
            .optional()?;
        let conversation_id = match found {
            Some((id, sender))
                if matches!(
                    Sender::from_code(&sender),
                    Some(Sender::Agent | Sender::Auto)
                ) =>
            {
                id
            }
            _ => return Err(CoreError::NotFound),
        };
        let row = lock(c, store.seller_id, conversation_id)?;
        let reason = (report.status == DeliveryStatus::Failed).then_some(report.reason.as_str());
        let changed = cached::<RecordDelivery>(vec![
            report.status.code().into(),
            reason.into(),
            now.into(),
            message_id.into(),
            store.id.into(),
            report.status.code().into(),
            reason.unwrap_or_default().into(),
        ])
        .execute(c)?;
        if changed == 0 {
            return Ok(Reported::Unchanged);
        }
        log.note(super::log::Event {
            message_id: Some(message_id),
            ..event(&row, EventKind::Delivery)
        });
        Ok(Reported::Changed)
    })
}

//! Live updates across app instances on PostgreSQL. Each instance hands its events to
//! its own subscribers at once and sends them as a NOTIFY; a listening connection brings
//! the other instances' events in. So an agent on instance A sees, live, a message that
//! arrived on instance B.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use diesel::pg::PgConnection;
use diesel::sql_types::Text;
use diesel::{Connection, RunQueryDsl};
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

use super::events::{ChatEvent, EventBus};

/// The NOTIFY channel every instance of one database shares.
pub const CHANNEL: &str = "sellerdesk_chat";
/// How often the listening connection looks for notifications.
const POLL: Duration = Duration::from_millis(20);
/// How long to wait before connecting again after losing the database.
const RETRY: Duration = Duration::from_secs(2);

/// An event as it travels between instances.
#[derive(Debug, Serialize, Deserialize)]
struct Wire {
    /// The sending instance, so it does not deliver its own events twice.
    from: String,
    seller_id: i64,
    store_id: i64,
    conversation_id: i64,
    kind: String,
}

/// Event kinds are a closed list of words; pages refetch whatever the kind, so an
/// unknown one is passed on as a plain change.
fn known_kind(kind: &str) -> &'static str {
    ["message", "assigned", "transferred", "closed", "reopened"]
        .into_iter()
        .find(|k| *k == kind)
        .unwrap_or("message")
}

pub struct PgBridge {
    local: broadcast::Sender<ChatEvent>,
    outgoing: mpsc::Sender<String>,
    instance: String,
    stop: Arc<AtomicBool>,
}

impl PgBridge {
    /// Starts the sending and listening connections for the database at `url`. They
    /// connect in the background and reconnect after a failure; until then, events
    /// still reach this instance's own subscribers.
    pub fn start(url: &str) -> Arc<dyn EventBus> {
        let (local, _) = broadcast::channel(1024);
        let (outgoing, queue) = mpsc::channel::<String>();
        let instance = crate::stores::model::random_key(12);
        let stop = Arc::new(AtomicBool::new(false));
        let sender_url = url.to_string();
        std::thread::spawn(move || send_loop(&sender_url, &queue));
        let (listen_url, to_local, me, halt) = (
            url.to_string(),
            local.clone(),
            instance.clone(),
            stop.clone(),
        );
        std::thread::spawn(move || listen_loop(&listen_url, &to_local, &me, &halt));
        Arc::new(PgBridge {
            local,
            outgoing,
            instance,
            stop,
        })
    }
}

impl Drop for PgBridge {
    fn drop(&mut self) {
        // The sender stops when its queue closes; the listener when it sees this.
        self.stop.store(true, Ordering::Relaxed);
    }
}

impl EventBus for PgBridge {
    fn publish(&self, event: ChatEvent) {
        let wire = Wire {
            from: self.instance.clone(),
            seller_id: event.seller_id,
            store_id: event.store_id,
            conversation_id: event.conversation_id,
            kind: event.kind.to_string(),
        };
        let _ = self.local.send(event);
        if let Ok(payload) = serde_json::to_string(&wire) {
            let _ = self.outgoing.send(payload);
        }
    }

    fn subscribe(&self) -> broadcast::Receiver<ChatEvent> {
        self.local.subscribe()
    }
}

fn send_loop(url: &str, queue: &mpsc::Receiver<String>) {
    let mut conn: Option<PgConnection> = None;
    for payload in queue {
        if conn.is_none() {
            conn = PgConnection::establish(url)
                .map_err(|e| log::warn!("live updates: cannot connect to send events: {e}"))
                .ok();
        }
        let Some(c) = conn.as_mut() else { continue };
        let sent = diesel::sql_query("SELECT pg_notify($1, $2)")
            .bind::<Text, _>(CHANNEL)
            .bind::<Text, _>(&payload)
            .execute(c);
        if let Err(e) = sent {
            log::warn!("live updates: an event could not be sent to other instances: {e}");
            conn = None;
        }
    }
}

fn listen_loop(url: &str, local: &broadcast::Sender<ChatEvent>, me: &str, stop: &AtomicBool) {
    while !stop.load(Ordering::Relaxed) {
        let mut conn = match PgConnection::establish(url) {
            Ok(conn) => conn,
            Err(e) => {
                log::warn!("live updates: cannot connect to hear other instances: {e}");
                std::thread::sleep(RETRY);
                continue;
            }
        };
        if let Err(e) = diesel::sql_query(format!("LISTEN {CHANNEL}")).execute(&mut conn) {
            log::warn!("live updates: LISTEN failed: {e}");
            std::thread::sleep(RETRY);
            continue;
        }
        'connected: while !stop.load(Ordering::Relaxed) {
            for notification in conn.notifications_iter() {
                let Ok(notification) = notification else {
                    log::warn!("live updates: lost the listening connection; reconnecting");
                    break 'connected;
                };
                let Ok(wire) = serde_json::from_str::<Wire>(&notification.payload) else {
                    continue;
                };
                if wire.from == me {
                    continue;
                }
                let _ = local.send(ChatEvent {
                    seller_id: wire.seller_id,
                    store_id: wire.store_id,
                    conversation_id: wire.conversation_id,
                    kind: known_kind(&wire.kind),
                });
            }
            std::thread::sleep(POLL);
        }
    }
}

//! Live updates: committed changes are published to an event hub, and Server-Sent
//! Events carry them to the agents and buyers allowed to see them. Events carry only
//! ids; pages fetch what changed themselves, through the usual permission checks.

use std::sync::Arc;
use std::time::Duration;

use actix_web::web::Bytes;
use futures_util::{Stream, StreamExt, stream};
use serde::Serialize;
use tokio::sync::broadcast;

/// Something changed in a conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChatEvent {
    pub seller_id: i64,
    pub store_id: i64,
    pub conversation_id: i64,
    /// `message`, `assigned`, `transferred`, `closed`, `reopened`.
    pub kind: &'static str,
}

/// Where events are published and subscribed: in-process with SQLite, and across app
/// instances through LISTEN/NOTIFY with PostgreSQL (`pg_bridge`).
pub trait EventBus: Send + Sync {
    fn publish(&self, event: ChatEvent);
    fn subscribe(&self) -> broadcast::Receiver<ChatEvent>;
}

/// The in-process hub: a broadcast channel; slow subscribers skip what they missed.
pub struct LocalHub {
    sender: broadcast::Sender<ChatEvent>,
}

impl LocalHub {
    pub fn shared() -> Arc<dyn EventBus> {
        let (sender, _) = broadcast::channel(1024);
        Arc::new(Self { sender })
    }
}

impl EventBus for LocalHub {
    fn publish(&self, event: ChatEvent) {
        // No subscriber is not an error: nobody is watching right now.
        let _ = self.sender.send(event);
    }

    fn subscribe(&self) -> broadcast::Receiver<ChatEvent> {
        self.sender.subscribe()
    }
}

const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// An SSE stream of the events `wanted` accepts, with a keep-alive comment so proxies
/// keep the connection open.
pub fn sse_stream<F>(
    receiver: broadcast::Receiver<ChatEvent>,
    wanted: F,
) -> impl Stream<Item = Result<Bytes, actix_web::Error>>
where
    F: Fn(&ChatEvent) -> bool + 'static,
{
    let first = stream::once(async { Ok(Bytes::from_static(b": connected\n\n")) });
    let rest = stream::unfold((receiver, wanted), |(mut receiver, wanted)| async move {
        loop {
            match tokio::time::timeout(KEEP_ALIVE, receiver.recv()).await {
                Err(_) => {
                    return Some((
                        Ok(Bytes::from_static(b": keep-alive\n\n")),
                        (receiver, wanted),
                    ));
                }
                Ok(Ok(event)) if wanted(&event) => {
                    let data = serde_json::to_string(&event).unwrap_or_default();
                    let frame = Bytes::from(format!("event: chat\ndata: {data}\n\n"));
                    return Some((Ok(frame), (receiver, wanted)));
                }
                // Not for this subscriber, or missed while it was slow: the page
                // refetches on the next event anyway.
                Ok(Ok(_)) | Ok(Err(broadcast::error::RecvError::Lagged(_))) => continue,
                Ok(Err(broadcast::error::RecvError::Closed)) => return None,
            }
        }
    });
    first.chain(rest)
}

//! Live updates from the event log (docs/ARCHITECTURE.md, "The event log"). The hub
//! reads new `chat_events` rows after each commit it is woken for (and every second
//! regardless, so a lost wake-up delays but never loses an event) and hands them to the
//! open Server-Sent Events streams. Each frame carries the event's id; a stream that
//! reconnects with `Last-Event-ID`, or fell behind, is filled in from the table.

use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use actix_web::web::Bytes;
use futures_util::{Stream, StreamExt, stream};
use tokio::sync::broadcast;

use super::live::{self, LiveEvent};
use crate::accounts::sessions::{SessionPolicy, still_valid};
use crate::conversations::log::{read_after, read_seller_after};
use crate::db::DbPool;
use crate::web::limits::StreamPermit;

/// How many events one read of the log takes.
const BATCH: i64 = 500;
/// How long the hub sleeps when nobody wakes it.
const POLL: Duration = Duration::from_secs(1);
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// The most a reconnecting stream is sent of what it missed; beyond that the page is
/// better off reloading.
const REPLAY_LIMIT: i64 = 1000;
/// How often a signed-in stream checks that its session is still live and its access
/// unchanged, when nothing on this instance said so sooner (another instance may have
/// signed it out or changed its grants).
const ACCESS_CHECK: Duration = Duration::from_secs(10);

pub type Shared = Arc<LiveEvent>;

/// That an event was committed, for readers that fetch what they need themselves
/// (integrations). Listening to these does not make the hub read what events changed
/// for pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notice {
    pub id: i64,
    pub store_id: i64,
}

pub struct EventHub {
    inner: Arc<Inner>,
    /// Says when this instance ended sessions or changed what accounts may see: the
    /// signed-in streams concerned check theirs at once.
    access: broadcast::Sender<AccessChange>,
}

/// Whose access changed: some accounts, or every account of a seller (a role edited).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessChange {
    Account(i64),
    Seller(i64),
}

struct Inner {
    sender: broadcast::Sender<Shared>,
    notices: broadcast::Sender<Notice>,
    woken: Mutex<bool>,
    bell: Condvar,
    stop: AtomicBool,
    /// The newest event handed to subscribers.
    last: AtomicI64,
    pool: DbPool,
}

impl EventHub {
    /// Starts the hub's reader on `pool`, beginning after the newest event stored now.
    pub fn start(pool: DbPool) -> Arc<EventHub> {
        let (sender, _) = broadcast::channel(4096);
        let (notices, _) = broadcast::channel(4096);
        let last = pool
            .get()
            .ok()
            .and_then(|mut c| crate::conversations::log::newest_id(&mut c).ok())
            .unwrap_or(0);
        let inner = Arc::new(Inner {
            sender,
            notices,
            woken: Mutex::new(false),
            bell: Condvar::new(),
            stop: AtomicBool::new(false),
            last: AtomicI64::new(last),
            pool,
        });
        let reader = inner.clone();
        std::thread::Builder::new()
            .name("sellerdesk-events".into())
            .spawn(move || reader.run())
            .map_err(|e| log::error!("live updates: cannot start the event reader: {e}"))
            .ok();
        let (access, _) = broadcast::channel(256);
        Arc::new(EventHub { inner, access })
    }

    /// Sessions ended or access changed (sign-out, password, grants, roles, status):
    /// the streams of `whose` check whether they may go on.
    pub fn access_changed(&self, whose: AccessChange) {
        // Nobody listening is fine: no stream is open.
        let _ = self.access.send(whose);
    }

    /// New events were committed (here, or on another instance): read them now.
    pub fn wake(&self) {
        self.inner.wake();
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Shared> {
        self.inner.sender.subscribe()
    }

    /// Notices of committed events, for readers that are not pages.
    pub fn notices(&self) -> broadcast::Receiver<Notice> {
        self.inner.notices.subscribe()
    }

    pub fn pool(&self) -> &DbPool {
        &self.inner.pool
    }

    /// The newest event handed to subscribers.
    pub fn last(&self) -> i64 {
        self.inner.last.load(Ordering::Relaxed)
    }
}

impl Drop for EventHub {
    fn drop(&mut self) {
        self.inner.stop.store(true, Ordering::Relaxed);
        self.inner.wake();
    }
}

impl Inner {
    fn wake(&self) {
        if let Ok(mut woken) = self.woken.lock() {
            *woken = true;
            self.bell.notify_one();
        }
    }

    fn run(&self) {
        while !self.stop.load(Ordering::Relaxed) {
            if let Ok(mut woken) = self.woken.lock() {
                if !*woken {
                    woken = match self.bell.wait_timeout(woken, POLL) {
                        Ok((guard, _)) => guard,
                        Err(_) => return,
                    };
                }
                *woken = false;
            }
            if let Err(e) = self.read_new() {
                log::warn!("live updates: cannot read the event log: {e}");
                std::thread::sleep(Duration::from_millis(200));
            }
        }
    }

    fn read_new(&self) -> anyhow::Result<()> {
        let mut conn = self.pool.get()?;
        loop {
            let after = self.last.load(Ordering::Relaxed);
            let events = read_after(&mut conn, after, BATCH)?;
            let full = events.len() as i64 == BATCH;
            // What the events changed is read once for every page that shows it, and
            // not at all while no page is open.
            let events = if self.sender.receiver_count() > 0 {
                live::load(&mut conn, events)
            } else {
                events
                    .into_iter()
                    .map(|e| Arc::new(LiveEvent::bare(e)))
                    .collect()
            };
            for event in events {
                let id = event.event.id;
                let notice = Notice {
                    id,
                    store_id: event.event.store_id,
                };
                // No subscriber is not an error: nobody is watching right now.
                let _ = self.sender.send(event);
                let _ = self.notices.send(notice);
                // After the send: a stream that starts from `last` has had all up to it.
                self.last.store(id, Ordering::Relaxed);
            }
            if !full {
                return Ok(());
            }
        }
    }
}

/// Who a stream is for: what it may see and how an event is shown to it.
pub struct Audience<F> {
    pub seller_id: i64,
    /// The event's whole frame for this subscriber, or `None` when it is not theirs.
    pub render: F,
}

/// What keeps a stream open: its place among the limited connections and, for a
/// signed-in page, the session it was opened under.
pub struct StreamGuard {
    pub permit: StreamPermit,
    pub session: Option<SessionCheck>,
    /// Says, about once a minute while the stream is open, that its page is still there
    /// (agent presence).
    pub heartbeat: Option<Heartbeat>,
}

pub type Heartbeat = Box<dyn Fn() + Send + Sync>;

/// How often an open agent page tells presence it is there.
const HEARTBEAT: Duration = Duration::from_secs(60);

/// A signed-in stream ends when its session ends or expires, its account is disabled,
/// or what the account may see changes (it reconnects with the new grants).
#[derive(Debug, Clone, Copy)]
pub struct SessionCheck {
    pub account_id: i64,
    pub session_id: i64,
    pub access_version: i64,
    pub policy: SessionPolicy,
}

/// An SSE stream of the events `audience` may see, after `after` when the client
/// reconnected, with a keep-alive comment so proxies keep the connection open.
pub fn sse_stream<F>(
    hub: &EventHub,
    audience: Audience<F>,
    after: Option<i64>,
    guard: StreamGuard,
) -> impl Stream<Item = Result<Bytes, actix_web::Error>> + use<F>
where
    F: Fn(&LiveEvent) -> Option<Bytes> + Send + Sync + 'static,
{
    // Subscribe before reading what was missed, so nothing falls between the two. A
    // new stream starts from now: if it falls behind, it is filled in from here.
    let receiver = hub.subscribe();
    let access = hub.access.subscribe();
    if let Some(beat) = &guard.heartbeat {
        beat();
    }
    let state = StreamState {
        last_beat: tokio::time::Instant::now(),
        receiver,
        access,
        guard,
        next_check: tokio::time::Instant::now() + ACCESS_CHECK,
        next_keep_alive: tokio::time::Instant::now() + KEEP_ALIVE,
        pool: hub.pool().clone(),
        audience: Arc::new(audience),
        last_sent: after.unwrap_or_else(|| hub.last()),
        backlog: Vec::new(),
        needs_replay: after.is_some(),
        cut: false,
    };
    let first = stream::once(async { Ok(Bytes::from_static(b": connected\n\n")) });
    let rest = stream::unfold(state, |mut s| async move {
        loop {
            if s.needs_replay {
                s.needs_replay = false;
                s.backlog = s.replay().await;
                s.cut = s.backlog.len() as i64 == REPLAY_LIMIT;
                s.backlog.reverse();
            }
            if s.cut && s.backlog.is_empty() {
                // More was missed than a replay carries: the page starts afresh.
                s.cut = false;
                return Some((Ok(Bytes::from_static(b"event: reload\ndata: {}\n\n")), s));
            }
            if let Some(event) = s.backlog.pop() {
                if let Some(frame) = s.frame(&event) {
                    return Some((Ok(frame), s));
                }
                continue;
            }
            let keep_alive = tokio::time::sleep_until(s.next_keep_alive);
            let check_at = tokio::time::sleep_until(s.next_check);
            tokio::select! {
                received = s.receiver.recv() => match received {
                    Ok(event) => {
                        if let Some(frame) = s.frame(&event) {
                            return Some((Ok(frame), s));
                        }
                    }
                    // Fell behind: what it missed is in the table.
                    Err(broadcast::error::RecvError::Lagged(_)) => s.needs_replay = true,
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
                _ = keep_alive => {
                    s.next_keep_alive = tokio::time::Instant::now() + KEEP_ALIVE;
                    return Some((Ok(Bytes::from_static(b": keep-alive\n\n")), s));
                }
                changed = s.access.recv(), if s.guard.session.is_some() => {
                    let concerned = match changed {
                        Ok(whose) => s.concerns(whose),
                        // Missed some: check rather than guess.
                        Err(broadcast::error::RecvError::Lagged(_)) => true,
                        Err(broadcast::error::RecvError::Closed) => return None,
                    };
                    if concerned && !s.still_allowed().await {
                        return None;
                    }
                }
                _ = check_at, if s.guard.session.is_some() => {
                    if !s.still_allowed().await {
                        return None;
                    }
                    if s.last_beat.elapsed() >= HEARTBEAT
                        && let Some(beat) = &s.guard.heartbeat
                    {
                        beat();
                        s.last_beat = tokio::time::Instant::now();
                    }
                }
            }
        }
    });
    first.chain(rest)
}

struct StreamState<F> {
    receiver: broadcast::Receiver<Shared>,
    access: broadcast::Receiver<AccessChange>,
    guard: StreamGuard,
    next_check: tokio::time::Instant,
    last_beat: tokio::time::Instant,
    /// When to send a keep-alive comment if nothing else was sent (also how a client
    /// that went away is noticed: the write fails and the stream is dropped).
    next_keep_alive: tokio::time::Instant,
    pool: DbPool,
    audience: Arc<Audience<F>>,
    last_sent: i64,
    /// Missed events still to send, newest first.
    backlog: Vec<Shared>,
    needs_replay: bool,
    /// The replay hit its limit: once it is sent, the page is told to reload.
    cut: bool,
}

impl<F> StreamState<F>
where
    F: Fn(&LiveEvent) -> Option<Bytes> + Send + Sync + 'static,
{
    /// The frame for `event`, or `None` when it is not for this stream or already sent.
    fn frame(&mut self, live: &LiveEvent) -> Option<Bytes> {
        let event = &live.event;
        if event.id <= self.last_sent || event.seller_id != self.audience.seller_id {
            return None;
        }
        self.last_sent = event.id;
        let frame = (self.audience.render)(live)?;
        self.next_keep_alive = tokio::time::Instant::now() + KEEP_ALIVE;
        Some(frame)
    }

    /// Whether a change of access is about this stream's account.
    fn concerns(&self, whose: AccessChange) -> bool {
        match (whose, self.guard.session) {
            (AccessChange::Account(id), Some(check)) => id == check.account_id,
            (AccessChange::Seller(id), Some(_)) => id == self.audience.seller_id,
            (_, None) => false,
        }
    }

    /// Whether the stream's session may still receive events (true for anonymous
    /// streams). A database that cannot answer keeps the stream: the next check decides.
    async fn still_allowed(&mut self) -> bool {
        self.next_check = tokio::time::Instant::now() + ACCESS_CHECK;
        let Some(check) = self.guard.session else {
            return true;
        };
        let pool = self.pool.clone();
        let now = chrono::Utc::now().naive_utc();
        let read = actix_web::web::block(move || -> anyhow::Result<bool> {
            let mut conn = pool.get()?;
            Ok(still_valid(
                &mut conn,
                check.session_id,
                check.access_version,
                check.policy,
                now,
            )?)
        })
        .await;
        match read {
            Ok(Ok(valid)) => valid,
            Ok(Err(e)) => {
                log::warn!("live updates: cannot check a stream's session: {e}");
                true
            }
            Err(e) => {
                log::warn!("live updates: cannot check a stream's session: {e}");
                true
            }
        }
    }

    async fn replay(&self) -> Vec<Shared> {
        let (pool, seller, after) = (self.pool.clone(), self.audience.seller_id, self.last_sent);
        let read = actix_web::web::block(move || -> anyhow::Result<Vec<Shared>> {
            let mut conn = pool.get()?;
            let events = read_seller_after(&mut conn, seller, after, REPLAY_LIMIT)?;
            Ok(live::load(&mut conn, events))
        })
        .await;
        match read {
            Ok(Ok(events)) => events,
            Ok(Err(e)) => {
                log::warn!("live updates: cannot replay missed events: {e}");
                Vec::new()
            }
            Err(e) => {
                log::warn!("live updates: cannot replay missed events: {e}");
                Vec::new()
            }
        }
    }
}

/// Where the client's stream resumes: `Last-Event-ID` (sent by a reconnecting
/// EventSource), else `?after=` (a page starting from the event it was rendered at, or a
/// tab taking over its browser's stream from the last event it saw).
pub fn last_event_id(req: &actix_web::HttpRequest) -> Option<i64> {
    let header = req
        .headers()
        .get("Last-Event-ID")
        .and_then(|v| v.to_str().ok());
    let query = || {
        url_pairs(req.query_string())
            .find(|(k, _)| k == "after")
            .map(|(_, v)| v)
    };
    header
        .map(str::to_string)
        .or_else(query)
        .and_then(|v| v.trim().parse().ok())
        .filter(|id: &i64| *id >= 0)
}

fn url_pairs(query: &str) -> impl Iterator<Item = (String, String)> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .unwrap_or_default()
        .into_iter()
}

/// The response that carries an event stream.
pub fn sse_response(
    stream: impl Stream<Item = Result<Bytes, actix_web::Error>> + 'static,
) -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok()
        .content_type("text/event-stream")
        .insert_header(("Cache-Control", "no-store"))
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(stream)
}

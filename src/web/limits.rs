//! Limits on the public doors (README, "Limits"): request rates per address, store,
//! conversation and API token, and how many live-event connections may be open.
//!
//! Rates are kept in memory per instance (GCRA through `governor`): with N instances
//! behind a balancer a client gets at most N times the rate, which still bounds a
//! flood; what must hold across instances (open chats per address) is counted in the
//! database instead.

use std::collections::HashMap;
use std::hash::Hash;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::config::Limits;

/// A limit was reached: try again after this many seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub u64);

impl From<RetryAfter> for super::AppError {
    fn from(r: RetryAfter) -> Self {
        super::AppError::TooManyRequests { retry_after: r.0 }
    }
}

/// One rate per key, as requests per minute with the whole minute's worth allowed at
/// once (a buyer who pastes three lines is not refused).
struct Rate<K: Hash + Eq + Clone> {
    limiter: DefaultKeyedRateLimiter<K>,
    clock: DefaultClock,
}

impl<K: Hash + Eq + Clone> Rate<K> {
    fn per_minute(n: u32) -> Self {
        let n = NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
        Self {
            limiter: RateLimiter::keyed(Quota::per_minute(n)),
            clock: DefaultClock::default(),
        }
    }

    fn check(&self, key: &K) -> Result<(), RetryAfter> {
        self.limiter.check_key(key).map_err(|not_until| {
            let wait = not_until.wait_time_from(self.clock.now());
            // Round up: a client that waits exactly this long is let in.
            RetryAfter(wait.as_secs() + u64::from(wait.subsec_nanos() > 0))
        })
    }

    fn forget_idle(&self) {
        self.limiter.retain_recent();
        self.limiter.shrink_to_fit();
    }
}

/// Every limiter of the app; one per instance, shared by its workers.
pub struct Limiters {
    buyer_address: Rate<String>,
    buyer_store: Rate<i64>,
    conversation: Rate<(i64, String)>,
    api_token: Rate<i64>,
    pub open_chats_per_address: i64,
    pub streams: Arc<StreamCounts>,
}

impl Limiters {
    pub fn new(limits: &Limits) -> Self {
        Self {
            buyer_address: Rate::per_minute(limits.buyer_per_address),
            buyer_store: Rate::per_minute(limits.buyer_per_store),
            conversation: Rate::per_minute(limits.messages_per_conversation),
            api_token: Rate::per_minute(limits.api_per_token),
            open_chats_per_address: limits.open_chats_per_address.into(),
            streams: Arc::new(StreamCounts {
                per_session: limits.streams_per_session as usize,
                per_address: limits.streams_per_address as usize,
                total: limits.streams_total as usize,
                open: Mutex::new(Open::default()),
            }),
        }
    }

    /// A post on the buyer chat page from `addr` (checked first, so one address's
    /// flood neither costs a query nor uses up the store's allowance).
    pub fn buyer_address(&self, addr: &str) -> Result<(), RetryAfter> {
        self.buyer_address.check(&addr.to_string())
    }

    /// A post on the buyer chat page to `store`, all addresses together.
    pub fn buyer_store(&self, store: i64) -> Result<(), RetryAfter> {
        self.buyer_store.check(&store)
    }

    /// A buyer message in the conversation of `buyer_key` at `store`.
    pub fn buyer_message(&self, store: i64, buyer_key: &str) -> Result<(), RetryAfter> {
        self.conversation.check(&(store, buyer_key.to_string()))
    }

    /// A request made with API token `token_id`.
    pub fn api_request(&self, token_id: i64) -> Result<(), RetryAfter> {
        self.api_token.check(&token_id)
    }

    /// Forgets keys that have been quiet for a while (the maintenance task).
    pub fn forget_idle(&self) {
        self.buyer_address.forget_idle();
        self.buyer_store.forget_idle();
        self.conversation.forget_idle();
        self.api_token.forget_idle();
    }
}

/// Live-event connections open now, per session, per address and in total.
pub struct StreamCounts {
    per_session: usize,
    per_address: usize,
    total: usize,
    open: Mutex<Open>,
}

#[derive(Default)]
struct Open {
    total: usize,
    sessions: HashMap<i64, usize>,
    addresses: HashMap<String, usize>,
}

/// Held by an open stream; dropping it (the stream ended) frees the place.
pub struct StreamPermit {
    counts: Arc<StreamCounts>,
    session: Option<i64>,
    address: String,
}

/// Streams are long-lived: a client refused one is asked to come back in a while.
const STREAM_RETRY_AFTER: RetryAfter = RetryAfter(30);

impl StreamCounts {
    /// A place for a new stream from `address` (and `session`, for signed-in pages).
    pub fn open(
        self: &Arc<Self>,
        session: Option<i64>,
        address: &str,
    ) -> Result<StreamPermit, RetryAfter> {
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        let by_session = session.map_or(0, |s| open.sessions.get(&s).copied().unwrap_or(0));
        let by_address = open.addresses.get(address).copied().unwrap_or(0);
        if open.total >= self.total
            || by_address >= self.per_address
            || by_session >= self.per_session
        {
            return Err(STREAM_RETRY_AFTER);
        }
        open.total += 1;
        *open.addresses.entry(address.to_string()).or_default() += 1;
        if let Some(s) = session {
            *open.sessions.entry(s).or_default() += 1;
        }
        Ok(StreamPermit {
            counts: self.clone(),
            session,
            address: address.to_string(),
        })
    }

    /// How many streams are open now (for tests and `/healthz`-style checks).
    pub fn total(&self) -> usize {
        self.open.lock().unwrap_or_else(|p| p.into_inner()).total
    }
}

fn release<K: Hash + Eq>(map: &mut HashMap<K, usize>, key: &K) {
    if let Some(n) = map.get_mut(key) {
        *n -= 1;
        if *n == 0 {
            map.remove(key);
        }
    }
}

impl Drop for StreamPermit {
    fn drop(&mut self) {
        let mut open = self.counts.open.lock().unwrap_or_else(|p| p.into_inner());
        open.total = open.total.saturating_sub(1);
        release(&mut open.addresses, &self.address);
        if let Some(s) = self.session {
            release(&mut open.sessions, &s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_refuses_past_its_minute_and_says_when_to_return() {
        let rate = Rate::<i64>::per_minute(3);
        for _ in 0..3 {
            assert!(rate.check(&1).is_ok());
        }
        let RetryAfter(wait) = rate.check(&1).unwrap_err();
        assert!((1..=20).contains(&wait), "{wait}");
        // Another key is not affected.
        assert!(rate.check(&2).is_ok());
    }

    #[test]
    fn stream_places_are_counted_and_given_back() {
        let limits = Limits {
            buyer_per_address: 1,
            buyer_per_store: 1,
            messages_per_conversation: 1,
            open_chats_per_address: 1,
            api_per_token: 1,
            streams_per_session: 2,
            streams_per_address: 3,
            streams_total: 4,
        };
        let counts = Limiters::new(&limits).streams;
        let a = counts.open(Some(1), "a").unwrap();
        let _b = counts.open(Some(1), "a").unwrap();
        assert!(counts.open(Some(1), "a").is_err(), "per session");
        let _c = counts.open(None, "a").unwrap();
        assert!(counts.open(None, "a").is_err(), "per address");
        let _d = counts.open(None, "b").unwrap();
        assert!(counts.open(None, "c").is_err(), "in total");
        drop(a);
        let _e = counts.open(Some(1), "c").unwrap();
        assert_eq!(counts.total(), 4);
    }
}

//! One delivery attempt: a signed JSON POST. Connect within 5 seconds, a whole answer
//! within 10; no redirect is followed (a receiver that moved says so with its status);
//! at most 64 KiB of the answer is read and 500 characters of it kept for the log.

use std::net::SocketAddr;
use std::time::Duration;

use chrono::Utc;

use super::sign::signature;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const TIMEOUT: Duration = Duration::from_secs(10);
const MAX_READ_BYTES: usize = 64 * 1024;
const KEPT_CHARS: usize = 500;

/// What an attempt got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    /// A 2xx answer arrived in time.
    pub delivered: bool,
    pub status: Option<u16>,
    /// The start of the answer's body.
    pub body: String,
    /// Why no answer came (timeout, refused connection, unknown host…).
    pub error: Option<String>,
}

#[derive(Clone)]
pub struct Sender {
    client: Option<reqwest::Client>,
}

impl Sender {
    pub fn new() -> Self {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(TIMEOUT)
            .user_agent(concat!("Sellerdesk-Webhooks/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| log::error!("webhooks: cannot build the HTTP client: {e}"))
            .ok();
        Sender { client }
    }

    /// Posts like `post`, unless `url` points at this server (`own`): the form checks
    /// that too, but the server may have moved to the receiver's port since.
    pub async fn post_checked(
        &self,
        own: Option<SocketAddr>,
        url: &str,
        secret: &str,
        event_id: &str,
        body: Vec<u8>,
    ) -> Attempt {
        if super::model::parse_url(url, own) == Err("error-webhook-url-self") {
            return Attempt {
                delivered: false,
                status: None,
                body: String::new(),
                error: Some("the URL is this server's own address".into()),
            };
        }
        self.post(url, secret, event_id, body).await
    }

    /// Posts `body` (an event's JSON) to `url`, signed with `secret`.
    pub async fn post(&self, url: &str, secret: &str, event_id: &str, body: Vec<u8>) -> Attempt {
        let failed = |error: String| Attempt {
            delivered: false,
            status: None,
            body: String::new(),
            error: Some(error),
        };
        let Some(client) = &self.client else {
            return failed("no HTTP client".into());
        };
        let timestamp = Utc::now().timestamp();
        let sent = client
            .post(url)
            .header("content-type", "application/json")
            .header("sellerdesk-event-id", event_id)
            .header("sellerdesk-timestamp", timestamp.to_string())
            .header("sellerdesk-signature", signature(secret, timestamp, &body))
            .body(body)
            .send()
            .await;
        let mut response = match sent {
            Ok(response) => response,
            Err(e) => return failed(describe(&e)),
        };
        let status = response.status();
        let mut read = Vec::new();
        while read.len() < MAX_READ_BYTES {
            match response.chunk().await {
                Ok(Some(chunk)) => read.extend_from_slice(&chunk),
                Ok(None) => break,
                // The status arrived: a body cut short does not change the outcome.
                Err(_) => break,
            }
        }
        Attempt {
            delivered: status.is_success(),
            status: Some(status.as_u16()),
            body: String::from_utf8_lossy(&read)
                .chars()
                .take(KEPT_CHARS)
                .collect(),
            error: None,
        }
    }
}

impl Default for Sender {
    fn default() -> Self {
        Self::new()
    }
}

/// Why a request got no answer, in a few words for the delivery log.
fn describe(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "timed out".into()
    } else if e.is_connect() {
        // The innermost cause says "Connection refused", "failed to lookup address"…
        let mut cause: &dyn std::error::Error = e;
        while let Some(next) = cause.source() {
            cause = next;
        }
        format!("cannot connect: {cause}")
    } else {
        e.to_string()
    }
}

//! What the benchmarks share: an app on a temporary SQLite database, served on a free
//! port, and a client signed in through the login form.

// Each benchmark uses a part of this module.
#![allow(dead_code)]

use std::net::TcpListener;
use std::path::Path;
use std::time::Duration;

use diesel::prelude::*;
use sellerdesk::accounts::model::Account;
use sellerdesk::db::schema::stores;
use sellerdesk::stores::actions;
use sellerdesk::stores::model::Store;
use sellerdesk::web::CurrentUser;

use sellerdesk::app::AppState;
use sellerdesk::config::ServeArgs;

/// Serve flags for a database file in `dir`, with cheap password hashes.
pub fn sqlite_args(dir: &Path, pool_size: u32) -> anyhow::Result<ServeArgs> {
    let url = format!("sqlite://{}", dir.join("bench.db").display());
    let mut args = ServeArgs::defaults(&url)?;
    args.bind = "127.0.0.1:0".into();
    args.bcrypt_cost = 4;
    args.db_pool_size = pool_size;
    args.workers = Some(2);
    // Benchmarks measure throughput from one client: the per-token and per-address
    // limits would measure the limiter instead.
    args.limits.api_per_token = u32::MAX;
    args.limits.buyer_per_address = u32::MAX;
    args.limits.buyer_per_store = u32::MAX;
    args.limits.messages_per_conversation = u32::MAX;
    Ok(args)
}

/// Starts the app on a free port; returns its address and a handle to stop it.
pub fn serve(state: &AppState) -> anyhow::Result<(String, actix_web::dev::ServerHandle)> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let base = format!("http://{}", listener.local_addr()?);
    let server = sellerdesk::serve(state.clone(), listener, Some(2))?;
    let handle = server.handle();
    actix_web::rt::spawn(server);
    Ok((base, handle))
}

/// A client signed in as `username`, keeping its session cookie.
pub async fn signed_in(
    base: &str,
    username: &str,
    password: &str,
) -> anyhow::Result<reqwest::Client> {
    let client = reqwest::Client::builder().cookie_store(true).build()?;
    let login = client
        .get(format!("{base}/login"))
        .send()
        .await?
        .text()
        .await?;
    let csrf = login
        .split("name=\"csrf_token\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_default()
        .to_string();
    let response = client
        .post(format!("{base}/login"))
        .form(&[
            ("username", username),
            ("password", password),
            ("csrf_token", &csrf),
        ])
        .send()
        .await?;
    anyhow::ensure!(
        response.status().is_success() && !response.url().path().starts_with("/login"),
        "sign-in as {username} failed: {}",
        response.status()
    );
    Ok(client)
}

pub fn quantile(sorted: &[Duration], q: f64) -> Duration {
    sorted[((sorted.len() as f64 * q) as usize).min(sorted.len().saturating_sub(1))]
}

/// Posts buyer message `n` (400 buyers in turn) and returns its conversation id.
pub async fn post_message(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    n: usize,
    external: String,
) -> anyhow::Result<i64> {
    let sources = ["product_page", "shop_page", "order", "after_sales"];
    let body = serde_json::json!({
        "external_id": external,
        "buyer_id": format!("B{}", n % 400),
        "buyer_name": format!("Buyer {}", n % 400),
        "source": sources[n % sources.len()],
        "text": "Hello, is this still in stock?",
    });
    let response = client
        .post(format!("{base}/api/v1/messages"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await?;
    anyhow::ensure!(
        response.status().is_success(),
        "POST failed: {}",
        response.status()
    );
    let json: serde_json::Value = response.json().await?;
    json["conversation_id"]
        .as_i64()
        .ok_or_else(|| anyhow::anyhow!("no conversation id"))
}

/// The demo seller (four stores, six agents Online, groups, automatic replies, weeks of
/// chats) and an API token for its first store; returns the token.
pub fn seed_demo(state: &sellerdesk::app::AppState, password: &str) -> anyhow::Result<String> {
    let mut c = state.pool.get()?;
    sellerdesk::demo::fill(&mut c, password, 1)?;
    let main = Account::find_by_username(&mut c, "demo")?
        .ok_or_else(|| anyhow::anyhow!("the demo seller"))?;
    let permissions = main.permissions(&mut c)?;
    let main = CurrentUser::without_session(main, permissions);
    let store = stores::table
        .filter(stores::seller_id.eq(main.seller_id))
        .order(stores::id.asc())
        .select(Store::as_select())
        .first(&mut c)?;
    let actor = main.actor("127.0.0.1".into());
    Ok(actions::create_token(&mut c, &actor, &store, "bench")?)
}

/// A Server-Sent Events stream read frame by frame.
pub struct Frames {
    response: reqwest::Response,
    buffer: String,
}

impl Frames {
    pub async fn open(client: &reqwest::Client, url: &str) -> anyhow::Result<Frames> {
        let response = client.get(url).send().await?;
        anyhow::ensure!(
            response.status().is_success(),
            "stream refused: {}",
            response.status()
        );
        Ok(Frames {
            response,
            buffer: String::new(),
        })
    }

    /// The next `chat` frame's data, as JSON.
    pub async fn next(&mut self) -> anyhow::Result<serde_json::Value> {
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let frame: String = self.buffer.drain(..end + 2).collect();
                if let Some(data) = frame.lines().find_map(|l| l.strip_prefix("data: "))
                    && frame.contains("event: chat")
                {
                    return Ok(serde_json::from_str(data)?);
                }
            }
            let chunk = tokio::time::timeout(Duration::from_secs(10), self.response.chunk())
                .await??
                .ok_or_else(|| anyhow::anyhow!("the stream ended"))?;
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    /// Reads until a frame about `conversation` arrives.
    pub async fn until_conversation(&mut self, conversation: i64) -> anyhow::Result<()> {
        while self.next().await?["c"]["id"].as_i64() != Some(conversation) {}
        Ok(())
    }
}

/// CPU time of every thread of this process but the main one (the client's).
pub fn server_cpu() -> anyhow::Result<Duration> {
    let main = std::process::id().to_string();
    let mut total = 0u64;
    for task in std::fs::read_dir("/proc/self/task")? {
        let task = task?;
        if task.file_name().to_string_lossy() == main {
            continue;
        }
        // The first field of schedstat is the time spent on a CPU, in nanoseconds. A
        // thread that ended between the listing and the read counts as nothing.
        if let Ok(stat) = std::fs::read_to_string(task.path().join("schedstat")) {
            total += stat
                .split_whitespace()
                .next()
                .and_then(|n| n.parse::<u64>().ok())
                .unwrap_or(0);
        }
    }
    Ok(Duration::from_nanos(total))
}

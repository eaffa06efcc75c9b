//! Webchat benchmark (not a test): messages per second through the JSON API with routing
//! and automatic replies on SQLite, and the delay from the POST to the agent's
//! Server-Sent Event (p50/p99). Run with `cargo bench --bench webchat`.

use std::time::{Duration, Instant};

use sellerdesk::accounts::permissions::{BuiltinRole, RoleRef};
use sellerdesk::accounts::profile::ProfileInput;
use sellerdesk::accounts::setup::{SetupInput, create_seller};
use sellerdesk::accounts::sub_accounts::{self, MemberName, NewSubAccount};
use sellerdesk::accounts::validation::{DisplayName, Email, MainUsername};
use sellerdesk::chat_assignment::groups::{self, NewGroup};
use sellerdesk::chat_assignment::settings;
use sellerdesk::chat_assignment::sources::ChatSource;
use sellerdesk::conversations::AgentStatus;
use sellerdesk::i18n::TimeZoneName;
use sellerdesk::stores::actions::{self, StoreInput};
use sellerdesk::stores::markets::Market;
use sellerdesk::stores::model::StoreName;
use sellerdesk::web::CurrentUser;

#[path = "common.rs"]
mod common;

const MESSAGES: usize = 2000;
const CONCURRENCY: usize = 16;
const LATENCY_SAMPLES: usize = 300;
const PASSWORD: &str = "bench password 1";

fn main() -> anyhow::Result<()> {
    actix_web::rt::System::new().block_on(run())
}

async fn run() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let state = sellerdesk::prepare(&common::sqlite_args(dir.path(), 8))?;
    let token = seed(&state)?;
    let (base, handle) = common::serve(&state)?;

    let client = reqwest::Client::new();
    let started = Instant::now();
    for batch in 0..MESSAGES.div_ceil(CONCURRENCY) {
        let posts = (0..CONCURRENCY).map(|k| {
            let n = batch * CONCURRENCY + k;
            post(&client, &base, &token, n, format!("t{n}"))
        });
        for result in futures_util::future::join_all(posts).await {
            result?;
        }
    }
    let elapsed = started.elapsed();
    println!(
        "throughput: {MESSAGES} messages in {:.2} s = {:.0} messages/s (SQLite, routing + auto-replies, {CONCURRENCY} concurrent clients)",
        elapsed.as_secs_f64(),
        MESSAGES as f64 / elapsed.as_secs_f64()
    );

    let agent = common::signed_in(&base, "bench", PASSWORD).await?;
    let mut events = agent.get(format!("{base}/webchat/events")).send().await?;
    events.chunk().await?;
    let mut samples = Vec::with_capacity(LATENCY_SAMPLES);
    for i in 0..LATENCY_SAMPLES {
        let n = MESSAGES + i;
        let sent = Instant::now();
        let conversation = post(&client, &base, &token, n, format!("l{i}")).await?;
        let needle = format!("\"conversation_id\":{conversation}");
        let mut seen = String::new();
        while !seen.contains(&needle) {
            let chunk = tokio::time::timeout(Duration::from_secs(10), events.chunk()).await??;
            seen.push_str(&String::from_utf8_lossy(&chunk.unwrap_or_default()));
        }
        samples.push(sent.elapsed());
    }
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 * q) as usize).min(samples.len() - 1)];
    println!(
        "POST → agent's SSE event over {LATENCY_SAMPLES} messages: p50 {:.1} ms, p99 {:.1} ms",
        at(0.50).as_secs_f64() * 1000.0,
        at(0.99).as_secs_f64() * 1000.0
    );
    handle.stop(true).await;
    Ok(())
}

/// Posts buyer message `n` (500 buyers in turn) and returns its conversation id.
async fn post(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    n: usize,
    external: String,
) -> anyhow::Result<i64> {
    let sources = ["product_page", "shop_page", "order", "after_sales"];
    let body = serde_json::json!({
        "external_id": external,
        "buyer_id": format!("B{}", n % 500),
        "buyer_name": format!("Buyer {}", n % 500),
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

/// A seller with one store, an automatic reply, two groups of eight Online agents, and
/// an API token; returns the token.
fn seed(state: &sellerdesk::app::AppState) -> anyhow::Result<String> {
    let mut c = state.pool.get()?;
    let setup = SetupInput {
        username: MainUsername::parse("bench").map_err(anyhow::Error::msg)?,
        display_name: DisplayName::parse("Bench").map_err(anyhow::Error::msg)?,
        email: Email::parse("bench@example.com").map_err(anyhow::Error::msg)?,
        password_hash: bcrypt::hash(PASSWORD, 4)?,
    };
    let main = sellerdesk::db::write_transaction::<_, diesel::result::Error, _>(&mut c, |c| {
        create_seller(c, &setup, "127.0.0.1")
    })?;
    let permissions = main.permissions(&mut c)?;
    let main = CurrentUser::from_account(main, permissions);
    let actor = main.actor("127.0.0.1".into());
    let input = StoreInput {
        name: StoreName::parse("Bench store").map_err(anyhow::Error::msg)?,
        market: Market::Th,
        time_zone: TimeZoneName::parse("Asia/Bangkok").unwrap_or_else(TimeZoneName::utc),
    };
    let store =
        actions::create_store(&mut c, &actor, &input, None)?.map_err(|i| anyhow::anyhow!(i.key))?;
    settings::save_auto_reply(
        &mut c,
        &actor,
        &store,
        true,
        "Thanks! We reply within minutes.",
    )?;
    let hash = bcrypt::hash(PASSWORD, 4)?;
    let mut agents = Vec::new();
    for i in 0..16 {
        let new = NewSubAccount {
            member: MemberName::parse(&format!("agent{i}")).map_err(anyhow::Error::msg)?,
            profile: ProfileInput {
                display_name: DisplayName::parse(&format!("Agent {i}"))
                    .map_err(anyhow::Error::msg)?,
                email: Email::parse(&format!("agent{i}@example.com"))
                    .map_err(anyhow::Error::msg)?,
                phone: None,
            },
            role: RoleRef::Builtin(BuiltinRole::CustomerService),
            password_hash: hash.clone(),
            stores: vec![store.id],
        };
        let account = sub_accounts::create(&mut c, &main, &actor, "bench", &new)?
            .map_err(|i| anyhow::anyhow!(i.key))?;
        agents.push(account);
    }
    for (name, members, sources) in [
        (
            "Pre-sales",
            &agents[..8],
            vec![ChatSource::ProductPage, ChatSource::ShopPage],
        ),
        (
            "After-sales",
            &agents[8..],
            vec![ChatSource::Order, ChatSource::AfterSales],
        ),
    ] {
        let group = NewGroup {
            name: name.into(),
            members: members.iter().map(|a| a.id).collect(),
            sources,
        };
        groups::create(&mut c, &actor, &store, &group)?.map_err(|i| anyhow::anyhow!(i.key))?;
    }
    for account in agents {
        let permissions = account.permissions(&mut c)?;
        let user = CurrentUser::from_account(account, permissions);
        let agent_actor = user.actor("127.0.0.1".into());
        sellerdesk::conversations::set_status(
            &mut c,
            &agent_actor,
            &user,
            AgentStatus::Online,
            chrono::Utc::now().naive_utc(),
        )?;
    }
    Ok(actions::create_token(&mut c, &actor, &store, "bench")?)
}

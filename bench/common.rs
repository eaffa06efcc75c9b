//! What the benchmarks share: an app on a temporary SQLite database, served on a free
//! port, and a client signed in through the login form.

use std::net::TcpListener;
use std::path::Path;

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

//! What the benchmarks share: an app on a temporary SQLite database, served on a free
//! port, and a client signed in through the login form.

use std::net::TcpListener;
use std::path::Path;

use sellerdesk::app::AppState;
use sellerdesk::config::{DatabaseArgs, ServeArgs};

/// Serve flags for a database file in `dir`, with cheap password hashes.
pub fn sqlite_args(dir: &Path, pool_size: u32) -> ServeArgs {
    ServeArgs {
        bind: "127.0.0.1:0".into(),
        db: DatabaseArgs {
            database_url: format!("sqlite://{}", dir.join("bench.db").display()),
        },
        secret_key: None,
        cookie_secure: false,
        trust_proxy: false,
        bcrypt_cost: 4,
        db_pool_size: pool_size,
        workers: Some(2),
    }
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

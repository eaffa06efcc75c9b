//! Test helpers: an app on port 0 with its own database, cookie-keeping browsers with
//! redirects off, and helpers for the common steps (setup, sign-in, forms).
#![allow(dead_code)]

pub mod db;

use std::net::TcpListener;
use std::ops::Deref;
use std::sync::Mutex;

use base64::Engine;
use reqwest::StatusCode;
use reqwest::redirect::Policy;
use sellerdesk::app::AppState;
use sellerdesk::config::ServeArgs;
use sellerdesk::db::DbConnection;

pub use db::TestDb;

/// Method, path and form fields of one request, for permission matrices.
pub type Route = (&'static str, String, Vec<(&'static str, &'static str)>);

pub const PASSWORD: &str = "correct horse battery";
pub const INITIAL_PASSWORD: &str = "initial pass 123";

pub struct TestApp {
    pub main: Browser,
    pub state: AppState,
    pub db: TestDb,
    pub secret_key: String,
    server: actix_web::dev::ServerHandle,
}

/// One browser: its own cookie jar, so its own session.
pub struct Browser {
    pub client: reqwest::Client,
    pub address: String,
    last_csrf: Mutex<Option<String>>,
}

pub struct Page {
    pub status: StatusCode,
    pub body: String,
    pub location: Option<String>,
}

impl Page {
    pub fn assert_redirect(&self, to: &str) {
        assert!(
            self.status.is_redirection(),
            "expected a redirect, got {}: {}",
            self.status,
            self.body
        );
        assert_eq!(self.location.as_deref(), Some(to));
    }

    pub fn assert_contains(&self, text: &str) {
        assert!(
            self.body.contains(text),
            "page lacks {text:?}:\n{}",
            self.body
        );
    }

    pub fn assert_lacks(&self, text: &str) {
        assert!(
            !self.body.contains(text),
            "page shows {text:?}:\n{}",
            self.body
        );
    }

    /// The id at the end of a redirect such as `/account/stores/12`.
    pub fn redirect_id(&self) -> i64 {
        let location = self
            .location
            .as_deref()
            .unwrap_or_else(|| panic!("no redirect: {}", self.body));
        location
            .split(['/', '#', '?'])
            .rev()
            .find_map(|p| p.parse().ok())
            .expect("an id in the location")
    }
}

impl Deref for TestApp {
    type Target = Browser;

    fn deref(&self) -> &Browser {
        &self.main
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// An app whose serve flags `change` adjusts (limits, session lifetimes, proxies…).
pub async fn spawn_app_with(change: impl FnOnce(&mut ServeArgs)) -> TestApp {
    let db = TestDb::migrated();
    let key = base64::engine::general_purpose::STANDARD.encode(rand_bytes());
    let mut args = serve_args(db.url(), Some(key));
    change(&mut args);
    start(db, args).await
}

/// Starts an app on an existing database; `None` as key uses the key file (SQLite).
/// Serve flags for a test instance on `database_url`, with cheap password hashes.
pub fn serve_args(database_url: &str, secret_key: Option<String>) -> ServeArgs {
    let mut args = ServeArgs::defaults(database_url).expect("default serve flags");
    args.bind = "127.0.0.1:0".into();
    args.secret_key = secret_key;
    args.bcrypt_cost = 4;
    args.db_pool_size = 4;
    args.workers = Some(1);
    args
}

pub async fn spawn_app_on(db: TestDb, secret_key: Option<String>) -> TestApp {
    let args = serve_args(db.url(), secret_key);
    start(db, args).await
}

async fn start(db: TestDb, args: ServeArgs) -> TestApp {
    let state = sellerdesk::prepare(&args).expect("prepare app");
    serve_state(db, state).await
}

/// Serves an app already prepared (for tests that look at its state first).
pub async fn serve_state(db: TestDb, state: AppState) -> TestApp {
    let secret_key =
        base64::engine::general_purpose::STANDARD.encode(state.config.secret_key.master());
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let server = sellerdesk::serve(state.clone(), listener, Some(1)).expect("serve");
    let handle = server.handle();
    actix_web::rt::spawn(server);
    TestApp {
        main: Browser::new(format!("http://127.0.0.1:{port}")),
        state,
        db,
        secret_key,
        server: handle,
    }
}

/// A second instance of `app`: the same database and secret key, its own process
/// state; its address and handle.
pub fn second_instance(app: &TestApp) -> (String, actix_web::dev::ServerHandle) {
    let args = serve_args(app.db.url(), Some(app.secret_key.clone()));
    let state_b = sellerdesk::prepare(&args).expect("instance B");
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let address_b = format!("http://{}", listener.local_addr().expect("addr"));
    let server_b = sellerdesk::serve(state_b, listener, Some(1)).expect("serve B");
    let handle_b = server_b.handle();
    actix_web::rt::spawn(server_b);
    (address_b, handle_b)
}

fn rand_bytes() -> [u8; 64] {
    let mut out = [0u8; 64];
    for (i, b) in out.iter_mut().enumerate() {
        *b = (std::process::id() as u8)
            .wrapping_add(i as u8)
            .wrapping_mul(31)
            ^ (nanos() as u8);
    }
    out
}

fn nanos() -> u32 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0)
}

pub fn new_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .expect("client")
}

impl Browser {
    pub fn new(address: String) -> Self {
        Self::with_client(address, new_client())
    }

    pub fn with_client(address: String, client: reqwest::Client) -> Self {
        Self {
            client,
            address,
            last_csrf: Mutex::new(None),
        }
    }

    /// A browser whose requests come from another loopback address (127.0.0.x), as a
    /// second person somewhere else would.
    pub fn from_address(address: String, ip: &str) -> Self {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(Policy::none())
            .local_address(ip.parse::<std::net::IpAddr>().expect("ip"))
            .build()
            .expect("client");
        Self::with_client(address, client)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    async fn page(&self, response: reqwest::Response) -> Page {
        let status = response.status();
        let location = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let body = response.text().await.expect("body");
        // A redirect may follow a session change (sign-in renews the token).
        let token = if status.is_redirection() {
            None
        } else {
            extract_csrf(&body)
        };
        *self.last_csrf.lock().expect("lock") = token;
        Page {
            status,
            body,
            location,
        }
    }

    pub async fn get(&self, path: &str) -> Page {
        let response = self.client.get(self.url(path)).send().await.expect("GET");
        self.page(response).await
    }

    /// The CSRF token of the last page seen (fetching a page first if none was).
    pub async fn csrf(&self) -> String {
        if let Some(token) = self.last_csrf.lock().expect("lock").clone() {
            return token;
        }
        // Every rendered page carries the token in its layout: the login page for
        // visitors, the home page once signed in, the setup page on first run.
        for path in ["/login", "/home", "/setup", "/account/password"] {
            if self.get(path).await.status == StatusCode::OK {
                break;
            }
        }
        self.last_csrf
            .lock()
            .expect("lock")
            .clone()
            .expect("a page with a CSRF token")
    }

    /// Posts a form with the session's CSRF token added.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.csrf().await;
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf_token", &token));
        self.post_raw(path, &all).await
    }

    /// Posts exactly the given fields (no token added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let response = self
            .client
            .post(self.url(path))
            .form(fields)
            .send()
            .await
            .expect("POST");
        self.page(response).await
    }

    pub async fn login(&self, username: &str, password: &str) -> Page {
        self.get("/login").await;
        self.post("/login", &[("username", username), ("password", password)])
            .await
    }

    pub async fn logout(&self) -> Page {
        self.post("/logout", &[]).await
    }
    /// Adds a store as this (main account's) browser; returns its id.
    pub async fn add_store(&self, name: &str, market: &str) -> i64 {
        self.get("/account/stores/new").await;
        let page = self
            .post(
                "/account/stores",
                &[("name", name), ("market", market), ("time_zone", "")],
            )
            .await;
        page.redirect_id()
    }

    /// Creates an API token for the store through the UI and returns its secret (shown
    /// once, on the store's page).
    pub async fn api_token(&self, store: i64, name: &str) -> String {
        self.post(
            &format!("/account/stores/{store}/tokens"),
            &[("name", name)],
        )
        .await;
        let page = self.get(&format!("/account/stores/{store}")).await;
        let start = page.body.find("sdk_").expect("the new token is shown once");
        page.body[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .collect()
    }
}

impl TestApp {
    pub async fn stop(self) -> TestDb {
        self.server.stop(true).await;
        self.db
    }

    /// A new browser with its own session, on this app.
    pub fn browser(&self) -> Browser {
        Browser::new(self.main.address.clone())
    }

    /// Runs a closure on a database connection (for asserting database state).
    pub fn with_db<R>(&self, f: impl FnOnce(&mut DbConnection) -> R) -> R {
        let mut conn = self.state.pool.get().expect("connection");
        f(&mut conn)
    }

    pub async fn get_with(&self, client: &reqwest::Client, path: &str) -> Page {
        let response = client.get(self.url(path)).send().await.expect("GET");
        self.main.page(response).await
    }

    /// Completes first-run setup as main account `username`, leaving it signed in.
    pub async fn setup(&self, username: &str) -> Page {
        self.get("/setup").await;
        let email = format!("{username}@example.com");
        let page = self
            .post(
                "/setup",
                &[
                    ("username", username),
                    ("display_name", "Chen Jia"),
                    ("email", &email),
                    ("password", PASSWORD),
                    ("password_confirm", PASSWORD),
                ],
            )
            .await;
        page.assert_redirect("/home");
        page
    }

    /// Adds another seller (as an operator would) and signs its main account in.
    pub async fn other_seller(&self, username: &str) -> Browser {
        use sellerdesk::accounts::setup::{SetupInput, create_seller};
        use sellerdesk::accounts::validation::{DisplayName, Email, MainUsername};
        let input = SetupInput {
            username: MainUsername::parse(username).expect("username"),
            display_name: DisplayName::parse("Other Seller").expect("name"),
            email: Email::parse(&format!("{username}@example.com")).expect("email"),
            password_hash: bcrypt::hash(PASSWORD, 4).expect("hash"),
            time_zone: sellerdesk::i18n::TimeZoneName::utc(),
        };
        self.with_db(|c| create_seller(c, &input, "127.0.0.1").expect("create seller"));
        let browser = self.browser();
        browser
            .login(username, PASSWORD)
            .await
            .assert_redirect("/home");
        browser
    }

    /// Creates a custom role as the main browser; returns its id.
    pub async fn create_role(&self, name: &str, permissions: &[&str]) -> i64 {
        let mut fields = vec![("name", name)];
        fields.extend(permissions.iter().map(|p| ("permissions", *p)));
        self.post("/account/roles", &fields)
            .await
            .assert_redirect("/account/roles");
        self.with_db(|c| {
            use diesel::prelude::*;
            use sellerdesk::db::schema::roles;
            roles::table
                .filter(roles::name.eq(name))
                .select(roles::id)
                .first(c)
                .expect("the new role")
        })
    }

    /// Creates a sub-account as the main browser; returns its id.
    pub async fn add_sub_account(&self, member: &str, role: &str, stores: &[i64]) -> i64 {
        let email = format!("{member}@example.com");
        let ids: Vec<String> = stores.iter().map(i64::to_string).collect();
        let mut fields = vec![
            ("member_name", member),
            ("display_name", member),
            ("email", email.as_str()),
            ("role", role),
            ("password", INITIAL_PASSWORD),
            ("password_confirm", INITIAL_PASSWORD),
        ];
        fields.extend(ids.iter().map(|id| ("stores", id.as_str())));
        let page = self.post("/account/sub-accounts", &fields).await;
        page.redirect_id()
    }

    /// Signs a sub-account in from a new browser and sets its own password.
    pub async fn sub_account_browser(&self, username: &str) -> Browser {
        let browser = self.browser();
        browser
            .login(username, INITIAL_PASSWORD)
            .await
            .assert_redirect("/home");
        browser.get("/account/password").await;
        browser
            .post(
                "/account/password",
                &[
                    ("current_password", INITIAL_PASSWORD),
                    ("password", PASSWORD),
                    ("password_confirm", PASSWORD),
                ],
            )
            .await
            .assert_redirect("/home");
        browser
    }

    /// Signs `username` in from a separate browser (its own cookie jar).
    pub async fn login_in_new_client(app: &TestApp, username: &str) -> reqwest::Client {
        let browser = app.browser();
        browser
            .login(username, PASSWORD)
            .await
            .assert_redirect("/home");
        browser.client
    }

    /// A buyer's message to the store through the conversation core, as an integration's
    /// would arrive; returns its conversation.
    pub fn buyer_writes(
        &self,
        store_id: i64,
        buyer: &str,
        source: sellerdesk::chat_assignment::sources::ChatSource,
        text: &str,
    ) -> i64 {
        use diesel::prelude::*;
        use sellerdesk::db::schema::stores;
        use sellerdesk::stores::model::Store;
        self.with_db(|c| {
            let store = stores::table
                .find(store_id)
                .select(Store::as_select())
                .first(c)
                .expect("store");
            let incoming = sellerdesk::conversations::Incoming {
                buyer_key: buyer.into(),
                buyer_name: buyer.into(),
                source,
                text: text.into(),
                image: None,
                external_id: None,
                origin: None,
            };
            sellerdesk::conversations::receive(c, &store, &incoming, chrono::Utc::now().naive_utc())
                .expect("receive")
                .conversation_id
        })
    }

    /// Counts rows of a table (for "nothing changed" assertions).
    pub fn count(&self, table: &str) -> i64 {
        #[derive(diesel::QueryableByName)]
        struct N {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        use diesel::RunQueryDsl;
        self.with_db(|c| {
            diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
                .get_result::<N>(c)
                .expect("count")
                .n
        })
    }
}

/// The next `chat` event of a Server-Sent Events stream (ten seconds at most).
pub async fn next_chat_event(response: &mut reqwest::Response) -> String {
    let wait = async {
        let mut buffer = String::new();
        while let Some(chunk) = response.chunk().await.expect("stream") {
            buffer.push_str(&String::from_utf8_lossy(&chunk));
            if let Some(start) = buffer.find("event: chat")
                && let Some(end) = buffer[start..].find("\n\n")
            {
                return buffer[start..start + end].to_string();
            }
        }
        panic!("the stream ended");
    };
    tokio::time::timeout(std::time::Duration::from_secs(10), wait)
        .await
        .expect("an event within ten seconds")
}

/// The JSON a `chat` frame carries (or its `data:` alone).
pub fn event_data(frame: &str) -> serde_json::Value {
    let data = frame
        .lines()
        .find_map(|l| l.strip_prefix("data: "))
        .unwrap_or(frame);
    serde_json::from_str(data).expect("JSON data")
}

/// The conversation a `chat` frame is about.
pub fn event_conversation(frame: &str) -> i64 {
    event_data(frame)["c"]["id"]
        .as_i64()
        .expect("a conversation id")
}

/// Opens an SSE stream as `b` and waits for its first frame.
pub async fn subscribe(b: &Browser, path: &str) -> reqwest::Response {
    let mut response = b.client.get(b.url(path)).send().await.expect("events");
    assert_eq!(response.status(), StatusCode::OK);
    // The first frame says the subscription is live.
    let first = response.chunk().await.expect("events").expect("events");
    assert!(String::from_utf8_lossy(&first).contains("connected"));
    response
}

pub fn extract_csrf(html: &str) -> Option<String> {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html.find(marker)? + marker.len();
    let end = html[start..].find('"')?;
    Some(html[start..start + end].to_string())
}

/// Reads a Server-Sent Events stream frame by frame, keeping what arrives between calls.
pub struct EventReader {
    response: reqwest::Response,
    buffer: String,
}

impl EventReader {
    pub fn new(response: reqwest::Response) -> Self {
        Self {
            response,
            buffer: String::new(),
        }
    }

    /// The next `chat` event as (id, data), or `None` when none arrives within `wait`.
    pub async fn next_within(&mut self, wait: std::time::Duration) -> Option<(i64, String)> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let frame: String = self.buffer.drain(..end + 2).collect();
                let field = |name: &str| {
                    frame
                        .lines()
                        .find_map(|l| l.strip_prefix(name))
                        .map(str::to_string)
                };
                if field("event: ").as_deref() == Some("chat") {
                    let id = field("id: ").and_then(|i| i.parse().ok()).expect("an id");
                    return Some((id, field("data: ").unwrap_or_default()));
                }
            }
            let chunk = tokio::time::timeout_at(deadline, self.response.chunk()).await;
            match chunk {
                Err(_) => return None,
                Ok(chunk) => {
                    let chunk = chunk.expect("stream").expect("the stream ended");
                    self.buffer.push_str(&String::from_utf8_lossy(&chunk));
                }
            }
        }
    }

    /// The next `chat` event (ten seconds at most).
    pub async fn next(&mut self) -> (i64, String) {
        self.next_within(std::time::Duration::from_secs(10))
            .await
            .expect("an event within ten seconds")
    }
}

/// The two-factor key shown while setting it up (`<code class="secret">`).
pub fn shown_secret(html: &str) -> String {
    let marker = "<code class=\"secret\">";
    let start = html.find(marker).expect("a key on the page") + marker.len();
    let end = html[start..].find('<').expect("end of the key");
    html[start..start + end].to_string()
}

/// The authenticator app's code for `secret`, `steps` of 30 s from now.
pub fn totp_code(secret: &str, steps: i64) -> String {
    let bytes = totp_rs::Secret::Encoded(secret.to_string())
        .to_bytes()
        .expect("base32");
    let totp = totp_rs::TOTP::new(
        totp_rs::Algorithm::SHA1,
        6,
        1,
        30,
        bytes,
        None,
        String::new(),
    )
    .expect("totp");
    let now = chrono::Utc::now().timestamp() + steps * 30;
    totp.generate(u64::try_from(now).expect("time"))
}

//! Configuration from flags and `SELLERDESK_*` variables, with defaults.

use std::io::Write;
use std::path::{Path, PathBuf};

use actix_web::cookie::Key;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE, URL_SAFE_NO_PAD};

use std::net::IpAddr;

use ipnet::IpNet;

use crate::accounts::sessions::SessionPolicy;
use crate::db::{Backend, DatabaseUrl};

/// The database flag shared by every command.
#[derive(clap::Args, Debug, Clone)]
pub struct DatabaseArgs {
    /// `sqlite://path/to/file.db` (or a plain path) or `postgres://user@host:port/db`
    #[arg(
        long,
        env = "SELLERDESK_DATABASE_URL",
        default_value = "sqlite://sellerdesk.db"
    )]
    pub database_url: String,
}

/// Flags of `sellerdesk serve`.
#[derive(clap::Args, Debug, Clone)]
pub struct ServeArgs {
    /// Address and port to listen on
    #[arg(long, env = "SELLERDESK_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,
    #[command(flatten)]
    pub db: DatabaseArgs,
    /// Base64 of at least 64 random bytes; encrypts session cookies (shared by all instances)
    #[arg(long, env = "SELLERDESK_SECRET_KEY", hide_env_values = true)]
    pub secret_key: Option<String>,
    /// Always mark cookies `Secure` (they are whenever a request arrived over HTTPS)
    #[arg(long, env = "SELLERDESK_COOKIE_SECURE", default_value_t = false)]
    pub cookie_secure: bool,
    /// Send `Strict-Transport-Security` on HTTPS responses
    #[arg(long, env = "SELLERDESK_HSTS", default_value_t = false)]
    pub hsts: bool,
    /// Proxies whose `X-Forwarded-For`/`X-Forwarded-Proto` are believed: addresses or
    /// networks, comma-separated (e.g. `127.0.0.1,10.0.0.0/8`)
    #[arg(long, env = "SELLERDESK_TRUSTED_PROXIES", value_delimiter = ',',
          value_parser = parse_network)]
    pub trusted_proxies: Vec<IpNet>,
    /// bcrypt cost for password hashes (10–31); older hashes are upgraded at sign-in
    #[arg(long, env = "SELLERDESK_BCRYPT_COST", default_value_t = 12,
          value_parser = clap::value_parser!(u32).range(10..=31))]
    pub bcrypt_cost: u32,
    /// Minutes a session may go unused before it ends
    #[arg(long, env = "SELLERDESK_SESSION_IDLE_MINUTES", default_value_t = 720,
          value_parser = clap::value_parser!(u32).range(5..))]
    pub session_idle_minutes: u32,
    /// Days a session lives at most
    #[arg(long, env = "SELLERDESK_SESSION_LIFETIME_DAYS", default_value_t = 14,
          value_parser = clap::value_parser!(u32).range(1..=365))]
    pub session_lifetime_days: u32,
    /// Minutes without an open Webchat page before an Online or Idle agent is Offline
    #[arg(long, env = "SELLERDESK_PRESENCE_TIMEOUT_MINUTES", default_value_t = 10,
          value_parser = clap::value_parser!(u32).range(1..=1440))]
    pub presence_timeout_minutes: u32,
    /// Milliseconds before a failed webhook delivery is first retried (then twice as
    /// long each time, at most an hour, with jitter)
    #[arg(long, env = "SELLERDESK_WEBHOOK_FIRST_RETRY_MS", default_value_t = 10_000,
          value_parser = clap::value_parser!(u64).range(1..=3_600_000))]
    pub webhook_first_retry_ms: u64,
    /// Seconds a webhook endpoint may keep failing before it is paused
    #[arg(long, env = "SELLERDESK_WEBHOOK_GIVE_UP_SECONDS", default_value_t = 86_400,
          value_parser = clap::value_parser!(u32).range(1..=604_800))]
    pub webhook_give_up_seconds: u32,
    #[command(flatten)]
    pub limits: Limits,
    /// Database connections in the pool
    #[arg(long, env = "SELLERDESK_DB_POOL_SIZE", default_value_t = 10)]
    pub db_pool_size: u32,
    /// HTTP worker threads (default: one per core)
    #[arg(long, env = "SELLERDESK_WORKERS")]
    pub workers: Option<usize>,
}

impl ServeArgs {
    /// The flags' defaults (and `SELLERDESK_*` variables) for `database_url`: tests and
    /// benchmarks start from these and change what they need.
    pub fn defaults(database_url: &str) -> Result<Self, clap::Error> {
        #[derive(clap::Parser)]
        struct Cli {
            #[command(flatten)]
            serve: ServeArgs,
        }
        <Cli as clap::Parser>::try_parse_from(["sellerdesk", "--database-url", database_url])
            .map(|cli| cli.serve)
    }
}

/// Limits on the public doors (README, "Limits"). Rates are per minute.
#[derive(clap::Args, Debug, Clone)]
pub struct Limits {
    /// Buyer chat page posts per minute from one address (all stores)
    #[arg(long = "limit-buyer-address", env = "SELLERDESK_LIMIT_BUYER_ADDRESS", default_value_t = 60,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub buyer_per_address: u32,
    /// Buyer chat page posts per minute to one store (all addresses)
    #[arg(long = "limit-buyer-store", env = "SELLERDESK_LIMIT_BUYER_STORE", default_value_t = 600,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub buyer_per_store: u32,
    /// Buyer messages per minute in one conversation (buyer page and API)
    #[arg(long = "limit-conversation", env = "SELLERDESK_LIMIT_CONVERSATION", default_value_t = 30,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub messages_per_conversation: u32,
    /// Open buyer-page chats started from one address
    #[arg(long = "limit-open-chats-address", env = "SELLERDESK_LIMIT_OPEN_CHATS_ADDRESS", default_value_t = 10,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub open_chats_per_address: u32,
    /// API requests per minute with one token
    #[arg(long = "limit-api-token", env = "SELLERDESK_LIMIT_API_TOKEN", default_value_t = 6000,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub api_per_token: u32,
    /// Live-event connections open at once per signed-in session
    #[arg(long = "limit-streams-session", env = "SELLERDESK_LIMIT_STREAMS_SESSION", default_value_t = 8,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub streams_per_session: u32,
    /// Live-event connections open at once from one address
    #[arg(long = "limit-streams-address", env = "SELLERDESK_LIMIT_STREAMS_ADDRESS", default_value_t = 64,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub streams_per_address: u32,
    /// Live-event connections open at once in total
    #[arg(long = "limit-streams-total", env = "SELLERDESK_LIMIT_STREAMS_TOTAL", default_value_t = 4096,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub streams_total: u32,
}

fn parse_network(text: &str) -> Result<IpNet, String> {
    let text = text.trim();
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| format!("{text:?} is neither an IP address nor a network such as 10.0.0.0/8"))
}

/// Settings the running app reads; cheap to clone.
#[derive(Clone)]
pub struct AppConfig {
    pub secret_key: Key,
    pub cookie_secure: bool,
    pub hsts: bool,
    pub trusted_proxies: Vec<IpNet>,
    pub bcrypt_cost: u32,
    pub sessions: SessionPolicy,
    pub presence_timeout: chrono::Duration,
    pub webhooks: WebhookPolicy,
}

/// How webhook deliveries are retried.
#[derive(Debug, Clone, Copy)]
pub struct WebhookPolicy {
    /// The wait before the first retry; each next one waits twice as long (at most an
    /// hour).
    pub first_retry: chrono::Duration,
    /// How long an endpoint may keep failing before it is paused.
    pub give_up: chrono::Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "SELLERDESK_SECRET_KEY must be base64 of at least 64 bytes \
         (generate one with `openssl rand -base64 64`)"
    )]
    BadSecretKey,
    #[error(
        "SELLERDESK_SECRET_KEY is required with PostgreSQL so that every instance shares it \
         (generate one with `openssl rand -base64 64`)"
    )]
    SecretKeyRequired,
    #[error("cannot use the key file {path}: {source}")]
    KeyFile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the key file {0} does not hold a valid key; delete it to create a new one")]
    BadKeyFile(PathBuf),
}

pub const KEY_FILE_NAME: &str = "sellerdesk.key";

/// The cookie key: from the variable if set, else from a key file beside the SQLite
/// database, created on first run so sessions survive a restart.
pub fn resolve_secret_key(given: Option<&str>, db: &DatabaseUrl) -> Result<Key, ConfigError> {
    if let Some(text) = given.filter(|t| !t.trim().is_empty()) {
        return decode_key(text).ok_or(ConfigError::BadSecretKey);
    }
    let dir = match (db.backend, db.sqlite_dir()) {
        (Backend::Sqlite, Some(dir)) => dir,
        (Backend::Sqlite, None) => return Ok(Key::generate()),
        (Backend::Postgres, _) => return Err(ConfigError::SecretKeyRequired),
    };
    let path = dir.join(KEY_FILE_NAME);
    match std::fs::read_to_string(&path) {
        Ok(text) => decode_key(&text).ok_or(ConfigError::BadKeyFile(path)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => create_key_file(&path),
        Err(source) => Err(ConfigError::KeyFile { path, source }),
    }
}

fn decode_key(text: &str) -> Option<Key> {
    let text = text.trim();
    let bytes = [STANDARD, URL_SAFE, URL_SAFE_NO_PAD]
        .iter()
        .find_map(|engine| engine.decode(text).ok())?;
    // Key::from panics below 64 bytes.
    (bytes.len() >= 64).then(|| Key::from(&bytes))
}

fn create_key_file(path: &Path) -> Result<Key, ConfigError> {
    let key = Key::generate();
    let io = |source| ConfigError::KeyFile {
        path: path.to_path_buf(),
        source,
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(io)?;
    file.write_all(STANDARD.encode(key.master()).as_bytes())
        .map_err(io)?;
    log::info!("created session key file {}", path.display());
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_file_is_created_once_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let db = DatabaseUrl::parse(dir.path().join("x.db").to_str().unwrap()).unwrap();
        let first = resolve_secret_key(None, &db).unwrap();
        let second = resolve_secret_key(None, &db).unwrap();
        assert_eq!(first.master(), second.master());
    }

    #[test]
    fn short_or_garbled_keys_are_refused() {
        let db = DatabaseUrl::parse("postgres://x@y/z").unwrap();
        assert!(matches!(
            resolve_secret_key(Some("abc"), &db),
            Err(ConfigError::BadSecretKey)
        ));
        assert!(matches!(
            resolve_secret_key(None, &db),
            Err(ConfigError::SecretKeyRequired)
        ));
        let good = STANDARD.encode([7u8; 64]);
        assert!(resolve_secret_key(Some(&good), &db).is_ok());
    }
}

//! The typed session: named keys over actix-session's encrypted cookie.

use std::future::{Ready, ready};

use actix_session::{Session, SessionExt};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use serde::{Deserialize, Serialize};

use super::errors::{AppError, AppResult};

/// The server-side session's token (accounts::sessions keeps its hash).
const SESSION_TOKEN: &str = "session";
const CSRF: &str = "csrf";
/// A sign-in whose password was right and whose second factor is still to come.
const PENDING_SIGN_IN: &str = "pending_sign_in";
/// A two-factor secret shown for setting up, not yet confirmed.
const ENROLMENT_SECRET: &str = "enrolment_secret";
const FLASH: &str = "flash";

/// A message shown once on the page after a redirect, stored as a translation key.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Flash {
    pub kind: FlashKind,
    pub key: String,
    /// Named text arguments of the message (a colleague's name, say).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(String, String)>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum FlashKind {
    Success,
    Error,
}

impl FlashKind {
    pub fn css(self) -> &'static str {
        match self {
            FlashKind::Success => "success",
            FlashKind::Error => "error",
        }
    }
}

pub struct TypedSession(Session);

impl TypedSession {
    pub fn from_http(req: &HttpRequest) -> Self {
        Self(req.get_session())
    }

    /// The token of the server-side session this cookie was signed in with.
    pub fn token(&self) -> Option<String> {
        self.0.get::<String>(SESSION_TOKEN).ok().flatten()
    }

    /// Starts a fresh cookie (against fixation) for a new server-side session, with a
    /// new CSRF token.
    pub fn sign_in(&self, session_token: &str) -> AppResult<()> {
        self.0.renew();
        self.0.clear();
        self.0.insert(SESSION_TOKEN, session_token)?;
        self.0.insert(CSRF, new_token())?;
        Ok(())
    }

    /// Remembers that `account_id` gave the right password at `unix_time`: the next
    /// step asks for the second factor. A fresh cookie, as for a sign-in.
    pub fn begin_second_factor(&self, account_id: i64, unix_time: i64) -> AppResult<()> {
        self.0.renew();
        self.0.clear();
        self.0.insert(PENDING_SIGN_IN, (account_id, unix_time))?;
        self.0.insert(CSRF, new_token())?;
        Ok(())
    }

    /// The account waiting for its second factor and when its password was given.
    pub fn pending_second_factor(&self) -> Option<(i64, i64)> {
        self.0.get::<(i64, i64)>(PENDING_SIGN_IN).ok().flatten()
    }

    /// The secret being set up for two-factor sign-in, made by `new` on first use: it
    /// stays the same until the code confirms it, however often the page is shown.
    pub fn enrolment_secret(&self, new: fn() -> String) -> AppResult<String> {
        if let Some(secret) = self.0.get::<String>(ENROLMENT_SECRET).ok().flatten() {
            return Ok(secret);
        }
        let secret = new();
        self.0.insert(ENROLMENT_SECRET, &secret)?;
        Ok(secret)
    }

    pub fn end_enrolment(&self) {
        self.0.remove(ENROLMENT_SECRET);
    }

    /// Forgets everything; a flash pushed afterwards survives into the next page.
    pub fn sign_out(&self) {
        self.0.clear();
        self.0.renew();
    }

    /// The session's CSRF token, created on first use.
    pub fn csrf_token(&self) -> AppResult<String> {
        if let Some(token) = self.0.get::<String>(CSRF).ok().flatten() {
            return Ok(token);
        }
        let token = new_token();
        self.0.insert(CSRF, &token)?;
        Ok(token)
    }

    /// The token without creating one (for verification).
    pub fn existing_csrf_token(&self) -> Option<String> {
        self.0.get::<String>(CSRF).ok().flatten()
    }

    pub fn push_flash(&self, kind: FlashKind, key: &str) -> AppResult<()> {
        self.push_flash_with(kind, key, &[])
    }

    /// A flash message whose translation takes named text arguments.
    pub fn push_flash_with(
        &self,
        kind: FlashKind,
        key: &str,
        args: &[(&str, &str)],
    ) -> AppResult<()> {
        let mut all = self
            .0
            .get::<Vec<Flash>>(FLASH)
            .ok()
            .flatten()
            .unwrap_or_default();
        all.push(Flash {
            kind,
            key: key.to_string(),
            args: args
                .iter()
                .map(|(name, value)| (name.to_string(), value.to_string()))
                .collect(),
        });
        Ok(self.0.insert(FLASH, all)?)
    }

    /// Keeps a value for the next page only (e.g. a new API token, shown once).
    pub fn put_once(&self, key: &'static str, value: &str) -> AppResult<()> {
        Ok(self.0.insert(key, value)?)
    }

    pub fn take_once(&self, key: &'static str) -> Option<String> {
        self.take(key)
    }

    pub fn take_flashes(&self) -> Vec<Flash> {
        self.take(FLASH).unwrap_or_default()
    }

    /// Removes and returns a value. Nothing is removed when there is nothing: a removal
    /// marks the session changed, and a changed session is encrypted and sent back as a
    /// new cookie — on every page, since every page takes its flashes.
    fn take<T: serde::de::DeserializeOwned>(&self, key: &str) -> Option<T> {
        if !self.0.contains_key(key) {
            return None;
        }
        self.0.remove_as::<T>(key).and_then(Result::ok)
    }
}

impl FromRequest for TypedSession {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(Self::from_http(req)))
    }
}

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

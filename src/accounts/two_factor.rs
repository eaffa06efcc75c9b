//! Two-factor sign-in: time-based one-time codes (RFC 6238: SHA-1, 6 digits, 30 s, as
//! every authenticator app reads them) and single-use recovery codes. A code is good
//! once: the account keeps the last time step it accepted, and a conditional write
//! refuses the same step twice even when two sign-ins race.

use base64::Engine;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use qrcode::QrCode;
use qrcode::render::svg;
use rand::Rng;
use totp_rs::{Algorithm, Secret, TOTP};

use super::model::Account;
use crate::db::DbConnection;
use crate::db::schema::{accounts, recovery_codes, sellers};
use crate::stores::tokens::hash_token;

const ISSUER: &str = "Sellerdesk";
const DIGITS: usize = 6;
const STEP_SECONDS: u64 = 30;
/// Codes one step early or late are accepted: phone clocks drift.
const SKEW_STEPS: u64 = 1;
pub const RECOVERY_CODES: usize = 10;
/// Recovery codes use letters and digits that cannot be mistaken for one another.
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// A fresh secret, base32 as authenticator apps show it for typing in.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rng().fill(&mut bytes);
    base32_of(&bytes)
}

fn base32_of(bytes: &[u8]) -> String {
    match Secret::Raw(bytes.to_vec()).to_encoded() {
        Secret::Encoded(text) => text,
        Secret::Raw(_) => String::new(),
    }
}

fn totp(secret: &str, username: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret.to_string()).to_bytes().ok()?;
    // Apps show "Sellerdesk (chenshop:jiajia)"; the label may not hold ':' unescaped.
    let label = username.replace(':', "/");
    TOTP::new(
        Algorithm::SHA1,
        DIGITS,
        0,
        STEP_SECONDS,
        bytes,
        Some(ISSUER.to_string()),
        label,
    )
    .ok()
}

/// The `otpauth://` address an authenticator app reads from the QR code.
pub fn setup_url(secret: &str, username: &str) -> Option<String> {
    totp(secret, username).map(|t| t.get_url())
}

/// The QR code of `text` drawn on the server as SVG, ready for an `<img src>`.
pub fn qr_data_uri(text: &str) -> Option<String> {
    let code = QrCode::new(text.as_bytes()).ok()?;
    let image = code
        .render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    Some(format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(image)
    ))
}

/// What a person typed, without spaces or dashes, lower-case.
pub fn normalize(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_totp_code(code: &str) -> bool {
    code.len() == DIGITS && code.bytes().all(|b| b.is_ascii_digit())
}

/// The time step `code` belongs to, if it is the secret's code within the allowed skew.
pub fn matching_step(secret: &str, code: &str, unix_seconds: u64) -> Option<u64> {
    if !is_totp_code(code) {
        return None;
    }
    let totp = totp(secret, "")?;
    let now = unix_seconds / STEP_SECONDS;
    (now.saturating_sub(SKEW_STEPS)..=now + SKEW_STEPS)
        .find(|step| totp.generate(step * STEP_SECONDS) == code)
}

/// Ten fresh recovery codes, shown once as `xxxx-xxxx-xxxx-xxxx`: 16 characters of 31
/// (79 bits), so their stored SHA-256 cannot be reversed by trying them all.
pub fn new_recovery_codes() -> Vec<String> {
    let mut rng = rand::rng();
    (0..RECOVERY_CODES)
        .map(|_| {
            let chars: Vec<char> = (0..16)
                .map(|_| RECOVERY_ALPHABET[rng.random_range(0..RECOVERY_ALPHABET.len())] as char)
                .collect();
            chars
                .chunks(4)
                .map(|group| group.iter().collect::<String>())
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect()
}

/// How a second factor was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecondFactor {
    Code,
    /// A recovery code, with how many are left unused.
    RecoveryCode {
        left: i64,
    },
}

/// Checks a code or recovery code for the account and uses it up. `None` when it is
/// wrong, already used, or the account has no second factor.
pub fn use_code(
    conn: &mut DbConnection,
    account: &Account,
    input: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<SecondFactor>> {
    let Some(secret) = account.totp_secret.as_deref() else {
        return Ok(None);
    };
    let code = normalize(input);
    let unix = u64::try_from(now.and_utc().timestamp()).unwrap_or(0);
    if let Some(step) = matching_step(secret, &code, unix) {
        let step = i64::try_from(step).unwrap_or(i64::MAX);
        // Conditional: of two sign-ins with the same code, one wins.
        let used = diesel::update(
            accounts::table
                .filter(accounts::id.eq(account.id))
                .filter(accounts::totp_last_step.lt(step)),
        )
        .set(accounts::totp_last_step.eq(step))
        .execute(conn)?;
        return Ok((used == 1).then_some(SecondFactor::Code));
    }
    if is_totp_code(&code) || code.is_empty() {
        return Ok(None);
    }
    let used = diesel::update(
        recovery_codes::table
            .filter(recovery_codes::account_id.eq(account.id))
            .filter(recovery_codes::code_hash.eq(hash_token(&code)))
            .filter(recovery_codes::used_at.is_null()),
    )
    .set(recovery_codes::used_at.eq(now))
    .execute(conn)?;
    if used == 0 {
        return Ok(None);
    }
    Ok(Some(SecondFactor::RecoveryCode {
        left: recovery_codes_left(conn, account.id)?,
    }))
}

pub fn recovery_codes_left(conn: &mut DbConnection, account_id: i64) -> QueryResult<i64> {
    recovery_codes::table
        .filter(recovery_codes::account_id.eq(account_id))
        .filter(recovery_codes::used_at.is_null())
        .count()
        .get_result(conn)
}

/// Replaces the account's recovery codes with `codes` (stored hashed).
pub fn replace_recovery_codes(
    conn: &mut DbConnection,
    account_id: i64,
    codes: &[String],
) -> QueryResult<()> {
    diesel::delete(recovery_codes::table.filter(recovery_codes::account_id.eq(account_id)))
        .execute(conn)?;
    for code in codes {
        diesel::insert_into(recovery_codes::table)
            .values((
                recovery_codes::account_id.eq(account_id),
                recovery_codes::code_hash.eq(hash_token(&normalize(code))),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Turns two-factor sign-in on with a confirmed secret and the step of the code that
/// confirmed it (so that code cannot sign in again). Only where it is off: of two
/// set-ups at once, the first stays. Returns whether it was turned on.
pub fn enable(
    conn: &mut DbConnection,
    account_id: i64,
    secret: &str,
    confirmed_step: i64,
    codes: &[String],
) -> QueryResult<bool> {
    let enabled = diesel::update(
        accounts::table
            .filter(accounts::id.eq(account_id))
            .filter(accounts::totp_secret.is_null()),
    )
    .set((
        accounts::totp_secret.eq(secret),
        accounts::totp_last_step.eq(confirmed_step),
    ))
    .execute(conn)?;
    if enabled == 0 {
        return Ok(false);
    }
    replace_recovery_codes(conn, account_id, codes)?;
    Ok(true)
}

/// Turns it off (by the account itself, or reset by a manager for a lost phone).
pub fn disable(conn: &mut DbConnection, account_id: i64) -> QueryResult<()> {
    diesel::update(accounts::table.filter(accounts::id.eq(account_id)))
        .set((
            accounts::totp_secret.eq(None::<String>),
            accounts::totp_last_step.eq(0),
        ))
        .execute(conn)?;
    diesel::delete(recovery_codes::table.filter(recovery_codes::account_id.eq(account_id)))
        .execute(conn)
        .map(|_| ())
}

/// Whether the seller requires a second factor of every account.
pub fn required(conn: &mut DbConnection, seller_id: i64) -> QueryResult<bool> {
    sellers::table
        .filter(sellers::id.eq(seller_id))
        .select(sellers::require_two_factor)
        .first(conn)
}

/// Requires (or not) a second factor of every account of the seller. Accounts that
/// have none lose their live pages at once (their access changed): they are sent to set
/// it up.
pub fn set_required(conn: &mut DbConnection, seller_id: i64, required: bool) -> QueryResult<()> {
    diesel::update(sellers::table.filter(sellers::id.eq(seller_id)))
        .set(sellers::require_two_factor.eq(required))
        .execute(conn)?;
    if required {
        diesel::update(
            accounts::table
                .filter(accounts::seller_id.eq(seller_id))
                .filter(accounts::totp_secret.is_null()),
        )
        .set(accounts::access_version.eq(accounts::access_version + 1))
        .execute(conn)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_test_vector() {
        // RFC 6238 appendix B, SHA-1: secret "12345678901234567890", T = 59 → 94287082
        // (8 digits); the 6-digit code is its last six.
        let secret = base32_of(b"12345678901234567890");
        assert_eq!(matching_step(&secret, "287082", 59), Some(1));
        assert_eq!(matching_step(&secret, "287083", 59), None);
        // One step of skew either way, no more.
        assert_eq!(matching_step(&secret, "287082", 59 + 30), Some(1));
        assert_eq!(matching_step(&secret, "287082", 59 + 90), None);
    }

    #[test]
    fn codes_are_typed_loosely() {
        assert_eq!(normalize(" 123 456 "), "123456");
        assert_eq!(normalize("ABCDE-fghij"), "abcdefghij");
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        assert!(
            codes
                .iter()
                .all(|c| c.len() == 19 && c.split('-').count() == 4)
        );
    }

    #[test]
    fn the_setup_address_and_its_picture() {
        let secret = new_secret();
        let url = setup_url(&secret, "chenshop:jiajia").unwrap();
        assert!(url.starts_with("otpauth://totp/Sellerdesk:chenshop%2Fjiajia?secret="));
        let uri = qr_data_uri(&url).unwrap();
        let svg = base64::engine::general_purpose::STANDARD
            .decode(uri.trim_start_matches("data:image/svg+xml;base64,"))
            .unwrap();
        assert!(String::from_utf8(svg).unwrap().contains("<svg"));
    }
}

//! A store's chat settings: the default auto-reply (the store's public message), the
//! off-work auto-reply with working hours, and quick replies for Webchat.

use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;

use super::working_hours::Slot;
use crate::activity_log::{ActionKind, Activity, Actor, Changes, record_activity};
use crate::db::schema::{quick_replies, store_chat_settings, store_working_hours};
use crate::db::{self, DbConnection};
use crate::stores::model::Store;
use crate::web::AppError;
use crate::web::form::Invalid;

pub const MAX_REPLY_CHARS: usize = 600;
pub const MAX_QUICK_REPLIES: i64 = 50;
pub const DEFAULT_MAX_CONCURRENT_CHATS: i32 = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatSettings {
    pub auto_reply_enabled: bool,
    pub auto_reply_text: String,
    pub off_work_enabled: bool,
    pub off_work_text: String,
    pub max_concurrent_chats: i32,
    pub guard: Guard,
    pub rate_rule: RateRule,
}

/// The response guard: how soon the store wants a first answer, when a chat its agent
/// leaves unanswered goes back to routing, and how long a returning buyer goes back to
/// the agent who last answered them. Zero switches the last two off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Guard {
    pub first_response_target_minutes: i32,
    pub reassign_after_minutes: i32,
    pub return_within_hours: i32,
}

impl Default for Guard {
    fn default() -> Self {
        Self {
            first_response_target_minutes: 5,
            reassign_after_minutes: 0,
            return_within_hours: 24,
        }
    }
}

/// The marketplace's own response rate, as it computes it: the share of new chats of
/// the last `window_days` answered within `limit_hours`. The default is Shopee's rule
/// (12 hours, 90 days, automatic replies do not count), the same in every market.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateRule {
    pub limit_hours: i32,
    pub window_days: i32,
    pub counts_auto_replies: bool,
}

impl Default for RateRule {
    fn default() -> Self {
        Self {
            limit_hours: 12,
            window_days: 90,
            counts_auto_replies: false,
        }
    }
}

impl Default for ChatSettings {
    fn default() -> Self {
        Self {
            auto_reply_enabled: false,
            auto_reply_text: String::new(),
            off_work_enabled: false,
            off_work_text: String::new(),
            max_concurrent_chats: DEFAULT_MAX_CONCURRENT_CHATS,
            guard: Guard::default(),
            rate_rule: RateRule::default(),
        }
    }
}

/// An automatic reply's text: at most 600 characters; required when switched on.
pub fn parse_reply_text(text: &str, enabled: bool) -> Result<String, &'static str> {
    let text = text.trim();
    if text.chars().count() > MAX_REPLY_CHARS {
        Err("error-reply-too-long")
    } else if enabled && text.is_empty() {
        Err("error-reply-required")
    } else {
        Ok(text.to_string())
    }
}

/// Loads the store's settings; a store never configured has the defaults.
pub fn load(conn: &mut DbConnection, store_id: i64) -> QueryResult<ChatSettings> {
    type Stored = (
        (bool, String, bool, String, i32),
        (i32, i32, i32),
        (i32, i32, bool),
    );
    let row: Option<Stored> = store_chat_settings::table
        .filter(store_chat_settings::store_id.eq(store_id))
        .select((
            (
                store_chat_settings::auto_reply_enabled,
                store_chat_settings::auto_reply_text,
                store_chat_settings::off_work_enabled,
                store_chat_settings::off_work_text,
                store_chat_settings::max_concurrent_chats,
            ),
            (
                store_chat_settings::first_response_target_minutes,
                store_chat_settings::reassign_after_minutes,
                store_chat_settings::return_within_hours,
            ),
            (
                store_chat_settings::rate_limit_hours,
                store_chat_settings::rate_window_days,
                store_chat_settings::rate_counts_auto_replies,
            ),
        ))
        .get_result(conn)
        .optional()?;
    Ok(row
        .map(
            |((a, at, o, ot, m), (target, reassign, within), (limit, window, auto))| ChatSettings {
                auto_reply_enabled: a,
                auto_reply_text: at,
                off_work_enabled: o,
                off_work_text: ot,
                max_concurrent_chats: m,
                guard: Guard {
                    first_response_target_minutes: target,
                    reassign_after_minutes: reassign,
                    return_within_hours: within,
                },
                rate_rule: RateRule {
                    limit_hours: limit,
                    window_days: window,
                    counts_auto_replies: auto,
                },
            },
        )
        .unwrap_or_default())
}

/// Auto-reply switch per store, for the overview.
pub fn auto_reply_states(
    conn: &mut DbConnection,
    store_ids: &[i64],
) -> QueryResult<Vec<(i64, bool)>> {
    store_chat_settings::table
        .filter(store_chat_settings::store_id.eq_any(store_ids))
        .select((
            store_chat_settings::store_id,
            store_chat_settings::auto_reply_enabled,
        ))
        .load(conn)
}

fn save(c: &mut DbConnection, store: &Store, s: &ChatSettings) -> QueryResult<()> {
    let now = Utc::now().naive_utc();
    let exists: bool = diesel::select(diesel::dsl::exists(
        store_chat_settings::table.filter(store_chat_settings::store_id.eq(store.id)),
    ))
    .get_result(c)?;
    let values = (
        store_chat_settings::auto_reply_enabled.eq(s.auto_reply_enabled),
        store_chat_settings::auto_reply_text.eq(&s.auto_reply_text),
        store_chat_settings::off_work_enabled.eq(s.off_work_enabled),
        store_chat_settings::off_work_text.eq(&s.off_work_text),
        store_chat_settings::max_concurrent_chats.eq(s.max_concurrent_chats),
        store_chat_settings::updated_at.eq(now),
        (
            store_chat_settings::first_response_target_minutes
                .eq(s.guard.first_response_target_minutes),
            store_chat_settings::reassign_after_minutes.eq(s.guard.reassign_after_minutes),
            store_chat_settings::return_within_hours.eq(s.guard.return_within_hours),
            store_chat_settings::rate_limit_hours.eq(s.rate_rule.limit_hours),
            store_chat_settings::rate_window_days.eq(s.rate_rule.window_days),
            store_chat_settings::rate_counts_auto_replies.eq(s.rate_rule.counts_auto_replies),
        ),
    );
    if exists {
        diesel::update(
            store_chat_settings::table.filter(store_chat_settings::store_id.eq(store.id)),
        )
        .set(values)
        .execute(c)?;
    } else {
        diesel::insert_into(store_chat_settings::table)
            .values((
                store_chat_settings::store_id.eq(store.id),
                store_chat_settings::seller_id.eq(store.seller_id),
                values,
            ))
            .execute(c)?;
    }
    Ok(())
}

pub fn working_hours(conn: &mut DbConnection, store_id: i64) -> QueryResult<Vec<Slot>> {
    let rows: Vec<(i32, i32, i32)> = store_working_hours::table
        .filter(store_working_hours::store_id.eq(store_id))
        .order((
            store_working_hours::weekday.asc(),
            store_working_hours::start_minute.asc(),
        ))
        .select((
            store_working_hours::weekday,
            store_working_hours::start_minute,
            store_working_hours::end_minute,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(weekday, start, end)| Slot {
            weekday: weekday as u8,
            start: start as u16,
            end: end as u16,
        })
        .collect())
}

fn slots_text(slots: &[Slot]) -> String {
    (0..7u8)
        .map(|d| super::working_hours::format_day(slots, d))
        .collect::<Vec<_>>()
        .join(" | ")
}

pub fn save_auto_reply(
    conn: &mut DbConnection,
    actor: &Actor,
    store: &Store,
    enabled: bool,
    text: &str,
) -> Result<(), AppError> {
    db::write_transaction(conn, |c| {
        let mut settings = load(c, store.id)?;
        let changes = Changes::new()
            .field("auto_reply_enabled", settings.auto_reply_enabled, enabled)
            .field("auto_reply_text", &settings.auto_reply_text, text);
        if changes.is_empty() {
            return Ok(());
        }
        settings.auto_reply_enabled = enabled;
        settings.auto_reply_text = text.to_string();
        save(c, store, &settings)?;
        record_activity(
            c,
            actor,
            &Activity::chat_settings_updated(store.id, &store.name, &changes),
        )?;
        Ok(())
    })
}

/// How many open chats one agent holds at most in this store: 1–100.
pub fn parse_capacity(input: &str) -> Result<i32, &'static str> {
    parse_within(input, 1..=100, "error-capacity-invalid")
}

pub fn save_capacity(
    conn: &mut DbConnection,
    actor: &Actor,
    store: &Store,
    capacity: i32,
) -> Result<(), AppError> {
    update(conn, actor, store, |settings| {
        let before = settings.max_concurrent_chats;
        settings.max_concurrent_chats = capacity;
        Changes::new().field("max_concurrent_chats", before, capacity)
    })
}

/// A whole number of minutes or hours within `range`; `error` names what is wrong.
fn parse_within(
    input: &str,
    range: std::ops::RangeInclusive<i32>,
    error: &'static str,
) -> Result<i32, &'static str> {
    match input.trim().parse::<i32>() {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => Err(error),
    }
}

/// First-response target 1–1,440 minutes; reassign after 0–1,440 minutes; return a
/// buyer to their agent within 0–720 hours (0 switches the last two off).
pub fn parse_guard_target(input: &str) -> Result<i32, &'static str> {
    parse_within(input, 1..=1440, "error-guard-target-invalid")
}

pub fn parse_guard_reassign(input: &str) -> Result<i32, &'static str> {
    parse_within(input, 0..=1440, "error-guard-reassign-invalid")
}

pub fn parse_guard_return(input: &str) -> Result<i32, &'static str> {
    parse_within(input, 0..=720, "error-guard-return-invalid")
}

/// The marketplace's answer limit: 1–168 hours; its window: 1–365 days.
pub fn parse_rate_limit(input: &str) -> Result<i32, &'static str> {
    parse_within(input, 1..=168, "error-rate-limit-invalid")
}

pub fn parse_rate_window(input: &str) -> Result<i32, &'static str> {
    parse_within(input, 1..=365, "error-rate-window-invalid")
}

pub fn save_guard(
    conn: &mut DbConnection,
    actor: &Actor,
    store: &Store,
    guard: Guard,
) -> Result<(), AppError> {
    update(conn, actor, store, |settings| {
        let before = settings.guard;
        settings.guard = guard;
        Changes::new()
            .field(
                "first_response_target_minutes",
                before.first_response_target_minutes,
                guard.first_response_target_minutes,
            )
            .field(
                "reassign_after_minutes",
                before.reassign_after_minutes,
                guard.reassign_after_minutes,
            )
            .field(
                "return_within_hours",
                before.return_within_hours,
                guard.return_within_hours,
            )
    })
}

pub fn save_rate_rule(
    conn: &mut DbConnection,
    actor: &Actor,
    store: &Store,
    rule: RateRule,
) -> Result<(), AppError> {
    update(conn, actor, store, |settings| {
        let before = settings.rate_rule;
        settings.rate_rule = rule;
        Changes::new()
            .field("rate_limit_hours", before.limit_hours, rule.limit_hours)
            .field("rate_window_days", before.window_days, rule.window_days)
            .field(
                "rate_counts_auto_replies",
                before.counts_auto_replies,
                rule.counts_auto_replies,
            )
    })
}

/// Loads the settings, lets `change` edit them and say what differs, and saves them
/// with their Activity Log entry in one transaction; nothing is written when nothing
/// changed.
fn update(
    conn: &mut DbConnection,
    actor: &Actor,
    store: &Store,
    change: impl FnOnce(&mut ChatSettings) -> Changes,
) -> Result<(), AppError> {
    db::write_transaction(conn, |c| {
        let mut settings = load(c, store.id)?;
        let changes = change(&mut settings);
        if changes.is_empty() {
            return Ok(());
        }
        save(c, store, &settings)?;
        record_activity(
            c,
            actor,
            &Activity::chat_settings_updated(store.id, &store.name, &changes),
        )?;
        Ok(())
    })
}

pub fn save_off_work(
    conn: &mut DbConnection,
    actor: &Actor,
    store: &Store,
    enabled: bool,
    text: &str,
    slots: &[Slot],
) -> Result<(), AppError> {
    db::write_transaction(conn, |c| {
        let mut settings = load(c, store.id)?;
        let before_slots = working_hours(c, store.id)?;
        let changes = Changes::new()
            .field("off_work_enabled", settings.off_work_enabled, enabled)
            .field("off_work_text", &settings.off_work_text, text)
            .field(
                "working_hours",
                slots_text(&before_slots),
                slots_text(slots),
            );
        if changes.is_empty() {
            return Ok(());
        }
        settings.off_work_enabled = enabled;
        settings.off_work_text = text.to_string();
        save(c, store, &settings)?;
        diesel::delete(
            store_working_hours::table.filter(store_working_hours::store_id.eq(store.id)),
        )
        .execute(c)?;
        for slot in slots {
            diesel::insert_into(store_working_hours::table)
                .values((
                    store_working_hours::seller_id.eq(store.seller_id),
                    store_working_hours::store_id.eq(store.id),
                    store_working_hours::weekday.eq(i32::from(slot.weekday)),
                    store_working_hours::start_minute.eq(i32::from(slot.start)),
                    store_working_hours::end_minute.eq(i32::from(slot.end)),
                ))
                .execute(c)?;
        }
        record_activity(
            c,
            actor,
            &Activity::chat_settings_updated(store.id, &store.name, &changes),
        )?;
        Ok(())
    })
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = quick_replies)]
pub struct QuickReply {
    pub id: i64,
    pub seller_id: i64,
    pub store_id: i64,
    pub shortcut: String,
    pub shortcut_key: String,
    pub text: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// A quick reply: a shortcut of 1–30 characters and a text of 1–600.
pub fn parse_quick_reply(
    shortcut: &str,
    text: &str,
) -> (Result<String, &'static str>, Result<String, &'static str>) {
    let shortcut = shortcut.trim();
    let shortcut = if shortcut.is_empty() {
        Err("error-quick-shortcut-required")
    } else if shortcut.chars().count() > 30 || shortcut.chars().any(char::is_control) {
        Err("error-quick-shortcut-invalid")
    } else {
        Ok(shortcut.to_string())
    };
    let text = match parse_reply_text(text, true) {
        Ok(t) => Ok(t),
        Err("error-reply-required") => Err("error-quick-text-required"),
        Err(other) => Err(other),
    };
    (shortcut, text)
}

pub fn quick_replies_of(conn: &mut DbConnection, store_id: i64) -> QueryResult<Vec<QuickReply>> {
    quick_replies::table
        .filter(quick_replies::store_id.eq(store_id))
        .order(quick_replies::shortcut_key.asc())
        .select(QuickReply::as_select())
        .load(conn)
}

pub fn find_quick_reply(
    conn: &mut DbConnection,
    store: &Store,
    id: i64,
) -> Result<QuickReply, AppError> {
    quick_replies::table
        .filter(quick_replies::id.eq(id))
        .filter(quick_replies::store_id.eq(store.id))
        .select(QuickReply::as_select())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound)
}

const SHORTCUT_TAKEN: Invalid = Invalid {
    field: "shortcut",
    key: "error-quick-shortcut-taken",
};

fn shortcut_taken(
    c: &mut DbConnection,
    store_id: i64,
    key: &str,
    except: Option<i64>,
) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        quick_replies::table
            .filter(quick_replies::store_id.eq(store_id))
            .filter(quick_replies::shortcut_key.eq(key))
            .filter(quick_replies::id.ne(except.unwrap_or(0))),
    ))
    .get_result(c)
}

pub fn add_quick_reply(
    conn: &mut DbConnection,
    actor: &Actor,
    store: &Store,
    shortcut: &str,
    text: &str,
) -> Result<Result<(), Invalid>, AppError> {
    db::write_transaction(conn, |c| {
        // The limit is counted, so concurrent additions must take turns.
        db::lock_table(c, "quick_replies")?;
        let count: i64 = quick_replies::table
            .filter(quick_replies::store_id.eq(store.id))
            .count()
            .get_result(c)?;
        if count >= MAX_QUICK_REPLIES {
            return Ok(Err(Invalid {
                field: "shortcut",
                key: "error-quick-limit",
            }));
        }
        let key = shortcut.to_lowercase();
        if shortcut_taken(c, store.id, &key, None)? {
            return Ok(Err(SHORTCUT_TAKEN));
        }
        let now = Utc::now().naive_utc();
        diesel::insert_into(quick_replies::table)
            .values((
                quick_replies::seller_id.eq(store.seller_id),
                quick_replies::store_id.eq(store.id),
                quick_replies::shortcut.eq(shortcut),
                quick_replies::shortcut_key.eq(&key),
                quick_replies::text.eq(text),
                quick_replies::created_at.eq(now),
                quick_replies::updated_at.eq(now),
            ))
            .execute(c)?;
        let id: i64 = quick_replies::table
            .filter(quick_replies::store_id.eq(store.id))
            .filter(quick_replies::shortcut_key.eq(&key))
            .select(quick_replies::id)
            .first(c)?;
        let changes = Changes::new().field("text", "", text);
        record_activity(
            c,
            actor,
            &Activity::quick_reply_changed(store.id, id, shortcut, ActionKind::Created, &changes),
        )?;
        Ok(Ok(()))
    })
}

pub fn update_quick_reply(
    conn: &mut DbConnection,
    actor: &Actor,
    store: &Store,
    reply: &QuickReply,
    shortcut: &str,
    text: &str,
) -> Result<Result<(), Invalid>, AppError> {
    db::write_transaction(conn, |c| {
        let key = shortcut.to_lowercase();
        if shortcut_taken(c, store.id, &key, Some(reply.id))? {
            return Ok(Err(SHORTCUT_TAKEN));
        }
        let changes = Changes::new()
            .field("shortcut", &reply.shortcut, shortcut)
            .field("text", &reply.text, text);
        if changes.is_empty() {
            return Ok(Ok(()));
        }
        diesel::update(quick_replies::table.filter(quick_replies::id.eq(reply.id)))
            .set((
                quick_replies::shortcut.eq(shortcut),
                quick_replies::shortcut_key.eq(&key),
                quick_replies::text.eq(text),
                quick_replies::updated_at.eq(Utc::now().naive_utc()),
            ))
            .execute(c)?;
        record_activity(
            c,
            actor,
            &Activity::quick_reply_changed(
                store.id,
                reply.id,
                shortcut,
                ActionKind::Updated,
                &changes,
            ),
        )?;
        Ok(Ok(()))
    })
}

pub fn delete_quick_reply(
    conn: &mut DbConnection,
    actor: &Actor,
    store: &Store,
    reply: &QuickReply,
) -> Result<(), AppError> {
    db::write_transaction(conn, |c| {
        diesel::delete(
            quick_replies::table
                .filter(quick_replies::id.eq(reply.id))
                .filter(quick_replies::store_id.eq(store.id)),
        )
        .execute(c)?;
        let changes = Changes::new().field("text", &reply.text, "");
        record_activity(
            c,
            actor,
            &Activity::quick_reply_changed(
                store.id,
                reply.id,
                &reply.shortcut,
                ActionKind::Deleted,
                &changes,
            ),
        )?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reply_texts_are_limited_and_required_when_on() {
        assert_eq!(
            parse_reply_text(&"a".repeat(600), true).map(|t| t.len()),
            Ok(600)
        );
        assert_eq!(
            parse_reply_text(&"ก".repeat(601), true),
            Err("error-reply-too-long")
        );
        assert_eq!(parse_reply_text("  ", true), Err("error-reply-required"));
        assert_eq!(parse_reply_text("", false), Ok(String::new()));
    }

    #[test]
    fn quick_replies_need_both_parts() {
        let (s, t) = parse_quick_reply("", "");
        assert_eq!(
            (s, t),
            (
                Err("error-quick-shortcut-required"),
                Err("error-quick-text-required")
            )
        );
        let (s, t) = parse_quick_reply("/thanks", "Thank you!");
        assert_eq!(
            (s.as_deref(), t.as_deref()),
            (Ok("/thanks"), Ok("Thank you!"))
        );
    }
}

//! An entry as the viewer reads it: codes and parameters turned into words of the
//! viewer's language at display time. Codes this version does not know (an older or
//! newer release wrote them) are shown as stored, never refused.

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::Value;

use super::query::Entry;
use super::{ActionKind, Area, ObjectType};
use crate::accounts::permissions::{BuiltinRole, Permission};
use crate::chat_assignment::sources::ChatSource;
use crate::i18n::{self, Lang, TimeZoneName};
use crate::integrations::webhooks::pages::kind_label;
use crate::stores::markets::Market;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryView {
    pub id: i64,
    /// The wall-clock time in the viewer's zone: the page writes it as their language
    /// does, files in ISO form.
    pub local: NaiveDateTime,
    pub operator: String,
    pub client_addr: String,
    pub area: String,
    pub action: String,
    pub object_type: String,
    pub object_name: String,
    /// One line per change or parameter.
    pub details: Vec<String>,
}

/// The translation key of a changed field's name, for the fields the app records.
pub fn field_key(field: &str) -> Option<&'static str> {
    Some(match field {
        "auto_reply_enabled" => "activity-field-auto-reply-enabled",
        "auto_reply_text" => "activity-field-auto-reply-text",
        "display_name" => "activity-field-display-name",
        "email" => "activity-field-email",
        "events" => "activity-field-events",
        "first_response_target_minutes" => "activity-field-first-response-target",
        "reassign_after_minutes" => "activity-field-reassign-after",
        "return_within_hours" => "activity-field-return-within",
        "rate_limit_hours" => "activity-field-rate-limit",
        "rate_window_days" => "activity-field-rate-window",
        "rate_counts_auto_replies" => "activity-field-rate-counts-auto-replies",
        "language" => "activity-field-language",
        "market" => "activity-field-market",
        "max_concurrent_chats" => "activity-field-max-concurrent-chats",
        "members" => "activity-field-members",
        "name" => "activity-field-name",
        "off_work_enabled" => "activity-field-off-work-enabled",
        "off_work_text" => "activity-field-off-work-text",
        "permissions" => "activity-field-permissions",
        "phone" => "activity-field-phone",
        "role" => "activity-field-role",
        "shortcut" => "activity-field-shortcut",
        "sources" => "activity-field-sources",
        "status" => "activity-field-status",
        "text" => "activity-field-text",
        "time_zone" => "activity-field-time-zone",
        "url" => "activity-field-url",
        "working_hours" => "activity-field-working-hours",
        _ => return None,
    })
}

/// The translation key of a detail's name (details other than field changes).
fn detail_key(name: &str) -> Option<&'static str> {
    Some(match name {
        "reason" => "activity-detail-reason",
        "role" => "activity-detail-role",
        "members" => "activity-detail-members",
        "sources" => "activity-detail-sources",
        "permissions" => "activity-detail-permissions",
        "filters" => "activity-detail-filters",
        "to" => "activity-detail-to",
        "from" => "activity-detail-from",
        "unanswered_minutes" => "activity-detail-unanswered-minutes",
        "store" => "activity-detail-store",
        "market" => "activity-detail-market",
        "sessions" => "activity-detail-sessions",
        "codes_left" => "activity-detail-codes-left",
        _ => return None,
    })
}

fn reason_key(code: &str) -> Option<&'static str> {
    Some(match code {
        "wrong_password" => "activity-reason-wrong-password",
        "unknown_member" => "activity-reason-unknown-member",
        "disabled" => "activity-reason-disabled",
        "wrong_code" => "activity-reason-wrong-code",
        _ => return None,
    })
}

fn event_key(code: &str) -> Option<&'static str> {
    Some(match code {
        "setup" => "activity-event-setup",
        "recovery_code" => "activity-event-recovery-code",
        _ => return None,
    })
}

/// The name of a filter in an export's details (the filter form's labels).
fn filter_key(name: &str) -> Option<&'static str> {
    Some(match name {
        "from" => "activity-filter-from",
        "to" => "activity-filter-to",
        "operator" => "activity-filter-operator",
        "area" => "activity-filter-area",
        "action" => "activity-filter-action",
        "store" => "activity-filter-store",
        "q" => "activity-filter-text",
        "group" => "activity-filter-group",
        "rows" => "activity-filter-rows",
        _ => return None,
    })
}

/// Stored values that are codes rather than people's text: switches and agent statuses.
fn value_key(code: &str) -> Option<&'static str> {
    match code {
        "true" => Some("state-on"),
        "false" => Some("state-off"),
        "online" => Some("agent-status-online"),
        "idle" => Some("agent-status-idle"),
        "offline" => Some("agent-status-offline"),
        _ => None,
    }
}

struct Words {
    lang: Lang,
}

impl Words {
    fn t(&self, key: &str) -> String {
        i18n::tr(self.lang, key, None)
    }

    fn or_raw(&self, key: Option<&str>, raw: &str) -> String {
        key.map(|k| self.t(k)).unwrap_or_else(|| raw.to_string())
    }

    fn value(&self, value: &Value) -> String {
        match value {
            Value::String(s) if s.is_empty() => self.t("activity-value-empty"),
            Value::String(s) => self.or_raw(value_key(s), s),
            Value::Bool(b) => self.or_raw(value_key(&b.to_string()), &b.to_string()),
            Value::Null => self.t("activity-value-empty"),
            Value::Number(n) => match n.as_i64() {
                Some(n) => i18n::integer(self.lang, n),
                None => n.to_string(),
            },
            other => other.to_string(),
        }
    }

    /// A comma-separated list of codes, each named by `name`, as one phrase.
    fn code_list(&self, codes: &str, name: impl Fn(&str) -> Option<String>) -> String {
        let names: Vec<String> = codes
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(|c| name(c).unwrap_or_else(|| c.to_string()))
            .collect();
        if names.is_empty() {
            return self.t("activity-value-empty");
        }
        i18n::list(self.lang, &names)
    }

    /// Working hours as recorded: seven days from Monday, `|` between days, `,` between
    /// a day's slots. Days without hours are left out.
    fn working_hours(&self, text: &str) -> String {
        let days: Vec<&str> = text.split('|').map(str::trim).collect();
        if days.len() != 7 {
            return text.to_string();
        }
        let open: Vec<String> = days
            .iter()
            .zip(i18n::WEEK)
            .filter(|(slots, _)| !slots.is_empty())
            .map(|(slots, day)| format!("{} {slots}", i18n::weekday(self.lang, day)))
            .collect();
        if open.is_empty() {
            return self.t("activity-value-closed-all-week");
        }
        open.join("; ")
    }

    /// A recorded value, in words where the name says what kind of code it is.
    fn named(&self, name: &str, value: &Value) -> String {
        let Some(code) = value.as_str().filter(|s| !s.is_empty()) else {
            return self.value(value);
        };
        let word = |key: Option<&str>| key.map(|k| self.t(k));
        let shown = match name {
            "role" => word(BuiltinRole::from_code(code).map(BuiltinRole::label_key)),
            "market" => word(Market::parse(code).ok().map(Market::label_key)),
            "language" => Lang::from_code(code).map(Lang::native_name),
            "sources" => Some(self.code_list(code, |c| {
                word(ChatSource::from_code(c).map(ChatSource::label_key))
            })),
            "permissions" => Some(self.code_list(code, |c| {
                word(Permission::from_code(c).map(Permission::label_key))
            })),
            "events" => Some(self.code_list(code, |c| Some(self.t(kind_label(c))))),
            "working_hours" => Some(self.working_hours(code)),
            "from" | "to" => NaiveDate::parse_from_str(code, "%Y-%m-%d")
                .ok()
                .map(|d| i18n::date(self.lang, d)),
            "area" => word(Area::from_code(code).map(|a| a.label_key())),
            "action" => word(ActionKind::from_code(code).map(|a| a.label_key())),
            _ => None,
        };
        shown.unwrap_or_else(|| self.value(value))
    }

    fn change(&self, change: &Value) -> String {
        let field = change.get("field").and_then(Value::as_str).unwrap_or("");
        let before = change.get("before").unwrap_or(&Value::Null);
        let after = change.get("after").unwrap_or(&Value::Null);
        format!(
            "{}: {} → {}",
            self.or_raw(field_key(field), field),
            self.named(field, before),
            self.named(field, after)
        )
    }

    fn filters(&self, filters: &Value) -> String {
        match filters {
            Value::Object(map) => map
                .iter()
                .filter(|(_, value)| !value.is_null())
                .map(|(name, value)| {
                    format!(
                        "{}: {}",
                        self.or_raw(filter_key(name), name),
                        self.named(name, value)
                    )
                })
                .collect::<Vec<_>>()
                .join(", "),
            other => self.value(other),
        }
    }

    fn details(&self, raw: &str) -> Vec<String> {
        let Ok(Value::Object(map)) = serde_json::from_str::<Value>(raw) else {
            // Not an object: show it as stored rather than lose it.
            return if raw.trim().is_empty() || raw.trim() == "{}" {
                vec![]
            } else {
                vec![raw.to_string()]
            };
        };
        let mut lines = vec![];
        for (name, value) in &map {
            match (name.as_str(), value) {
                ("changes", Value::Array(changes)) => {
                    lines.extend(changes.iter().map(|c| self.change(c)));
                }
                ("event" | "method", Value::String(code)) => {
                    lines.push(self.or_raw(event_key(code), code));
                }
                ("reason", Value::String(code)) => lines.push(format!(
                    "{}: {}",
                    self.t("activity-detail-reason"),
                    self.or_raw(reason_key(code), code)
                )),
                ("filters", filters) => lines.push(format!(
                    "{}: {}",
                    self.t("activity-detail-filters"),
                    self.filters(filters)
                )),
                (name, value) => lines.push(format!(
                    "{}: {}",
                    self.or_raw(detail_key(name), name),
                    self.named(name, value)
                )),
            }
        }
        lines
    }
}

/// Renders an entry in `lang`, its time in `zone`.
pub fn entry_view(entry: &Entry, lang: Lang, zone: &TimeZoneName) -> EntryView {
    let words = Words { lang };
    let local = i18n::local_time(entry.created_at, zone);
    EntryView {
        id: entry.id,
        local,
        operator: entry.actor_name.clone(),
        client_addr: entry.client_addr.clone(),
        area: words.or_raw(
            Area::from_code(&entry.area).map(|a| a.label_key()),
            &entry.area,
        ),
        action: words.or_raw(
            ActionKind::from_code(&entry.action).map(|a| a.label_key()),
            &entry.action,
        ),
        object_type: words.or_raw(
            ObjectType::from_code(&entry.object_type).map(|o| o.label_key()),
            &entry.object_type,
        ),
        // A report's name is the area it reports on.
        object_name: match entry.object_type.as_str() {
            "report" => words.or_raw(
                Area::from_code(&entry.object_name).map(|a| a.label_key()),
                &entry.object_name,
            ),
            _ => entry.object_name.clone(),
        },
        details: words.details(&entry.details),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(area: &str, action: &str, details: &str) -> Entry {
        Entry {
            id: 9,
            actor_account_id: Some(1),
            actor_name: "chenshop".into(),
            client_addr: "127.0.0.1".into(),
            area: area.into(),
            action: action.into(),
            object_type: "account".into(),
            object_id: Some(1),
            object_name: "chenshop".into(),
            store_id: None,
            details: details.into(),
            created_at: chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
                .and_then(|d| d.and_hms_opt(23, 30, 0))
                .unwrap(),
        }
    }

    #[test]
    fn codes_render_in_the_viewers_language_and_zone() {
        let e = entry(
            "settings",
            "updated",
            r#"{"changes":[{"field":"language","before":"","after":"zh-TW"}]}"#,
        );
        let zone = TimeZoneName::parse("Asia/Bangkok").unwrap();
        let en = entry_view(&e, Lang::En, &zone);
        assert_eq!(
            i18n::date_time(Lang::En, en.local),
            "26/11/2026, 6:30\u{202f}am"
        );
        assert_eq!(en.local.to_string(), "2026-11-26 06:30:00");
        assert_eq!(
            (en.area.as_str(), en.action.as_str()),
            ("Settings", "Updated")
        );
        assert_eq!(en.details, ["Interface language: (empty) → 繁體中文"]);
        let zh = entry_view(&e, Lang::ZhCn, &zone);
        assert_ne!(zh.details, en.details);
        assert_ne!(zh.area, en.area);
        let switched = entry(
            "webchat",
            "status_changed",
            r#"{"changes":[{"field":"status","before":"offline","after":"online"},{"field":"x","before":"false","after":true}]}"#,
        );
        let v = entry_view(&switched, Lang::En, &zone);
        assert_eq!(v.details[0], "Status: Offline → Online");
        assert_eq!(v.details[1], "x: Off → On");
    }

    #[test]
    fn unknown_codes_and_broken_details_show_as_stored() {
        let e = entry(
            "warp_drive",
            "engaged",
            r#"{"changes":[{"field":"flux","before":1,"after":"x9"}],"speed":9}"#,
        );
        let v = entry_view(&e, Lang::Th, &TimeZoneName::utc());
        assert_eq!(
            (v.area.as_str(), v.action.as_str()),
            ("warp_drive", "engaged")
        );
        assert_eq!(v.details, ["flux: 1 → x9", "speed: 9"]);
        assert_eq!(
            entry_view(&entry("x", "y", "not json"), Lang::En, &TimeZoneName::utc()).details,
            ["not json"]
        );
        assert!(
            entry_view(&entry("x", "y", "{}"), Lang::En, &TimeZoneName::utc())
                .details
                .is_empty()
        );
        let odd = entry(
            "x",
            "y",
            r#"{"changes":[42,{"field":null}],"reason":7,"filters":[1]}"#,
        );
        assert_eq!(
            entry_view(&odd, Lang::En, &TimeZoneName::utc())
                .details
                .len(),
            4
        );
    }

    #[test]
    fn failures_events_and_exports_are_words() {
        let v = entry_view(
            &entry(
                "accounts",
                "sign_in_failed",
                r#"{"reason":"wrong_password"}"#,
            ),
            Lang::En,
            &TimeZoneName::utc(),
        );
        assert_eq!(v.details, ["Reason: Wrong password"]);
        let v = entry_view(
            &entry("accounts", "created", r#"{"event":"setup"}"#),
            Lang::En,
            &TimeZoneName::utc(),
        );
        assert_eq!(v.details, ["First-run setup"]);
        let v = entry_view(
            &entry(
                "activity_log",
                "exported",
                r#"{"filters":{"area":"stores","from":"2026-11-01"}}"#,
            ),
            Lang::En,
            &TimeZoneName::utc(),
        );
        assert_eq!(v.details, ["Filters: Area: Stores, From: 01/11/2026"]);
    }

    #[test]
    fn every_kind_of_code_is_a_word() {
        let changes = r#"{"changes":[
            {"field":"role","before":"customer_service","after":"supervisor"},
            {"field":"market","before":"TH","after":"MY"},
            {"field":"sources","before":"order, after_sales","after":"product_page"},
            {"field":"permissions","before":"webchat,all_stores","after":""},
            {"field":"language","before":"ms","after":"pt-BR"},
            {"field":"events","before":"message.created","after":"conversation.closed"},
            {"field":"working_hours","before":"09:00-18:00 | | | | | | 10:00-12:00, 13:00-15:00","after":" |  |  |  |  |  | "}
        ]}"#;
        let v = entry_view(&entry("x", "y", changes), Lang::En, &TimeZoneName::utc());
        assert_eq!(
            v.details,
            [
                "Role: Customer service → Supervisor",
                "Market: Thailand → Malaysia",
                "Chat sources: Order and After-sales (return/refund) → Product page",
                "Permissions: Webchat: answer buyers and All stores, without a grant → (empty)",
                "Interface language: Bahasa Melayu → Português (Brasil)",
                "Events: Reply or automatic reply → Chat closed",
                "Working hours: Monday 09:00-18:00; Sunday 10:00-12:00, 13:00-15:00 → Closed all week",
            ]
        );
        let export = r#"{"filters":{"from":"2026-11-01","group":"Pre-sales","rows":1234,"store":"Chen Thai","to":"2026-11-30"}}"#;
        let v = entry_view(
            &entry("performance", "exported", export),
            Lang::PtBr,
            &TimeZoneName::utc(),
        );
        assert!(
            v.details[0].contains("01/11/2026") && v.details[0].contains("1.234"),
            "{:?}",
            v.details
        );
        assert!(
            !v.details[0].contains("rows") && !v.details[0].contains("group"),
            "{:?}",
            v.details
        );
    }
}

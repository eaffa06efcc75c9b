//! The Activity Log's filters: parsed from the query string into typed values, each bad
//! value reported with a translation key (the page shows it, never a 500).

use chrono::{Days, NaiveDate, NaiveDateTime, TimeZone};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::query::{Choice, Choices};
use super::{ActionKind, Area};
use crate::i18n::TimeZoneName;

/// The default range: the last 12 weeks, today included.
pub const DEFAULT_DAYS: u64 = 84;
/// A longer range is refused: a text search scans the range, so it stays bounded.
pub const MAX_DAYS: i64 = 366;
/// Longer search texts are refused rather than cut silently.
pub const MAX_TEXT_CHARS: usize = 100;

/// The query string as sent. Every field is text, so no value can make the extractor
/// fail; `parse` decides what is wrong and says so.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct RawFilters {
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub operator: Option<String>,
    #[serde(default)]
    pub area: Option<String>,
    #[serde(default)]
    pub action: Option<String>,
    #[serde(default)]
    pub store: Option<String>,
    #[serde(default)]
    pub q: Option<String>,
    /// The id of the last entry of the previous page (keyset pagination).
    #[serde(default)]
    pub before: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filters {
    /// First and last day shown, both included, in the viewer's time zone.
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub operator: Option<i64>,
    pub area: Option<Area>,
    pub action: Option<ActionKind>,
    pub store: Option<i64>,
    /// Lower-cased, trimmed text the object's name must contain.
    pub text: Option<String>,
    pub before: Option<i64>,
}

/// A refused filter value: the form field and the message's translation key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FilterError {
    pub field: &'static str,
    pub key: &'static str,
}

/// A value that was sent and is not blank, trimmed.
pub fn present(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn date(value: &Option<String>) -> Result<Option<NaiveDate>, ()> {
    present(value)
        .map(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| ()))
        .transpose()
}

fn id(value: &Option<String>) -> Result<Option<i64>, ()> {
    present(value)
        .map(|v| v.parse::<i64>().ok().filter(|n| *n > 0).ok_or(()))
        .transpose()
}

fn code<T>(value: &Option<String>, lookup: fn(&str) -> Option<T>) -> Result<Option<T>, ()> {
    present(value).map(|v| lookup(v).ok_or(())).transpose()
}

/// Parses the filters, `today` being the viewer's date. Bad values fall back to their
/// default in the returned filters, and each is reported.
pub fn parse(raw: &RawFilters, today: NaiveDate) -> (Filters, Vec<FilterError>) {
    let mut errors = vec![];
    let mut refuse = |field: &'static str, key: &'static str| {
        errors.push(FilterError { field, key });
    };
    let to = date(&raw.to).unwrap_or_else(|()| {
        refuse("to", "activity-error-date");
        None
    });
    let to = to.unwrap_or(today);
    let default_from = to
        .checked_sub_days(Days::new(DEFAULT_DAYS - 1))
        .unwrap_or(to);
    let from = date(&raw.from)
        .unwrap_or_else(|()| {
            refuse("from", "activity-error-date");
            None
        })
        .unwrap_or(default_from);
    if from > to {
        refuse("from", "activity-error-order");
    } else if (to - from).num_days() >= MAX_DAYS {
        refuse("from", "activity-error-range");
    }
    let operator = id(&raw.operator).unwrap_or_else(|()| {
        refuse("operator", "activity-error-operator");
        None
    });
    let area = code(&raw.area, Area::from_code).unwrap_or_else(|()| {
        refuse("area", "activity-error-area");
        None
    });
    let action = code(&raw.action, ActionKind::from_code).unwrap_or_else(|()| {
        refuse("action", "activity-error-action");
        None
    });
    let store = id(&raw.store).unwrap_or_else(|()| {
        refuse("store", "activity-error-store");
        None
    });
    let text = present(&raw.q).map(str::to_lowercase);
    if text
        .as_ref()
        .is_some_and(|t| t.chars().count() > MAX_TEXT_CHARS)
    {
        refuse("q", "activity-error-text");
    }
    let before = id(&raw.before).unwrap_or_else(|()| {
        refuse("before", "activity-error-cursor");
        None
    });
    let filters = Filters {
        from,
        to,
        operator,
        area,
        action,
        store,
        text,
        before,
    };
    (filters, errors)
}

/// The UTC instant a local day starts. A day whose midnight is skipped by a
/// daylight-saving change starts at the first local time that exists.
fn day_start_utc(day: NaiveDate, zone: &TimeZoneName) -> NaiveDateTime {
    let tz = zone.tz();
    (0..=3)
        .filter_map(|hour| day.and_hms_opt(hour, 0, 0))
        .find_map(|local| tz.from_local_datetime(&local).earliest())
        .map(|t| t.naive_utc())
        .unwrap_or_else(|| day.and_time(chrono::NaiveTime::MIN))
}

impl Filters {
    /// `[start, end)` in UTC for the chosen days in the viewer's time zone.
    pub fn utc_bounds(&self, zone: &TimeZoneName) -> (NaiveDateTime, NaiveDateTime) {
        let end_day = self.to.succ_opt().unwrap_or(self.to);
        (day_start_utc(self.from, zone), day_start_utc(end_day, zone))
    }

    /// The filters as query-string pairs (no cursor), for the next-page and CSV links.
    pub fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = vec![
            ("from", self.from.format("%Y-%m-%d").to_string()),
            ("to", self.to.format("%Y-%m-%d").to_string()),
        ];
        if let Some(id) = self.operator {
            pairs.push(("operator", id.to_string()));
        }
        if let Some(area) = self.area {
            pairs.push(("area", area.code().to_string()));
        }
        if let Some(action) = self.action {
            pairs.push(("action", action.code().to_string()));
        }
        if let Some(id) = self.store {
            pairs.push(("store", id.to_string()));
        }
        if let Some(text) = &self.text {
            pairs.push(("q", text.clone()));
        }
        pairs
    }

    /// What an export entry records about the filters it was made with: the operator
    /// and the store by name (the entry is read long after, by people).
    pub fn to_json(&self, choices: &Choices) -> Value {
        let name = |list: &[Choice], id: &str| {
            list.iter()
                .find(|c| c.id.to_string() == id)
                .map(|c| c.name.clone())
        };
        let mut out = serde_json::Map::new();
        for (key, value) in self.query_pairs() {
            let shown = match key {
                "operator" => name(&choices.operators, &value),
                "store" => name(&choices.stores, &value),
                _ => None,
            };
            out.insert(key.to_string(), json!(shown.unwrap_or(value)));
        }
        Value::Object(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn raw(pairs: &[(&str, &str)]) -> RawFilters {
        serde_urlencoded::from_str(&serde_urlencoded::to_string(pairs).unwrap()).unwrap()
    }

    #[test]
    fn defaults_are_the_last_twelve_weeks() {
        let (f, errors) = parse(&RawFilters::default(), day("2026-11-25"));
        assert!(errors.is_empty());
        assert_eq!((f.from, f.to), (day("2026-09-03"), day("2026-11-25")));
        assert_eq!((f.to - f.from).num_days() + 1, 84);
    }

    #[test]
    fn every_bad_value_is_reported_once_with_its_field() {
        let (f, errors) = parse(
            &raw(&[
                ("from", "yesterday"),
                ("to", "2026-02-30"),
                ("operator", "-3"),
                ("area", "nowhere"),
                ("action", "DROP TABLE"),
                ("store", "x"),
                ("q", &"x".repeat(101)),
                ("before", "0"),
            ]),
            day("2026-11-25"),
        );
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "to", "from", "operator", "area", "action", "store", "q", "before"
            ]
        );
        assert_eq!((f.area, f.store, f.operator), (None, None, None));
    }

    #[test]
    fn ranges_must_be_ordered_and_at_most_a_year() {
        let today = day("2026-11-25");
        let (_, e) = parse(&raw(&[("from", "2026-11-26"), ("to", "2026-11-25")]), today);
        assert_eq!(e[0].key, "activity-error-order");
        let (_, e) = parse(&raw(&[("from", "2025-11-24"), ("to", "2026-11-25")]), today);
        assert_eq!(e[0].key, "activity-error-range");
        let (_, e) = parse(&raw(&[("from", "2025-11-25"), ("to", "2026-11-25")]), today);
        assert!(e.is_empty(), "{e:?}");
        let (_, e) = parse(&raw(&[("from", "0001-01-01"), ("to", "9999-12-31")]), today);
        assert_eq!(e[0].key, "activity-error-range");
    }

    #[test]
    fn codes_and_text_are_typed() {
        let (f, e) = parse(
            &raw(&[
                ("area", "stores"),
                ("action", "created"),
                ("q", "  Chen SHOP "),
                ("store", "7"),
                ("operator", ""),
            ]),
            day("2026-11-25"),
        );
        assert!(e.is_empty());
        assert_eq!(f.area, Some(Area::Stores));
        assert_eq!(f.action, Some(ActionKind::Created));
        assert_eq!(f.text.as_deref(), Some("chen shop"));
        assert_eq!((f.store, f.operator), (Some(7), None));
    }

    #[test]
    fn days_are_taken_in_the_viewers_zone() {
        let (f, _) = parse(
            &raw(&[("from", "2026-11-25"), ("to", "2026-11-25")]),
            day("2026-11-25"),
        );
        let bangkok = TimeZoneName::parse("Asia/Bangkok").unwrap();
        let (start, end) = f.utc_bounds(&bangkok);
        assert_eq!(start.to_string(), "2026-11-24 17:00:00");
        assert_eq!(end.to_string(), "2026-11-25 17:00:00");
        // Santiago skips midnight when summer time starts (2026-09-06).
        let santiago = TimeZoneName::parse("America/Santiago").unwrap();
        let (f, _) = parse(
            &raw(&[("from", "2026-09-06"), ("to", "2026-09-06")]),
            day("2026-11-25"),
        );
        let (start, _) = f.utc_bounds(&santiago);
        assert_eq!(start.to_string(), "2026-09-06 04:00:00");
        let (f, _) = parse(
            &raw(&[("from", "9999-12-31"), ("to", "9999-12-31")]),
            day("2026-11-25"),
        );
        let (start, end) = f.utc_bounds(&TimeZoneName::utc());
        assert!(start <= end);
    }
}

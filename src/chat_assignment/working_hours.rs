//! Working hours: several time slots per weekday, in the store's time zone. Typed as
//! `09:00-12:00, 13:30-18:00`; an empty day is a day off.

use chrono::{Datelike, NaiveDateTime, TimeZone, Timelike};
use chrono_tz::Tz;

/// One slot, in minutes from midnight: `start` inclusive, `end` exclusive (up to 24:00).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub weekday: u8,
    pub start: u16,
    pub end: u16,
}

pub const WEEKDAY_KEYS: [&str; 7] = [
    "weekday-monday",
    "weekday-tuesday",
    "weekday-wednesday",
    "weekday-thursday",
    "weekday-friday",
    "weekday-saturday",
    "weekday-sunday",
];

fn parse_time(text: &str) -> Option<u16> {
    let (h, m) = text.trim().split_once(':')?;
    let (h, m): (u16, u16) = (h.trim().parse().ok()?, m.trim().parse().ok()?);
    if m >= 60 || h > 24 || (h == 24 && m != 0) || m.to_string().len() > 2 {
        return None;
    }
    Some(h * 60 + m)
}

/// The most slots one day may have (a split shift with breaks fits easily).
pub const MAX_SLOTS_PER_DAY: usize = 6;

/// Parses one weekday's slots (0 = Monday). Refuses unreadable, empty (start not
/// before end), overlapping and too many slots, each with its own message key.
pub fn parse_day(weekday: u8, input: &str) -> Result<Vec<Slot>, &'static str> {
    let mut slots = Vec::new();
    for part in input.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        if slots.len() == MAX_SLOTS_PER_DAY {
            return Err("error-hours-too-many");
        }
        let (start, end) = part.split_once('-').ok_or("error-hours-format")?;
        let (start, end) = (
            parse_time(start).ok_or("error-hours-format")?,
            parse_time(end).ok_or("error-hours-format")?,
        );
        if start >= end {
            return Err("error-hours-empty-slot");
        }
        slots.push(Slot {
            weekday,
            start,
            end,
        });
    }
    slots.sort_by_key(|s| s.start);
    if slots.windows(2).any(|w| w[0].end > w[1].start) {
        return Err("error-hours-overlap");
    }
    Ok(slots)
}

/// A day's slots as typed back into the form.
pub fn format_day(slots: &[Slot], weekday: u8) -> String {
    slots
        .iter()
        .filter(|s| s.weekday == weekday)
        .map(|s| {
            format!(
                "{:02}:{:02}-{:02}:{:02}",
                s.start / 60,
                s.start % 60,
                s.end / 60,
                s.end % 60
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether `utc` falls inside a slot, read in the store's time zone.
pub fn is_open(slots: &[Slot], zone: Tz, utc: NaiveDateTime) -> bool {
    let local = zone.from_utc_datetime(&utc);
    let weekday = local.weekday().num_days_from_monday() as u8;
    let minute = (local.hour() * 60 + local.minute()) as u16;
    slots
        .iter()
        .any(|s| s.weekday == weekday && s.start <= minute && minute < s.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_slots_a_day_in_any_order() {
        let slots = parse_day(0, "13:30-18:00, 09:00-12:00").unwrap();
        assert_eq!(
            slots,
            vec![
                Slot {
                    weekday: 0,
                    start: 540,
                    end: 720
                },
                Slot {
                    weekday: 0,
                    start: 810,
                    end: 1080
                }
            ]
        );
        assert_eq!(format_day(&slots, 0), "09:00-12:00, 13:30-18:00");
        assert_eq!(parse_day(3, "  ").unwrap(), vec![]);
        assert_eq!(parse_day(6, "00:00-24:00").unwrap().len(), 1);
    }

    #[test]
    fn bad_slots_are_refused_with_the_reason() {
        assert_eq!(
            parse_day(0, "09:00-12:00, 11:00-13:00"),
            Err("error-hours-overlap")
        );
        assert_eq!(parse_day(0, "12:00-12:00"), Err("error-hours-empty-slot"));
        assert_eq!(parse_day(0, "18:00-09:00"), Err("error-hours-empty-slot"));
        for bad in [
            "9-12",
            "09:00",
            "25:00-26:00",
            "09:60-10:00",
            "ab:cd-ef:gh",
            "24:30-24:45",
        ] {
            assert_eq!(parse_day(0, bad), Err("error-hours-format"), "{bad}");
        }
        // Touching slots do not overlap.
        assert!(parse_day(0, "09:00-12:00, 12:00-13:00").is_ok());
        let six = "01:00-02:00, 03:00-04:00, 05:00-06:00, 07:00-08:00, 09:00-10:00, 11:00-12:00";
        assert_eq!(parse_day(0, six).unwrap().len(), 6);
        assert_eq!(
            parse_day(0, &format!("{six}, 13:00-14:00")),
            Err("error-hours-too-many")
        );
        // Thousands of slots are refused before they are all read.
        assert_eq!(
            parse_day(0, &"01:00-02:00,".repeat(10_000)),
            Err("error-hours-too-many")
        );
    }

    #[test]
    fn opening_follows_the_stores_time_zone() {
        let slots = parse_day(0, "09:00-18:00").unwrap();
        // Monday 2026-11-23 02:30 UTC is 09:30 in Bangkok, 02:30 in London.
        let utc = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(2, 30, 0)
            .unwrap();
        assert!(is_open(&slots, chrono_tz::Asia::Bangkok, utc));
        assert!(!is_open(&slots, chrono_tz::Europe::London, utc));
    }
}

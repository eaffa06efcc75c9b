//! The report's date range: a preset or custom dates, as days in the viewer's time zone,
//! and the UTC hours those days cover.

use chrono::{Duration, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

/// The longest range a report covers.
pub const MAX_DAYS: i64 = 366;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    Today,
    Yesterday,
    Last7,
    Last30,
    Custom,
}

impl Preset {
    pub const ALL: [Preset; 5] = [
        Preset::Today,
        Preset::Yesterday,
        Preset::Last7,
        Preset::Last30,
        Preset::Custom,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Preset::Today => "today",
            Preset::Yesterday => "yesterday",
            Preset::Last7 => "last7",
            Preset::Last30 => "last30",
            Preset::Custom => "custom",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Preset::Today => "performance-range-today",
            Preset::Yesterday => "performance-range-yesterday",
            Preset::Last7 => "performance-range-last7",
            Preset::Last30 => "performance-range-last30",
            Preset::Custom => "performance-range-custom",
        }
    }

    pub fn from_code(code: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// Days `first..=last` in the viewer's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayRange {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// A refused range: the field to mark and the message key.
pub type RangeError = (&'static str, &'static str);

impl DayRange {
    /// The range a preset names (custom dates given as `YYYY-MM-DD`), `today` being the
    /// viewer's current date.
    pub fn parse(
        preset: &str,
        from: &str,
        to: &str,
        today: NaiveDate,
    ) -> Result<DayRange, RangeError> {
        let days_back = |n: i64| DayRange {
            first: today - Duration::days(n - 1),
            last: today,
        };
        match Preset::from_code(preset) {
            Some(Preset::Today) => Ok(days_back(1)),
            Some(Preset::Yesterday) => {
                let d = today - Duration::days(1);
                Ok(DayRange { first: d, last: d })
            }
            None | Some(Preset::Last7) => Ok(days_back(7)),
            Some(Preset::Last30) => Ok(days_back(30)),
            Some(Preset::Custom) => {
                let date = |field: &'static str, s: &str| {
                    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                        .map_err(|_| (field, "performance-error-date"))
                };
                // Reports cover the past: a date beyond tomorrow (any time zone's
                // today) or before the product existed is refused, not computed with.
                let earliest = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(today);
                let known = |field: &'static str, d: NaiveDate| {
                    if d < earliest || d > today + Duration::days(1) {
                        Err((field, "performance-error-out-of-range"))
                    } else {
                        Ok(d)
                    }
                };
                let first = known("from", date("from", from)?)?;
                let last = known("to", date("to", to)?)?;
                if first > last {
                    return Err(("to", "performance-error-order"));
                }
                if (last - first).num_days() >= MAX_DAYS {
                    return Err(("to", "performance-error-too-long"));
                }
                Ok(DayRange { first, last })
            }
        }
    }

    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + use<> {
        let first = self.first;
        (0..=(self.last - self.first).num_days()).map(move |n| first + Duration::days(n))
    }

    /// UTC hours (since the epoch) `[start, end)` covering the days in `tz`. A zone whose
    /// offset is not whole hours gets its day boundaries rounded to the hour.
    pub fn hours(&self, tz: Tz) -> (i64, i64) {
        let start = local_midnight_utc(tz, self.first);
        let end = local_midnight_utc(tz, self.last + Duration::days(1));
        (
            start.and_utc().timestamp().div_euclid(3600),
            end.and_utc().timestamp().div_euclid(3600),
        )
    }
}

/// The UTC time of the day's first moment in `tz` (a midnight skipped by a clock change
/// falls on the first hour that exists).
fn local_midnight_utc(tz: Tz, day: NaiveDate) -> NaiveDateTime {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    (0..3)
        .find_map(|h| {
            tz.from_local_datetime(&(midnight + Duration::hours(h)))
                .earliest()
        })
        .map(|t| t.naive_utc())
        .unwrap_or(midnight)
}

/// The viewer's date of a UTC hour.
pub fn local_day(tz: Tz, hour: i64) -> NaiveDate {
    let utc = chrono::DateTime::from_timestamp(hour * 3600, 0).unwrap_or_default();
    utc.with_timezone(&tz).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn presets_end_today() {
        let today = d("2026-11-25");
        let r = DayRange::parse("last7", "", "", today).expect("range");
        assert_eq!((r.first, r.last), (d("2026-11-19"), today));
        let y = DayRange::parse("yesterday", "", "", today).expect("range");
        assert_eq!((y.first, y.last), (d("2026-11-24"), d("2026-11-24")));
        assert_eq!(
            DayRange::parse("bogus", "", "", today),
            DayRange::parse("last7", "", "", today)
        );
        assert_eq!(
            DayRange::parse("last30", "", "", today)
                .expect("range")
                .days()
                .count(),
            30
        );
    }

    #[test]
    fn dates_far_away_are_refused_not_computed() {
        let today = d("2026-11-25");
        for (from, to) in [
            ("2026-11-01", "262143-12-31"),
            ("+262143-12-31", "+262143-12-31"),
            ("1900-01-01", "1900-01-02"),
            ("2026-11-01", "2026-12-31"),
        ] {
            assert!(
                DayRange::parse("custom", from, to, today).is_err(),
                "{from}..{to}"
            );
        }
    }

    #[test]
    fn custom_ranges_are_checked() {
        let today = d("2026-11-25");
        let ok = DayRange::parse("custom", "2026-11-01", "2026-11-03", today).expect("range");
        assert_eq!(ok.days().count(), 3);
        assert_eq!(
            DayRange::parse("custom", "2026-13-01", "2026-11-03", today),
            Err(("from", "performance-error-date"))
        );
        assert_eq!(
            DayRange::parse("custom", "2026-11-05", "2026-11-03", today),
            Err(("to", "performance-error-order"))
        );
        assert_eq!(
            DayRange::parse("custom", "2025-01-01", "2026-11-03", today),
            Err(("to", "performance-error-too-long"))
        );
    }

    #[test]
    fn day_boundaries_follow_the_viewers_zone() {
        let day = DayRange {
            first: d("2026-11-20"),
            last: d("2026-11-20"),
        };
        let utc = day.hours(Tz::UTC);
        let bangkok = day.hours(chrono_tz::Asia::Bangkok);
        let sao_paulo = day.hours(chrono_tz::America::Sao_Paulo);
        assert_eq!(utc.1 - utc.0, 24);
        assert_eq!(bangkok.0, utc.0 - 7);
        assert_eq!(sao_paulo.0, utc.0 + 3);
        assert_eq!(
            local_day(chrono_tz::Asia::Bangkok, utc.0 + 17),
            d("2026-11-21")
        );
        assert_eq!(
            local_day(chrono_tz::Asia::Bangkok, utc.0 + 16),
            d("2026-11-20")
        );
    }
}

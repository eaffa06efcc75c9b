//! Times are stored in UTC and shown in the viewer's time zone.

use chrono::{Datelike, NaiveDateTime, TimeZone, Timelike};
use chrono_tz::Tz;

/// A valid IANA time-zone name, such as `Asia/Bangkok`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeZoneName(Tz);

impl TimeZoneName {
    pub fn parse(name: &str) -> Option<Self> {
        name.trim().parse::<Tz>().ok().map(Self)
    }

    pub fn utc() -> Self {
        Self(Tz::UTC)
    }

    pub fn tz(&self) -> Tz {
        self.0
    }

    pub fn name(&self) -> &'static str {
        self.0.name()
    }
}

/// Every IANA zone name, for time-zone menus.
pub fn all_time_zones() -> impl Iterator<Item = &'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name())
}

/// The wall-clock time in `zone` of a UTC time.
pub fn local_time(utc: NaiveDateTime, zone: &TimeZoneName) -> NaiveDateTime {
    zone.tz().from_utc_datetime(&utc).naive_local()
}

/// `2026-11-25 14:03` in the given zone: the form files use (CSV), which every
/// spreadsheet reads as a date whatever its language. Pages use `Fmt::time`.
pub fn format_datetime(utc: NaiveDateTime, zone: &TimeZoneName) -> String {
    // Written digit by digit: an export holds thousands of these, and chrono's `format`
    // reads its pattern again each time.
    let local = local_time(utc, zone);
    let mut out = String::with_capacity(16);
    let year = u32::try_from(local.year()).unwrap_or(0);
    push_digits(&mut out, year, 4);
    out.push('-');
    push_digits(&mut out, local.month(), 2);
    out.push('-');
    push_digits(&mut out, local.day(), 2);
    out.push(' ');
    push_digits(&mut out, local.hour(), 2);
    out.push(':');
    push_digits(&mut out, local.minute(), 2);
    out
}

/// `value`'s last `width` decimal digits, zero-padded.
pub fn push_digits(out: &mut String, value: u32, width: u32) {
    for place in (0..width).rev() {
        let digit = value / 10u32.pow(place) % 10;
        out.push(char::from(b'0' + digit as u8));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_in_the_viewers_zone() {
        let utc = chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
            .and_then(|d| d.and_hms_opt(23, 30, 0))
            .unwrap();
        let bangkok = TimeZoneName::parse("Asia/Bangkok").unwrap();
        assert_eq!(format_datetime(utc, &bangkok), "2026-11-26 06:30");
        assert_eq!(
            format_datetime(utc, &TimeZoneName::utc()),
            "2026-11-25 23:30"
        );
        assert!(TimeZoneName::parse("Mars/Olympus").is_none());
    }
}

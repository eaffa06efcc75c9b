//! A stored time read quickly. On SQLite a time is text, and diesel parses it by trying
//! chrono patterns one after another, reading each pattern again every time: for a list
//! page (two times on each of fifty rows) that was a tenth of the page's work. `DbTime`
//! reads the one form this application writes (`2026-12-01 10:15:00.123456789`) digit
//! by digit and leaves anything else, and PostgreSQL's binary times, to diesel.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::pg::Pg;
use diesel::sql_types::Timestamp;
use diesel::sqlite::Sqlite;

use super::MultiBackend;

#[derive(Debug, Clone, Copy, PartialEq, Eq, FromSqlRow)]
pub struct DbTime(pub NaiveDateTime);

/// Lets a model's field keep its `NaiveDateTime` and be read as a `DbTime`:
/// `#[diesel(deserialize_as = DbTime)]`.
impl From<DbTime> for NaiveDateTime {
    fn from(t: DbTime) -> Self {
        t.0
    }
}

impl FromSql<Timestamp, Sqlite> for DbTime {
    fn from_sql(mut value: <Sqlite as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        // Reading the text leaves the value as it was, for diesel to try if need be.
        if let Some(at) = parse(value.read_text().as_bytes()) {
            return Ok(DbTime(at));
        }
        <NaiveDateTime as FromSql<Timestamp, Sqlite>>::from_sql(value).map(DbTime)
    }
}

impl FromSql<Timestamp, Pg> for DbTime {
    fn from_sql(value: <Pg as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        <NaiveDateTime as FromSql<Timestamp, Pg>>::from_sql(value).map(DbTime)
    }
}

impl FromSql<Timestamp, MultiBackend> for DbTime {
    fn from_sql(value: <MultiBackend as Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        value.from_sql::<Self, Timestamp>()
    }
}

/// `YYYY-MM-DD HH:MM:SS` with an optional `.` and 1–9 fraction digits, else `None`.
fn parse(text: &[u8]) -> Option<NaiveDateTime> {
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let digits = text.get(range)?;
        digits.iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    if text.len() < 19
        || text[4] != b'-'
        || text[7] != b'-'
        || text[10] != b' '
        || text[13] != b':'
        || text[16] != b':'
    {
        return None;
    }
    let year = i32::try_from(number(0..4)?).ok()?;
    let (month, day) = (number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    let nanos = match &text[19..] {
        [] => 0,
        [b'.', fraction @ ..] if (1..=9).contains(&fraction.len()) => {
            number(20..text.len())? * 10u32.pow(9 - fraction.len() as u32)
        }
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, month, day)?.and_hms_nano_opt(hour, minute, second, nanos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_the_application_writes_and_nothing_else() {
        let at = |s: &str| parse(s.as_bytes());
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(
            at("2026-12-01 10:15:00.123456789"),
            day.and_hms_nano_opt(10, 15, 0, 123_456_789)
        );
        assert_eq!(
            at("2026-12-01 10:15:00.5"),
            day.and_hms_milli_opt(10, 15, 0, 500)
        );
        assert_eq!(at("2026-12-01 10:15:00"), day.and_hms_opt(10, 15, 0));
        for other in [
            "2026-12-01T10:15:00",
            "2026-12-01 10:15:00.",
            "2026-12-01 10:15:00.1234567890",
            "2026-13-01 10:15:00",
            "2026-12-01 10:15",
            "2459550.5",
            "",
        ] {
            assert_eq!(at(other), None, "{other}");
        }
    }
}

//! Numbers, dates and weekday names as each language writes them, from the CLDR data
//! that ICU4X compiles in: grouping and decimal separators, day-first or month-first
//! dates, the Thai Buddhist calendar. Nothing here is written per language by hand.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike, Weekday};
use fixed_decimal::{Decimal, FloatPrecision};
use fluent_bundle::types::FluentNumber;
use icu_calendar::Iso;
use icu_datetime::DateTimeFormatter;
use icu_datetime::fieldsets::{E, MD, YMD, YMDT};
use icu_datetime::input::{Date, DateTime, Time};
use icu_datetime::options::{TimePrecision, YearStyle};
use icu_decimal::DecimalFormatter;
use icu_list::ListFormatter;
use icu_list::options::ListFormatterOptions;
use icu_locale_core::{Locale, locale};
use writeable::Writeable;

use super::Lang;

impl Lang {
    /// The CLDR locale whose conventions the language's pages follow. English is
    /// international English (day first): the sellers who read it are in Singapore,
    /// Malaysia and the other markets, not in the United States.
    fn cldr_locale(self) -> Locale {
        let tag = match self {
            Lang::En => "en-001",
            other => other.code(),
        };
        tag.parse().unwrap_or(locale!("und"))
    }
}

/// One language's formatters, made once: building one reads CLDR tables, formatting
/// with it only walks a pattern.
struct Formatters {
    decimal: Option<DecimalFormatter>,
    date_time: Option<DateTimeFormatter<YMDT>>,
    date: Option<DateTimeFormatter<YMD>>,
    month_day: Option<DateTimeFormatter<MD>>,
    weekday: Option<DateTimeFormatter<E>>,
    list: Option<ListFormatter>,
}

impl Formatters {
    fn new(lang: Lang) -> Self {
        let locale = lang.cldr_locale();
        // Compiled data covers every language: the fallbacks below (ISO dates, plain
        // digits) are only a guard.
        Self {
            decimal: DecimalFormatter::try_new((&locale).into(), Default::default()).ok(),
            date_time: DateTimeFormatter::try_new(
                (&locale).into(),
                YMDT::short()
                    .with_year_style(YearStyle::Full)
                    .with_time_precision(TimePrecision::Minute),
            )
            .ok(),
            date: DateTimeFormatter::try_new(
                (&locale).into(),
                YMD::short().with_year_style(YearStyle::Full),
            )
            .ok(),
            month_day: DateTimeFormatter::try_new((&locale).into(), MD::short()).ok(),
            weekday: DateTimeFormatter::try_new((&locale).into(), E::long()).ok(),
            list: ListFormatter::try_new_and((&locale).into(), ListFormatterOptions::default())
                .ok(),
        }
    }
}

/// Each language's formatters, in the order of `Lang::ALL` (the enum's own order).
static FORMATTERS: LazyLock<[Formatters; 9]> = LazyLock::new(|| Lang::ALL.map(Formatters::new));

fn formatters(lang: Lang) -> &'static Formatters {
    &FORMATTERS[lang as usize]
}

/// Builds every language's formatters now rather than on the first page.
pub fn init() {
    LazyLock::force(&FORMATTERS);
}

fn format_decimal(lang: Lang, d: &Decimal) -> String {
    match &formatters(lang).decimal {
        Some(fmt) => write(&fmt.format(d)),
        None => d.to_string(),
    }
}

/// A whole number: `100,000`, `100.000`.
pub fn integer(lang: Lang, n: i64) -> String {
    format_decimal(lang, &Decimal::from(n))
}

/// A number with exactly `fraction_digits` digits after the separator, rounded:
/// `87.5`, `87,5`.
pub fn decimal(lang: Lang, value: f64, fraction_digits: u8) -> String {
    rounded(lang, value, fraction_digits, true)
}

/// `value` rounded to `digits` after the separator, with trailing zeros kept or not.
/// Not a finite number: written as it is (no count or rate ever is).
fn rounded(lang: Lang, value: f64, digits: u8, keep_zeros: bool) -> String {
    let digits = i16::from(digits);
    match Decimal::try_from_f64(value, FloatPrecision::RoundTrip) {
        Ok(mut d) => {
            d.round(-digits);
            if keep_zeros {
                d.absolute.pad_end(-digits);
            } else {
                d.absolute.trim_end();
            }
            format_decimal(lang, &d)
        }
        Err(_) => value.to_string(),
    }
}

/// A number Fluent was given, with the digits its options ask for: whole numbers as
/// they are, fractions to the digits asked (two at most when nothing is asked).
pub fn fluent_number(lang: Lang, n: &FluentNumber) -> String {
    let o = &n.options;
    let digits = |d: usize| u8::try_from(d.min(6)).unwrap_or(2);
    match (
        o.minimum_fraction_digits.or(o.maximum_fraction_digits),
        o.minimum_integer_digits,
    ) {
        (Some(d), _) => decimal(lang, n.value, digits(d)),
        (None, _) if n.value.fract() != 0.0 => rounded(lang, n.value, 2, false),
        // Counts are far below 2^53: the conversions are exact.
        (None, Some(width)) => padded(lang, n.value as i64, digits(width)),
        (None, None) => integer(lang, n.value as i64),
    }
}

/// A whole number written with at least `width` digits: the `05` of `1 h 05 min`.
pub fn padded(lang: Lang, n: i64, width: u8) -> String {
    let mut d = Decimal::from(n);
    d.absolute.pad_start(i16::from(width));
    format_decimal(lang, &d)
}

/// The decimal separator (`.` or `,`): CSV files use `;` between fields where it is a
/// comma, as spreadsheets in those languages expect.
pub fn decimal_separator(lang: Lang) -> char {
    let half = decimal(lang, 0.5, 1);
    half.chars().find(|c| !c.is_numeric()).unwrap_or('.')
}

fn iso_date(date: NaiveDate) -> Option<Date<Iso>> {
    let month = u8::try_from(date.month()).ok()?;
    let day = u8::try_from(date.day()).ok()?;
    Date::try_new_iso(date.year(), month, day).ok()
}

fn write(value: &impl Writeable) -> String {
    value.write_to_string().into_owned()
}

/// A local date and time to the minute: `25/11/2026, 2:03 pm`, `2026/11/25 14:03`,
/// `25/11/2569 14:03` (Thai years are Buddhist).
pub fn date_time(lang: Lang, local: NaiveDateTime) -> String {
    let f = formatters(lang);
    let time = u8::try_from(local.hour())
        .ok()
        .zip(u8::try_from(local.minute()).ok())
        .and_then(|(h, m)| Time::try_new(h, m, 0, 0).ok());
    match (&f.date_time, iso_date(local.date()), time) {
        (Some(fmt), Some(date), Some(time)) => write(&fmt.format(&DateTime { date, time })),
        _ => local.format("%Y-%m-%d %H:%M").to_string(),
    }
}

/// A local date: `25/11/2026`.
pub fn date(lang: Lang, day: NaiveDate) -> String {
    match (&formatters(lang).date, iso_date(day)) {
        (Some(fmt), Some(date)) => write(&fmt.format(&date)),
        _ => day.format("%Y-%m-%d").to_string(),
    }
}

/// A day without its year, for a chart's axis: `25/11`, `11/25`.
pub fn month_day(lang: Lang, day: NaiveDate) -> String {
    match (&formatters(lang).month_day, iso_date(day)) {
        (Some(fmt), Some(date)) => write(&fmt.format(&date)),
        _ => day.format("%m-%d").to_string(),
    }
}

/// The days of the week, Monday first (as working hours and the busiest-hours table
/// list them).
pub const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// A weekday's name: `Monday`, `วันจันทร์`, `segunda-feira`.
pub fn weekday(lang: Lang, day: Weekday) -> String {
    // Any week will do: 2024-01-01 was a Monday.
    let monday = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    let date = monday + chrono::Days::new(u64::from(day.num_days_from_monday()));
    match (&formatters(lang).weekday, iso_date(date)) {
        (Some(fmt), Some(d)) => write(&fmt.format(&d)),
        _ => format!("{day}"),
    }
}

/// Several names as one phrase: `Order, Livestream and Other`, `订单、直播和其他`.
pub fn list<S: AsRef<str>>(lang: Lang, items: &[S]) -> String {
    let names = items.iter().map(|s| s.as_ref());
    match &formatters(lang).list {
        Some(fmt) => write(&fmt.format(names)),
        None => names.collect::<Vec<_>>().join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, min, 0))
            .unwrap()
    }

    #[test]
    fn numbers_follow_each_language() {
        assert_eq!(integer(Lang::En, 100_000), "100,000");
        assert_eq!(integer(Lang::PtBr, 100_000), "100.000");
        assert_eq!(integer(Lang::Es, 1_234_567), "1.234.567");
        assert_eq!(decimal(Lang::En, 87.456, 1), "87.5");
        assert_eq!(decimal(Lang::PtBr, 87.456, 1), "87,5");
        assert_eq!(decimal(Lang::Vi, 100.0, 1), "100,0");
        assert_eq!(padded(Lang::En, 5, 2), "05");
        for lang in Lang::ALL {
            let sep = decimal_separator(lang);
            assert!(sep == '.' || sep == ',', "{lang:?}: {sep}");
        }
        assert_eq!(decimal_separator(Lang::Id), ',');
        assert_eq!(decimal_separator(Lang::Th), '.');
    }

    #[test]
    fn dates_follow_each_language() {
        let t = at(2026, 11, 2, 14, 3);
        assert_eq!(date_time(Lang::En, t), "02/11/2026, 2:03\u{202f}pm");
        assert_eq!(date_time(Lang::ZhCn, t), "2026/11/2 14:03");
        assert_eq!(date_time(Lang::PtBr, t), "02/11/2026, 14:03");
        assert!(
            date_time(Lang::Th, t).contains("2569"),
            "{}",
            date_time(Lang::Th, t)
        );
        assert!(date(Lang::ZhCn, t.date()).starts_with("2026"));
        assert_eq!(month_day(Lang::En, t.date()), "02/11");
        assert_eq!(weekday(Lang::En, Weekday::Mon), "Monday");
        assert_eq!(weekday(Lang::PtBr, Weekday::Mon), "segunda-feira");
        assert_eq!(
            list(Lang::En, &["Order", "Livestream", "Other"]),
            "Order, Livestream and Other"
        );
    }
}

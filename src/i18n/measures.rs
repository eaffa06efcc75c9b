//! Percentages and durations: the digits from CLDR, the units and their order from
//! each language's messages (`measure-…` in `formats.ftl`).

use fluent_bundle::FluentValue;
use fluent_bundle::types::{FluentNumber, FluentNumberOptions};

use super::{Lang, args, tr};

/// A number Fluent writes with exactly `digits` after the decimal separator (its plural
/// rules still see the number).
fn fixed<'a>(value: f64, digits: usize) -> FluentValue<'a> {
    FluentValue::Number(FluentNumber::new(
        value,
        FluentNumberOptions {
            minimum_fraction_digits: Some(digits),
            maximum_fraction_digits: Some(digits),
            ..FluentNumberOptions::default()
        },
    ))
}

/// A whole number Fluent writes with at least two digits: the `05` of `1 h 05 min`.
fn two_digits<'a>(n: i64) -> FluentValue<'a> {
    FluentValue::Number(FluentNumber::new(
        n as f64,
        FluentNumberOptions {
            minimum_integer_digits: Some(2),
            ..FluentNumberOptions::default()
        },
    ))
}

/// `87.5%`, `87,5%`, `87,5 %`: one decimal.
pub fn percent(lang: Lang, value: f64) -> String {
    tr(
        lang,
        "measure-percent",
        Some(&args([("value", fixed(value, 1))])),
    )
}

/// A whole percentage, for an axis: `25%`.
pub fn whole_percent(lang: Lang, value: i64) -> String {
    tr(
        lang,
        "measure-percent",
        Some(&args([("value", FluentValue::from(value))])),
    )
}

/// A duration to the second as people say it: `5 s`, `2 min 30 s`, `1 h 05 min`
/// (past an hour the seconds no longer matter).
pub fn duration(lang: Lang, seconds: i64) -> String {
    let s = seconds.max(0);
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    match (h, m) {
        (0, 0) => tr(
            lang,
            "measure-seconds",
            Some(&args([("s", FluentValue::from(sec))])),
        ),
        (0, _) => tr(
            lang,
            "measure-minutes-seconds",
            Some(&args([("m", FluentValue::from(m)), ("s", two_digits(sec))])),
        ),
        _ => tr(
            lang,
            "measure-hours-minutes",
            Some(&args([("h", FluentValue::from(h)), ("m", two_digits(m))])),
        ),
    }
}

/// A round length of time as people say it: `30 s`, `10 min`, `12 h` (a time band's
/// limit); anything else as `duration` says it.
pub fn round_duration(lang: Lang, seconds: i64) -> String {
    match seconds {
        s if s >= 3600 && s % 3600 == 0 => tr(
            lang,
            "measure-hours",
            Some(&args([("h", FluentValue::from(s / 3600))])),
        ),
        s if s >= 60 && s % 60 == 0 => tr(
            lang,
            "measure-minutes",
            Some(&args([("m", FluentValue::from(s / 60))])),
        ),
        s => duration(lang, s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_people_say_them() {
        assert_eq!(duration(Lang::En, 5), "5 s");
        assert_eq!(duration(Lang::En, 150), "2 min 30 s");
        assert_eq!(duration(Lang::En, 3900), "1 h 05 min");
        assert_eq!(duration(Lang::En, -3), "0 s");
        assert_eq!(duration(Lang::En, 36_000 * 10), "100 h 00 min");
    }

    #[test]
    fn percentages_follow_each_language() {
        assert_eq!(percent(Lang::En, 87.46), "87.5%");
        assert_eq!(percent(Lang::PtBr, 87.46), "87,5%");
        assert_eq!(whole_percent(Lang::En, 25), "25%");
    }
}

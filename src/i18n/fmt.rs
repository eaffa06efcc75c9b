//! Text and times in one language and time zone: what a page and a live fragment
//! rendered away from any request (an event for every viewer who reads Thai in
//! Bangkok) both need.

use chrono::NaiveDateTime;
use fluent_bundle::FluentValue;

use super::memo::remembered;
use super::{Lang, TimeZoneName, args, cldr, local_time, tr};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fmt {
    pub lang: Lang,
    pub zone: TimeZoneName,
}

impl Fmt {
    /// The translation of `key`.
    pub fn t(&self, key: impl AsRef<str>) -> String {
        let key = key.as_ref();
        remembered(self.lang, key, None, || tr(self.lang, key, None))
    }

    /// The translation of `key` with one argument. Numbers stay numbers: Fluent's
    /// plural rules choose the form and CLDR writes the digits.
    pub fn t1<'a>(&self, key: &str, name: &'a str, value: impl Into<FluentValue<'a>>) -> String {
        tr(self.lang, key, Some(&args([(name, value.into())])))
    }

    /// The translation of `key` with one number, given to Fluent as a number so its
    /// plural rules can choose the form.
    pub fn tn(&self, key: &str, name: &str, n: i64) -> String {
        remembered(self.lang, key, Some((name, n)), || {
            tr(self.lang, key, Some(&args([(name, n)])))
        })
    }

    /// The translation of `key` with two arguments.
    pub fn t2<'a>(
        &self,
        key: &str,
        a: &'a str,
        a_value: impl Into<FluentValue<'a>>,
        b: &'a str,
        b_value: impl Into<FluentValue<'a>>,
    ) -> String {
        let pairs = args([(a, a_value.into()), (b, b_value.into())]);
        tr(self.lang, key, Some(&pairs))
    }

    /// A time as the viewer's language writes dates and times, in their zone.
    pub fn time(&self, utc: &NaiveDateTime) -> String {
        cldr::date_time(self.lang, local_time(*utc, &self.zone))
    }
}

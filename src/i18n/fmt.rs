//! Text and times in one language and time zone: what a page and a live fragment
//! rendered away from any request (an event for every viewer who reads Thai in
//! Bangkok) both need.

use chrono::NaiveDateTime;

use super::memo::remembered;
use super::{Lang, TimeZoneName, args, format_datetime, tr};

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

    /// The translation of `key` with one argument.
    pub fn t1(&self, key: &str, name: &str, value: impl ToString) -> String {
        let value = value.to_string();
        tr(self.lang, key, Some(&args([(name, value.as_str())])))
    }

    /// The translation of `key` with one number, given to Fluent as a number so its
    /// plural rules can choose the form.
    pub fn tn(&self, key: &str, name: &str, n: i64) -> String {
        remembered(self.lang, key, Some((name, n)), || {
            tr(self.lang, key, Some(&args([(name, n)])))
        })
    }

    /// The translation of `key` with two arguments.
    pub fn t2(
        &self,
        key: &str,
        a: &str,
        a_value: impl ToString,
        b: &str,
        b_value: impl ToString,
    ) -> String {
        let (a_value, b_value) = (a_value.to_string(), b_value.to_string());
        let pairs = args([(a, a_value.as_str()), (b, b_value.as_str())]);
        tr(self.lang, key, Some(&pairs))
    }

    pub fn time(&self, utc: &NaiveDateTime) -> String {
        format_datetime(*utc, &self.zone)
    }
}

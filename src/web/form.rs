//! Validation messages for a form: one per field, already translated, shown beside
//! the field and in a summary at the top.

use crate::i18n::{self, Lang};

pub struct FieldErrors {
    lang: Lang,
    items: Vec<(&'static str, String)>,
}

impl FieldErrors {
    pub fn new(lang: Lang) -> Self {
        Self {
            lang,
            items: vec![],
        }
    }

    /// Adds the message `key` for `field`, unless the field already has one.
    pub fn add(&mut self, field: &'static str, key: &str) {
        if self.get(field).is_none() {
            self.items.push((field, i18n::tr(self.lang, key, None)));
        }
    }

    /// Records the outcome of a parse: the value, or the message for the field.
    pub fn check<T>(&mut self, field: &'static str, parsed: Result<T, &'static str>) -> Option<T> {
        parsed.map_err(|key| self.add(field, key)).ok()
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.items
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn items(&self) -> &[(&'static str, String)] {
        &self.items
    }
}

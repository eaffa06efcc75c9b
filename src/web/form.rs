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

    /// A message already translated (one that takes arguments).
    pub fn add_text(&mut self, field: &'static str, text: String) {
        if self.get(field).is_none() {
            self.items.push((field, text));
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

/// A rule the area refused, reported beside `field` with the message `key`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid {
    pub field: &'static str,
    pub key: &'static str,
}

impl FieldErrors {
    pub fn refuse(&mut self, invalid: Invalid) {
        self.add(invalid.field, invalid.key);
    }
}

/// An on/off switch posted as `true`/`false`; anything else is a bad request.
pub fn parse_switch(value: &str) -> Result<bool, super::AppError> {
    match value {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(super::AppError::BadRequest),
    }
}

/// A submitted form as name/value pairs, for forms with repeated fields (checkbox
/// lists), which plain structs cannot hold.
#[derive(Debug, Default)]
pub struct FormFields(Vec<(String, String)>);

impl FormFields {
    pub fn new(pairs: Vec<(String, String)>) -> Self {
        Self(pairs)
    }

    /// The first value of `name`, or "".
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// Whether the form carried the field at all (even empty).
    pub fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }

    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Every value of `name` that is a whole number; anything else is ignored.
    pub fn ids(&self, name: &str) -> Vec<i64> {
        let mut ids: Vec<i64> = self
            .all(name)
            .iter()
            .filter_map(|v| v.parse().ok())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// Page numbers for lists: 1-based, clamped to what exists.
#[derive(Debug, Clone, Copy)]
pub struct Pagination {
    pub page: i64,
    pub per_page: i64,
    pub total: i64,
}

impl Pagination {
    pub fn new(requested: Option<i64>, per_page: i64, total: i64) -> Self {
        let pages = ((total + per_page - 1) / per_page).max(1);
        Self {
            page: requested.unwrap_or(1).clamp(1, pages),
            per_page,
            total,
        }
    }

    pub fn pages(&self) -> i64 {
        ((self.total + self.per_page - 1) / self.per_page).max(1)
    }

    pub fn offset(&self) -> i64 {
        (self.page - 1) * self.per_page
    }

    pub fn has_previous(&self) -> bool {
        self.page > 1
    }

    pub fn has_next(&self) -> bool {
        self.page < self.pages()
    }
}

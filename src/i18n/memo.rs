//! Translations already made on this thread. A message without arguments, or with one
//! number, always reads the same in a language, and a list page needs several for each
//! of its fifty rows (the source, the waiting time): Fluent resolves each once per
//! thread instead. Bounded: the memo starts over when it grows past `MAX_ENTRIES`.

use std::cell::RefCell;
use std::collections::HashMap;

use super::Lang;

const MAX_ENTRIES: usize = 4096;

/// (language, message key, number argument's name and value)
type Key = (Lang, String, Option<(String, i64)>);

thread_local! {
    static MADE: RefCell<HashMap<Key, String>> = RefCell::new(HashMap::new());
}

/// The translation of `key` (with `number` as its one argument, if any): from the memo,
/// else made by `make` and remembered.
pub fn remembered(
    lang: Lang,
    key: &str,
    number: Option<(&str, i64)>,
    make: impl FnOnce() -> String,
) -> String {
    let memo_key: Key = (
        lang,
        key.to_string(),
        number.map(|(name, n)| (name.to_string(), n)),
    );
    if let Some(text) = MADE.with(|m| m.borrow().get(&memo_key).cloned()) {
        return text;
    }
    let text = make();
    MADE.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= MAX_ENTRIES {
            m.clear();
        }
        m.insert(memo_key, text.clone());
    });
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_translation_is_made_once_per_language_key_and_number() {
        let mut made = 0;
        let mut get = |lang, n| {
            remembered(lang, "memo-test", Some(("count", n)), || {
                made += 1;
                format!("{n}")
            })
        };
        assert_eq!(get(Lang::En, 1), "1");
        assert_eq!(get(Lang::En, 1), "1");
        assert_eq!(get(Lang::En, 2), "2");
        assert_eq!(get(Lang::Th, 1), "1");
        assert_eq!(made, 3);
    }
}

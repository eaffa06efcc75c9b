//! Translations already made on this thread. A message without arguments, or with one
//! number, always reads the same in a language, and a list page needs several for each
//! of its fifty rows (the source, the waiting time): Fluent resolves each once per
//! thread instead. Bounded: the memo starts over when it grows past `MAX_ENTRIES`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::Lang;

const MAX_ENTRIES: usize = 4096;

/// FNV-1a: the memo's keys are short and not chosen by anyone outside, so the default
/// hasher's protection against crafted keys buys nothing and costs most of a lookup.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for byte in bytes {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

type Map<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// One message's translations in one language: without arguments, and by the name and
/// value of its one number.
#[derive(Default)]
struct Made {
    plain: Option<String>,
    numbers: Map<Box<str>, Map<i64, String>>,
}

/// Looked up by `&str` at each level, so a hit allocates only the returned text.
#[derive(Default)]
struct Memo {
    by_lang: Map<Lang, Map<Box<str>, Made>>,
    entries: usize,
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// The translation of `key` (with `number` as its one argument, if any): from the memo,
/// else made by `make` and remembered.
pub fn remembered(
    lang: Lang,
    key: &str,
    number: Option<(&str, i64)>,
    make: impl FnOnce() -> String,
) -> String {
    let found = MEMO.with(|m| {
        let m = m.borrow();
        let made = m.by_lang.get(&lang)?.get(key)?;
        match number {
            None => made.plain.clone(),
            Some((name, n)) => made.numbers.get(name)?.get(&n).cloned(),
        }
    });
    if let Some(text) = found {
        return text;
    }
    let text = make();
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.entries >= MAX_ENTRIES {
            *m = Memo::default();
        }
        m.entries += 1;
        let made = m
            .by_lang
            .entry(lang)
            .or_default()
            .entry(key.into())
            .or_default();
        match number {
            None => made.plain = Some(text.clone()),
            Some((name, n)) => {
                made.numbers
                    .entry(name.into())
                    .or_default()
                    .insert(n, text.clone());
            }
        }
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

//! The glossary: `locales/GLOSSARY.md` holds one table of product terms, a column per
//! language. Each cell is the chosen term, optionally followed by ` ≠ ` and the
//! rejected variants, separated by `, `. For every language, each chosen term must
//! appear in that language's `.ftl` files (ignoring case), unless the row's key ends
//! in `*`; no rejected variant may appear in them (matched exactly, case-sensitively).
//! Only message values are searched: not comments, keys, variables or variant keys.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use regex::Regex;

const REJECTS: &str = " ≠ ";

struct Cell {
    term: String,
    rejected: Vec<String>,
}

struct Row {
    key: String,
    /// Marked `*`: the term need not be used (its rejected variants are still checked).
    optional: bool,
    cells: Vec<Cell>,
}

struct Glossary {
    languages: Vec<String>,
    rows: Vec<Row>,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn split_row(line: &str) -> Vec<String> {
    let inner = line.trim();
    let inner = inner.strip_prefix('|').unwrap_or(inner);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(|c| c.trim().to_string()).collect()
}

fn glossary() -> Glossary {
    let path = root().join("locales/GLOSSARY.md");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut languages: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if !line.trim_start().starts_with('|') {
            continue;
        }
        let cells = split_row(line);
        if languages.is_none() {
            assert_eq!(
                cells.first().map(String::as_str),
                Some("key"),
                "GLOSSARY.md:{}: the first table row must be the header `| key | en | … |`",
                number + 1
            );
            languages = Some(cells[1..].to_vec());
            continue;
        }
        let languages = languages.as_ref().unwrap();
        if cells
            .iter()
            .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
        {
            continue; // the header's separator row
        }
        assert_eq!(
            cells.len(),
            languages.len() + 1,
            "GLOSSARY.md:{}: expected a key and {} language cells, found {} cells",
            number + 1,
            languages.len(),
            cells.len()
        );
        let (key, optional) = match cells[0].strip_suffix('*') {
            Some(key) => (key.trim().to_string(), true),
            None => (cells[0].clone(), false),
        };
        let cells = cells[1..]
            .iter()
            .zip(languages)
            .map(|(cell, language)| {
                let (term, rejected) = match cell.split_once(REJECTS) {
                    Some((term, rejected)) => (
                        term.trim(),
                        rejected
                            .split(", ")
                            .map(str::trim)
                            .filter(|r| !r.is_empty())
                            .map(String::from)
                            .collect(),
                    ),
                    None => (cell.as_str(), Vec::new()),
                };
                assert!(
                    !term.is_empty(),
                    "GLOSSARY.md:{}: row {key} has no {language} term",
                    number + 1
                );
                Cell {
                    term: term.to_string(),
                    rejected,
                }
            })
            .collect();
        rows.push(Row {
            key,
            optional,
            cells,
        });
    }
    Glossary {
        languages: languages.expect("GLOSSARY.md has no `| key | en | … |` table"),
        rows,
    }
}

/// The message values of one `.ftl` file, with their line numbers: comment lines
/// dropped, `key =` and `.attribute =` cut off, variables and variant keys removed.
fn values(path: &Path) -> Vec<(usize, String)> {
    let message = Regex::new(r"^[A-Za-z][A-Za-z0-9_-]*\s*=").unwrap();
    let attribute = Regex::new(r"^\s+\.[A-Za-z][A-Za-z0-9_-]*\s*=").unwrap();
    let variant_key = Regex::new(r"^\s*\*?\[[^\]]*\]").unwrap();
    let variable = Regex::new(r"\{\s*\$[A-Za-z][A-Za-z0-9_-]*\s*(->)?\s*\}?").unwrap();
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with('#') && !line.trim().is_empty())
        .map(|(i, line)| {
            let value = match message.find(line).or_else(|| attribute.find(line)) {
                Some(head) => &line[head.end()..],
                None => line,
            };
            let value = variant_key.replace(value, "");
            let value = variable.replace_all(&value, " ");
            (i + 1, value.into_owned())
        })
        .collect()
}

fn ftl_files(language: &str) -> Vec<PathBuf> {
    let dir = root().join("locales").join(language);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .collect();
    files.sort();
    files
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn the_glossary_has_a_column_per_language_and_unique_keys() {
    let glossary = glossary();
    let columns: BTreeSet<&str> = glossary.languages.iter().map(String::as_str).collect();
    assert_eq!(
        columns.len(),
        glossary.languages.len(),
        "a language column appears twice"
    );
    let on_disk: BTreeSet<String> = std::fs::read_dir(root().join("locales"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let on_disk: BTreeSet<&str> = on_disk.iter().map(String::as_str).collect();
    assert_eq!(
        columns, on_disk,
        "GLOSSARY.md needs exactly one column per directory of locales/"
    );
    assert!(
        glossary.rows.len() >= 30,
        "only {} glossary rows",
        glossary.rows.len()
    );
    let mut keys = BTreeSet::new();
    for row in &glossary.rows {
        assert!(keys.insert(&row.key), "glossary key {} twice", row.key);
    }
}

#[test]
fn every_language_uses_the_glossary_terms_and_none_of_the_rejected_variants() {
    let glossary = glossary();
    let mut problems = Vec::new();
    for (column, language) in glossary.languages.iter().enumerate() {
        let files: Vec<(PathBuf, Vec<(usize, String)>)> = ftl_files(language)
            .into_iter()
            .map(|path| {
                let values = values(&path);
                (path, values)
            })
            .collect();
        if files.is_empty() {
            problems.push(format!("{language}: locales/{language}/ has no .ftl file"));
            continue;
        }
        let everything = files
            .iter()
            .flat_map(|(_, values)| values.iter().map(|(_, v)| v.as_str()))
            .collect::<Vec<_>>()
            .join("\n")
            .to_lowercase();
        for row in &glossary.rows {
            let cell = &row.cells[column];
            if !row.optional && !everything.contains(&cell.term.to_lowercase()) {
                problems.push(format!(
                    "{language}: term \"{}\" (glossary row {}) appears in none of locales/{language}/*.ftl",
                    cell.term, row.key
                ));
            }
            for rejected in &cell.rejected {
                for (path, values) in &files {
                    for (line, value) in values {
                        if value.contains(rejected.as_str()) {
                            problems.push(format!(
                                "{language}: rejected variant \"{rejected}\" (glossary row {}; use \"{}\") in {}:{line}: {}",
                                row.key,
                                cell.term,
                                relative(path),
                                value.trim()
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} glossary problem(s) (see locales/GLOSSARY.md):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

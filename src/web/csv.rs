//! CSV downloads: UTF-8 with a byte-order mark (so spreadsheet programs read Chinese and
//! Thai correctly), RFC 4180 quoting, CRLF line ends, and the separators the viewer's spreadsheet expects.

use actix_web::HttpResponse;
use actix_web::http::header;

use crate::i18n::{self, Lang};

/// A finished document as a download named `filename`.
pub fn attachment(filename: &str, body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{filename}\""),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body)
}

/// A document being written in a viewer's conventions. Where the language writes
/// decimals with a comma (pt-BR, es, id, vi), spreadsheets there split fields at `;`,
/// so the file does too, and its numbers use the comma.
pub struct Csv {
    out: String,
    separator: char,
    decimal: char,
}

impl Csv {
    /// A new document: just the byte-order mark.
    pub fn new(lang: Lang) -> Self {
        let decimal = i18n::decimal_separator(lang);
        Self {
            out: String::from("\u{feff}"),
            separator: if decimal == ',' { ';' } else { ',' },
            decimal,
        }
    }

    /// Appends one row.
    pub fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) {
        for (i, cell) in cells.into_iter().enumerate() {
            if i > 0 {
                self.out.push(self.separator);
            }
            self.out.push_str(&field(cell.as_ref(), self.separator));
        }
        self.out.push_str("\r\n");
    }

    /// A number as the viewer's spreadsheet reads it: no grouping, the language's
    /// decimal separator, `digits` after it.
    pub fn number(&self, value: f64, digits: usize) -> String {
        let text = format!("{value:.digits$}");
        if self.decimal == '.' {
            text
        } else {
            text.replace('.', &self.decimal.to_string())
        }
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// One field, quoted when it holds the separator, a quote or a line break. A field
/// that a spreadsheet would run as a formula (names come from buyers and staff) gets a
/// leading apostrophe, the usual guard against CSV injection.
pub fn field(value: &str, separator: char) -> String {
    let guarded;
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{value}");
        guarded.as_str()
    } else {
        value
    };
    if value.contains([separator, '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_follows_rfc_4180() {
        assert_eq!(field("plain", ','), "plain");
        assert_eq!(field("a,b", ','), "\"a,b\"");
        assert_eq!(field("a,b", ';'), "a,b");
        assert_eq!(field("a;b", ';'), "\"a;b\"");
        assert_eq!(field("say \"hi\"", ','), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines", ','), "\"two\nlines\"");
        assert_eq!(field("陈的店", ','), "陈的店");
    }

    #[test]
    fn formulas_are_not_run_by_spreadsheets() {
        assert_eq!(
            field("=HYPERLINK(\"x\")", ','),
            "\"'=HYPERLINK(\"\"x\"\")\""
        );
        assert_eq!(field("+1", ','), "'+1");
        assert_eq!(field("@SUM(A1)", ','), "'@SUM(A1)");
    }

    #[test]
    fn rows_end_with_crlf_and_follow_the_language() {
        let mut en = Csv::new(Lang::En);
        let rate = en.number(87.46, 1);
        en.row(["a", "b,c", &rate]);
        assert_eq!(en.finish(), "\u{feff}a,\"b,c\",87.5\r\n");
        let mut pt = Csv::new(Lang::PtBr);
        let rate = pt.number(87.46, 1);
        pt.row(["a", "b,c", &rate]);
        assert_eq!(pt.finish(), "\u{feff}a;b,c;87,5\r\n");
    }
}

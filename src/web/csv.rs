//! CSV downloads: UTF-8 with a byte-order mark (so spreadsheet programs read Chinese and
//! Thai correctly), RFC 4180 quoting, CRLF line ends.

use actix_web::HttpResponse;
use actix_web::http::header;

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

/// A new document: just the byte-order mark.
pub fn document() -> String {
    String::from("\u{feff}")
}

/// One field, quoted when it holds a separator, quote or line break. A field that a
/// spreadsheet would run as a formula (names come from buyers and staff) gets a leading
/// apostrophe, the usual guard against CSV injection.
pub fn field(value: &str) -> String {
    let guarded;
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{value}");
        guarded.as_str()
    } else {
        value
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// Appends one row.
pub fn push_row<S: AsRef<str>>(out: &mut String, cells: impl IntoIterator<Item = S>) {
    let cells: Vec<String> = cells.into_iter().map(|c| field(c.as_ref())).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_follows_rfc_4180() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field("陈的店"), "陈的店");
    }

    #[test]
    fn formulas_are_not_run_by_spreadsheets() {
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("+1"), "'+1");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
    }

    #[test]
    fn rows_end_with_crlf() {
        let mut out = document();
        push_row(&mut out, ["a", "b,c"]);
        assert_eq!(out, "\u{feff}a,\"b,c\"\r\n");
    }
}

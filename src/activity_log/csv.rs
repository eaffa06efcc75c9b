//! The CSV download: UTF-8 with a byte-order mark (so spreadsheet programs read Chinese
//! and Thai correctly), RFC 4180 quoting, CRLF line ends.

use super::view::EntryView;

/// One field, quoted when it holds a separator, quote or line break. A field that a
/// spreadsheet would run as a formula (object names come from buyers and staff) gets
/// a leading apostrophe, the usual guard against CSV injection.
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

fn line(out: &mut String, cells: &[&str]) {
    let cells: Vec<String> = cells.iter().map(|c| field(c)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// The whole file: the header row (already translated), then one row per entry.
pub fn document(header: &[String], rows: &[EntryView]) -> String {
    let mut out = String::from("\u{feff}");
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    line(&mut out, &header);
    for row in rows {
        let details = row.details.join("\n");
        line(
            &mut out,
            &[
                &row.time,
                &row.operator,
                &row.client_addr,
                &row.area,
                &row.action,
                &row.object_type,
                &row.object_name,
                &details,
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::field;

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
}

//! The Activity Log as a CSV download.

use super::view::EntryView;
use crate::web::csv::{document as new_document, push_row};

/// The whole file: the header row (already translated), then one row per entry.
pub fn document(header: &[String], rows: &[EntryView]) -> String {
    let mut out = new_document();
    push_row(&mut out, header);
    for row in rows {
        let details = row.details.join("\n");
        push_row(
            &mut out,
            [
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

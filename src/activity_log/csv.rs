//! The Activity Log as a CSV download.

use super::view::EntryView;
use crate::i18n::Lang;
use crate::web::csv::Csv;

/// The whole file in `lang`'s conventions: the header row (already translated), then
/// one row per entry. Times are written `2026-11-25 14:03`, which every spreadsheet
/// reads as a date whatever its language.
pub fn document(lang: Lang, header: &[String], rows: &[EntryView]) -> String {
    let mut csv = Csv::new(lang);
    csv.row(header);
    for row in rows {
        let details = row.details.join("\n");
        let time = row.local.format("%Y-%m-%d %H:%M").to_string();
        csv.row([
            &time,
            &row.operator,
            &row.client_addr,
            &row.area,
            &row.action,
            &row.object_type,
            &row.object_name,
            &details,
        ]);
    }
    csv.finish()
}

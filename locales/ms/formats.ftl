# Numbers, percentages and durations: the digits come from CLDR (ICU4X); these
# messages give the units and their order.
measure-percent = { $value }%
measure-seconds = { $s } saat
measure-minutes-seconds = { $m } min { $s } saat
measure-minutes = { $m } min
measure-hours = { $h } j
measure-hours-minutes = { $h } j { $m } min

# Activity Log: names of the filters a Performance Data export records.
activity-filter-group = Kumpulan
activity-filter-rows = Bilangan baris
activity-value-closed-all-week = Tutup sepanjang minggu

# Under every CSV download button: how the file is written for this language.
csv-note = Fail dibuka dengan betul dalam hamparan elektronik berbahasa Melayu: koma di antara lajur, titik perpuluhan, masa ditulis 2026-11-25 14:03 mengikut zon waktu anda.


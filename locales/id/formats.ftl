# Numbers, percentages and durations: the digits come from CLDR (ICU4X); these
# messages give the units and their order.
measure-percent = { $value }%
measure-seconds = { $s } dtk
measure-minutes-seconds = { $m } mnt { $s } dtk
measure-minutes = { $m } mnt
measure-hours = { $h } j
measure-hours-minutes = { $h } j { $m } mnt

# Activity Log: names of the filters a Performance Data export records.
activity-filter-group = Grup
activity-filter-rows = Jumlah baris
activity-value-closed-all-week = Tutup sepanjang minggu

# Under every CSV download button: how the file is written for this language.
csv-note = File terbuka dengan benar di spreadsheet berbahasa Indonesia: titik koma di antara kolom, koma untuk desimal, waktu ditulis 2026-11-25 14:03 dalam zona waktu Anda.


# Numbers, percentages and durations: the digits come from CLDR (ICU4X); these
# messages give the units and their order.
measure-percent = { $value }%
measure-seconds = { $s } s
measure-minutes-seconds = { $m } min { $s } s
measure-minutes = { $m } min
measure-hours = { $h } h
measure-hours-minutes = { $h } h { $m } min

# Activity Log: names of the filters a Performance Data export records.
activity-filter-group = Group
activity-filter-rows = Rows
activity-value-closed-all-week = Closed all week

# Under every CSV download button: how the file is written for this language.
csv-note = The file opens in spreadsheets set to English: commas between columns, a point before decimals, times written 2026-11-25 14:03 in your time zone.


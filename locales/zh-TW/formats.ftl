# Numbers, percentages and durations: the digits come from CLDR (ICU4X); these
# messages give the units and their order.
measure-percent = { $value }%
measure-seconds = { $s } 秒
measure-minutes-seconds = { $m } 分 { $s } 秒
measure-minutes = { $m } 分鐘
measure-hours = { $h } 小時
measure-hours-minutes = { $h } 小時 { $m } 分

# Activity Log: names of the filters a Performance Data export records.
activity-filter-group = 群組
activity-filter-rows = 列數
activity-value-closed-all-week = 整週休息

# Under every CSV download button: how the file is written for this language.
csv-note = 此檔案適用於中文設定的試算表：欄位之間以逗號分隔，小數使用小數點，時間以您的時區寫作 2026-11-25 14:03。


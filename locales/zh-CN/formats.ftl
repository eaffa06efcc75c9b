# Numbers, percentages and durations: the digits come from CLDR (ICU4X); these
# messages give the units and their order.
measure-percent = { $value }%
measure-seconds = { $s } 秒
measure-minutes-seconds = { $m } 分 { $s } 秒
measure-minutes = { $m } 分钟
measure-hours = { $h } 小时
measure-hours-minutes = { $h } 小时 { $m } 分

# Activity Log: names of the filters a Performance Data export records.
activity-filter-group = 群组
activity-filter-rows = 行数
activity-value-closed-all-week = 全周休息

# Under every CSV download button: how the file is written for this language.
csv-note = 该文件适用于中文设置的电子表格：列之间用逗号分隔，小数用小数点，时间按您的时区写作 2026-11-25 14:03。


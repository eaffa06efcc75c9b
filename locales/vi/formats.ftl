# Numbers, percentages and durations: the digits come from CLDR (ICU4X); these
# messages give the units and their order.
measure-percent = { $value }%
measure-seconds = { $s } giây
measure-minutes-seconds = { $m } phút { $s } giây
measure-minutes = { $m } phút
measure-hours = { $h } giờ
measure-hours-minutes = { $h } giờ { $m } phút

# Activity Log: names of the filters a Performance Data export records.
activity-filter-group = Nhóm
activity-filter-rows = Số dòng
activity-value-closed-all-week = Nghỉ cả tuần

# Under every CSV download button: how the file is written for this language.
csv-note = Tệp mở đúng trong bảng tính đặt tiếng Việt: dấu chấm phẩy giữa các cột, dấu phẩy thập phân, thời gian ghi dạng 2026-11-25 14:03 theo múi giờ của bạn.


# Numbers, percentages and durations: the digits come from CLDR (ICU4X); these
# messages give the units and their order.
measure-percent = { $value }%
measure-seconds = { $s } วิ
measure-minutes-seconds = { $m } นาที { $s } วิ
measure-minutes = { $m } นาที
measure-hours = { $h } ชม.
measure-hours-minutes = { $h } ชม. { $m } นาที

# Activity Log: names of the filters a Performance Data export records.
activity-filter-group = กลุ่ม
activity-filter-rows = จำนวนแถว
activity-value-closed-all-week = ปิดทั้งสัปดาห์

# Under every CSV download button: how the file is written for this language.
csv-note = ไฟล์นี้เปิดได้ในสเปรดชีตที่ตั้งค่าเป็นภาษาไทย: คั่นคอลัมน์ด้วยจุลภาค ใช้จุดทศนิยม และเขียนเวลาเป็น 2026-11-25 14:03 ตามเขตเวลาของคุณ


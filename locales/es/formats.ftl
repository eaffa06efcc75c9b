# Numbers, percentages and durations: the digits come from CLDR (ICU4X); these
# messages give the units and their order.
measure-percent = { $value } %
measure-seconds = { $s } s
measure-minutes-seconds = { $m } min { $s } s
measure-minutes = { $m } min
measure-hours = { $h } h
measure-hours-minutes = { $h } h { $m } min

# Activity Log: names of the filters a Performance Data export records.
activity-filter-group = Grupo
activity-filter-rows = Filas
activity-value-closed-all-week = Cerrado toda la semana

# Under every CSV download button: how the file is written for this language.
csv-note = El archivo se abre bien en hojas de cálculo en español: punto y coma entre columnas, coma decimal, horas escritas 2026-11-25 14:03 en tu zona horaria.


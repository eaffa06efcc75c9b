# Numbers, percentages and durations: the digits come from CLDR (ICU4X); these
# messages give the units and their order.
measure-percent = { $value }%
measure-seconds = { $s } s
measure-minutes-seconds = { $m } min { $s } s
measure-minutes = { $m } min
measure-hours = { $h } h
measure-hours-minutes = { $h } h { $m } min

# Activity Log: names of the filters a Performance Data export records.
activity-filter-group = Grupo
activity-filter-rows = Linhas
activity-value-closed-all-week = Fechado a semana toda

# Under every CSV download button: how the file is written for this language.
csv-note = O arquivo abre certo em planilhas em português: ponto e vírgula entre colunas, vírgula decimal, horários escritos 2026-11-25 14:03 no seu fuso horário.


area-accounts = Akaun
area-settings = Tetapan

action-created = Dicipta
action-updated = Dikemas kini
action-signed-in = Log masuk
action-signed-out = Log keluar
action-sign-in-failed = Log masuk gagal
area-stores = Kedai

action-deleted = Dipadam
action-enabled = Didayakan
action-disabled = Dinyahdayakan
action-granted = Akses kedai diberikan
action-revoked = Dibatalkan
action-password-changed = Kata laluan ditukar
action-password-reset = Kata laluan ditetapkan semula

object-account = Akaun
object-store = Kedai
object-api-token = Token API
object-role = Peranan

area-chat-assignment = Agihan Sembang
action-closed = Ditutup
action-reopened = Dibuka semula
object-chat-group = Kumpulan sembang
object-quick-reply = Balasan pantas

area-webchat = Webchat
action-status-changed = Status ditukar
object-conversation = Perbualan
action-transferred = Dipindahkan

area-performance = Data Prestasi
area-activity-log = Log Aktiviti
action-exported = Dieksport
object-report = Laporan

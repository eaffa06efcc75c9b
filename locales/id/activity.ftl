area-accounts = Akun
area-settings = Pengaturan

action-created = Dibuat
action-updated = Diperbarui
action-signed-in = Masuk
action-signed-out = Keluar
action-sign-in-failed = Gagal masuk
area-stores = Toko

action-deleted = Dihapus
action-enabled = Diaktifkan
action-disabled = Dinonaktifkan
action-granted = Akses toko diberikan
action-revoked = Dicabut
action-password-changed = Kata sandi diganti
action-password-reset = Kata sandi diatur ulang

object-account = Akun
object-store = Toko
object-api-token = Token API
object-role = Peran

area-chat-assignment = Penugasan Chat
action-closed = Ditutup
action-reopened = Dibuka kembali
object-chat-group = Grup chat
object-quick-reply = Balasan cepat

area-webchat = Webchat
action-status-changed = Status diubah
object-conversation = Percakapan
action-transferred = Dialihkan

area-performance = Data Kinerja
area-activity-log = Log Aktivitas
action-exported = Diekspor
object-report = Laporan

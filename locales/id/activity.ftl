area-accounts = Akun
area-settings = Pengaturan

action-created = Dibuat
action-updated = Diperbarui
action-signed-in = Masuk
action-signed-out = Keluar
action-sign-in-failed = Gagal masuk

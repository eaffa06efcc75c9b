area-accounts = Akaun
area-settings = Tetapan

action-created = Dicipta
action-updated = Dikemas kini
action-signed-in = Log masuk
action-signed-out = Log keluar
action-sign-in-failed = Log masuk gagal

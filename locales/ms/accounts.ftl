field-username = Nama pengguna
field-display-name = Nama paparan
field-email = E-mel
field-password = Kata laluan
field-password-confirm = Ulang kata laluan
password-rules-hint = Sekurang-kurangnya 8 aksara, dan bukan nama pengguna anda.

setup-title = Sediakan Sellerdesk
setup-intro = Cipta akaun utama kedai anda. Selepas ini, anda boleh menambah kedai dan sub-akaun kakitangan.
setup-username-hint = 3–32 huruf kecil, digit, titik, sengkang atau garis bawah. Kakitangan anda akan log masuk sebagai username:member.
setup-submit = Cipta akaun utama
setup-done = Akaun utama anda sudah sedia. Selamat datang ke Sellerdesk!

login-title = Log masuk
login-username-hint = Akaun utama: nama pengguna anda. Sub-akaun: main:member, contohnya chenshop:jiajia.
login-submit = Log masuk
login-error-missing = Masukkan nama pengguna dan kata laluan anda.
login-error-invalid = Nama pengguna atau kata laluan tidak betul.
login-error-throttled = Terlalu banyak percubaan log masuk yang gagal. Sila tunggu 15 minit dan cuba lagi.
login-error-disabled = Akaun ini telah dinyahdayakan. Hubungi akaun utama anda.
logout-done = Anda telah log keluar.

error-username-invalid = Gunakan 3–32 huruf kecil, digit, titik, sengkang atau garis bawah, bermula dengan huruf atau digit.
error-display-name-required = Masukkan nama paparan.
error-display-name-invalid = Nama paparan mestilah tidak melebihi 64 aksara, tanpa aksara kawalan.
error-email-required = Masukkan alamat e-mel.
error-email-invalid = Masukkan alamat e-mel yang sah, contohnya name@example.com.
error-password-too-short = Kata laluan mestilah sekurang-kurangnya 8 aksara.
error-password-too-long = Kata laluan terlalu panjang (maksimum 72 bait; lebih sedikit aksara bagi tulisan bukan Latin).
error-password-is-username = Kata laluan tidak boleh sama dengan nama pengguna.
error-password-mismatch = Kedua-dua kata laluan tidak sepadan.

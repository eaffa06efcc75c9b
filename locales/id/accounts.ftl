field-username = Nama pengguna
field-display-name = Nama tampilan
field-email = Email
field-password = Kata sandi
field-password-confirm = Ulangi kata sandi
password-rules-hint = Minimal 8 karakter, dan tidak sama dengan nama pengguna Anda.

setup-title = Siapkan Sellerdesk
setup-intro = Buat akun utama toko Anda. Setelah itu Anda dapat menambahkan toko dan sub-akun staf.
setup-username-hint = 3–32 huruf kecil, angka, titik, tanda hubung, atau garis bawah. Staf Anda akan masuk sebagai username:member.
setup-submit = Buat akun utama
setup-done = Akun utama Anda sudah siap. Selamat datang di Sellerdesk!

login-title = Masuk
login-username-hint = Akun utama: nama pengguna Anda. Sub-akun: main:member, misalnya chenshop:jiajia.
login-submit = Masuk
login-error-missing = Masukkan nama pengguna dan kata sandi Anda.
login-error-invalid = Nama pengguna atau kata sandi salah.
login-error-throttled = Terlalu banyak percobaan masuk yang gagal. Silakan tunggu 15 menit lalu coba lagi.
login-error-disabled = Akun ini telah dinonaktifkan. Hubungi akun utama Anda.
logout-done = Anda telah keluar.

error-username-invalid = Gunakan 3–32 huruf kecil, angka, titik, tanda hubung, atau garis bawah, diawali dengan huruf atau angka.
error-display-name-required = Masukkan nama tampilan.
error-display-name-invalid = Nama tampilan maksimal 64 karakter, tanpa karakter kontrol.
error-email-required = Masukkan alamat email.
error-email-invalid = Masukkan alamat email yang valid, misalnya name@example.com.
error-password-too-short = Kata sandi minimal harus 8 karakter.
error-password-too-long = Kata sandi terlalu panjang (maksimal 72 byte; lebih sedikit karakter untuk aksara non-Latin).
error-password-is-username = Kata sandi tidak boleh sama dengan nama pengguna.
error-password-mismatch = Kedua kata sandi tidak cocok.

# Nama bahasa dalam bahasanya sendiri, ditampilkan di setiap menu bahasa.
language-native-name = Bahasa Indonesia
app-name = Sellerdesk
layout-skip-to-content = Langsung ke konten
language-menu-label = Bahasa
language-menu-apply = Ubah
nav-label = Navigasi utama
nav-home = Beranda
nav-sign-out = Keluar
form-error-summary = Harap perbaiki hal berikut:

home-title = Beranda
home-welcome = Selamat datang, { $name }.

error-go-home = Kembali ke beranda
error-bad-request-title = Ada yang salah dengan permintaan
error-bad-request-message = Permintaan tidak dapat dipahami. Silakan kembali dan coba lagi.
error-too-large-message = Data yang Anda kirim terlalu besar. Silakan persingkat lalu coba lagi.
error-forbidden-title = Akses ditolak
error-forbidden-message = Anda tidak memiliki izin untuk membuka halaman ini. Mintalah akses ke akun utama Anda jika diperlukan.
error-csrf-message = Formulir ini sudah kedaluwarsa atau dikirim dari tempat lain. Tidak ada yang diubah. Silakan muat ulang halaman dan coba lagi.
error-not-found-title = Halaman tidak ditemukan
error-not-found-message = Halaman yang Anda cari tidak ada atau sudah tidak tersedia.
error-unavailable-title = Sementara tidak tersedia
error-unavailable-message = Sellerdesk tidak dapat terhubung ke database-nya saat ini. Silakan coba lagi sebentar lagi.
error-internal-title = Terjadi kesalahan
error-internal-message = Terjadi kesalahan yang tidak terduga. Tidak ada perubahan lain yang dilakukan. Silakan coba lagi; jika terus terjadi, hubungi administrator Anda.

nav-my-account = Akun Saya
nav-settings = Pengaturan

action-save = Simpan
action-cancel = Batal
action-search = Cari

field-status = Status
field-created = Dibuat
field-actions = Tindakan
field-time-zone = Zona waktu

status-active = Aktif
status-deactivated = Nonaktif
status-disabled = Dinonaktifkan
status-revoked = Dicabut

pagination-label = Halaman
pagination-previous = Sebelumnya
pagination-next = Berikutnya
pagination-page-of = Halaman { $page } dari { $pages }

settings-language = Bahasa antarmuka
settings-time-zone-hint = Semua waktu di Sellerdesk ditampilkan dalam zona waktu ini.
settings-saved = Pengaturan Anda telah disimpan.
error-language-invalid = Pilih salah satu bahasa yang tersedia.
error-time-zone-invalid = Pilih zona waktu dari daftar.

nav-chat-assignment = Penugasan Chat
status-closed = Ditutup
state-on = Aktif
state-off = Nonaktif

home-getting-started = Mulai
home-step-store = Tambahkan toko marketplace Anda
home-step-sub-accounts = Buat sub akun untuk tim layanan pelanggan Anda dan berikan akses ke toko
home-step-groups = Buat grup chat yang menerima chat dari setiap toko
home-step-auto-reply = Aktifkan balasan otomatis toko
home-step-done = Selesai
home-areas = Menu utama

error-conflict-title = Diubah pada saat yang sama
error-conflict-message = Orang lain menyimpan hal yang sama pada saat yang bersamaan, sehingga perubahan Anda tidak disimpan. Muat ulang halaman dan coba lagi.

nav-webchat = Webchat
action-filter = Saring
error-too-many-title = Terlalu banyak permintaan
error-too-many-message = Terlalu banyak permintaan dari sini dalam waktu singkat. Silakan tunggu sebentar lalu coba lagi.

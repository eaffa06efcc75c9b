# Nama bahasa dalam bahasanya sendiri, dipaparkan dalam setiap menu bahasa.
language-native-name = Bahasa Melayu
app-name = Sellerdesk
layout-skip-to-content = Langkau ke kandungan
language-menu-label = Bahasa
language-menu-apply = Tukar
nav-label = Navigasi utama
nav-home = Laman Utama
nav-sign-out = Log keluar
form-error-summary = Sila betulkan perkara berikut:

home-title = Laman Utama
home-welcome = Selamat datang, { $name }.

error-go-home = Pergi ke laman utama
error-bad-request-title = Terdapat masalah dengan permintaan
error-bad-request-message = Permintaan tidak dapat difahami. Sila kembali dan cuba lagi.
error-too-large-message = Data yang anda hantar terlalu besar. Sila pendekkan dan cuba lagi.
error-forbidden-title = Akses ditolak
error-forbidden-message = Anda tidak mempunyai kebenaran untuk membuka halaman ini. Minta akses daripada akaun utama anda jika perlu.
error-csrf-message = Borang ini telah tamat tempoh atau dihantar dari tempat lain. Tiada apa-apa yang diubah. Sila muat semula halaman dan cuba lagi.
error-not-found-title = Halaman tidak dijumpai
error-not-found-message = Halaman yang anda cari tidak wujud atau tidak lagi tersedia.
error-unavailable-title = Tidak tersedia buat sementara waktu
error-unavailable-message = Sellerdesk tidak dapat menghubungi pangkalan datanya sekarang. Sila cuba lagi sebentar lagi.
error-internal-title = Berlaku masalah
error-internal-message = Ralat yang tidak dijangka telah berlaku. Tiada perubahan lain dibuat. Sila cuba lagi; jika masalah berterusan, maklumkan kepada pentadbir anda.

nav-my-account = Akaun Saya
nav-settings = Tetapan

action-save = Simpan
action-cancel = Batal
action-search = Cari

field-status = Status
field-created = Dicipta
field-actions = Tindakan
field-time-zone = Zon waktu

status-active = Aktif
status-deactivated = Tidak aktif
status-disabled = Dinyahdayakan
status-revoked = Ditarik balik

pagination-label = Halaman
pagination-previous = Sebelumnya
pagination-next = Seterusnya
pagination-page-of = Halaman { $page } daripada { $pages }

settings-language = Bahasa antara muka
settings-time-zone-hint = Semua masa dalam Sellerdesk dipaparkan mengikut zon waktu ini.
settings-saved = Tetapan anda telah disimpan.
error-language-invalid = Pilih salah satu bahasa yang ditawarkan.
error-time-zone-invalid = Pilih zon waktu daripada senarai.

nav-chat-assignment = Agihan Sembang
status-closed = Ditutup
state-on = Hidup
state-off = Mati

home-getting-started = Bermula
home-step-store = Tambah kedai marketplace anda
home-step-sub-accounts = Cipta sub-akaun untuk pasukan khidmat pelanggan anda dan beri mereka akses kedai
home-step-groups = Cipta kumpulan sembang yang menerima sembang setiap kedai
home-step-auto-reply = Hidupkan balasan automatik kedai
home-step-done = Selesai
home-areas = Menu utama

error-conflict-title = Diubah pada masa yang sama
error-conflict-message = Orang lain menyimpan perkara yang sama pada masa yang sama, jadi perubahan anda tidak dibuat. Sila muat semula halaman dan cuba lagi.

nav-webchat = Webchat
action-filter = Tapis
error-too-many-title = Terlalu banyak permintaan
error-too-many-message = Terlalu banyak permintaan datang dari sini dalam masa yang singkat. Sila tunggu sebentar dan cuba lagi.

# Webhook: Akun Saya → Toko → toko → Webhook
webhooks-title = Webhook
webhooks-intro = Sellerdesk mengirim event toko ini (balasan agen, balasan otomatis, penugasan, pengalihan, penutupan, dan pembukaan kembali chat) ke alamat integrasi Anda saat event terjadi, ditandatangani dengan kunci rahasia endpoint. Catatan internal tidak pernah dikirim.
webhooks-empty = Belum ada endpoint webhook. Tambahkan di bawah.
webhooks-back-to-store = Kembali ke toko
webhooks-back = Kembali ke daftar webhook
webhooks-manage = { $count ->
    [0] Siapkan webhook
   *[other] Kelola { $count } endpoint webhook
}
webhooks-gave-up-count = { $count ->
   *[other] { $count } endpoint webhook dijeda karena terus gagal. Periksa, lalu lanjutkan kembali.
}
webhook-title = Endpoint webhook
webhook-add = Tambah endpoint
webhook-edit = Ubah endpoint
webhook-field-url = URL
webhook-url-hint = Alamat https://. Untuk pengembangan lokal, http:// ke komputer ini (localhost atau 127.0.0.1) juga diterima.
webhook-field-events = Event
webhook-events-hint = Centang minimal satu. Catatan internal tidak pernah dikirim.
webhook-event-message-created = Balasan atau balasan otomatis
webhook-event-conversation-assigned = Chat ditugaskan
webhook-event-conversation-returned = Chat kembali ke antrean
webhook-event-conversation-transferred = Chat dialihkan
webhook-event-conversation-closed = Chat ditutup
webhook-event-conversation-reopened = Chat dibuka kembali
webhook-event-test = Event uji
webhook-status-paused = Dijeda
webhook-status-gave-up = Dijeda karena gagal
webhook-status-retrying = Mencoba ulang
webhook-secret-shown-once = Ini adalah kunci rahasia penandatanganan endpoint. Kunci ini hanya ditampilkan sekali: salin sekarang ke integrasi Anda, yang menggunakannya untuk memeriksa header Sellerdesk-Signature.
webhook-paused-notice = Endpoint ini sedang dijeda: event akan menunggu dan dikirim secara berurutan saat Anda melanjutkannya.
webhook-gave-up-notice = Sellerdesk menjeda endpoint ini karena pengirimannya terus gagal terlalu lama. Perbaiki penerimanya, lalu lanjutkan: event yang menunggu akan dikirim secara berurutan.
webhook-retrying-notice = Pengiriman terakhir gagal. Sellerdesk akan mencoba lagi pada { $time }; event berikutnya menunggu hingga pengiriman ini berhasil.
webhook-pause = Jeda
webhook-resume = Lanjutkan
webhook-send-test = Kirim event uji
webhook-delete = Hapus
webhook-delete-title = Hapus endpoint webhook ini?
webhook-delete-message = { $url } tidak akan menerima event lagi, dan log pengirimannya akan dihapus. Tindakan ini tidak dapat dibatalkan.
webhook-deliveries = Log pengiriman
webhook-deliveries-hint = 50 pengiriman terakhir, dari yang terbaru, beserta respons penerima.
webhook-deliveries-empty = Belum ada yang dikirim ke endpoint ini.
webhook-delivery-time = Waktu
webhook-delivery-event = Event
webhook-delivery-attempts = Percobaan
webhook-delivery-answer = Respons
webhook-delivery-delivered = Terkirim
webhook-delivery-retrying = Mencoba ulang
webhook-delivery-failed = Gagal
webhook-delivery-next = dicoba lagi pada { $time }
webhook-resend = Kirim ulang
webhook-created = Endpoint telah ditambahkan.
webhook-saved = Endpoint telah disimpan.
webhook-paused = Endpoint telah dijeda.
webhook-resumed = Endpoint telah dilanjutkan: event yang menunggu sedang dikirim.
webhook-deleted = Endpoint telah dihapus.
webhook-test-delivered = Event uji berhasil terkirim.
webhook-test-failed = Event uji tidak terkirim: { $reason }
webhook-resend-delivered = Event berhasil dikirim ulang.
webhook-resend-failed = Event tidak terkirim: { $reason }
webhook-answered = penerima merespons dengan kode { $status }
error-webhook-url-required = Masukkan URL tujuan pengiriman event.
error-webhook-url-invalid = Masukkan alamat web lengkap, misalnya https://erp.example.com/sellerdesk, tanpa nama pengguna atau kata sandi.
error-webhook-url-https = Gunakan https://. http:// biasa hanya diterima untuk komputer ini (localhost atau 127.0.0.1).
error-webhook-url-self = Ini adalah alamat Sellerdesk sendiri: masukkan alamat integrasi Anda.
error-webhook-events-required = Centang minimal satu event.

# Webhook: Akaun Saya → Kedai → kedai → Webhook
webhooks-title = Webhook
webhooks-intro = Sellerdesk menghantar peristiwa kedai ini (balasan ejen, balasan automatik, agihan, pemindahan, penutupan dan pembukaan semula sembang) ke alamat integrasi anda sebaik sahaja ia berlaku, ditandatangani dengan kunci rahsia titik akhir. Nota dalaman tidak pernah dihantar.
webhooks-empty = Belum ada titik akhir webhook. Tambah satu di bawah.
webhooks-back-to-store = Kembali ke kedai
webhooks-back = Kembali ke senarai webhook
webhooks-manage = { $count ->
    [0] Sediakan webhook
   *[other] Urus { $count } titik akhir webhook
}
webhooks-gave-up-count = { $count ->
   *[other] { $count } titik akhir webhook telah dijeda kerana terus gagal. Semak dan sambung semula.
}
webhook-title = Titik akhir webhook
webhook-add = Tambah titik akhir
webhook-edit = Ubah titik akhir
webhook-field-url = URL
webhook-url-hint = Alamat https://. Untuk pembangunan setempat, http:// ke komputer ini (localhost atau 127.0.0.1) juga diterima.
webhook-field-events = Peristiwa
webhook-events-hint = Tandakan sekurang-kurangnya satu. Nota dalaman tidak pernah dihantar.
webhook-event-message-created = Balasan atau balasan automatik
webhook-event-conversation-assigned = Sembang diagihkan
webhook-event-conversation-returned = Sembang kembali ke baris gilir
webhook-event-conversation-transferred = Sembang dipindahkan
webhook-event-conversation-closed = Sembang ditutup
webhook-event-conversation-reopened = Sembang dibuka semula
webhook-event-test = Peristiwa ujian
webhook-status-paused = Dijeda
webhook-status-gave-up = Dijeda selepas gagal
webhook-status-retrying = Mencuba semula
webhook-secret-shown-once = Ini ialah kunci rahsia tandatangan titik akhir ini. Ia dipaparkan sekali sahaja: salin sekarang ke dalam integrasi anda, yang menggunakannya untuk menyemak pengepala Sellerdesk-Signature.
webhook-paused-notice = Titik akhir ini dijeda: peristiwa menunggu dan akan dihantar mengikut urutan apabila anda menyambungnya semula.
webhook-gave-up-notice = Sellerdesk menjeda titik akhir ini kerana penghantarannya terus gagal terlalu lama. Baiki penerima, kemudian sambung semula: peristiwa yang menunggu akan dihantar mengikut urutan.
webhook-retrying-notice = Penghantaran terakhir gagal. Sellerdesk akan mencuba lagi pada { $time }; peristiwa seterusnya menunggu sehingga penghantaran ini berjaya.
webhook-pause = Jeda
webhook-resume = Sambung semula
webhook-send-test = Hantar peristiwa ujian
webhook-delete = Padam
webhook-delete-title = Padam titik akhir webhook ini?
webhook-delete-message = { $url } tidak akan menerima peristiwa lagi, dan log penghantarannya akan dipadam. Tindakan ini tidak boleh dibuat asal.
webhook-deliveries = Log penghantaran
webhook-deliveries-hint = 50 penghantaran terkini, yang terbaharu dahulu, beserta respons penerima.
webhook-deliveries-empty = Belum ada apa-apa yang dihantar ke titik akhir ini.
webhook-delivery-time = Masa
webhook-delivery-event = Peristiwa
webhook-delivery-attempts = Cubaan
webhook-delivery-answer = Respons
webhook-delivery-delivered = Dihantar
webhook-delivery-retrying = Mencuba semula
webhook-delivery-failed = Gagal
webhook-delivery-next = cubaan seterusnya pada { $time }
webhook-resend = Hantar semula
webhook-created = Titik akhir telah ditambah.
webhook-saved = Titik akhir telah disimpan.
webhook-paused = Titik akhir telah dijeda.
webhook-resumed = Titik akhir telah disambung semula: peristiwa yang menunggu sedang dihantar.
webhook-deleted = Titik akhir telah dipadam.
webhook-test-delivered = Peristiwa ujian telah berjaya dihantar.
webhook-test-failed = Peristiwa ujian gagal dihantar: { $reason }
webhook-resend-delivered = Peristiwa telah berjaya dihantar semula.
webhook-resend-failed = Peristiwa gagal dihantar: { $reason }
webhook-answered = penerima membalas dengan kod { $status }
error-webhook-url-required = Masukkan URL untuk menghantar peristiwa.
error-webhook-url-invalid = Masukkan alamat web penuh, seperti https://erp.example.com/sellerdesk, tanpa nama pengguna atau kata laluan.
error-webhook-url-https = Gunakan https://. http:// biasa hanya diterima untuk komputer ini (localhost atau 127.0.0.1).
error-webhook-url-self = Ini ialah alamat Sellerdesk sendiri: masukkan alamat integrasi anda.
error-webhook-events-required = Tandakan sekurang-kurangnya satu peristiwa.

## Foto dalam chat
image-attach = Foto (opsional)
image-attach-hint = JPEG, PNG, atau WebP, maksimal 5 MB.
image-alt = Foto yang dikirim dalam chat (buka ukuran penuh)
image-photo = Foto
error-image-too-big = Foto lebih besar dari 5 MB. Pilih foto yang lebih kecil.
error-image-type = Hanya foto JPEG, PNG, dan WebP yang dapat dikirim.
error-image-unreadable = Foto ini tidak dapat dibaca; mungkin rusak. Coba foto lain.
error-image-dimensions = Foto ini terlalu besar: maksimal 8.000 piksel di setiap sisi.

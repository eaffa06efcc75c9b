## Foto dalam sembang
image-attach = Foto (pilihan)
image-attach-hint = JPEG, PNG atau WebP, maksimum 5 MB.
image-alt = Foto yang dihantar dalam sembang (buka saiz penuh)
image-photo = Foto
error-image-too-big = Foto melebihi 5 MB. Sila pilih foto yang lebih kecil.
error-image-type = Hanya foto JPEG, PNG dan WebP boleh dihantar.
error-image-unreadable = Foto ini tidak dapat dibaca; ia mungkin rosak. Cuba foto lain.
error-image-dimensions = Foto ini terlalu besar: maksimum 8,000 piksel pada setiap sisi.

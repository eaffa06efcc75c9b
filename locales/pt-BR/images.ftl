## Fotos no chat
image-attach = Foto (opcional)
image-attach-hint = JPEG, PNG ou WebP, até 5 MB.
image-alt = Foto enviada no chat (abre em tamanho original)
image-photo = Foto
error-image-too-big = A foto tem mais de 5 MB. Escolha uma menor.
error-image-type = Só é possível enviar fotos JPEG, PNG e WebP.
error-image-unreadable = Não foi possível ler esta foto; ela pode estar danificada. Tente outra.
error-image-dimensions = Esta foto é grande demais: no máximo 8.000 pixels em cada lado.

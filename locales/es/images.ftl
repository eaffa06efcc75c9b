## Fotos en el chat
image-attach = Foto (opcional)
image-attach-hint = JPEG, PNG o WebP, hasta 5 MB.
image-alt = Foto enviada en el chat (abre a tamaño completo)
image-photo = Foto
error-image-too-big = La foto supera los 5 MB. Elige una más pequeña.
error-image-type = Solo se pueden enviar fotos JPEG, PNG y WebP.
error-image-unreadable = No se puede leer esta foto; puede estar dañada. Prueba con otra.
error-image-dimensions = Esta foto es demasiado grande: como máximo 8.000 píxeles por lado.

## Photos in chats
image-attach = Photo (optional)
image-attach-hint = JPEG, PNG or WebP, up to 5 MB.
image-alt = Photo sent in the chat (opens full size)
image-photo = Photo
error-image-too-big = The photo is larger than 5 MB. Choose a smaller one.
error-image-type = Only JPEG, PNG and WebP photos can be sent.
error-image-unreadable = This photo cannot be read; it may be damaged. Try another one.
error-image-dimensions = This photo is too large: at most 8,000 pixels on each side.

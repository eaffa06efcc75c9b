## 聊天中的图片
image-attach = 图片（可选）
image-attach-hint = JPEG、PNG 或 WebP，最大 5 MB。
image-alt = 聊天中发送的图片（点击查看原图）
image-photo = 图片
error-image-too-big = 图片超过 5 MB，请选择较小的图片。
error-image-type = 只能发送 JPEG、PNG 和 WebP 图片。
error-image-unreadable = 无法读取此图片，文件可能已损坏，请换一张。
error-image-dimensions = 图片尺寸过大：每边最多 8,000 像素。

## 對話中的圖片
image-attach = 圖片（選填）
image-attach-hint = JPEG、PNG 或 WebP，最大 5 MB。
image-alt = 對話中傳送的圖片（點擊查看原圖）
image-photo = 圖片
error-image-too-big = 圖片超過 5 MB，請選擇較小的圖片。
error-image-type = 只能傳送 JPEG、PNG 和 WebP 圖片。
error-image-unreadable = 無法讀取此圖片，檔案可能已損壞，請換一張。
error-image-dimensions = 圖片尺寸過大：每邊最多 8,000 像素。

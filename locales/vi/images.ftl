## Ảnh trong cuộc trò chuyện
image-attach = Ảnh (không bắt buộc)
image-attach-hint = JPEG, PNG hoặc WebP, tối đa 5 MB.
image-alt = Ảnh đã gửi trong cuộc trò chuyện (mở kích thước đầy đủ)
image-photo = Ảnh
error-image-too-big = Ảnh lớn hơn 5 MB. Vui lòng chọn ảnh nhỏ hơn.
error-image-type = Chỉ có thể gửi ảnh JPEG, PNG và WebP.
error-image-unreadable = Không đọc được ảnh này; tệp có thể bị hỏng. Hãy thử ảnh khác.
error-image-dimensions = Ảnh quá lớn: tối đa 8.000 điểm ảnh mỗi cạnh.

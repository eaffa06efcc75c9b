# Webhook: Tài khoản của tôi → Gian hàng → gian hàng → Webhook
webhooks-title = Webhook
webhooks-intro = Sellerdesk gửi các sự kiện của gian hàng này (câu trả lời của nhân viên, trả lời tự động, giao chat, chuyển chat, kết thúc và mở lại chat) đến địa chỉ của hệ thống tích hợp của bạn ngay khi chúng xảy ra, kèm chữ ký bằng khóa bí mật của endpoint. Ghi chú nội bộ không bao giờ được gửi đi.
webhooks-empty = Chưa có endpoint webhook nào. Hãy thêm ở bên dưới.
webhooks-back-to-store = Quay lại gian hàng
webhooks-back = Quay lại danh sách webhook
webhooks-manage = { $count ->
    [0] Thiết lập webhook
   *[other] Quản lý { $count } endpoint webhook
}
webhooks-gave-up-count = { $count ->
   *[other] { $count } endpoint webhook đã bị tạm dừng vì gửi thất bại liên tục. Hãy kiểm tra rồi cho chúng tiếp tục hoạt động.
}
webhook-title = Endpoint webhook
webhook-add = Thêm endpoint
webhook-edit = Thay đổi endpoint
webhook-field-url = URL
webhook-url-hint = Một địa chỉ https://. Khi phát triển trên máy cục bộ, cũng chấp nhận http:// đến chính máy này (localhost hoặc 127.0.0.1).
webhook-field-events = Sự kiện
webhook-events-hint = Chọn ít nhất một sự kiện. Ghi chú nội bộ không bao giờ được gửi đi.
webhook-event-message-created = Câu trả lời hoặc trả lời tự động
webhook-event-conversation-assigned = Chat đã được giao
webhook-event-conversation-returned = Chat đã quay lại hàng chờ
webhook-event-conversation-transferred = Chat đã được chuyển
webhook-event-conversation-closed = Chat đã kết thúc
webhook-event-conversation-reopened = Chat đã được mở lại
webhook-event-test = Sự kiện thử nghiệm
webhook-status-paused = Đã tạm dừng
webhook-status-gave-up = Đã tạm dừng do lỗi
webhook-status-retrying = Đang thử lại
webhook-secret-shown-once = Đây là khóa bí mật dùng để ký của endpoint. Khóa chỉ hiển thị một lần: hãy sao chép ngay vào hệ thống tích hợp của bạn, hệ thống sẽ dùng khóa này để kiểm tra header Sellerdesk-Signature.
webhook-paused-notice = Endpoint này đang tạm dừng: các sự kiện sẽ chờ và được gửi theo đúng thứ tự khi bạn cho endpoint tiếp tục.
webhook-gave-up-notice = Sellerdesk đã tạm dừng endpoint này vì việc gửi liên tục thất bại trong thời gian quá lâu. Hãy sửa lỗi ở bên nhận rồi cho endpoint tiếp tục: các sự kiện đang chờ sẽ được gửi theo đúng thứ tự.
webhook-retrying-notice = Lần gửi gần nhất đã thất bại. Sellerdesk sẽ thử lại lúc { $time }; các sự kiện sau sẽ chờ cho đến khi lần gửi này thành công.
webhook-pause = Tạm dừng
webhook-resume = Tiếp tục
webhook-send-test = Gửi sự kiện thử nghiệm
webhook-delete = Xóa
webhook-delete-title = Xóa endpoint webhook này?
webhook-delete-message = { $url } sẽ không nhận thêm sự kiện nào nữa và nhật ký gửi của endpoint này sẽ bị xóa. Không thể hoàn tác thao tác này.
webhook-deliveries = Nhật ký gửi
webhook-deliveries-hint = 50 lần gửi gần nhất, mới nhất ở trên cùng, kèm phản hồi của bên nhận.
webhook-deliveries-empty = Chưa có gì được gửi đến endpoint này.
webhook-delivery-time = Thời gian
webhook-delivery-event = Sự kiện
webhook-delivery-attempts = Số lần thử
webhook-delivery-answer = Phản hồi
webhook-delivery-delivered = Đã gửi thành công
webhook-delivery-retrying = Đang thử lại
webhook-delivery-failed = Thất bại
webhook-delivery-next = thử lại lúc { $time }
webhook-resend = Gửi lại
webhook-created = Đã thêm endpoint.
webhook-saved = Đã lưu endpoint.
webhook-paused = Đã tạm dừng endpoint.
webhook-resumed = Endpoint đã tiếp tục hoạt động: các sự kiện đang chờ đang được gửi đi.
webhook-deleted = Đã xóa endpoint.
webhook-test-delivered = Đã gửi thành công sự kiện thử nghiệm.
webhook-test-failed = Không gửi được sự kiện thử nghiệm: { $reason }
webhook-resend-delivered = Đã gửi lại sự kiện thành công.
webhook-resend-failed = Không gửi được sự kiện: { $reason }
webhook-answered = bên nhận trả về mã { $status }
error-webhook-url-required = Vui lòng nhập URL sẽ nhận sự kiện.
error-webhook-url-invalid = Vui lòng nhập địa chỉ web đầy đủ, ví dụ https://erp.example.com/sellerdesk, không kèm tên người dùng hoặc mật khẩu.
error-webhook-url-https = Hãy dùng https://. http:// thông thường chỉ được chấp nhận cho chính máy này (localhost hoặc 127.0.0.1).
error-webhook-url-self = Đây là địa chỉ của chính Sellerdesk: hãy nhập địa chỉ của hệ thống tích hợp của bạn.
error-webhook-events-required = Vui lòng chọn ít nhất một sự kiện.

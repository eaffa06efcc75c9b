area-accounts = Tài khoản
area-settings = Cài đặt

action-created = Đã tạo
action-updated = Đã cập nhật
action-signed-in = Đã đăng nhập
action-signed-out = Đã đăng xuất
action-sign-in-failed = Đăng nhập thất bại
area-stores = Gian hàng

action-deleted = Đã xóa
action-enabled = Đã kích hoạt
action-disabled = Đã vô hiệu hóa
action-granted = Đã cấp quyền gian hàng
action-revoked = Đã thu hồi
action-password-changed = Đã đổi mật khẩu
action-password-reset = Đã đặt lại mật khẩu

object-account = Tài khoản
object-store = Gian hàng
object-api-token = Token API
object-role = Vai trò

area-chat-assignment = Phân chia chat
action-closed = Đã đóng
action-reopened = Đã mở lại
object-chat-group = Nhóm chat
object-quick-reply = Trả lời nhanh

area-webchat = Webchat
action-status-changed = Đã đổi trạng thái
object-conversation = Cuộc trò chuyện
action-transferred = Đã chuyển

area-performance = Dữ liệu hiệu suất
area-activity-log = Nhật ký hoạt động
action-exported = Đã xuất
object-report = Báo cáo

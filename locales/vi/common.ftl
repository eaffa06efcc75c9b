# Tên của ngôn ngữ bằng chính ngôn ngữ đó, hiển thị trong mọi menu chọn ngôn ngữ.
language-native-name = Tiếng Việt
app-name = Sellerdesk
layout-skip-to-content = Chuyển đến nội dung chính
language-menu-label = Ngôn ngữ
language-menu-apply = Đổi
nav-label = Điều hướng chính
nav-home = Trang chủ
nav-sign-out = Đăng xuất
form-error-summary = Vui lòng sửa các lỗi sau:

home-title = Trang chủ
home-welcome = Xin chào, { $name }.

error-go-home = Về trang chủ
error-bad-request-title = Yêu cầu không hợp lệ
error-bad-request-message = Không thể xử lý yêu cầu. Vui lòng quay lại và thử lại.
error-too-large-message = Nội dung bạn gửi quá lớn. Vui lòng rút gọn và thử lại.
error-forbidden-title = Không có quyền truy cập
error-forbidden-message = Bạn không có quyền mở trang này. Nếu cần quyền truy cập, hãy liên hệ tài khoản chính của bạn.
error-csrf-message = Biểu mẫu này đã hết hạn hoặc được gửi từ nơi khác. Chưa có gì bị thay đổi. Vui lòng tải lại trang và thử lại.
error-not-found-title = Không tìm thấy trang
error-not-found-message = Trang bạn đang tìm không tồn tại hoặc không còn khả dụng.
error-unavailable-title = Tạm thời không khả dụng
error-unavailable-message = Sellerdesk hiện không kết nối được với cơ sở dữ liệu. Vui lòng thử lại sau giây lát.
error-internal-title = Đã xảy ra lỗi
error-internal-message = Đã xảy ra lỗi không mong muốn. Không có thay đổi nào khác được thực hiện. Vui lòng thử lại; nếu lỗi vẫn tiếp diễn, hãy báo cho quản trị viên.

nav-my-account = Tài khoản của tôi
nav-settings = Cài đặt

action-save = Lưu
action-cancel = Hủy
action-search = Tìm kiếm

field-status = Trạng thái
field-created = Ngày tạo
field-actions = Thao tác
field-time-zone = Múi giờ

status-active = Đang hoạt động
status-deactivated = Ngừng hoạt động
status-disabled = Đã vô hiệu hóa
status-revoked = Đã thu hồi

pagination-label = Phân trang
pagination-previous = Trước
pagination-next = Tiếp
pagination-page-of = Trang { $page }/{ $pages }

settings-language = Ngôn ngữ giao diện
settings-time-zone-hint = Mọi thời gian trong Sellerdesk đều được hiển thị theo múi giờ này.
settings-saved = Đã lưu cài đặt của bạn.
error-language-invalid = Vui lòng chọn một trong các ngôn ngữ có sẵn.
error-time-zone-invalid = Vui lòng chọn múi giờ trong danh sách.

nav-chat-assignment = Phân chia chat
status-closed = Đã đóng
state-on = Bật
state-off = Tắt

home-getting-started = Bắt đầu
home-step-store = Thêm các gian hàng trên sàn của bạn
home-step-sub-accounts = Tạo tài khoản phụ cho đội chăm sóc khách hàng của bạn và cấp quyền gian hàng cho họ
home-step-groups = Tạo nhóm chat để nhận chat của từng gian hàng
home-step-auto-reply = Bật trả lời tự động cho gian hàng
home-step-done = Đã xong
home-areas = Đi đến

error-conflict-title = Đã bị thay đổi cùng lúc
error-conflict-message = Một người khác đã lưu cùng nội dung vào cùng thời điểm nên thay đổi của bạn chưa được thực hiện. Vui lòng tải lại trang và thử lại.

nav-webchat = Webchat
action-filter = Lọc
error-too-many-title = Quá nhiều yêu cầu
error-too-many-message = Có quá nhiều yêu cầu được gửi từ đây trong thời gian ngắn. Vui lòng đợi một lát rồi thử lại.

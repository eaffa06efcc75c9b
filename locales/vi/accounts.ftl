field-username = Tên đăng nhập
field-display-name = Tên hiển thị
field-email = Email
field-password = Mật khẩu
field-password-confirm = Nhập lại mật khẩu
password-rules-hint = Ít nhất 8 ký tự và không trùng với tên đăng nhập.

setup-title = Thiết lập Sellerdesk
setup-intro = Tạo tài khoản chính cho shop của bạn. Sau đó, bạn có thể thêm gian hàng và tài khoản phụ cho nhân viên.
setup-username-hint = 3–32 ký tự gồm chữ thường không dấu, chữ số, dấu chấm, dấu gạch ngang hoặc dấu gạch dưới. Nhân viên của bạn sẽ đăng nhập bằng username:member.
setup-submit = Tạo tài khoản chính
setup-done = Tài khoản chính của bạn đã sẵn sàng. Chào mừng bạn đến với Sellerdesk!

login-title = Đăng nhập
login-username-hint = Tài khoản chính: tên đăng nhập của bạn. Tài khoản phụ: main:member, ví dụ chenshop:jiajia.
login-submit = Đăng nhập
login-error-missing = Vui lòng nhập tên đăng nhập và mật khẩu.
login-error-invalid = Tên đăng nhập hoặc mật khẩu không đúng.
login-error-throttled = Bạn đã đăng nhập sai quá nhiều lần. Vui lòng đợi 15 phút rồi thử lại.
login-error-disabled = Tài khoản này đã bị vô hiệu hóa. Vui lòng liên hệ tài khoản chính của bạn.
logout-done = Bạn đã đăng xuất.

error-username-invalid = Dùng 3–32 ký tự gồm chữ thường không dấu, chữ số, dấu chấm, dấu gạch ngang hoặc dấu gạch dưới, bắt đầu bằng chữ cái hoặc chữ số.
error-display-name-required = Vui lòng nhập tên hiển thị.
error-display-name-invalid = Tên hiển thị tối đa 64 ký tự và không được chứa ký tự điều khiển.
error-email-required = Vui lòng nhập địa chỉ email.
error-email-invalid = Vui lòng nhập địa chỉ email hợp lệ, ví dụ name@example.com.
error-password-too-short = Mật khẩu phải có ít nhất 8 ký tự.
error-password-too-long = Mật khẩu quá dài (tối đa 72 byte; được ít ký tự hơn nếu dùng chữ có dấu hoặc chữ không phải Latinh).
error-password-is-username = Mật khẩu không được trùng với tên đăng nhập.
error-password-mismatch = Hai mật khẩu không khớp.

area-accounts = Tài khoản
area-settings = Cài đặt

action-created = Đã tạo
action-updated = Đã cập nhật
action-signed-in = Đã đăng nhập
action-signed-out = Đã đăng xuất
action-sign-in-failed = Đăng nhập thất bại

area-accounts = บัญชี
area-settings = การตั้งค่า

action-created = สร้าง
action-updated = อัปเดต
action-signed-in = เข้าสู่ระบบ
action-signed-out = ออกจากระบบ
action-sign-in-failed = เข้าสู่ระบบไม่สำเร็จ

area-accounts = บัญชี
area-settings = การตั้งค่า

action-created = สร้าง
action-updated = อัปเดต
action-signed-in = เข้าสู่ระบบ
action-signed-out = ออกจากระบบ
action-sign-in-failed = เข้าสู่ระบบไม่สำเร็จ
area-stores = ร้านค้า

action-deleted = ลบ
action-enabled = เปิดใช้งาน
action-disabled = ปิดใช้งาน
action-granted = ให้สิทธิ์ร้านค้า
action-revoked = เพิกถอน
action-password-changed = เปลี่ยนรหัสผ่าน
action-password-reset = รีเซ็ตรหัสผ่าน

object-account = บัญชี
object-store = ร้านค้า
object-api-token = โทเค็น API
object-role = บทบาท

area-chat-assignment = การมอบหมายแชท
action-closed = ปิด
action-reopened = เปิดอีกครั้ง
object-chat-group = กลุ่มแชท
object-quick-reply = ข้อความตอบกลับด่วน

area-webchat = เว็บแชท
action-status-changed = เปลี่ยนสถานะ
object-conversation = การสนทนา
action-transferred = โอนแล้ว

area-performance = ข้อมูลประสิทธิภาพ
area-activity-log = บันทึกกิจกรรม
action-exported = ส่งออกแล้ว
object-report = รายงาน

# ชื่อของภาษาในภาษานั้นเอง แสดงในเมนูเลือกภาษาทุกเมนู
language-native-name = ไทย
app-name = Sellerdesk
layout-skip-to-content = ข้ามไปยังเนื้อหา
language-menu-label = ภาษา
language-menu-apply = เปลี่ยน
nav-label = เมนูหลัก
nav-home = หน้าแรก
nav-sign-out = ออกจากระบบ
form-error-summary = โปรดแก้ไขรายการต่อไปนี้:

home-title = หน้าแรก
home-welcome = ยินดีต้อนรับ { $name }

error-go-home = กลับไปที่หน้าแรก
error-bad-request-title = คำขอไม่ถูกต้อง
error-bad-request-message = ระบบไม่เข้าใจคำขอนี้ โปรดย้อนกลับแล้วลองอีกครั้ง
error-too-large-message = ข้อมูลที่ส่งมีขนาดใหญ่เกินไป โปรดทำให้สั้นลงแล้วลองอีกครั้ง
error-forbidden-title = ไม่มีสิทธิ์เข้าถึง
error-forbidden-message = คุณไม่มีสิทธิ์เปิดหน้านี้ หากต้องการสิทธิ์ โปรดติดต่อบัญชีหลักของคุณ
error-csrf-message = แบบฟอร์มนี้หมดอายุแล้วหรือถูกส่งมาจากที่อื่น ยังไม่มีการเปลี่ยนแปลงใดๆ โปรดโหลดหน้านี้ใหม่แล้วลองอีกครั้ง
error-not-found-title = ไม่พบหน้านี้
error-not-found-message = หน้าที่คุณกำลังค้นหาไม่มีอยู่ หรือไม่พร้อมใช้งานแล้ว
error-unavailable-title = ไม่พร้อมใช้งานชั่วคราว
error-unavailable-message = ขณะนี้ Sellerdesk ไม่สามารถเชื่อมต่อฐานข้อมูลได้ โปรดลองอีกครั้งในอีกสักครู่
error-internal-title = เกิดข้อผิดพลาด
error-internal-message = เกิดข้อผิดพลาดที่ไม่คาดคิด ไม่มีการเปลี่ยนแปลงอื่นใดเพิ่มเติม โปรดลองอีกครั้ง หากยังเกิดขึ้นอีก โปรดแจ้งผู้ดูแลระบบ

nav-my-account = บัญชีของฉัน
nav-settings = การตั้งค่า

action-save = บันทึก
action-cancel = ยกเลิก
action-search = ค้นหา

field-status = สถานะ
field-created = วันที่สร้าง
field-actions = การดำเนินการ
field-time-zone = เขตเวลา

status-active = ใช้งานอยู่
status-deactivated = ปิดใช้งานแล้ว
status-disabled = ถูกปิดใช้งาน
status-revoked = เพิกถอนแล้ว

pagination-label = หน้า
pagination-previous = ก่อนหน้า
pagination-next = ถัดไป
pagination-page-of = หน้า { $page } จาก { $pages }

settings-language = ภาษาที่ใช้แสดงผล
settings-time-zone-hint = เวลาทั้งหมดใน Sellerdesk จะแสดงตามเขตเวลานี้
settings-saved = บันทึกการตั้งค่าของคุณแล้ว
error-language-invalid = โปรดเลือกภาษาจากรายการที่มีให้
error-time-zone-invalid = โปรดเลือกเขตเวลาจากรายการ

nav-chat-assignment = การมอบหมายแชท
status-closed = ปิดแล้ว
state-on = เปิด
state-off = ปิด

home-getting-started = เริ่มต้นใช้งาน
home-step-store = เพิ่มร้านค้าบนมาร์เก็ตเพลสของคุณ
home-step-sub-accounts = สร้างบัญชีย่อยสำหรับทีมบริการลูกค้าของคุณ และให้สิทธิ์ร้านค้าแก่บัญชีเหล่านั้น
home-step-groups = สร้างกลุ่มแชทที่จะรับแชทของแต่ละร้านค้า
home-step-auto-reply = เปิดการตอบกลับอัตโนมัติของร้านค้า
home-step-done = เสร็จแล้ว
home-areas = ไปยังส่วนต่างๆ

error-conflict-title = มีการแก้ไขพร้อมกัน
error-conflict-message = มีผู้อื่นบันทึกรายการเดียวกันในเวลาเดียวกัน การเปลี่ยนแปลงของคุณจึงไม่ถูกบันทึก โปรดโหลดหน้านี้ใหม่แล้วลองอีกครั้ง

nav-webchat = Webchat
action-filter = กรอง
error-too-many-title = มีคำขอมากเกินไป
error-too-many-message = มีคำขอจากที่นี่มากเกินไปในเวลาสั้น ๆ โปรดรอสักครู่แล้วลองอีกครั้ง

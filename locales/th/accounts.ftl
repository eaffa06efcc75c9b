field-username = ชื่อผู้ใช้
field-display-name = ชื่อที่แสดง
field-email = อีเมล
field-password = รหัสผ่าน
field-password-confirm = ยืนยันรหัสผ่าน
password-rules-hint = อย่างน้อย 8 ตัวอักษร และต้องไม่ซ้ำกับชื่อผู้ใช้

setup-title = ตั้งค่า Sellerdesk
setup-intro = สร้างบัญชีหลักของร้านคุณ หลังจากนั้นคุณสามารถเพิ่มร้านค้าและบัญชีย่อยสำหรับพนักงานได้
setup-username-hint = 3–32 ตัว ประกอบด้วยอักษรภาษาอังกฤษตัวพิมพ์เล็ก ตัวเลข จุด ขีดกลาง หรือขีดล่าง พนักงานของคุณจะเข้าสู่ระบบด้วย username:member
setup-submit = สร้างบัญชีหลัก
setup-done = บัญชีหลักของคุณพร้อมใช้งานแล้ว ยินดีต้อนรับสู่ Sellerdesk!

login-title = เข้าสู่ระบบ
login-username-hint = บัญชีหลัก: ใช้ชื่อผู้ใช้ของคุณ บัญชีย่อย: ใช้ main:member เช่น chenshop:jiajia
login-submit = เข้าสู่ระบบ
login-error-missing = โปรดกรอกชื่อผู้ใช้และรหัสผ่าน
login-error-invalid = ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง
login-error-throttled = เข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป โปรดรอ 15 นาทีแล้วลองอีกครั้ง
login-error-disabled = บัญชีนี้ถูกปิดใช้งานแล้ว โปรดติดต่อบัญชีหลักของคุณ
logout-done = คุณออกจากระบบแล้ว

error-username-invalid = ใช้อักษรภาษาอังกฤษตัวพิมพ์เล็ก ตัวเลข จุด ขีดกลาง หรือขีดล่าง 3–32 ตัว โดยขึ้นต้นด้วยตัวอักษรหรือตัวเลข
error-display-name-required = โปรดกรอกชื่อที่แสดง
error-display-name-invalid = ชื่อที่แสดงต้องยาวไม่เกิน 64 ตัวอักษร และต้องไม่มีอักขระควบคุม
error-email-required = โปรดกรอกอีเมล
error-email-invalid = โปรดกรอกอีเมลที่ถูกต้อง เช่น name@example.com
error-password-too-short = รหัสผ่านต้องมีอย่างน้อย 8 ตัวอักษร
error-password-too-long = รหัสผ่านยาวเกินไป (ไม่เกิน 72 ไบต์ หากใช้อักษรที่ไม่ใช่ภาษาอังกฤษ เช่น ภาษาไทย จะใส่ได้น้อยตัวกว่านี้)
error-password-is-username = รหัสผ่านต้องไม่ซ้ำกับชื่อผู้ใช้
error-password-mismatch = รหัสผ่านทั้งสองช่องไม่ตรงกัน

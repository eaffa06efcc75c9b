# เว็บฮุก: บัญชีของฉัน → ร้านค้า → ร้านค้าที่เลือก → เว็บฮุก
webhooks-title = เว็บฮุก
webhooks-intro = Sellerdesk จะส่งเหตุการณ์ของร้านค้านี้ (ข้อความตอบกลับของแอดมิน ข้อความตอบกลับอัตโนมัติ การมอบหมาย การโอน การปิด และการเปิดแชทอีกครั้ง) ไปยังที่อยู่ของระบบเชื่อมต่อของคุณทันทีที่เกิดขึ้น โดยลงนามด้วยรหัสลับของปลายทาง บันทึกภายในจะไม่ถูกส่งออกไปเด็ดขาด
webhooks-empty = ยังไม่มีปลายทางเว็บฮุก เพิ่มได้ที่ด้านล่าง
webhooks-back-to-store = กลับไปที่ร้านค้า
webhooks-back = กลับไปที่เว็บฮุก
webhooks-manage = { $count ->
    [0] ตั้งค่าเว็บฮุก
   *[other] จัดการปลายทางเว็บฮุก { $count } รายการ
}
webhooks-gave-up-count = { $count ->
   *[other] ปลายทางเว็บฮุก { $count } รายการถูกหยุดชั่วคราว เพราะส่งไม่สำเร็จซ้ำหลายครั้ง โปรดตรวจสอบแล้วกลับมาใช้งานต่อ
}
webhook-title = ปลายทางเว็บฮุก
webhook-add = เพิ่มปลายทาง
webhook-edit = แก้ไขปลายทาง
webhook-field-url = URL
webhook-url-hint = ที่อยู่ที่ขึ้นต้นด้วย https:// สำหรับการพัฒนาในเครื่อง ใช้ http:// ที่ชี้มายังเครื่องนี้ (localhost หรือ 127.0.0.1) ได้เช่นกัน
webhook-field-events = เหตุการณ์
webhook-events-hint = เลือกอย่างน้อยหนึ่งรายการ บันทึกภายในจะไม่ถูกส่งออกไปเด็ดขาด
webhook-event-message-created = ข้อความตอบกลับหรือข้อความตอบกลับอัตโนมัติ
webhook-event-conversation-assigned = มอบหมายแชทแล้ว
webhook-event-conversation-returned = แชทกลับเข้าคิว
webhook-event-conversation-transferred = โอนแชทแล้ว
webhook-event-conversation-closed = ปิดแชทแล้ว
webhook-event-conversation-reopened = เปิดแชทอีกครั้ง
webhook-event-test = เหตุการณ์ทดสอบ
webhook-status-paused = หยุดชั่วคราว
webhook-status-gave-up = หยุดชั่วคราวเพราะส่งไม่สำเร็จ
webhook-status-retrying = กำลังลองใหม่
webhook-secret-shown-once = นี่คือรหัสลับสำหรับลงนามของปลายทางนี้ ซึ่งจะแสดงเพียงครั้งเดียว โปรดคัดลอกไปใส่ในระบบเชื่อมต่อของคุณตอนนี้ ระบบเชื่อมต่อจะใช้รหัสนี้ตรวจสอบส่วนหัว Sellerdesk-Signature
webhook-paused-notice = ปลายทางนี้หยุดชั่วคราวอยู่ เหตุการณ์จะรอไว้ก่อน และจะถูกส่งตามลำดับเมื่อคุณกลับมาใช้งานต่อ
webhook-gave-up-notice = Sellerdesk หยุดปลายทางนี้ชั่วคราว เพราะส่งไม่สำเร็จติดต่อกันนานเกินไป โปรดแก้ไขฝั่งผู้รับ แล้วกลับมาใช้งานต่อ เหตุการณ์ที่รออยู่จะถูกส่งตามลำดับ
webhook-retrying-notice = การส่งครั้งล่าสุดไม่สำเร็จ Sellerdesk จะลองอีกครั้งเมื่อ { $time } เหตุการณ์ถัดไปจะรอจนกว่าการส่งนี้จะสำเร็จ
webhook-pause = หยุดชั่วคราว
webhook-resume = ใช้งานต่อ
webhook-send-test = ส่งเหตุการณ์ทดสอบ
webhook-delete = ลบ
webhook-delete-title = ต้องการลบปลายทางเว็บฮุกนี้หรือไม่
webhook-delete-message = { $url } จะไม่ได้รับเหตุการณ์อีกต่อไป และบันทึกการส่งของปลายทางนี้จะถูกลบ การดำเนินการนี้ไม่สามารถย้อนกลับได้
webhook-deliveries = บันทึกการส่ง
webhook-deliveries-hint = การส่ง 50 ครั้งล่าสุด เรียงจากใหม่ไปเก่า พร้อมผลตอบกลับจากผู้รับ
webhook-deliveries-empty = ยังไม่มีการส่งข้อมูลใดๆ ไปยังปลายทางนี้
webhook-delivery-time = เวลา
webhook-delivery-event = เหตุการณ์
webhook-delivery-attempts = จำนวนครั้งที่ส่ง
webhook-delivery-answer = ผลตอบกลับ
webhook-delivery-delivered = ส่งถึงแล้ว
webhook-delivery-retrying = กำลังลองใหม่
webhook-delivery-failed = ส่งไม่สำเร็จ
webhook-delivery-next = ลองครั้งถัดไปเมื่อ { $time }
webhook-resend = ส่งอีกครั้ง
webhook-created = เพิ่มปลายทางแล้ว
webhook-saved = บันทึกปลายทางแล้ว
webhook-paused = หยุดปลายทางชั่วคราวแล้ว
webhook-resumed = กลับมาใช้งานปลายทางต่อแล้ว กำลังส่งเหตุการณ์ที่รออยู่
webhook-deleted = ลบปลายทางแล้ว
webhook-test-delivered = ส่งเหตุการณ์ทดสอบสำเร็จแล้ว
webhook-test-failed = ส่งเหตุการณ์ทดสอบไม่สำเร็จ: { $reason }
webhook-resend-delivered = ส่งเหตุการณ์อีกครั้งสำเร็จแล้ว
webhook-resend-failed = ส่งเหตุการณ์ไม่สำเร็จ: { $reason }
webhook-answered = ผู้รับตอบกลับด้วยรหัสสถานะ { $status }
error-webhook-url-required = โปรดกรอก URL ที่จะให้ส่งเหตุการณ์ไป
error-webhook-url-invalid = โปรดกรอกที่อยู่เว็บแบบเต็ม เช่น https://erp.example.com/sellerdesk โดยไม่ต้องใส่ชื่อผู้ใช้หรือรหัสผ่าน
error-webhook-url-https = โปรดใช้ https:// ส่วน http:// ธรรมดาใช้ได้เฉพาะกับเครื่องนี้ (localhost หรือ 127.0.0.1) เท่านั้น
error-webhook-url-self = นี่คือที่อยู่ของ Sellerdesk เอง โปรดกรอกที่อยู่ของระบบเชื่อมต่อของคุณ
error-webhook-events-required = โปรดเลือกเหตุการณ์อย่างน้อยหนึ่งรายการ

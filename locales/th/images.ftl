## รูปภาพในแชท
image-attach = รูปภาพ (ไม่บังคับ)
image-attach-hint = JPEG, PNG หรือ WebP ขนาดไม่เกิน 5 MB
image-alt = รูปภาพที่ส่งในแชท (เปิดขนาดเต็ม)
image-photo = รูปภาพ
error-image-too-big = รูปภาพมีขนาดเกิน 5 MB โปรดเลือกรูปที่เล็กกว่านี้
error-image-type = ส่งได้เฉพาะรูปภาพ JPEG, PNG และ WebP เท่านั้น
error-image-unreadable = ไม่สามารถอ่านรูปภาพนี้ได้ ไฟล์อาจเสียหาย โปรดลองรูปอื่น
error-image-dimensions = รูปภาพมีขนาดใหญ่เกินไป: ไม่เกิน 8,000 พิกเซลในแต่ละด้าน

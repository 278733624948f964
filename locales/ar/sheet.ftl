# استمارة الإحالة للخدمة المستقبِلة (crate ponte-sheet). تُطبع دائمًا بالإيطالية؛ هذه
# الترجمة مسودة مثل بقية واجهة العربية.

sheet-heading = استمارة إحالة
sheet-subtitle = إحالة إلى خدمة من الشبكة. سرّية: بيانات شخصية تُشارك بموافقة الشخص، لهذه الإحالة فقط.
sheet-section-referral = الإحالة
sheet-referral-date = تاريخ الإحالة
sheet-destination = نوع الخدمة
sheet-service-name = الخدمة
sheet-address = العنوان
sheet-appointment = الموعد
sheet-appointment-none = لم يُحدَّد بعد
sheet-ask-for = اسأل عن
sheet-section-sender = الجهة المُحيلة
sheet-team = الجهة أو الفريق
sheet-operator = المسؤول عن الحالة
sheet-contact = وسيلة التواصل
sheet-section-person = الشخص (فقط ما وافق على مشاركته مع هذه الخدمة)
sheet-mediator = وسيط لغوي
sheet-mediator-needed = مطلوب (لغات عمل الخدمة: { $languages })
sheet-mediator-not-needed = غير مطلوب (لغات عمل الخدمة: { $languages })
sheet-mediator-unknown = يجب التحقق (دليل الخدمات لا يذكر لغات الخدمة)
sheet-permit-expiry = ينتهي في { $date }
sheet-screening-none = لا شيء
sheet-section-consent = الموافقة
sheet-consent-purpose = الغرض
sheet-consent-purpose-referral = الإحالة إلى هذا النوع من الخدمات
sheet-consent-date = أُعطيت في
sheet-consent-language = لغة نص الموافقة
sheet-consent-text-version = نسخة نص الموافقة
sheet-consent-shared = ما يجوز مشاركته
sheet-footer = سرّي. لا تُرسله ولا تنسخه: شورك لهذه الإحالة فقط. أُعدّ بواسطة Ponte في { $date }.

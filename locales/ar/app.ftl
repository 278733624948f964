# Ponte app in Arabic (Modern Standard Arabic, kept simple): the screens operators, mediators
# and supervisors use. Source: locales/en/app.ftl. DRAFT: no native speaker has reviewed it yet.
# Worker-facing text (consent, rights card, interview questions and options) is in worker.ftl.

## Frame and navigation
nav-label = القائمة الرئيسية
nav-home = اليوم
nav-people = الأشخاص
nav-intake = مقابلة جديدة
nav-outreach = العمل الميداني
nav-services = الخدمات
nav-team = الفريق
nav-settings = الإعدادات
quick-lock = قفل
sync-status-label = حالة المزامنة
sync-no-team = لست في فريق: تبقى السجلات على هذا الجهاز
sync-waiting-approval = في انتظار موافقة المشرف
sync-pending = { $count ->
    [0] لا شيء للإرسال
    [one] تغيير واحد للإرسال
    [two] تغييران للإرسال
    [few] { $count } تغييرات للإرسال
    [many] { $count } تغييرًا للإرسال
   *[other] { $count } تغيير للإرسال
}
sync-running = تجري المزامنة…
sync-failed = فشلت المزامنة: { $error }
sync-last = تمت المزامنة في الساعة { $time }
sync-never = لم تتم المزامنة بعد
sync-title = المزامنة
sync-detail = خادم المزامنة: { $relay }. { $count ->
    [0] كل التغييرات موجودة على خادم المزامنة.
    [one] تغيير واحد في انتظار الإرسال.
    [two] تغييران في انتظار الإرسال.
    [few] { $count } تغييرات في انتظار الإرسال.
    [many] { $count } تغييرًا في انتظار الإرسال.
   *[other] { $count } تغيير في انتظار الإرسال.
}
sync-now = المزامنة الآن
offline-note = يعمل Ponte بلا شبكة. تُرسَل التغييرات عندما يمكن الوصول إلى خادم المزامنة.

## First run, unlock, settings
welcome-title = مرحبًا بك في Ponte
welcome-text = تبقى السجلات مشفّرة على هذا الجهاز. اختر لغتك، ثم عبارة مرور لا يعرفها أحد غيرك.
choose-language = اللغة
passphrase-new = عبارة مرور جديدة
passphrase-hint = 8 أحرف على الأقل. لا توجد أي طريقة لاستعادة عبارة مرور منسية.
passphrase-confirm = أعد كتابة عبارة المرور
passphrase-set = إنشاء المخزن المشفّر
passphrase = عبارة المرور
unlock = فتح القفل
unlock-text = أدخل عبارة المرور لفتح السجلات.
settings-title = الإعدادات
autolock-label = القفل التلقائي بعد
autolock-minutes = { $count ->
    [one] دقيقة واحدة
    [two] دقيقتين
    [few] { $count } دقائق
    [many] { $count } دقيقة
   *[other] { $count } دقيقة
}
revoked-title = أُزيل هذا الجهاز من الفريق
revoked-text = مُحيت سجلاته. اطلب من المشرف دعوة جديدة.

## Team set-up
team-setup-title = الانضمام إلى فريق أو إنشاء فريق
team-setup-text = يتشارك الفريق سجلاته عبر خادم مزامنة لا يرى أبدًا إلا بيانات مشفّرة.
device-name = اسم هذا الجهاز
team-join-title = الانضمام إلى فريق
invite-code = رمز الدعوة
invite-qr-image = أو اختر صورة لرمز QR الخاص بالدعوة (PNG)
team-join = الانضمام إلى الفريق
team-create-title = إنشاء فريق (للمشرف)
relay-url = عنوان خادم المزامنة
relay-code = رمز خادم المزامنة
relay-code-hint = يعطيه من يدير خادم المزامنة؛ اتركه فارغًا إن لم يكن هناك رمز.
team-create = إنشاء الفريق
team-later = لاحقًا: العمل على هذا الجهاز فقط
team-title = الفريق والأجهزة
team-none = هذا الجهاز ليس في فريق بعد.
team-role = الدور
role-supervisor = مشرف
role-member = عضو في الفريق
lease-exempt = هذا جهاز المشرف: لا تسري عليه مدة صلاحية المفاتيح (لا تنتهي صلاحية مفاتيحه دون مزامنة).
this-device = هذا الجهاز
invite-title = دعوة جهاز
invite-text = يمسح الجهاز الجديد هذا الرمز بالكاميرا أو يكتبه. لا يمكنه الانضمام إلا قبل أن يُستخدم الرمز أو تنتهي صلاحيته (24 ساعة).
invite-create = إنشاء دعوة
invite-qr = رمز QR للدعوة
approve-title = أجهزة في الانتظار
approve-all = الموافقة على الأجهزة المنتظرة
approved-count = { $count ->
    [0] لم يكن أي جهاز في الانتظار.
    [one] تمت الموافقة على جهاز واحد.
    [two] تمت الموافقة على جهازين.
    [few] تمت الموافقة على { $count } أجهزة.
    [many] تمت الموافقة على { $count } جهازًا.
   *[other] تمت الموافقة على { $count } جهاز.
}
devices-title = أجهزة الفريق
revoke = إزالة
revoke-confirm = إزالة نهائية

## Home
home-title = اليوم
lease-days-left = { $days ->
    [one] بقي يوم واحد لمزامنة هذا الجهاز؛ بعده تُمحى سجلاته عند فتح القفل التالي.
    [two] بقي يومان لمزامنة هذا الجهاز؛ بعدهما تُمحى سجلاته عند فتح القفل التالي.
    [few] بقيت { $days } أيام لمزامنة هذا الجهاز؛ بعدها تُمحى سجلاته عند فتح القفل التالي.
   *[other] بقي { $days } يومًا لمزامنة هذا الجهاز؛ بعدها تُمحى سجلاته عند فتح القفل التالي.
}
listening-point-today = نقطة الاستماع اليوم
listening-point-placeholder = مثلًا: lp-sabaudia
save = حفظ
saved = تم الحفظ
add = إضافة
cancel = إلغاء
back = رجوع
choose = اختر…
action-intake = مقابلة جديدة
action-outreach = تسجيل جولة ميدانية
action-handout = تسليم الجهاز إلى العامل
action-people = الأشخاص
followups-due = متابعات مستحقة هذا الأسبوع
followups-none = لا توجد متابعات مستحقة.

## Intake
intake-title = المقابلة الأولى
worker-language = لغة العامل
translation-draft = ترجمة أولية (لم تُراجَع)
steps-label = مراحل المقابلة
step-consent = الموافقة
step-profile = البيانات الشخصية
step-work = العمل
step-living = السكن
step-screening = تقييم المؤشرات
step-needs = الاحتياجات
step-summary = الملخص
consent-in-my-language = نص الموافقة بلغتي
consent-refused = رفض الشخص: لن يُسجَّل أي شيء. يمكنك مع ذلك أن تعطيه بطاقة الحقوق.
save-next = حفظ ومتابعة
finish = إنهاء
not-stated = غير مذكور
screening-603bis = مؤشرات الاستغلال (المادة 603 مكرر من قانون العقوبات الإيطالي)
screening-aggravating = الظروف المشددة
screening-ilo = مؤشرات منظمة العمل الدولية للعمل الجبري
risk-derived = مستوى الخطر (للإرشاد فقط، وليس حكمًا):
risk-guide = يُستنتج المستوى من الأجوبة المقدَّمة: إنه دليل للفريق وليس حكمًا.
risk-overridden = (المستوى المحسوب: { $derived })
intake-finish-hint = عند الإنهاء يُسجَّل لقاء اليوم، ويُسجَّل أن المقابلة مع الشخص قد أُجريت.
intake-resume = متابعة المقابلة

## People
people-title = الأشخاص
search = بحث
filter-all = الكل
people-count = { $count ->
    [0] لا توجد نتائج
    [one] نتيجة واحدة
    [two] نتيجتان
    [few] { $count } نتائج
    [many] { $count } نتيجة
   *[other] { $count } نتيجة
}
timeline = التسلسل الزمني
timeline-encounter = لقاء
timeline-referral = إحالة
timeline-followup-open = متابعة مستحقة
timeline-followup-done = متابعة منجزة
timeline-first-contact = أول تواصل
timeline-consent-withdrawn = سحب الموافقة
followup-add = متابعة جديدة، موعدها في
referral-title = الإحالة إلى خدمة
referral-destination = نوع الخدمة
referral-consent-ok = وافق الشخص على هذه الإحالة.
referral-consent-needed = لا توجد بعد موافقة على هذه الإحالة. اقرأ هذا النص للشخص:
referral-consent-given = وافق الشخص: سجّل الموافقة
referral-service = خدمة من الدليل
referral-service-none = لا خدمة محددة
referral-send = إحالة
erase-title = محو بيانات هذا الشخص
erase-text = يمحو السجل من كل أجهزة الفريق. لا يمكن التراجع عن ذلك.
erase = محو…
erase-confirm-text = هل أنت متأكد؟ سيختفي السجل من كل الأجهزة.
erase-confirm = نعم، محو نهائي

## Outreach
outreach-title = جولة ميدانية
outreach-recent = الجولات الأخيرة
field-date = التاريخ
field-outreach-type = نوع الجولة
field-place = المكان
field-place-type = نوع المكان
field-team-members = أعضاء الفريق الحاضرون (افصل بينهم بفواصل)
field-people-met = الأشخاص الذين التقيناهم (أعداد فقط، بلا أسماء)
met-total = المجموع
met-women = نساء
met-men = رجال
field-languages = اللغات التي يتكلمونها
field-materials = المواد التي وُزّعت

## Services
services-title = دليل الخدمات
service-add = إضافة خدمة
field-name = الاسم
field-service-type = نوع الخدمة
field-address = العنوان
field-contact = بيانات الاتصال
field-hours = ساعات العمل

## Hand to the worker
handout-title = تسليم الجهاز إلى العامل
handout-text = اختر لغة العامل، ثم سلّمه الجهاز.

## Fields
field-nationality = الجنسية
field-sector = القطاع
field-housing = السكن
field-needs = الاحتياجات
field-notes = ملاحظات
field-status = الحالة
field-risk = الخطر
field-listening-point = نقطة الاستماع

## Codes shown only to the team
person-status-contacted = تم التواصل
person-status-interviewed = أُجريت المقابلة
person-status-in_charge = تم التكفّل بالحالة
person-status-referred = تمت الإحالة
person-status-follow_up = قيد المتابعة
person-status-closed = الحالة مغلقة
risk-level-not_screened = لم يُقيَّم
risk-level-low = منخفض
risk-level-medium = متوسط
risk-level-high = مرتفع
referral-outcome-pending = قيد الانتظار
referral-outcome-accepted = مقبولة
referral-outcome-completed = مكتملة
referral-outcome-declined = مرفوضة
referral-outcome-no_show = لم يذهب الشخص
outreach-type-street = عمل ميداني في الشارع
outreach-type-fixed_desk = مكتب ثابت
outreach-type-group_session = جلسة جماعية
outreach-type-accompaniment = مرافقة
place-type-pickup_point = نقطة تجمّع العمال (حيث يُنقلون إلى العمل)
place-type-farm = مزرعة
place-type-informal_settlement = تجمّع سكني عشوائي
place-type-reception_centre = مركز استقبال
place-type-listening_point = نقطة استماع
place-type-workplace = مكان عمل
place-type-other = مكان آخر
material-rights_leaflet = منشورات عن الحقوق
material-helpline_card = بطاقات خط المساعدة
material-legal_info = معلومات قانونية
material-health_kit = حقائب صحية
material-food = طعام
material-water = ماء
material-protective_equipment = معدات الحماية
material-other = مواد أخرى
recontact-way-at_place = في المكان خلال الجولة القادمة
recontact-way-phone = بالهاتف
recontact-way-mediator = عن طريق الوسيط
recontact-way-sportello = يأتي إلى مكتب الاستماع
country-IN = الهند
country-PK = باكستان
country-BD = بنغلاديش
country-MA = المغرب
country-TN = تونس
country-EG = مصر
country-SN = السنغال
country-GM = غامبيا
country-ML = مالي
country-NG = نيجيريا
country-GH = غانا
country-CI = كوت ديفوار
country-SD = السودان
country-RO = رومانيا
country-AL = ألبانيا
country-UA = أوكرانيا
language-pa = البنجابية
language-hi = الهندية
language-ur = الأردية
language-bn = البنغالية
language-ar = العربية
language-fr = الفرنسية
language-en = الإنجليزية
language-wo = الولوفية
language-ff = الفولانية
language-bm = البمبارية
language-tw = التوي
language-ro = الرومانية
language-sq = الألبانية
language-it = الإيطالية

## Errors of the app
error-alias-required = اكتب اسمًا (أي اسم يختاره الشخص).
error-bad-relay = يجب أن يبدأ عنوان خادم المزامنة بـ https:// (ولا يُقبل http:// إلا لخادم على هذا الجهاز نفسه، مثل http://127.0.0.1:8787).
error-consent-missing = تحتاج هذه الإحالة أولًا إلى موافقة الشخص.
error-date-required = اختر تاريخًا.
error-ipc = لم يتمكن التطبيق من إتمام الطلب. حاول مرة أخرى.
error-locked = Ponte مقفل. افتح القفل أولًا.
error-qr-unreadable = لم يُعثر على رمز QR لدعوة في تلك الصورة.
error-unknown = حدث خطأ ما ({ $code }).

## Reports (supervisor)
nav-reports = التقارير
reports-title = تقارير الجهة المموِّلة
reports-text = مؤشرات فترة زمنية، تُحسب على هذا الجهاز. تُخفى الأعداد الصغيرة من الأشخاص، وكذلك الخانات التي قد تكشفها. يُسجَّل كل تقرير في سجل التدقيق.
reports-from = من
reports-to = إلى
reports-show = اعرض التقرير
reports-export = صدِّر مصنفًا (XLSX)
reports-exported = تمت كتابة المصنف:
reports-hidden-note = أعداد الأشخاص الأقل من { $threshold } مخفية (x): { $count ->
    [0] لا توجد خانة مخفية.
    [one] خانة واحدة مخفية.
    [two] خانتان مخفيتان.
    [few] { $count } خانات مخفية.
   *[other] { $count } خانة مخفية.
}
reports-total = المجموع

## المسح الطارئ (كل الشاشات)
panic-open = مسح طارئ
panic-title = مسح هذا الجهاز الآن؟
panic-text = تُتلف فورًا كل السجلات والمفاتيح والإعدادات على هذا الجهاز. لا يمكن التراجع عن ذلك؛ السجلات التي تمت مزامنتها تبقى لدى الفريق.
panic-hold = اضغط مطولًا للمسح
panic-hint = اضغط مع الاستمرار لمدة ثانيتين. ارفع إصبعك للإيقاف.
panic-progress = تقدّم المسح
panic-wiping = جارٍ المسح…
panic-cancel = إلغاء

# worker screen and PIN
erased-title = مُسحت السجلات الموجودة على هذا الجهاز.
worker-return = للفريق: العودة إلى التطبيق
worker-return-title = العودة إلى التطبيق
worker-return-passphrase = لم يُضبط رمز سري لهذا اليوم: أدخل عبارة المرور.
worker-return-cancel = العودة إلى شاشة العامل
handover-button = تسليم الجهاز إلى العامل
handover-hint = يُقفل الجهاز: لا يرى العامل إلا هذا النص ورقم خط المساعدة، ولا يستطيع الوصول إلى أي شيء آخر.
handover-no-pin = لم يُضبط رمز سري لهذا اليوم: لاستعادة التطبيق من العامل ستحتاج إلى عبارة المرور كاملة.
handover-set-pin = اضبط أولًا رمزًا سريًا لهذا اليوم
pin-title = الرمز السري لهذا اليوم
pin-explain = رمز سري قصير يعيد فتح التطبيق بعد القفل حتى نهاية يوم العمل. بعد 5 رموز خاطئة لا يُفتح إلا بعبارة المرور.
pin-new = رمز سري جديد (من 6 إلى 12 رقمًا)
pin-confirm = أعد كتابة الرمز السري
pin-set = ضبط الرمز السري
pin-until = يعمل الرمز السري حتى الساعة { $time }.
pin-forget = إلغاء الرمز السري
pin-unlock-text = أدخل الرمز السري لهذا اليوم.
pin-enter = الرمز السري
pin-tries-left = { $count ->
    [zero] لم تبقَ أي محاولة، ثم عبارة المرور فقط.
    [one] بقيت محاولة واحدة، ثم عبارة المرور فقط.
    [two] بقيت محاولتان، ثم عبارة المرور فقط.
    [few] بقيت { $count } محاولات، ثم عبارة المرور فقط.
    [many] بقيت { $count } محاولة، ثم عبارة المرور فقط.
   *[other] بقيت { $count } محاولة، ثم عبارة المرور فقط.
}
pin-keys = أزرار الرمز السري
pin-delete = حذف آخر رقم
pin-ok = فتح
pin-use-passphrase = استخدام عبارة المرور بدلًا منه
pin-use-pin = استخدام الرمز السري لهذا اليوم
error-pin-mismatch = الرمزان السريان غير متطابقين.

# duress notice
device-duress-used = استُخدمت عبارة مرور الإكراه على هذا الجهاز في { $date }. اعتبر هذا الجهاز في يد شخص آخر: أزِله.

# screen fixes
nav-more = المزيد
date-placeholder = يوم/شهر/سنة
sync-short-last = مزامنة { $time }
sync-short-never = لم تتم المزامنة بعد
sync-short-failed = فشلت المزامنة
sync-short-no-team = على هذا الجهاز فقط
sync-short-waiting = بانتظار الموافقة
sync-short-pending = { $count } للإرسال

# team rules
team-rules-title = قواعد الفريق
team-rules-intro = أنت من يحدد هذه القواعد لكل أجهزة الفريق. تطبّق الأجهزة الأخرى أي تغيير عند مزامنتها التالية.
team-rules-read-only = يحدد المشرف هذه القواعد لكل أجهزة الفريق. لا يستطيع تغييرها إلا المشرف.
team-rules-attempts-label = محاولات عبارة المرور الخاطئة قبل المحو
team-rules-attempts-text = بعد هذا العدد من عبارات المرور الخاطئة المتتالية، يمحو الجهاز كل ما فيه، حتى لا يستطيع من أخذه أن يواصل التخمين. عند الإيقاف: لا يمحو الجهاز نفسه أبدًا لهذا السبب.
team-rules-attempts-value = { $count ->
    [one] يُمحى بعد عبارة مرور خاطئة واحدة
    [two] يُمحى بعد عبارتي مرور خاطئتين متتاليتين
    [few] يُمحى بعد { $count } عبارات مرور خاطئة متتالية
   *[other] يُمحى بعد { $count } عبارة مرور خاطئة متتالية
}
team-rules-attempts-off = موقوف: لا يُمحى الجهاز أبدًا بسبب عبارات المرور الخاطئة
team-rules-off = موقوف
team-rules-default = { $value } (الافتراضي)
team-rules-other = عدد آخر، من { $min } إلى { $max }
team-rules-lease-label = أيام بلا مزامنة
team-rules-lease-text = الجهاز الذي لم يُزامَن منذ هذا العدد من الأيام يُمحى عند فتح قفله التالي، حتى لا يحتفظ جهاز ضائع بسجلات الفريق طويلًا. زامِن مرة على الأقل خلال هذه المدة. ينطبق هذا على أجهزة المشرفين أيضًا: يُستبدل الجهاز الضائع بعدة الاسترداد (الفريق الذي أُنشئ قبل وجود العدد يبقي جهاز مشرفه مستثنى).
team-rules-lease-value = { $count ->
    [one] يُمحى بعد يوم واحد بلا مزامنة
    [two] يُمحى بعد يومين بلا مزامنة
    [few] يُمحى بعد { $count } أيام بلا مزامنة
   *[other] يُمحى بعد { $count } يومًا بلا مزامنة
}
team-rules-lease-other = عدد الأيام، من { $min } إلى { $max }
team-rules-save = حفظ قواعد الفريق
team-rules-saving = جارٍ الحفظ…
team-rules-saved = تم الحفظ. تطبّق الأجهزة الأخرى القواعد الجديدة عند مزامنتها التالية.

# outreach counting
group-topic-rights = حقوق العمّال
group-topic-job_placement_protocol = بروتوكول الإدماج في العمل
group-topic-health = الصحة
group-topic-housing = السكن
group-topic-documents = الوثائق والتصاريح
group-topic-safety_at_work = السلامة في العمل
group-topic-other = أخرى

# case flow
case-title = الحالة
case-closed-because = مغلقة: { $reason }
case-operator = المسؤول عن الحالة:
case-since = متكفَّل بها منذ { $date }
case-take = التكفّل بالحالة
case-change-operator = تغيير المسؤول عن الحالة
case-pick-operator = من المسؤول عن هذه الحالة؟
case-members-loading = جارٍ تحميل الفريق…
case-goals = أهداف الخطة
case-goals-none = لا أهداف بعد.
case-goal-new = هدف جديد
case-goal-done = تحقّق
case-close = إغلاق الحالة…
case-close-reason = لماذا تُغلق الحالة؟
case-close-confirm = إغلاق الحالة
case-reopen = إعادة فتح الحالة
case-event-taken_in_charge = التكفّل بالحالة
case-event-goal_set = تحديد هدف
case-event-goal_done = تحقيق هدف
case-event-closed = إغلاق الحالة
case-event-reopened = إعادة فتح الحالة
case-event-intake_started = بدء المقابلة
close-reason-goal_reached = تحقّق الهدف، استقلالية
close-reason-moved_away = انتقل إلى مكان آخر
close-reason-lost_contact = انقطع التواصل
close-reason-declined = رفض مزيدًا من الدعم
close-reason-other = سبب آخر
close-reason-referred_on = أُحيل إلى مشروع آخر
close-reason-deceased = متوفّى
goal-state-open = مفتوح
goal-state-done = تحقّق
goal-state-dropped = متروك
followup-kind-permit_renewal = تجديد تصريح الإقامة
followup-kind-referral_check = كيف جرى موعد الإحالة؟
followups-title = المتابعات
followups-open-none = لا متابعات مفتوحة.
followup-overdue = متأخرة
followup-done = تمّت
followup-move = تأجيل
followup-done-note = ما الذي تمّ (اختياري)
followup-done-save = تسجيل أنها تمّت
followup-move-to = التاريخ الجديد
followup-move-save = النقل إلى هذا التاريخ
referrals-title = الإحالات
referral-made = أُرسلت في { $date }
referral-step = ماذا حدث بعد ذلك؟
referral-step-date = في
referral-step-note = ملاحظة (اختيارية)
referral-step-save = حفظ
timeline-by = بواسطة { $name }
timeline-outcome = نتيجة الإحالة
sheet-title = ورقة الإحالة (PDF)
sheet-service = ورقة للخدمة (بالإيطالية)
sheet-worker = نسخة للعامل
sheet-saved = حُفظت الورقة في مجلد التصدير في التطبيق:
sender-needed = تذكر الأوراق الجهة التي تُحيل. أدخلها مرة واحدة:
sender-team = المنظمة أو الفريق
sender-contact = وسيلة الاتصال (هاتف أو بريد إلكتروني)
sender-operator = الموظف الذي يتابع الإحالات (اختياري)
sender-save = حفظ وإنشاء الورقة
consents-title = الموافقات
consents-none = لا موافقة مسجّلة.
consent-purpose-intake = المقابلة
consent-purpose-referral = الإحالة
consent-purpose-reporting = التقارير
consent-given-on = أُعطيت في { $date }
consent-withdrawn-on = سُحبت في { $date }
consent-withdraw = سحب
consent-withdraw-text = تبقى الإحالات التي تمّت مسجّلة كما تمّت؛ لا إحالة جديدة ولا ورقة لخدمة بموجب هذه الموافقة.
consent-withdraw-confirm = سحب الموافقة

# quick contacts, places, outreach tally, conflicts (screens)
action-contact = تواصل سريع
contact-title = تواصل سريع
contact-text = لقاء أول بدون مقابلة. يمكن أن يصبح مقابلة لاحقًا.
contact-alias = الاسم المُعطى، أو وصف
contact-place = أين
contact-language = اللغة المحكية
contact-given = ما تمّ تسليمه
contact-said = ما قيل (اختياري)
contact-recontact = هل يمكن للفريق التواصل مع هذا الشخص مرة أخرى؟
contact-save = حفظ التواصل
contact-quick-on = تواصل سريع في { $date }، بدون مقابلة بعد.
contact-to-intake = بدء المقابلة
contact-badge = تواصل سريع
contact-recontact-how = كيف يمكن للفريق التواصل معه؟
contact-phone = رقم هاتفه
field-recontact-how = التواصل مرة أخرى
nav-places = الأماكن
places-title = أماكن الفريق
places-text = نقاط الاستماع ونقاط التجمّع وأماكن أخرى، مشتركة مع الفريق. تختار السجلات مكانًا من هذه القائمة.
place-municipality = البلدية (اختياري)
place-add = إضافة المكان
places-list = الأماكن
place-none = لم يُختر مكان
place-all = كل الأماكن
place-retired = لم يعد مستخدمًا
place-retire = إيقاف الاستخدام
place-restore = الاستخدام من جديد
outreach-start = بدء العدّ
outreach-continue = متابعة العدّ
outreach-counting = العدّ
outreach-total = الأشخاص الذين التقيناهم: { $count }
tally-women = نساء
tally-men = رجال
tally-not-stated = الجنس غير مذكور
tally-minors = منهم قاصرون
outreach-nationalities = الجنسيات الرئيسية التي رأيناها
outreach-nationality-add = جنسية أخرى
outreach-members = أعضاء الفريق الحاضرون
outreach-done = انتهى العدّ
group-title = اللقاءات الجماعية
group-topic = الموضوع
group-attendance = عدد الحاضرين
group-attendance-n = { $count ->
    [one] حاضر واحد
   *[other] { $count } حاضرين
}
group-follow-up-n = { $count ->
    [one] طلب شخص واحد متابعة
   *[other] طلب { $count } متابعة
}
group-follow-up = طلب أحدهم متابعة
group-add = إضافة اللقاء الجماعي
conflicts-title = كتب جهازان قيمتين مختلفتين
conflicts-text = أثناء انقطاع الاتصال، غيّر جهازان الحقل نفسه. احتفظ التطبيق بقيمة واحدة؛ اختر القيمة الصحيحة.
conflict-field = الحقل
conflict-empty = (فارغ)
conflict-written-by = كُتبت على { $name }
conflict-unknown-device = كُتبت على جهاز لم يعد في الفريق
conflict-kept = المعروضة الآن
conflict-keep = الاحتفاظ بهذه القيمة
field-phone = الهاتف
field-alias = الاسم
field-birth-year = سنة الميلاد
field-permit = تصريح الإقامة
field-permit-expiry = انتهاء صلاحية التصريح
field-employer-area = مكان العمل
field-sex = الجنس

# roles, handover and the recovery kit (screens)
role-operator = مشغّل
role-mediator = وسيط
approve-role = دور الأجهزة التي تتمّ الموافقة عليها
roles-explain = المشغّل: المقابلات والحالات وأوراق الإحالة. الوسيط: المقابلات والاتصالات السريعة فقط، دون تولّي الحالات ودون أوراق الإحالة. المشرف: أيضًا التقارير والمحو وإدارة الفريق.
role-change = غيّر الدور
role-change-label = الدور الجديد لـ { $name }
role-change-ask = سيصبح دور { $name }: { $role }. يُوقَّع التغيير في قائمة أجهزة الفريق، ويطبّقه كل جهاز عند المزامنة التالية.
role-deputy-hint = يستطيع المشرف الثاني (النائب) أن يقوم بكل ما يقوم به المشرف.
role-change-save = احفظ الدور الجديد
role-changed = تمّ تغيير الدور. يطبّقه كل جهاز عند المزامنة التالية.
handover = سلّم دور المشرف
handover-ask = سيصبح { $name } المشرف، ويصبح هذا الجهاز جهاز مشغّل: لن يستطيع بعد الآن الموافقة على الأجهزة أو إزالتها أو تغيير الأدوار.
handover-confirm = سلّم الدور إلى { $name }
handover-done = تمّ تسليم دور المشرف. أصبح هذا الجهاز جهاز مشغّل.
recovery-kit-title = مجموعة الاستعادة
recovery-kit-text = اطبع هذه الصفحة وضعها في ظرف داخل خزنة المكتب. إذا فُقدت كل أجهزة المشرفين، يتولّى جهاز جديد الفريق بهذه المجموعة. ويستطيع أي شخص يحملها أن يفعل الشيء نفسه: احفظها في مكان مقفل.
recovery-kit-once = لا تظهر إلا إلى أن تؤكّد أنها طُبعت: بعد ذلك ينساها هذا الجهاز.
recovery-kit-qr = رمز QR لمجموعة الاستعادة
recovery-kit-code = رمز الاستعادة
recovery-kit-print = اطبع
recovery-kit-printed = طُبعت ووُضعت في الخزنة
recovery-kit-later = لاحقًا
recovery-kit-banner = لم تُطبع مجموعة الاستعادة بعد. اطبعها وضعها في خزنة المكتب.
recovery-kit-show = اعرض مجموعة الاستعادة
recovery-kit-new-text = إذا كان من الممكن أن يكون أحد قد رأى المجموعة، أو إذا فُقدت، فأنشئ مجموعة جديدة: تتوقّف القديمة عن العمل فورًا.
recovery-kit-new = أنشئ مجموعة استعادة جديدة
recovery-kit-new-confirm = أنشئها: تتوقّف المجموعة القديمة عن العمل
recoveries-title = عمليات استعادة الفريق
recovered-line = تولّى { $name } دور المشرف باستخدام مجموعة الاستعادة في { $date }.
team-recover-title = استعد الفريق بمجموعة الاستعادة
team-recover-text = فقط إذا فُقدت كل أجهزة المشرفين: يتولّى هذا الجهاز دور المشرف برمز المجموعة المحفوظة في خزنة المكتب.
recovery-kit-qr-image = أو اختر صورة لرمز QR الخاص بالمجموعة (PNG)
team-recover = استعد الفريق

# the supervisor's key lease once the team has a recovery kit
lease-supervisor = { $days ->
    [one] مثل كل أجهزة الفريق، يجب أن يُزامَن جهاز المشرف هذا أيضًا: بقي يوم واحد قبل أن تنتهي صلاحية مفاتيحه. إذا فُقد، تأتي مجموعة الاستعادة بمشرف جديد.
    [two] مثل كل أجهزة الفريق، يجب أن يُزامَن جهاز المشرف هذا أيضًا: بقي يومان قبل أن تنتهي صلاحية مفاتيحه. إذا فُقد، تأتي مجموعة الاستعادة بمشرف جديد.
    [few] مثل كل أجهزة الفريق، يجب أن يُزامَن جهاز المشرف هذا أيضًا: بقيت { $days } أيام قبل أن تنتهي صلاحية مفاتيحه. إذا فُقد، تأتي مجموعة الاستعادة بمشرف جديد.
   *[other] مثل كل أجهزة الفريق، يجب أن يُزامَن جهاز المشرف هذا أيضًا: بقي { $days } يومًا قبل أن تنتهي صلاحية مفاتيحه. إذا فُقد، تأتي مجموعة الاستعادة بمشرف جديد.
}

# programme screen
nav-programme = البرنامج
programme-title = تنسيق البرنامج
programme-setup-text = يمكن لهذا الجهاز أن يجمع تقارير فرق برنامج واحد (فريق لكل منطقة أو محافظة) وأن يجمع أعدادها. لا يتلقى سوى أعداد كل فريق عن فترة ما، مختومة لهذا الجهاز: لا سجلات ولا أسماء. الجهاز الذي ينسق لا يمكن أن يكون أيضًا في فريق.
programme-name = اسم البرنامج
programme-init = نسّق البرنامج من هذا الجهاز
programme-intro = يرسل مشرفو الفرق إلى هذا الجهاز أعدادهم عن فترة ما في ملف حزمة. هنا تضيف الفرق وتستورد حزمها وترى تقرير البرنامج.
programme-fingerprint = بصمة المنسق:
programme-key-title = رمز المنسق للفرق
programme-key-text = أعطِ هذا الرمز، أو رمز QR الخاص به مطبوعًا، لمشرف كل فريق: يختم جهازه أعداد الفريق له. لا يحتوي على أي سر.
programme-key-show = اعرض رمز المنسق
programme-key-qr = رمز QR لرمز المنسق
programme-key-code = رمز المنسق
programme-teams-title = فرق البرنامج
programme-no-teams = لا توجد فرق بعد: أضف كل فريق برمز الفريق الذي يعطيك إياه مشرفه.
programme-team-nothing = لم يصل شيء بعد.
programme-team-sent = { $count ->
    [one] وصلت فترة واحدة:
   *[other] عدد الفترات التي وصلت: { $count }
}
programme-period = { $from } – { $to }
programme-add-team-title = أضف فريقًا
programme-add-team-text = يعطيك مشرف الفريق رمز الفريق من جهازه. لا تُقبل للفريق إلا الحزم الموقعة من ذلك الجهاز.
programme-team-code = رمز الفريق
programme-team-name = اسم الفريق في البرنامج (اختياري)
programme-add-team = أضف الفريق
programme-team-added = أُضيف { $name } إلى البرنامج.
programme-import-title = استورد حزم الفرق
programme-import-text = اختر ملفات الحزم التي أرسلتها الفرق (يمكن عدة ملفات معًا). يُفحص كل ملف قبل حفظ أي منها: إذا فشل واحد، لا يُستورد شيء.
programme-import-pick = اختر ملفات الحزم
programme-imported-line = { $name }، { $period }: { $status }
programme-import-added = أُضيفت
programme-import-replaced = تحل محل حزمة أقدم
programme-import-older = لم تُحفظ، توجد هنا حزمة أحدث
programme-report-title = تقرير البرنامج
programme-report-text = أعداد الفرق عن الفترة، مجموعة. في المجموع، تُخفى أعداد الأشخاص التي تقل عن الحد.
programme-periods-label = الفترات التي وصلت
programme-included-title = الفرق في هذا التقرير
programme-team-in = مشمول
programme-team-missing = لا توجد حزمة لهذه الفترة
programme-option-title = تنسيق برنامج
programme-option-text = يمكن لجهاز ليس في أي فريق أن يجمع أعداد فرق برنامج ما وأن يدمج تقاريرها.
programme-open = افتح البرنامج
programme-init-open = اضبطه كمنسق
programme-send-title = أرسل إلى البرنامج
programme-send-text = إذا كان فريقك يرفع تقاريره إلى منسق برنامج (للمحافظة أو للإقليم)، فأرسل إليه أعداد الفريق عن الفترة المختارة أعلاه. لا يخرج من هذا الجهاز سوى أعداد، مختومة بحيث لا يفتحها إلا المنسق: لا سجلات ولا أسماء.
programme-send-code-title = رمز الفريق للمنسق
programme-send-code-text = أعطِ هذا الرمز مرة واحدة، أو رمز QR الخاص به مطبوعًا، لمنسق البرنامج: به لا يقبل إلا الأعداد الموقعة من هذا الجهاز.
programme-send-code-show = اعرض رمز الفريق
programme-send-code-qr = رمز QR لرمز الفريق
programme-send-package-title = الأعداد من { $from } إلى { $to }
programme-send-package-text = الصق الرمز الذي أعطاك إياه المنسق (يبدأ بـ ponteprog1:‎). يُحفظ ملف على هذا الجهاز: أرسله إلى المنسق.
programme-send-publish = احفظ الأعداد للمنسق
programme-send-done = حُفظت لـ { $programme }. أرسل هذا الملف إلى المنسق:
programme-send-check = تحقق من أن هذه البصمة هي التي أعطاك إياها المنسق.

# restrict
restrict-title = من يمكنه قراءة هذا السجل
restrict-open-now = يمكن لكل أعضاء الفريق قراءته.
restrict-only = لا يمكن قراءته إلا لهؤلاء الأعضاء:
restrict-start = قصره على بعض الأعضاء
restrict-change = غيّر من يمكنه قراءته
restrict-lift = افتحه للفريق كله
restrict-pick = اختر الأعضاء الذين يمكنهم قراءة هذا السجل:
restrict-always = هذا الجهاز ومشرفو الفريق يحتفظون به دائمًا.
restrict-next = متابعة
restrict-ask = لن يتمكن من قراءة هذا السجل إلا { $names } ومشرفو الفريق. تفقده الأجهزة الأخرى عند مزامنتها التالية.
restrict-confirm = اقصر السجل
restrict-done = السجل مقصور الآن.
restrict-lift-ask = سيتمكن كل أعضاء الفريق من قراءة هذا السجل من جديد بعد مزامنتهم التالية.
restrict-lift-confirm = افتحه للفريق كله
restrict-lifted = يمكن للفريق كله قراءة السجل من جديد.

# audit review
audit-title = مراجعة السجلات
audit-text = ما فعله كل جهاز في الفريق، من سجله المحمي من التلاعب، الذي يصل مختومًا إلى المشرفين عند كل مزامنة له. السجل المكسور أو الذي لم يصل يظهر أولًا باللون الأحمر، والجهاز الذي رفض قيودًا من خادم المزامنة باللون البرتقالي. اضغط على جهاز لترى قيوده.
audit-team-text = من فتح ماذا أو غيّره أو صدّره، جهازًا جهازًا، وهل سجل كل جهاز سليم.
audit-open = راجع سجلات الأجهزة
audit-back = كل الأجهزة
audit-device-title = سجل { $name }
audit-former-device = جهاز سابق { $id }
audit-state-ok = السجل سليم
audit-state-broken = السجل مكسور
audit-state-missing = لم يصل السجل
audit-entries = { $count ->
    [one] قيد واحد
   *[other] عدد القيود: { $count }
}
audit-last = آخرها في { $date }
audit-no-entries = لا توجد قيود.
audit-problem-wrong-trail-id = وصل السجل بهوية جهاز آخر.
audit-problem-written-by-another-device = كتب جهاز آخر في سجل هذا الجهاز.
audit-problem-gap = هناك قيود ناقصة، ابتداءً من القيد { $n }.
audit-problem-altered = جرى التلاعب بالسجل عند القيد { $n }.
audit-problem-audit-broken = حُذف سجل الجهاز نفسه أو جرى التلاعب به (اكتُشف عند القيد { $n }).
audit-problem-trail-restarted = فقد الجهاز سجله وبدأ سجلًا جديدًا (عند القيد { $n }).
audit-problem-unreadable-entries = لا يمكن قراءة { $n } من أجزاء السجل.
audit-problem-no-trail-received = لم يصل أي سجل من هذا الجهاز: لم يتزامن منذ انضمامه، أو حُذف سجله.
audit-problem-unknown = في السجل مشكلة لا يستطيع هذا الإصدار من التطبيق وصفها.
audit-refused = { $count ->
    [one] رفض قيدًا واحدًا وصل من خادم المزامنة ولم يكتبه الفريق (مزوّر أو غير مقروء): ربما اختُرق الخادم.
    [two] رفض قيدين وصلا من خادم المزامنة ولم يكتبهما الفريق (مزوّرين أو غير مقروءين): ربما اختُرق الخادم.
   *[other] رفض { $count } من القيود التي وصلت من خادم المزامنة ولم يكتبها الفريق (مزوّرة أو غير مقروءة): ربما اختُرق الخادم.
}
audit-action-create = إنشاء
audit-action-view = فتح
audit-action-edit = تعديل
audit-action-erase = محو
audit-action-export = تصدير
audit-action-refused = رفض
audit-action-team = إجراء على الفريق
audit-action-search = بحث
audit-action-quarantine = قيود مرفوضة
audit-action-referral_sheet = ورقة إحالة
audit-action-audit-broken = السجل مكسور
audit-action-trail-restarted = بدء سجل جديد
audit-action-withheld = أُزيلت النسخة (لم يعد من القرّاء)
audit-record-title = من فتح هذا السجل
audit-record-text = ما فتحه كل جهاز من هذا السجل أو غيّره أو صدّره، من الأحدث، بقدر ما وصلت سجلاتها إلى هذا الجهاز.
audit-record-show = اعرض من فتحه

# errors as the app words them (no CLI commands)
app-error-not-initialized = لم يعد المخزن المشفّر موجودًا على هذا الجهاز: فقد مُحي أو استُبدل. لم يُفتح شيء.
app-error-usage = هناك شيء ناقص أو غير مقبول (يجب مثلًا أن يتكوّن اسم الجهاز من 1 إلى 64 حرفًا). تحقّق مما أدخلته وحاول مرة أخرى. لم يُغيَّر شيء.
app-error-no-team = هذا الجهاز ليس في فريق. أنشئ فريقًا أو انضم إلى فريق من شاشة «الفريق».
app-error-report-bad-date = تحتاج الفترة إلى تاريخين: اختر تاريخ «من» وتاريخ «إلى».
app-error-sheet-no-sender = تذكر الأوراق الجهة التي تُحيل: أدخلها أولًا (المنظمة أو الفريق ووسيلة الاتصال)، ثم أنشئ الورقة من جديد. لم يُكتب شيء.
app-error-case-no-operator = هذا الجهاز ليس في فريق، لذلك ليس له اسم يُسجَّل به من قام بذلك: انضم أولًا إلى فريق من شاشة «الفريق». لم يُغيَّر شيء.
app-error-case-date-future = هذا يسجّل أمرًا حدث بالفعل: اختر اليوم أو يومًا سابقًا. لم يُغيَّر شيء.
app-error-contact-no-recontact = حدِّد ما إذا كان يمكن للفريق التواصل مع هذا الشخص مرة أخرى. لم يُغيَّر شيء.
app-error-contact-way-without-yes = لا تُسجَّل طريقة التواصل مرة أخرى إلا إذا وافق الشخص على أن نتواصل معه: اختر «نعم». لم يُغيَّر شيء.
app-error-contact-phone-without-way = لا يُسجَّل رقم الهاتف إلا إذا وافق الشخص على مكالمة أو رسالة: اختر «بالهاتف». لم يُغيَّر شيء.
app-error-place-unknown = هذا المكان ليس في قائمة أماكن الفريق (انظر شاشة «الأماكن»). لم يُغيَّر شيء.
app-error-conflict-none = لم يعد في هذا الحقل تعارض (ربما حُلّ من قبل). لم يُغيَّر شيء.
app-error-conflict-unknown-device = لم يكتب ذلك الجهاز أيّ قيمة من قيم هذا التعارض: افتح السجل من جديد واحتفظ بإحدى القيم التي يعرضها. لم يُغيَّر شيء.
app-error-programme-not-coordinator = هذا الجهاز ليس منسّق برنامج: اضبطه أولًا من شاشة «الفريق» («اضبطه كمنسق»).
app-error-programme-name-taken = يوجد في البرنامج فريق آخر باسم { $name }: أعطِ هذا الفريق اسمًا آخر. لم يُغيَّر شيء.
app-error-restrict-unknown-device = الجهاز { $device } لم يعد في قائمة أجهزة الفريق: اختر الأعضاء من جديد. لم يتغيّر شيء.
app-error-restrict-no-devices = اختر عضوًا واحدًا على الأقل يمكنه قراءة هذا السجل، أو افتحه للفريق كله. لم يتغيّر شيء.
app-error-restrict-ambiguous-device = يحمل أكثر من جهاز في الفريق الاسم { $device }: اختر الأعضاء من جديد من القائمة. لم يتغيّر شيء.
app-error-audit-trail-record = هذا السجل هو سجل التدقيق الخاص بأحد الأجهزة: لا تعرضه إلا مراجعة السجلات («راجع سجلات الأجهزة» في شاشة «الفريق»)، ولا يمكن لأحد تعديله أو محوه. لم يتغيّر شيء.
app-error-audit-unknown-device = لا يوجد جهاز في الفريق، ولا سجل تدقيق، باسم { $device }: عُد إلى «كل الأجهزة» واختر جهازًا من القائمة. لم يُعرض شيء.

duress-title = عبارة مرور الإكراه
duress-explain = عبارة مرور ثانية لحين يجبرك أحد على فتح التطبيق. إذا كُتبت عند الفتح تمحو بصمت كل السجلات على هذا الجهاز وتفتح تطبيقًا فارغًا. اختر عبارة تتذكرها تحت الضغط، مختلفة عن عبارة مرورك.
duress-new = عبارة مرور الإكراه
duress-confirm = أعد كتابة عبارة مرور الإكراه
duress-set = احفظ عبارة مرور الإكراه
duress-saved = حُفظت. تحل محل أي عبارة إكراه سابقة.
error-duress-mismatch = عبارتا مرور الإكراه غير متطابقتين.

referral-share = إلى جانب الاسم واللغات، يوافق الشخص على مشاركة ما يلي مع هذه الخدمة:
referral-appointment = الموعد (إن حدّدته الخدمة)
referral-appointment-date = اليوم
referral-appointment-time = الساعة
referral-appointment-ask-for = اسأل عن
referral-appointment-bring = أحضر
referral-note = ملاحظة للخدمة (اختيارية)

## Places from the team's list, team members from the roster (app wording)
app-error-place-unknown-name = لا يوجد في قائمة أماكن الفريق مكان مستخدم باسم «{ $name }»: اختر مكانًا من القائمة (انظر شاشة «الأماكن»)، أو أضفه هناك أولًا. لم يُغيَّر شيء.
app-error-place-mismatch = هنا مكانان مختلفان من قائمة أماكن الفريق: اختر مكانًا واحدًا. لم يُغيَّر شيء.
app-error-outreach-member-unknown = عضو في الفريق مكتوب بالاسم ليس من الفريق: اختر الأعضاء من قائمة الفريق. لم يُغيَّر شيء.

## A goal dropped; what a follow-up due is
case-goal-drop = اترك الهدف
case-event-goal_dropped = ترك هدف
due-followup = متابعة

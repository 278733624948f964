# Messages of the `ponte` command line and of store errors shared with the app, in Arabic
# (Modern Standard Arabic, kept simple). Source: locales/en/cli.ftl. DRAFT: not yet reviewed.
# Arguments are never record content: only counts, line numbers and field paths.

error-internal = خطأ داخلي. لم يُعرض أي شيء من بياناتك؛ يُرجى إبلاغ مشرف الفريق.
error-not-initialized = لا يوجد مخزن Ponte في هذا المجلد الرئيسي. نفّذ "ponte init" أولًا.
error-already-initialized = يوجد مخزن Ponte في هذا المجلد الرئيسي من قبل.
error-passphrase-too-short = عبارة المرور قصيرة جدًا: يجب ألا يقل عدد أحرفها عن { $min }.
error-duress-same-as-passphrase = يجب أن تختلف عبارة مرور الإكراه عن عبارة المرور التي تفتح هذا الجهاز. لم يتغير شيء.
error-wrong-passphrase = عبارة المرور خاطئة. لم يتغير شيء.
error-wrong-passphrase-final-tries = عبارة المرور خاطئة. { $left ->
    [one] بقيت محاولة واحدة
   *[other] بقيت { $left } محاولات
} قبل أن يمحو هذا الجهاز نفسه.
error-unlock-delayed = عبارات مرور خاطئة كثيرة. انتظر { $seconds ->
    [one] ثانية واحدة
   *[other] { $seconds } ثانية
} قبل المحاولة مرة أخرى؛ لم تُحتسب هذه المحاولة.
error-erased-after-failures = مُحي مخزن هذا الجهاز بعد { $attempts } عبارات مرور خاطئة متتالية. لم تعد سجلاته موجودة؛ للعمل من جديد أنشئ مخزنًا جديدًا واطلب من المشرف تسجيل هذا الجهاز.
error-corrupt = المخزن تالف أو تم العبث به. لم يتغير شيء؛ استعد البيانات من جهاز آخر عن طريق المزامنة.
error-store-newer-version = أُنشئ هذا المخزن بإصدار أحدث من Ponte: حدِّث Ponte لفتحه. لم يُغيَّر شيء.
error-not-found = لا يوجد سجل بهذا المعرّف.
error-wrong-kind = هذا المعرّف يخص سجلًا من نوع آخر.
error-invalid = السجل غير صالح ({ $count ->
    [one] مشكلة واحدة
    [two] مشكلتان
    [few] { $count } مشكلات
    [many] { $count } مشكلة
   *[other] { $count } مشكلة
  }): { $problems }
error-audit-broken = لا يمكن التحقق من سجل التدقيق (المدخل { $seq }): ربما تم العبث به.
error-busy = المخزن مستخدم من قِبل برنامج آخر. حاول مرة أخرى.
error-too-large-to-sync = هذا التعديل أكبر من أن يُرسل إلى الفريق (أكثر من 1 ميغابايت دفعة واحدة). لم يُحفظ شيء: قسّمه إلى أجزاء أصغر.
error-io = تعذّرت قراءة ملف أو كتابته.
error-database = أبلغت قاعدة البيانات عن خطأ.
error-bad-id = هذا ليس معرّف سجل (32 حرفًا ست عشريًا).
error-bad-json = المدخلات ليست JSON صالحًا (السطر { $line }، العمود { $column }).
error-bad-json-line = ليس JSON صالحًا
error-not-an-object = ليس كائن JSON
error-bad-kind = نوع سجل غير معروف
error-read-input = تعذّرت قراءة المدخلات.
error-write-output = تعذّرت كتابة المخرجات.
error-no-passphrase = لا توجد عبارة مرور: عيّن PONTE_PASSPHRASE أو شغّل البرنامج في طرفية.
error-passphrase-mismatch = عبارتا المرور مختلفتان. لم يُنشأ شيء.
error-bad-filter = قيمة تصفية غير معروفة.
error-import = لم يُستورد شيء: توجد مشكلات { $count ->
    [one] في سطر واحد
    [two] في سطرين
    [few] في { $count } أسطر
    [many] في { $count } سطرًا
   *[other] في { $count } سطر
  }. { $lines }
import-line = السطر { $line }: { $problem }

## Validation problems (ponte-model ErrorCode), shown after the field path.
validation-not-an-object = يجب أن يكون كائن JSON
validation-unknown-field = ليس حقلًا معروفًا
validation-required = مطلوب
validation-wrong-type = نوعه غير صحيح
validation-too-long = طويل جدًا
validation-empty = يجب ألا يكون فارغًا
validation-invalid-code = ليس رمزًا معروفًا
validation-invalid-date = ليس تاريخًا صالحًا (YYYY-MM-DD)
validation-invalid-time = ليس وقتًا صالحًا (HH:MM، بنظام 24 ساعة)
validation-out-of-range = خارج النطاق المسموح
validation-referral-without-consent = لا توجد له موافقة مطابقة على الإحالة أُعطيت في تاريخه أو قبله (ولم تُسحب قبله)
validation-override-reason-required = يحتاج إلى سبب لتغيير المستوى المحسوب
validation-invalid-id = ليس معرّفًا صالحًا
validation-too-many = فيه عناصر أكثر من اللازم
validation-not-allowed = غير مسموح به هنا
validation-kept-as-history = جزء من السجل: يمكن إعادة إرساله دون تغيير، ولا يمكن تغييره أو حذفه (أضف إدخالًا جديدًا بدلًا من ذلك)
error-usage = وسائط غير صحيحة: انظر "ponte --help".

## Team and sync
error-network = لا يمكن الوصول إلى خادم المزامنة. سجلاتك آمنة على هذا الجهاز؛ زامِن مرة أخرى عندما تتوفر الشبكة.
error-protocol = أرسل خادم المزامنة جوابًا لا يفهمه هذا الإصدار. لم يتغير شيء.
error-relay-answer-too-large = أرسل خادم المزامنة جوابًا أكبر مما يسمح به البروتوكول، فتوقف هذا الجهاز عن قراءته. لم يتغير شيء. أبلغ المشرف: قد يكون خادم المزامنة مُخترَقًا.
error-no-team = هذا الجهاز ليس في فريق. أنشئ فريقًا ("ponte team create") أو انضم إلى فريق ("ponte join").
error-already-in-team = هذا الجهاز عضو في فريق من قبل.
error-not-supervisor = لا يستطيع القيام بهذا إلا مشرف الفريق.
error-bad-invite = هذا ليس رمز دعوة صالحًا.
error-invite-bad-ttl = يجب أن تبقى الدعوة صالحة ثانية واحدة على الأقل و{ $max_days } يومًا على الأكثر. لم يُرسَل شيء.
error-bad-relay-code = هذا ليس رمز خادم مزامنة صالحًا: من 1 إلى 256 محرفًا (حروف لاتينية وأرقام ورموز)، دون مسافات.
error-not-approved = لم يوافق المشرف على هذا الجهاز بعد. زامِن مرة أخرى بعد الموافقة.
error-bad-roster = قائمة أجهزة الفريق لا تنبثق من القائمة التي يعرفها هذا الجهاز: غير موقّعة من أحد مشرفي الفريق، أو أقدم منها. لم يتغير شيء.
error-no-such-device = لا يوجد جهاز كهذا في الانتظار أو مسجّل في الفريق.
error-revoked = أُزيل هذا الجهاز من الفريق، ومُحيت سجلاته منه.
error-lease-expired = لم يُزامَن هذا الجهاز مع فريقه منذ أكثر من { $days } يومًا: مُحيت مفاتيحه وسجلاته. للعمل من جديد أنشئ مخزنًا جديدًا واطلب من المشرف تسجيل هذا الجهاز من جديد.
error-relay-malformed = رفض خادم المزامنة طلبًا غير سليم.
error-relay-too-large = رفض خادم المزامنة طلبًا كبيرًا جدًا.
error-relay-rate-limited = يتلقى خادم المزامنة طلبات كثيرة جدًا من هذا الجهاز أو من شبكته. حاول مرة أخرى لاحقًا.
error-relay-bad-signature = رفض خادم المزامنة توقيع الطلب.
error-relay-stale-request = رفض خادم المزامنة وقت الطلب: تحقق من ساعة هذا الجهاز.
error-relay-replayed-request = رفض خادم المزامنة طلبًا مكررًا.
error-relay-unknown-device = لا يعرف خادم المزامنة هذا الجهاز في هذا الفريق.
error-relay-request-timeout = توقف خادم المزامنة عن انتظار طلب هذا الجهاز. زامِن مرة أخرى.
error-relay-device-revoked = أُزيل هذا الجهاز من الفريق.
error-relay-not-supervisor = لا يقبل خادم المزامنة هذا إلا من المشرف.
error-relay-team-exists = يوجد على خادم المزامنة فريق بهذا المعرّف من قبل.
error-relay-team-creation-closed = لا ينشئ خادم المزامنة هذا فريقًا إلا برمز الخادم، ولم يُعطَ رمز أو أُعطي رمز خاطئ. اطلب الرمز ممن يدير خادم المزامنة وأنشئ الفريق مرة أخرى به.
error-relay-invite-exists = هذه الدعوة موجودة من قبل.
error-relay-bad-roster = رفض خادم المزامنة قائمة الأجهزة.
error-relay-bad-roster-signature = رفض خادم المزامنة توقيع قائمة الأجهزة.
error-relay-stale-roster = توجد قائمة أجهزة أحدث: زامِن ثم حاول مرة أخرى.
error-relay-roster-behind = تغيرت قائمة أجهزة الفريق منذ آخر مزامنة لهذا الجهاز: زامِن مرة أخرى.
error-relay-bad-covers = رفض خادم المزامنة لقطة من البيانات.
error-relay-bad-token = لا يعرف خادم المزامنة هذه الدعوة.
error-relay-token-used = استخدم جهاز آخر هذه الدعوة من قبل.
error-relay-invite-expired = انتهت صلاحية هذه الدعوة: اطلب دعوة جديدة من المشرف.
error-relay-device-exists = هذا الجهاز في الفريق من قبل.
error-relay-record-erased = محا المشرف هذا السجل.
error-relay-not-found = لا يقدّم خادم المزامنة هذه الخدمة.
error-relay-method-not-allowed = لا يقدّم خادم المزامنة هذه الخدمة.
error-relay-internal = حدث عطل في خادم المزامنة. سجلاتك آمنة على هذا الجهاز؛ حاول مرة أخرى لاحقًا.
error-relay-unknown = رفض خادم المزامنة الطلب.
error-qr = تعذّر رسم الدعوة على شكل رمز QR.

## Reports (ponte report)
error-report-bad-date = تحتاج الفترة إلى تاريخين بصيغة YYYY-MM-DD (--from و --to).
error-report-bad-period = تنتهي الفترة قبل أن تبدأ.
error-report-period-range = يجب أن تقع فترة التقرير بين عامَي { $first } و{ $last }. لم يُكتب شيء.
error-report-no-font = تحتاج الرسوم البيانية إلى خط TrueType: ثبّت fonts-dejavu-core أو استخدم الخيار --font FILE. لم يُكتب شيء.
error-report-font = لا يمكن استخدام هذا الخط للرسوم البيانية. لم يُكتب شيء.
error-report-xlsx = تعذّر إنشاء جدول البيانات. لم يُكتب شيء.
error-report-chart = تعذّر رسم أحد الرسوم البيانية. لم يُكتب شيء.
error-report-json = تعذّر إنشاء التقرير. لم يُكتب شيء.
error-report-write = تعذّرت كتابة التقرير في ذلك المكان.

# Device services (ponte-device)
error-qr-too-large = الصورة أكبر من أن تُقرأ (16 ميغابايت و25 ميغابكسل على الأكثر).
error-report-bad-threshold = لا يمكن أن تتجاوز عتبة الإخفاء { $max }.
error-report-low-threshold = يجب ألا تقل عتبة الإخفاء عن { $min }: الأعداد الأصغر من الأشخاص قد تكشف هوية أحدهم. لم يُكتب شيء.
error-bad-setting = هذا الإعداد أطول من اللازم.
error-bad-unlock-attempts = يجب أن تكون محاولات فتح القفل رقمًا من { $min } إلى { $max }، أو off. لم يتغير شيء.
error-bad-lease-days = يجب أن تكون مدة صلاحية المفاتيح عددًا من الأيام من { $min } إلى { $max }. لم يتغير شيء.
error-removed-from-team = أُزيل هذا الجهاز من الفريق (بحسب قائمة الأجهزة الموقّعة من المشرف).
error-revocation-unproven = يقول خادم المزامنة إن هذا الجهاز أُزيل من الفريق، لكنه لم يستطع إظهار قائمة الأجهزة الموقّعة من المشرف. لم يُحذف شيء؛ توقفت المزامنة. أبلغ المشرف.
error-erasure-unproven = رفض خادم المزامنة تعديلات على سجل يقول إنه مُحي، لكنه لم يُظهر أي محو موقّع من المشرف. لم يُحذف شيء: التعديلات باقية على هذا الجهاز؛ توقفت المزامنة. أبلغ المشرف.

# lock and PIN
error-pin-too-short = الرمز السري قصير جدًا: استخدم { $min } أرقام على الأقل.
error-pin-too-long = الرمز السري طويل جدًا: استخدم { $max } رقمًا على الأكثر.
error-pin-not-digits = لا يجوز أن يحتوي الرمز السري إلا على الأرقام من 0 إلى 9.
error-pin-too-simple = هذا الرمز السري سهل التخمين جدًا (رقم واحد مكرر أو أرقام متتالية). اختر رمزًا آخر.
error-pin-same-as-passphrase = لا يجوز أن يكون الرمز السري هو عبارة المرور. اختر رمزًا آخر.
error-wrong-pin = الرمز السري خاطئ. { $left ->
    [one] بقيت محاولة واحدة
   *[other] بقيت { $left } محاولات
} قبل ألا يفتح التطبيق إلا بعبارة المرور.
error-pin-tries-spent = رموز سرية خاطئة كثيرة: لم يعد الرمز السري يعمل اليوم. أدخل عبارة المرور.
error-pin-expired = لم يعد الرمز السري لهذا اليوم يعمل: انتهى يوم العمل. أدخل عبارة المرور.
error-pin-not-set = لم يُعيَّن رمز سري لهذا اليوم. أدخل عبارة المرور.

# duress notice
error-relay-notice-limit = يحتفظ خادم المزامنة بالفعل بأقصى عدد من التنبيهات التي يقبلها من هذا الجهاز.

# referral sheet
error-sheet-unknown-person = لا يوجد شخص بهذا المعرّف. لم يُكتب شيء.
error-sheet-unknown-referral = ليس لهذا الشخص إحالة بهذا المعرّف. لم يُكتب شيء.
error-sheet-no-service = هذه الإحالة لا تذكر خدمة من الدليل: أضف service_id أولًا. لم يُكتب شيء.
error-sheet-unknown-service = الخدمة التي تذكرها هذه الإحالة ليست في الدليل. لم يُكتب شيء.
error-sheet-no-consent = لا توجد موافقة من هذا الشخص تغطي هذه الإحالة (موافقة على الإحالة إلى هذا النوع من الخدمات، في تاريخ الإحالة أو قبله). لم يُكتب شيء.
error-sheet-consent-withdrawn = سحب الشخص الموافقة التي تمت بها هذه الإحالة: لا يُشارك أي شيء آخر مع الخدمة. لم يُكتب شيء.
error-sheet-bad-language = يمكن إعداد نسخة العامل بإحدى اللغات: it أو en أو fr أو ar أو pa أو ur أو bn. لم يُكتب شيء.
error-sheet-no-sender = حدّد الفريق المُحيل أولًا: ponte referral sender --team NAME --contact PHONE. لم يُكتب شيء.
error-sheet-bad-sender = يجب ألّا يكون الفريق ووسيلة التواصل فارغين، وألّا يتجاوز كل منهما 200 حرف.
error-sheet-pdf = تعذّر إنشاء الاستمارة. لم يُكتب شيء.
error-consent-unknown = ليس لهذا الشخص موافقة بهذا المعرّف.
error-consent-bad-date = يجب أن يكون التاريخ بصيغة YYYY-MM-DD.
error-consent-already-withdrawn = سُحبت هذه الموافقة من قبل: لا يُنقل السحب ولا يُلغى. إذا وافق الشخص من جديد، سجِّل موافقة جديدة. لم يُغيَّر شيء.
error-consent-bad-share = البيان رقم { $item } المطلوب مشاركته ({ $share }) ليس مما يمكن أن تذكره موافقة الإحالة (birth_year, sex, nationality, phone, permit, sector, employer_area, housing, needs, screening, referral_note). لم يُكتب شيء.
error-consent-not-referral = موافقة الإحالة وحدها تذكر نوع خدمة وبيانات للمشاركة؛ أما موافقة { $purpose } فلا ({ $value }). لم يُكتب شيء.

# case flow
error-case-unknown-person = لا يوجد شخص بهذا المعرّف. لم يُغيَّر شيء.
error-case-bad-date = يجب أن يكون التاريخ يومًا حقيقيًا بصيغة YYYY-MM-DD. لم يُغيَّر شيء.
error-case-date-before = لا يمكن أن يكون تاريخ هذه الخطوة قبل تاريخ الخطوة التي تسبقها. لم يُغيَّر شيء.
error-case-date-future = تسجّل هذه الخطوة أمرًا حدث بالفعل: لا يمكن أن يكون تاريخها بعد اليوم. لم يُغيَّر شيء.
error-case-no-operator = اذكر من قام بذلك باستخدام ‎--by NAME‎ (هذا الجهاز ليس في فريق، لذلك ليس له اسم). لم يُغيَّر شيء.
error-case-bad-operator = يجب ألّا يكون الاسم فارغًا، وألّا يتجاوز 80 حرفًا. لم يُغيَّر شيء.
error-case-bad-reason = يجب أن يكون سبب الإغلاق واحدًا من goal_reached و moved_away و lost_contact و declined و referred_on و deceased و other. لم يُغيَّر شيء.
error-case-closed = الحالة مغلقة: أعد فتحها أولًا. لم يُغيَّر شيء.
error-case-not-closed = الحالة غير مغلقة، لذلك لا يمكن إعادة فتحها. لم يُغيَّر شيء.
error-case-bad-goal = يجب ألّا يكون الهدف فارغًا، وألّا يتجاوز 2000 حرف. لم يُغيَّر شيء.
error-case-unknown-goal = ليس لهذا الشخص هدف بهذا المعرّف. لم يُغيَّر شيء.
error-case-goal-not-open = هذا الهدف أُنجز أو تُرك من قبل. لم يُغيَّر شيء.
error-referral-unknown = ليس لهذا الشخص إحالة بهذا المعرّف. لم يُغيَّر شيء.
error-referral-bad-outcome = يجب أن تكون النتيجة واحدة من pending و accepted و completed و declined و no_show. لم يُغيَّر شيء.
error-referral-bad-step = لا يمكن أن تنتقل الإحالة إلى هذه النتيجة من نتيجتها الحالية (من pending إلى accepted أو declined أو no_show؛ ومن accepted إلى completed أو declined أو no_show؛ ومن no_show عودةً إلى pending؛ أما completed و declined فنهائيتان). لم يُغيَّر شيء.
error-followup-unknown = ليس لهذا الشخص متابعة بهذا المعرّف. لم يُغيَّر شيء.
error-followup-already-done = هذه المتابعة أُنجزت من قبل. لم يُغيَّر شيء.

# outreach counting
error-outreach-unknown = لا توجد جولة ميدانية بهذا المعرّف. لم يُغيَّر شيء.
error-outreach-bad-tap = يُكتب العدّ بالشكل ‎+N أو ‎-N (مثلًا ‎+1 أو ‎-1)، والجنسية أو المادة بالشكل CODE=+N. لم يُغيَّر شيء.
error-outreach-bad-nationality = يجب أن تكون الجنسية رمز بلد من حرفين (ISO 3166-1، مثلًا NG أو IN). لم يُغيَّر شيء.
error-outreach-bad-material = يجب أن تكون المادة واحدة من rights_leaflet و helpline_card و legal_info و health_kit و food و water و protective_equipment و other. لم يُغيَّر شيء.
error-outreach-count-too-large = لا يمكن أن يتجاوز العدد 10000 شخص (100000 للمادة الواحدة). لم يُغيَّر شيء.
error-outreach-minors-over-total = لا يمكن أن يكون عدد القاصرين أكبر من عدد الأشخاص الذين التقيتَ بهم: عُدَّ الشخص أولًا (امرأة أو رجل أو غير مُصرَّح)، ثم كقاصر. لم يُغيَّر شيء.
error-outreach-no-roster = ليس على هذا الجهاز قائمة الفريق بعد: انضمّ إلى فريق وقم بالمزامنة مرة بعد الموافقة. لم يُغيَّر شيء.
error-outreach-not-in-team = الجهاز { $device } ليس عضوًا في الفريق. لم يُغيَّر شيء.
error-outreach-bad-topic = يجب أن يكون الموضوع واحدًا من rights و job_placement_protocol و health و housing و documents و safety_at_work و other. لم يُغيَّر شيء.
error-outreach-bad-group = لا يمكن أن يكون مجموع النساء والرجال، ولا عدد القاصرين، أكبر من عدد الحاضرين، ويمكن أن تحتوي الملاحظة على 20000 حرف على الأكثر. لم يُغيَّر شيء.
error-outreach-unknown-group = ليس لهذه الجولة الميدانية لقاء جماعي بهذا المعرّف. لم يُغيَّر شيء.
error-outreach-unknown-person = لا يوجد شخص بهذا المعرّف على هذا الجهاز. لم يُغيَّر شيء.

# quick contacts and places
error-contact-bad-alias = اكتب اسمًا أو وصفًا قصيرًا للشخص (80 حرفًا على الأكثر). لم يُغيَّر شيء.
error-contact-no-recontact = حدِّد ما إذا كان الشخص يوافق على أن نتواصل معه مرة أخرى: ‎--recontact yes‎ أو ‎--recontact no‎. لم يُغيَّر شيء.
error-contact-bad-recontact = يجب أن يكون الجواب عن سؤال «هل يمكننا التواصل معك مرة أخرى؟» yes أو no. لم يُغيَّر شيء.
error-contact-bad-language = يجب أن تكون اللغة رمزًا من القائمة (مثل pa و pa-Guru و wo و ar). لم يُغيَّر شيء.
error-contact-bad-material = العنصر { $item } مما قُدِّم ليس من المواد الموجودة في القائمة (rights_leaflet و helpline_card و legal_info و health_kit و food و water و protective_equipment و other). لم يُغيَّر شيء.
error-contact-bad-way = العنصر { $item } من طرق التواصل مرة أخرى ليس من الطرق الموجودة في القائمة (at_place و phone و mediator و sportello). لم يُغيَّر شيء.
error-contact-way-without-yes = لا تُسجَّل طريقة التواصل مرة أخرى إلا إذا وافق الشخص على أن نتواصل معه: ‎--recontact yes‎. لم يُغيَّر شيء.
error-contact-bad-phone = رقم الهاتف طويل جدًا (40 حرفًا على الأكثر). لم يُغيَّر شيء.
error-contact-phone-without-way = لا يُسجَّل رقم الهاتف إلا إذا وافق الشخص على مكالمة أو رسالة: أضِف phone إلى ‎--recontact-how‎. لم يُغيَّر شيء.
error-contact-unknown-person = لا يوجد شخص بهذا المعرّف على هذا الجهاز. لم يُغيَّر شيء.
error-contact-already-intake = بدأت مقابلة الاستقبال لهذا الشخص من قبل، فهو ليس اتصالًا أوليًا. لم يُغيَّر شيء.
error-place-unknown = لا يوجد مكان بهذا المعرّف في قائمة أماكن الفريق (انظر ponte place list). لم يُغيَّر شيء.
error-place-retired = هذا المكان لم يعد مستخدمًا: اختر مكانًا مستخدمًا، أو أعده إلى الاستخدام أولًا. لم يُغيَّر شيء.
error-place-duplicate-name = في قائمة أماكن الفريق مكان مستخدم بهذا الاسم (تُقارن الأسماء دون اعتبار لحالة الأحرف والمسافات الزائدة): استخدم ذلك المكان، أو اختر اسمًا آخر. لم يُغيَّر شيء.

# Conflicting edits of one field
error-conflict-none = لا يوجد تعارض في هذا الحقل من السجل (ربما حُلّ من قبل؛ انظر show). لم يُغيَّر شيء.
error-conflict-unknown-device = لم يكتب ذلك الجهاز أيّ قيمة من قيم هذا التعارض (اذكر معرّف جهاز أو اسمه كما يعرضه show لهذا التعارض). لم يُغيَّر شيء.

# programme reports
error-report-combine = لا يمكن جمع تقارير الفرق (ليست عن الفترة نفسها أو بالصيغة نفسها، أو فريقان بالاسم نفسه). لم يُكتب شيء.
error-programme-not-coordinator = هذا الجهاز ليس منسّق برنامج: شغّل أولاً ponte programme init --name NAME.
error-programme-already = هذا الجهاز منسّق برنامج من قبل. لم يُغيَّر شيء.
error-programme-in-team = لا يمكن لجهاز فريق أن يكون منسّق برنامج: استعمل مخزناً خاصاً به، خارج أي فريق. لم يُغيَّر شيء.
error-programme-bad-name = يجب أن يتكوّن الاسم من 1 إلى 80 حرفاً، بلا أحرف تحكّم. لم يُغيَّر شيء.
error-programme-bad-code = هذا ليس رمز منسّق (يبدأ بـ ponteprog1:). لم يُكتب شيء.
error-programme-bad-team-code = هذا ليس رمز فريق (يبدأ بـ ponteteam1:). لم يُغيَّر شيء.
error-programme-no-team = هذا الجهاز ليس في أي فريق: مشرف الفريق وحده يستطيع إرسال البيانات إلى برنامج.
error-programme-name-taken = يوجد في البرنامج فريق آخر باسم { $name }: اختر اسماً آخر بـ --name. لم يُغيَّر شيء.
error-programme-bad-package = { $file } ليس حزمة برنامج، أو جرى تعديله. لم يُستورد شيء.
error-programme-unknown-team = { $file } آتٍ من فريق لا يعرفه هذا البرنامج: أضف الفريق أولاً برمزه. لم يُستورد شيء.
error-programme-bad-signature = { $file } غير موقَّع من جهاز مشرف مسجَّل لفريقه: قد يكون مزوَّراً أو معدَّلاً. لم يُستورد شيء.
error-programme-other-coordinator = { $file } مختوم لمنسّق برنامج آخر. لم يُستورد شيء.
error-programme-no-packages = لم يرسل أي فريق تقريراً عن الفترة من { $from } إلى { $to } بالضبط. لم يُكتب شيء.
error-programme-too-few = وصل الفريق في هذه الفترة إلى أقل من { $min } أشخاص: الحزمة ستصف أشخاصًا بعينهم. اختر فترة أطول. لم يُكتب شيء.
error-programme-period-closed = { $file }: تقرير البرنامج عن الفترة من { $from } إلى { $to } أُعدّ من قبل بالحزم التي وصلت حينها. لا يمكن لحزمة تصل لاحقًا أن تغيّره (نسختان منه تكشفان بالطرح الأعداد المخفية لفريق). لم يُستورد شيء.
error-programme-period-reported = تقرير البرنامج عن الفترة من { $from } إلى { $to } أُعدّ من قبل، بعتبة { $threshold } وبالحزم التي وصلت حينها: أي تقرير لتلك الفترة لا يمكنه إلا أن يكرّره (نسختان منه تكشفان بالطرح الأعداد المخفية لفريق). لم يُكتب شيء.

# roles, deputies and recovery
error-bad-role = لا يوجد دور بهذا الاسم: استخدم أحد الأدوار { $roles }. لم يتغير شيء.
error-role-refused = لا يستطيع جهاز بدور { $role } القيام بهذا: اطلب ذلك من أحد المشغّلين أو من المشرف.
error-bad-recovery-kit = هذا ليس رمز مجموعة استعادة: قارنه بالورقة المطبوعة (يبدأ بـ ponterec1:).
error-recovery-kit-retired = لم تعد مجموعة الاستعادة هذه صالحة: حلّت محلها مجموعة أحدث، أو استُخدمت من قبل. لم يتغير شيء.
error-last-supervisor = سيبقى الفريق بلا مشرف. لم يتغير شيء.

# need-to-know records
error-restrict-unknown-device = الجهاز { $device } ليس في قائمة أجهزة الفريق (انظر ponte devices). لم يتغيّر شيء.
error-restrict-no-devices = حدّد جهازًا واحدًا على الأقل لقصر السجل عليه، أو استخدم ‎--open‎ لرفع القصر. لم يتغيّر شيء.
error-restrict-ambiguous-device = يحمل أكثر من جهاز في الفريق الاسم { $device }: استخدم معرّف الجهاز بدلًا منه (انظر ponte devices). لم يتغيّر شيء.
error-not-in-roster = أحد الأجهزة المذكورة ليس في قائمة أجهزة الفريق. لم يتغيّر شيء.
error-too-many-readers = لا يمكن قصر السجل على أكثر من 64 جهازًا. لم يتغيّر شيء.

# audit review
error-audit-trail-record = هذا السجل هو سجل التدقيق الخاص بأحد الأجهزة: لا تعرضه إلا مراجعة سجلات التدقيق (ponte audit review)، ولا يمكن لأحد تعديله أو محوه. لم يتغيّر شيء.
error-audit-unknown-device = لا يوجد جهاز في الفريق، ولا سجل تدقيق، باسم { $device } (انظر ponte devices). لم يُعرض شيء.

## Places from the team's list, team members from the roster
error-place-unknown-name = لا يوجد في قائمة أماكن الفريق مكان مستخدم باسم «{ $name }»: اختر مكانًا من القائمة (انظر ponte place list)، أو أضفه إلى القائمة أولًا. لم يُغيَّر شيء.
error-place-mismatch = هنا مكانان مختلفان من قائمة أماكن الفريق: حدّد مكانًا واحدًا. لم يُغيَّر شيء.
error-outreach-member-unknown = عضو في الفريق مكتوب بالاسم ليس في قائمة الفريق الموقّعة: اختر الأعضاء من الفريق (انظر ponte outreach members). لم يُغيَّر شيء.

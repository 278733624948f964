# Worker-facing content in Arabic (Modern Standard Arabic, kept simple): consent texts,
# rights card, interview questions and answer options. Source: locales/en/worker.ftl.
# DRAFT: no native speaker has reviewed this file yet; a reviewer sets
# translation-status = reviewed (docs/translations.md).
# The worker is addressed in the masculine singular, the usual generic form; a mediator
# speaking to a woman adapts the verbs. Italian terms the worker will meet (busta paga,
# permesso di soggiorno...) stay in Latin script in brackets.

translation-status = draft
language-name = العربية

## Consent

consent-intake-title = ما نكتبه عنك
consent-intake-text = نحن فريق ميداني نلتقي بالعمال. لا نعمل لأصحاب العمل ولا للشرطة. إذا وافقت، نكتب اسمًا تختاره أنت، وأجوبتك عن عملك ومكان سكنك، والمساعدة التي تحتاجها. نحفظ ذلك مقفلًا برمز سري (مشفّرًا) على هواتف فريقنا وحواسيبه، ولا يستطيع قراءته إلا فريقنا. إذا رفضت، فلن يتغير شيء في مساعدتنا لك. يمكنك أن تطلب منا في أي وقت أن نحذف ما كتبناه.
consent-referral-title = إعطاء معلوماتك لجهة تقدم خدمة
consent-referral-text = نحن فريق ميداني نلتقي بالعمال، ولا نعمل لأصحاب العمل ولا للشرطة. نريد أن نساعدك على التواصل مع هذه الجهة: { $destination }. لن نعطيهم اسمك ووضعك إلا إذا وافقت. نكتب جوابك ونحفظه مقفلًا برمز سري (مشفّرًا) على هواتف فريقنا وحواسيبه. إذا رفضت، فلن يتغير شيء في مساعدتنا لك. يمكنك أن تطلب منا في أي وقت أن نحذف ما كتبناه.
consent-reporting-title = أرقام بلا أسماء
consent-reporting-text = نحن فريق ميداني نلتقي بالعمال، ولا نعمل لأصحاب العمل ولا للشرطة. الجهة التي تموّل عملنا تسألنا كم شخصًا التقينا. نعطيها أرقامًا فقط، مثل عدد النساء والرجال أو البلدان التي جاؤوا منها، ولا نعطيها أسماء أبدًا. ما نكتبه يبقى مقفلًا برمز سري (مشفّرًا) على هواتف فريقنا وحواسيبه. إذا رفضت، فلن يتغير شيء في مساعدتنا لك. يمكنك أن تطلب منا في أي وقت أن نحذف ما كتبناه.
consent-ask = هل توافق؟
consent-yes = نعم، أوافق
consent-no = لا

## Rights card

rights-title = حقوقك في العمل في إيطاليا
rights-pay = من حقك أن تحصل على الأجر الذي يحدده العقد الجماعي الوطني (contratto collettivo) لعملك على الأقل، عن كل ساعة تعملها. ومن حقك أن تحصل على قسيمة الراتب (busta paga).
rights-hours = لساعات العمل حدّ. من حقك أن ترتاح كل يوم وكل أسبوع. الساعات الإضافية يجب أن تُدفع بأجر أعلى.
rights-safety = يجب أن يكون عملك آمنًا: ماء للشرب، وظل، واستراحات، ومعدات حماية، ونقل آمن. لا يحق لأحد أن يهددك أو يضربك.
rights-documents = لا يحق لأحد أن يحتفظ بجواز سفرك أو بتصريح إقامتك (permesso di soggiorno).
rights-permit = إذا كنت ضحية استغلال، يمكنك أن تطلب تصريح إقامة خاصًا، حتى لو لم تكن لديك أوراق.
rights-helpline = خط مساعدة مجاني، ليلًا ونهارًا، بلغتك: { $number }
rights-union = يمكن للنقابة أن تساعدك في الحصول على الأجر الذي لم يُدفع لك.

## Interview: profile

q-alias = بأي اسم تريد أن نناديك؟ ليس من الضروري أن يكون اسمك الحقيقي.
q-sex = هل أنت امرأة أم رجل أم غير ذلك؟ الجواب ليس إلزاميًا.
q-birth-year = في أي سنة وُلدت؟
q-nationality = ما جنسيتك؟ من أي بلد أنت؟
q-languages = ما اللغات التي تتكلمها؟
q-phone = هل لديك رقم هاتف نستطيع أن نتصل بك عليه بأمان؟ هذا ليس إلزاميًا.

## Interview: work

q-sector = ما نوع العمل الذي تقوم به؟
q-employer-area = أين تعمل؟ يكفي اسم المنطقة أو اسم الطريق.
q-permit = هل لديك تصريح إقامة (permesso di soggiorno)؟ من أي نوع؟
q-permit-expiry = حتى أي تاريخ يبقى تصريح إقامتك صالحًا؟

## Interview: living and needs

q-housing = أين تسكن الآن؟
q-needs = ما المساعدة التي تحتاجها أكثر من غيرها؟

## Screening: "نعم" means the indicator is present.
## 603-bis indices

q-s603-pay = هل يدفعون لك غالبًا أقل بكثير من الأجر الرسمي لعملك، أو أجرًا قليلًا جدًا مقابل العمل الذي تقوم به؟
q-s603-hours = هل تعمل غالبًا ساعات كثيرة جدًا، بلا استراحة، أو بلا يوم راحة كل أسبوع، أو بلا عطلة؟
q-s603-safety = هل عملك غير آمن؟ مثلًا: لا توجد معدات حماية، أو لا يوجد ماء ولا ظل في الحر، أو سيارات النقل خطيرة.
q-s603-degrading = في العمل أو في المكان الذي تنام فيه، هل يعاملونك بلا احترام؟ مثلًا: شتائم، أو مراقبة طوال الوقت، أو مكان نوم لا يصلح للعيش.

## 603-bis aggravating circumstances

q-aggravating-more_than_three_workers = هل جلب الشخص نفسه أكثر من ثلاثة عمال إلى هذا العمل، وأنت منهم؟
q-aggravating-minors = هل يعمل معك أطفال عمرهم أقل من 16 سنة؟
q-aggravating-serious_danger = هل يعرّضك عملك لخطر كبير؟ مثلًا: هل يمكن أن تُصاب إصابة خطيرة، أو أن تمرض بشدة بسبب الحر؟

## ILO indicators

q-ilo-abuse_of_vulnerability = هل يستغل أحد وضعك؟ مثلًا لأنك بلا أوراق، أو لا تتكلم الإيطالية، أو ليس لديك مكان آخر تذهب إليه.
q-ilo-deception = هل كذبوا عليك بشأن هذا العمل؟ مثلًا بشأن الأجر، أو نوع العمل، أو السكن، أو الأوراق.
q-ilo-restriction_of_movement = هل يمنعونك من ترك مكان العمل أو المكان الذي تسكن فيه، أو من الذهاب إلى حيث تريد؟
q-ilo-isolation = هل يبقونك بعيدًا عن الناس؟ مثلًا في مكان معزول، أو بلا هاتف، أو بلا اتصال بعائلتك.
q-ilo-physical_sexual_violence = هل قام شخص له علاقة بعملك بضربك، أو إيذائك، أو إجبارك على أفعال جنسية؟
q-ilo-intimidation_threats = هل هددك أحد؟ مثلًا بأن يبلّغ الشرطة عنك، أو أن يؤذيك أو يؤذي عائلتك، أو ألا يدفع لك أجرك.
q-ilo-retention_of_documents = هل يحتفظ أحد بجواز سفرك أو بتصريح إقامتك، ولا يعيده إليك عندما تطلبه؟
q-ilo-withholding_wages = هل يحجزون جزءًا من أجرك، أو يدفعونه متأخرًا، أو لا يدفعونه أبدًا؟
q-ilo-debt_bondage = هل عليك دَين لصاحب العمل أو للشخص الذي جلبك، مثلًا مقابل السفر أو السكن أو النقل أو الطعام، ويجب أن تسدده بعملك؟
q-ilo-abusive_conditions = هل يجبرونك على العمل أو العيش في ظروف قاسية جدًا لا يقبلها أحد بإرادته؟ مثلًا سكن وسخ ومزدحم.
q-ilo-excessive_overtime = هل يجبرونك على العمل ساعات إضافية كثيرة، أكثر مما اتُّفق عليه أو أكثر مما يسمح به القانون؟

## Answer options

answer-yes = نعم
answer-no = لا
answer-unknown = غير معروف

sex-female = امرأة
sex-male = رجل
sex-other = غير ذلك

sector-agriculture = الزراعة (العمل في الحقول)
sector-construction = البناء
sector-logistics = النقل والمخازن
sector-hospitality = المطاعم والمقاهي والفنادق
sector-domestic_care = العمل المنزلي ورعاية الأشخاص
sector-manufacturing = العمل في المصانع
sector-other = عمل آخر

permit-status-none = بلا تصريح إقامة
permit-status-asylum_seeker = طالب لجوء
permit-status-refugee = صفة لاجئ
permit-status-subsidiary_protection = حماية فرعية (protezione sussidiaria)
permit-status-special_protection = حماية خاصة (protezione speciale)
permit-status-art18 = تصريح خاص لضحايا الاتجار بالبشر أو الاستغلال الشديد (المادة 18)
permit-status-art22_12quater = تصريح خاص لضحايا الاستغلال في العمل (المادة 22، الفقرة 12-quater)
permit-status-seasonal_work = عمل موسمي
permit-status-employment = عمل بعقد
permit-status-family = أسباب عائلية
permit-status-eu_citizen = مواطن من الاتحاد الأوروبي (لا يحتاج إلى تصريح)
permit-status-other = تصريح آخر

housing-informal_settlement = أكواخ أو خيام أو مبانٍ مهجورة (تجمع سكني عشوائي)
housing-overcrowded_rented = سكن مستأجر، فيه أشخاص كثيرون جدًا
housing-employer_provided = سكن يوفره صاحب العمل
housing-reception_centre = مركز استقبال (CAS، SAI)
housing-adequate = بيت خاص أو سكن لائق
housing-homeless = بلا مأوى، في الشارع
housing-unknown = لا أعرف / لم يُذكر

need-legal_aid = استشارة قانونية
need-permit = تصريح الإقامة
need-health = الصحة والعلاج
need-housing = السكن
need-food = الطعام
need-transport = النقل
need-work = العمل
need-wage_claim = استرداد الأجر غير المدفوع
need-training = التدريب
need-language_course = دروس اللغة الإيطالية
need-documents = الوثائق (مثل الرقم الضريبي codice fiscale أو بطاقة الهوية)
need-protection = الحماية والأمان
need-psychological_support = الدعم النفسي
need-other = مساعدة أخرى

service-type-antitrafficking_helpline = الخط المجاني لمكافحة الاتجار بالبشر (Numero Verde Antitratta)
service-type-labour_inspectorate = مفتشية العمل (Ispettorato del Lavoro)
service-type-carabinieri_nil = وحدة تفتيش العمل في الكارابينييري (NIL)
service-type-trade_union = نقابة عمالية
service-type-employment_centre = مركز التشغيل (Centro per l'Impiego)
service-type-health = الخدمات الصحية (ASL)
service-type-emergency = خدمات الطوارئ
service-type-legal_aid = مساعدة قانونية
service-type-permit_office = مكتب الهجرة (Prefettura، Questura)
service-type-antitrafficking_project = مشروع لمكافحة الاتجار بالبشر
service-type-shelter = دار إيواء محمية
service-type-housing_support = مساعدة في السكن
service-type-transport_support = مساعدة في النقل
service-type-social_services = الخدمات الاجتماعية في البلدية (Comune)
service-type-other = خدمة أخرى

# referral sheet
# What a referral consent lets the team share (share-field-<code>, ponte_model::vocab::SHARE_FIELDS),
# and the worker's copy of a referral sheet (ponte-sheet).
share-field-alias = الاسم أو الاسم المستعار
share-field-languages = اللغات
share-field-birth_year = سنة الميلاد
share-field-sex = الجنس
share-field-nationality = الجنسية
share-field-phone = رقم الهاتف
share-field-permit = تصريح الإقامة (permesso di soggiorno)
share-field-sector = مجال العمل
share-field-employer_area = منطقة العمل
share-field-housing = السكن
share-field-needs = المساعدة المطلوبة
share-field-screening = علامات الاستغلال التي ظهرت في المقابلة
share-field-referral_note = سبب الإحالة
sheet-worker-title = موعدك
sheet-worker-intro = وضعناك على تواصل مع هذه الخدمة. هنا تجد أين ومتى تذهب. القرار لك في الذهاب.
sheet-worker-where = إلى أين تذهب
sheet-worker-hours = ساعات العمل
sheet-worker-when = متى
sheet-worker-no-appointment = لم يُحدَّد اليوم بعد: سنخبرك به.
sheet-worker-ask-for = اسأل عن
sheet-worker-bring = أحضر معك
sheet-worker-team = فريقنا
sheet-worker-team-phone = هاتفنا

# Worker-facing content in Urdu (Arabic script, to be shown in a Nastaliq font): consent
# texts, rights card, interview questions and answer options. Source: locales/en/worker.ftl.
# DRAFT: no native speaker has reviewed this file yet; a reviewer sets
# translation-status = reviewed (docs/translations.md). Register: آپ (polite), with the
# usual masculine plural verb forms; a mediator speaking to a woman adapts them.
# Italian terms the worker will meet (busta paga, permesso di soggiorno...) stay in Latin
# script in brackets.

translation-status = draft
language-name = اردو

## Consent

consent-intake-title = ہم آپ کے بارے میں کیا لکھتے ہیں
consent-intake-text = ہم ایک ٹیم ہیں جو مزدوروں سے ملتی ہے۔ ہم مالکوں یا پولیس کے لیے کام نہیں کرتے۔ اگر آپ راضی ہوں تو ہم آپ کا چُنا ہوا نام، آپ کے کام اور رہائش کے بارے میں آپ کے جواب، اور آپ کو جس مدد کی ضرورت ہے، لکھ لیتے ہیں۔ ہم یہ سب ایک خفیہ کوڈ سے بند کر کے (انکرپٹ کر کے) اپنی ٹیم کے فون اور کمپیوٹر میں رکھتے ہیں، اور اسے صرف ہماری ٹیم پڑھ سکتی ہے۔ اگر آپ انکار کریں تو بھی آپ کو ہماری مدد اسی طرح ملے گی۔ آپ کسی بھی وقت ہم سے کہہ سکتے ہیں کہ جو ہم نے لکھا ہے اسے مٹا دیں۔
consent-referral-title = آپ کی معلومات کسی ادارے کو دینا
consent-referral-text = ہم ایک ٹیم ہیں جو مزدوروں سے ملتی ہے، اور ہم مالکوں یا پولیس کے لیے کام نہیں کرتے۔ ہم آپ کا رابطہ اس ادارے سے کروانا چاہتے ہیں: { $destination }۔ ہم آپ کا نام اور آپ کی صورتِ حال انہیں صرف اسی صورت میں بتائیں گے جب آپ راضی ہوں۔ ہم آپ کا جواب لکھ کر خفیہ کوڈ سے بند کر کے (انکرپٹ کر کے) اپنی ٹیم کے فون اور کمپیوٹر میں رکھتے ہیں۔ اگر آپ انکار کریں تو ہماری مدد میں کوئی فرق نہیں پڑے گا۔ آپ کسی بھی وقت ہم سے کہہ سکتے ہیں کہ جو ہم نے لکھا ہے اسے مٹا دیں۔
consent-reporting-title = نام کے بغیر صرف گنتی
consent-reporting-text = ہم ایک ٹیم ہیں جو مزدوروں سے ملتی ہے، اور ہم مالکوں یا پولیس کے لیے کام نہیں کرتے۔ جو ادارہ ہمارے کام کے لیے پیسے دیتا ہے، وہ پوچھتا ہے کہ ہم کتنے لوگوں سے ملے۔ ہم اسے صرف گنتی بتاتے ہیں، مثلاً کتنی عورتیں اور کتنے مرد، یا کن ملکوں سے، لیکن نام کبھی نہیں بتاتے۔ جو ہم لکھتے ہیں وہ خفیہ کوڈ سے بند (انکرپٹ) ہو کر ہماری ٹیم کے فون اور کمپیوٹر میں رہتا ہے۔ اگر آپ انکار کریں تو ہماری مدد میں کوئی فرق نہیں پڑے گا۔ آپ کسی بھی وقت ہم سے کہہ سکتے ہیں کہ جو ہم نے لکھا ہے اسے مٹا دیں۔
consent-ask = کیا آپ راضی ہیں؟
consent-yes = جی ہاں، میں راضی ہوں
consent-no = نہیں

## Rights card

rights-title = اٹلی میں کام کے بارے میں آپ کے حقوق
rights-pay = آپ کو ہر گھنٹے کے کام کے لیے کم از کم اتنی اجرت ملنی چاہیے جتنی آپ کے کام کے لیے قومی اجتماعی معاہدہ (contratto collettivo) طے کرتا ہے۔ آپ کو تنخواہ کی پرچی (busta paga) ملنی چاہیے۔
rights-hours = کام کے گھنٹوں کی ایک حد ہے۔ آپ کو ہر دن اور ہر ہفتے آرام کا حق ہے۔ زیادہ گھنٹوں (اوور ٹائم) کی اجرت زیادہ ملنی چاہیے۔
rights-safety = آپ کا کام محفوظ ہونا چاہیے: پینے کا پانی، سایہ، وقفے، حفاظتی سامان اور محفوظ سواری۔ کوئی آپ کو دھمکی نہیں دے سکتا اور نہ مار سکتا ہے۔
rights-documents = کوئی بھی آپ کا پاسپورٹ یا رہائشی اجازت نامہ (permesso di soggiorno) اپنے پاس نہیں رکھ سکتا۔
rights-permit = اگر آپ استحصال کا شکار ہیں تو آپ ایک خاص رہائشی اجازت نامے کے لیے درخواست دے سکتے ہیں، چاہے آپ کے پاس کاغذات نہ ہوں۔
rights-helpline = مفت ہیلپ لائن، دن رات، آپ کی زبان میں: { $number }
rights-union = مزدور یونین آپ کو وہ اجرت دلوانے میں مدد کر سکتی ہے جو آپ کو نہیں ملی۔

## Interview: profile

q-alias = آپ چاہتے ہیں کہ ہم آپ کو کس نام سے پکاریں؟ یہ آپ کا اصلی نام ہونا ضروری نہیں۔
q-sex = آپ عورت ہیں، مرد ہیں یا کچھ اور؟ جواب دینا ضروری نہیں۔
q-birth-year = آپ کی پیدائش کس سال میں ہوئی؟
q-nationality = آپ کس ملک کے شہری ہیں؟
q-languages = آپ کون کون سی زبانیں بولتے ہیں؟
q-phone = کیا آپ کا کوئی فون نمبر ہے جس پر ہم آپ کو بغیر خطرے کے فون کر سکیں؟ دینا ضروری نہیں۔

## Interview: work

q-sector = آپ کس قسم کا کام کرتے ہیں؟
q-employer-area = آپ کہاں کام کرتے ہیں؟ علاقے یا سڑک کا نام کافی ہے۔
q-permit = کیا آپ کے پاس رہائشی اجازت نامہ (permesso di soggiorno) ہے؟ کس قسم کا؟
q-permit-expiry = آپ کا رہائشی اجازت نامہ کس تاریخ تک چلے گا؟

## Interview: living and needs

q-housing = آپ آج کل کہاں رہتے ہیں؟
q-needs = آپ کو سب سے زیادہ کس مدد کی ضرورت ہے؟

## Screening: "ہاں" means the indicator is present.
## 603-bis indices

q-s603-pay = کیا آپ کو اکثر اپنے کام کی مقررہ اجرت سے بہت کم پیسے ملتے ہیں، یا آپ کے کام کے مقابلے میں بہت کم؟
q-s603-hours = کیا آپ اکثر بہت زیادہ گھنٹے کام کرتے ہیں، بغیر وقفے کے، ہفتے میں ایک دن کی چھٹی کے بغیر، یا چھٹیوں کے بغیر؟
q-s603-safety = کیا آپ کا کام غیر محفوظ ہے؟ مثلاً: حفاظتی سامان نہیں، گرمی میں پانی یا سایہ نہیں، یا گاڑیاں خطرناک ہیں۔
q-s603-degrading = کام پر یا جہاں آپ سوتے ہیں، کیا آپ کے ساتھ بے عزتی کا سلوک ہوتا ہے؟ مثلاً: گالیاں، ہر وقت نگرانی، یا سونے کی ایسی جگہ جہاں رہنا ممکن نہ ہو۔

## 603-bis aggravating circumstances

q-aggravating-more_than_three_workers = کیا ایک ہی شخص اس کام پر تین سے زیادہ مزدور لایا ہے، آپ کو ملا کر؟
q-aggravating-minors = کیا آپ کے ساتھ 16 سال سے کم عمر کے بچے کام کرتے ہیں؟
q-aggravating-serious_danger = کیا آپ کا کام آپ کو بڑے خطرے میں ڈالتا ہے؟ مثلاً: کیا آپ کو سخت چوٹ لگ سکتی ہے، یا گرمی سے آپ بہت بیمار ہو سکتے ہیں؟

## ILO indicators

q-ilo-abuse_of_vulnerability = کیا کوئی آپ کی مجبوری کا فائدہ اٹھاتا ہے؟ مثلاً اس لیے کہ آپ کے پاس کاغذات نہیں، آپ اطالوی نہیں بولتے، یا آپ کے پاس جانے کی کوئی اور جگہ نہیں۔
q-ilo-deception = کیا اس کام کے بارے میں آپ سے جھوٹ بولا گیا تھا؟ مثلاً تنخواہ، کام، رہائش یا کاغذات کے بارے میں۔
q-ilo-restriction_of_movement = کیا آپ کو کام کی جگہ یا رہنے کی جگہ چھوڑنے سے، یا جہاں آپ جانا چاہیں وہاں جانے سے روکا جاتا ہے؟
q-ilo-isolation = کیا آپ کو لوگوں سے دور رکھا جاتا ہے؟ مثلاً کسی دور دراز جگہ پر، فون کے بغیر، یا گھر والوں سے رابطے کے بغیر۔
q-ilo-physical_sexual_violence = کیا آپ کے کام سے جڑے کسی شخص نے آپ کو مارا، تکلیف پہنچائی، یا جنسی عمل پر مجبور کیا؟
q-ilo-intimidation_threats = کیا کسی نے آپ کو دھمکی دی ہے؟ مثلاً پولیس میں آپ کی شکایت کرنے کی، آپ کو یا آپ کے گھر والوں کو نقصان پہنچانے کی، یا تنخواہ نہ دینے کی۔
q-ilo-retention_of_documents = کیا کسی نے آپ کا پاسپورٹ یا رہائشی اجازت نامہ اپنے پاس رکھا ہوا ہے، اور مانگنے پر واپس نہیں کرتا؟
q-ilo-withholding_wages = کیا آپ کی تنخواہ کا کچھ حصہ روک لیا جاتا ہے، دیر سے دیا جاتا ہے، یا بالکل نہیں دیا جاتا؟
q-ilo-debt_bondage = کیا آپ پر مالک کا یا آپ کو لانے والے شخص کا قرض ہے، مثلاً سفر، رہائش، سواری یا کھانے کا، جو آپ کو کام کر کے اتارنا ہے؟
q-ilo-abusive_conditions = کیا آپ کو بہت برے حالات میں کام کرنے یا رہنے پر مجبور کیا جاتا ہے، جنہیں کوئی اپنی مرضی سے قبول نہ کرے؟ مثلاً گندی اور بھری ہوئی رہائش۔
q-ilo-excessive_overtime = کیا آپ کو بہت زیادہ اضافی گھنٹے کام کرنے پر مجبور کیا جاتا ہے، طے شدہ گھنٹوں سے یا قانون کی اجازت سے زیادہ؟

## Answer options

answer-yes = ہاں
answer-no = نہیں
answer-unknown = معلوم نہیں / پوچھا نہیں گیا

sex-female = عورت
sex-male = مرد
sex-other = دیگر

sector-agriculture = زراعت (کھیتوں میں کام)
sector-construction = تعمیرات (عمارتوں کا کام)
sector-logistics = ٹرانسپورٹ اور گودام
sector-hospitality = ریستوران، بار اور ہوٹل
sector-domestic_care = گھریلو کام اور لوگوں کی دیکھ بھال
sector-manufacturing = فیکٹری کا کام
sector-other = دیگر کام

permit-status-none = کوئی رہائشی اجازت نامہ نہیں
permit-status-asylum_seeker = پناہ کی درخواست دی ہوئی ہے
permit-status-refugee = پناہ گزین کی حیثیت
permit-status-subsidiary_protection = ذیلی تحفظ (protezione sussidiaria)
permit-status-special_protection = خصوصی تحفظ (protezione speciale)
permit-status-art18 = انسانی اسمگلنگ یا شدید استحصال کے متاثرین کے لیے خاص اجازت نامہ (آرٹیکل 18)
permit-status-art22_12quater = کام میں استحصال کے متاثرین کے لیے خاص اجازت نامہ (آرٹیکل 22، پیراگراف 12-quater)
permit-status-seasonal_work = موسمی کام
permit-status-employment = ملازمت
permit-status-family = خاندانی وجوہات
permit-status-eu_citizen = یورپی یونین کی شہریت (اجازت نامے کی ضرورت نہیں)
permit-status-other = دیگر اجازت نامہ

housing-informal_settlement = جھونپڑیاں، خیمے یا خالی عمارتیں (غیر رسمی بستی)
housing-overcrowded_rented = کرائے کا مکان، بہت زیادہ لوگ
housing-employer_provided = مالک کی دی ہوئی رہائش
housing-reception_centre = ریسیپشن سینٹر (CAS، SAI)
housing-adequate = اپنا گھر یا مناسب رہائش
housing-homeless = کوئی گھر نہیں، سڑک پر
housing-unknown = معلوم نہیں / نہیں بتایا

need-legal_aid = قانونی مشورہ
need-permit = رہائشی اجازت نامہ
need-health = صحت اور علاج
need-housing = رہائش
need-food = کھانا
need-transport = آنے جانے کے لیے سواری
need-work = کام
need-wage_claim = نہ ملی ہوئی اجرت کی وصولی
need-training = تربیت
need-language_course = اطالوی زبان کا کورس
need-documents = کاغذات (مثلاً codice fiscale یا شناختی کارڈ)
need-protection = تحفظ اور حفاظت
need-psychological_support = نفسیاتی مدد
need-other = دیگر مدد

service-type-antitrafficking_helpline = انسانی اسمگلنگ کے خلاف مفت ہیلپ لائن (Numero Verde Antitratta)
service-type-labour_inspectorate = لیبر انسپکشن کا دفتر (Ispettorato del Lavoro)
service-type-carabinieri_nil = کارابینیری کا لیبر انسپکشن یونٹ (NIL)
service-type-trade_union = مزدور یونین
service-type-employment_centre = روزگار مرکز (Centro per l'Impiego)
service-type-health = صحت کی سہولیات (ASL)
service-type-emergency = ہنگامی خدمات
service-type-legal_aid = قانونی مدد
service-type-permit_office = امیگریشن کا دفتر (Prefettura، Questura)
service-type-antitrafficking_project = انسانی اسمگلنگ کے خلاف منصوبہ
service-type-shelter = محفوظ پناہ گاہ
service-type-housing_support = رہائش میں مدد
service-type-transport_support = آنے جانے میں مدد
service-type-social_services = بلدیہ کی سماجی خدمات (Comune)
service-type-other = دیگر ادارہ

# referral sheet
# What a referral consent lets the team share (share-field-<code>, ponte_model::vocab::SHARE_FIELDS),
# and the worker's copy of a referral sheet (ponte-sheet).
share-field-alias = نام یا فرضی نام
share-field-languages = زبانیں
share-field-birth_year = پیدائش کا سال
share-field-sex = جنس
share-field-nationality = قومیت
share-field-phone = فون نمبر
share-field-permit = رہائشی اجازت نامہ (permesso di soggiorno)
share-field-sector = کام کی قسم
share-field-employer_area = کام کا علاقہ
share-field-housing = رہائش
share-field-needs = درکار مدد
share-field-screening = انٹرویو میں استحصال کی علامات
share-field-referral_note = بھیجنے کی وجہ
sheet-worker-title = آپ کی ملاقات
sheet-worker-intro = ہم نے آپ کا رابطہ اس ادارے سے کروایا ہے۔ یہاں لکھا ہے کہ کہاں اور کب جانا ہے۔ جانا ہے یا نہیں، یہ آپ کا فیصلہ ہے۔
sheet-worker-where = کہاں جانا ہے
sheet-worker-hours = اوقاتِ کار
sheet-worker-when = کب
sheet-worker-no-appointment = دن ابھی طے نہیں ہوا: ہم آپ کو بتائیں گے۔
sheet-worker-ask-for = کس سے ملنا ہے
sheet-worker-bring = ساتھ لائیں
sheet-worker-team = ہماری ٹیم
sheet-worker-team-phone = ہمارا فون

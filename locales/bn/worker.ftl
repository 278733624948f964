# Worker-facing content in Bengali (Bengali script): consent texts, rights card, interview
# questions and answer options. Source: locales/en/worker.ftl. DRAFT: no native speaker has
# reviewed this file yet; a reviewer sets translation-status = reviewed
# (docs/translations.md). Register: আপনি (polite). Word choice follows Bangladeshi usage
# (পানি), as most Bengali-speaking workers in Italy come from Bangladesh. Italian terms the
# worker will meet (busta paga, permesso di soggiorno...) stay in Latin script in brackets.

translation-status = draft
language-name = বাংলা

## Consent

consent-intake-title = আমরা আপনার সম্পর্কে কী লিখি
consent-intake-text = আমরা একটি দল, যারা শ্রমিকদের সাথে দেখা করে। আমরা মালিকদের বা পুলিশের হয়ে কাজ করি না। আপনি রাজি থাকলে আমরা লিখে রাখি আপনার পছন্দের একটি নাম, আপনার কাজ ও থাকার জায়গা নিয়ে আপনার উত্তর, আর আপনার কী সাহায্য দরকার। আমরা এগুলো গোপন কোড দিয়ে তালাবন্ধ করে (এনক্রিপ্ট করে) আমাদের দলের ফোন ও কম্পিউটারে রাখি, আর শুধু আমাদের দলই তা পড়তে পারে। আপনি না বললেও আমাদের সাহায্য একই রকম পাবেন। আপনি যেকোনো সময় আমাদের বলতে পারেন, আমরা যা লিখেছি তা মুছে ফেলতে।
consent-referral-title = আপনার তথ্য কোনো সেবাকে দেওয়া
consent-referral-text = আমরা একটি দল, যারা শ্রমিকদের সাথে দেখা করে, আর আমরা মালিকদের বা পুলিশের হয়ে কাজ করি না। আমরা এই সেবার সাথে আপনার যোগাযোগ করিয়ে দিতে চাই: { $destination }। আপনি রাজি হলে তবেই আমরা তাদের আপনার নাম ও আপনার অবস্থার কথা জানাব। আমরা আপনার উত্তর লিখে গোপন কোড দিয়ে তালাবন্ধ করে (এনক্রিপ্ট করে) আমাদের দলের ফোন ও কম্পিউটারে রাখি। আপনি না বললেও আমাদের সাহায্যে কোনো পরিবর্তন হবে না। আপনি যেকোনো সময় আমাদের বলতে পারেন, আমরা যা লিখেছি তা মুছে ফেলতে।
consent-reporting-title = নাম ছাড়া শুধু সংখ্যা
consent-reporting-text = আমরা একটি দল, যারা শ্রমিকদের সাথে দেখা করে, আর আমরা মালিকদের বা পুলিশের হয়ে কাজ করি না। যে সংস্থা আমাদের কাজের টাকা দেয়, তারা জানতে চায় আমরা কতজন মানুষের সাথে দেখা করেছি। আমরা তাদের শুধু সংখ্যা দিই, যেমন কতজন নারী ও কতজন পুরুষ, বা কোন কোন দেশ থেকে, কিন্তু কখনো নাম দিই না। আমরা যা লিখি তা গোপন কোড দিয়ে তালাবন্ধ (এনক্রিপ্ট) অবস্থায় আমাদের দলের ফোন ও কম্পিউটারে থাকে। আপনি না বললেও আমাদের সাহায্যে কোনো পরিবর্তন হবে না। আপনি যেকোনো সময় আমাদের বলতে পারেন, আমরা যা লিখেছি তা মুছে ফেলতে।
consent-ask = আপনি কি রাজি?
consent-yes = হ্যাঁ, আমি রাজি
consent-no = না

## Rights card

rights-title = ইতালিতে কাজের ক্ষেত্রে আপনার অধিকার
rights-pay = আপনার কাজের জন্য জাতীয় যৌথ চুক্তি (contratto collettivo) যে মজুরি ঠিক করে, প্রতিটি ঘণ্টার কাজের জন্য অন্তত সেই মজুরি পাওয়ার অধিকার আপনার আছে। বেতনের স্লিপ (busta paga) পাওয়ার অধিকারও আপনার আছে।
rights-hours = কাজের সময়ের একটা সীমা আছে। প্রতিদিন ও প্রতি সপ্তাহে বিশ্রামের অধিকার আপনার আছে। বাড়তি ঘণ্টার (ওভারটাইম) জন্য বেশি মজুরি দিতে হবে।
rights-safety = আপনার কাজ নিরাপদ হতে হবে: খাওয়ার পানি, ছায়া, বিরতি, সুরক্ষা সরঞ্জাম আর নিরাপদ যাতায়াত। কেউ আপনাকে হুমকি দিতে বা মারতে পারে না।
rights-documents = কেউ আপনার পাসপোর্ট বা থাকার অনুমতিপত্র (permesso di soggiorno) নিজের কাছে রেখে দিতে পারে না।
rights-permit = আপনি শোষণের শিকার হলে বিশেষ থাকার অনুমতিপত্রের জন্য আবেদন করতে পারেন, এমনকি আপনার কাগজপত্র না থাকলেও।
rights-helpline = বিনা খরচে হেল্পলাইন, দিনরাত, আপনার ভাষায়: { $number }
rights-union = শ্রমিক ইউনিয়ন আপনার না-পাওয়া মজুরি আদায় করতে সাহায্য করতে পারে।

## Interview: profile

q-alias = আপনি চান আমরা আপনাকে কোন নামে ডাকি? এটা আপনার আসল নাম হতে হবে না।
q-sex = আপনি নারী, পুরুষ, নাকি অন্য কিছু? উত্তর দেওয়া বাধ্যতামূলক নয়।
q-birth-year = আপনি কোন সালে জন্মেছেন?
q-nationality = আপনি কোন দেশের নাগরিক?
q-languages = আপনি কোন কোন ভাষায় কথা বলেন?
q-phone = এমন কোনো ফোন নম্বর আছে কি, যেখানে আমরা নিরাপদে আপনাকে ফোন করতে পারি? দেওয়া বাধ্যতামূলক নয়।

## Interview: work

q-sector = আপনি কী ধরনের কাজ করেন?
q-employer-area = আপনি কোথায় কাজ করেন? এলাকা বা রাস্তার নাম বললেই যথেষ্ট।
q-permit = আপনার কি থাকার অনুমতিপত্র (permesso di soggiorno) আছে? কোন ধরনের?
q-permit-expiry = আপনার থাকার অনুমতিপত্রের মেয়াদ কোন তারিখে শেষ হবে?

## Interview: living and needs

q-housing = আপনি এখন কোথায় থাকেন?
q-needs = আপনার সবচেয়ে বেশি কোন সাহায্য দরকার?

## Screening: "হ্যাঁ" means the indicator is present.
## 603-bis indices

q-s603-pay = আপনাকে কি প্রায়ই আপনার কাজের নির্ধারিত মজুরির চেয়ে অনেক কম টাকা দেওয়া হয়, বা কাজের তুলনায় খুব কম?
q-s603-hours = আপনি কি প্রায়ই অনেক বেশি ঘণ্টা কাজ করেন, বিরতি ছাড়া, সপ্তাহে এক দিন ছুটি ছাড়া, বা কোনো ছুটি ছাড়া?
q-s603-safety = আপনার কাজ কি অনিরাপদ? যেমন: সুরক্ষা সরঞ্জাম নেই, গরমে পানি বা ছায়া নেই, বা গাড়িগুলো বিপজ্জনক।
q-s603-degrading = কাজের জায়গায় বা যেখানে ঘুমান সেখানে, আপনার সাথে কি অসম্মানজনক আচরণ করা হয়? যেমন: গালিগালাজ, সবসময় নজরদারি, বা থাকার অযোগ্য ঘুমানোর জায়গা।

## 603-bis aggravating circumstances

q-aggravating-more_than_three_workers = একই লোক কি এই কাজে তিনজনের বেশি শ্রমিক এনেছে, আপনাকে ধরে?
q-aggravating-minors = আপনার সাথে কি ১৬ বছরের কম বয়সী শিশুরা কাজ করে?
q-aggravating-serious_danger = আপনার কাজ কি আপনাকে বড় বিপদের মধ্যে ফেলে? যেমন: আপনি কি গুরুতর আঘাত পেতে পারেন, বা গরমে খুব অসুস্থ হয়ে পড়তে পারেন?

## ILO indicators

q-ilo-abuse_of_vulnerability = কেউ কি আপনার অসহায় অবস্থার সুযোগ নেয়? যেমন, আপনার কাগজপত্র নেই, আপনি ইতালীয় ভাষা জানেন না, বা যাওয়ার অন্য কোনো জায়গা নেই বলে।
q-ilo-deception = এই কাজ নিয়ে কি আপনাকে মিথ্যা বলা হয়েছিল? যেমন মজুরি, কাজ, থাকার জায়গা বা কাগজপত্র নিয়ে।
q-ilo-restriction_of_movement = আপনাকে কি কাজের জায়গা বা থাকার জায়গা ছেড়ে যেতে, বা যেখানে খুশি যেতে বাধা দেওয়া হয়?
q-ilo-isolation = আপনাকে কি মানুষের কাছ থেকে দূরে রাখা হয়? যেমন কোনো নির্জন জায়গায়, ফোন ছাড়া, বা পরিবারের সাথে যোগাযোগ ছাড়া।
q-ilo-physical_sexual_violence = আপনার কাজের সাথে জড়িত কেউ কি আপনাকে মেরেছে, আঘাত করেছে, বা যৌন কাজে বাধ্য করেছে?
q-ilo-intimidation_threats = কেউ কি আপনাকে হুমকি দিয়েছে? যেমন পুলিশে আপনার নামে নালিশ করার, আপনার বা আপনার পরিবারের ক্ষতি করার, বা মজুরি না দেওয়ার।
q-ilo-retention_of_documents = কেউ কি আপনার পাসপোর্ট বা থাকার অনুমতিপত্র নিজের কাছে রেখে দিয়েছে, আর চাইলে ফেরত দেয় না?
q-ilo-withholding_wages = আপনার মজুরির একটা অংশ কি আটকে রাখা হয়, দেরিতে দেওয়া হয়, বা একেবারেই দেওয়া হয় না?
q-ilo-debt_bondage = মালিক বা যে লোক আপনাকে এনেছে, তার কাছে কি আপনার কোনো ঋণ আছে, যেমন যাত্রা, থাকা, যাতায়াত বা খাবারের জন্য, যা আপনাকে কাজ করে শোধ করতে হয়?
q-ilo-abusive_conditions = আপনাকে কি খুব খারাপ অবস্থায় কাজ করতে বা থাকতে বাধ্য করা হয়, যা কেউ নিজের ইচ্ছায় মেনে নেবে না? যেমন নোংরা আর ভিড়ে ঠাসা থাকার জায়গা।
q-ilo-excessive_overtime = আপনাকে কি অনেক বেশি বাড়তি ঘণ্টা কাজ করতে বাধ্য করা হয়, যা ঠিক করা ছিল তার চেয়ে বা আইন যতটা অনুমতি দেয় তার চেয়ে বেশি?

## Answer options

answer-yes = হ্যাঁ
answer-no = না
answer-unknown = জানি না / জিজ্ঞেস করা হয়নি

sex-female = নারী
sex-male = পুরুষ
sex-other = অন্যান্য

sector-agriculture = কৃষি (মাঠে কাজ)
sector-construction = নির্মাণ কাজ
sector-logistics = পরিবহন ও গুদাম
sector-hospitality = রেস্টুরেন্ট, বার ও হোটেল
sector-domestic_care = গৃহকর্ম ও মানুষের দেখাশোনা
sector-manufacturing = কারখানার কাজ
sector-other = অন্য কাজ

permit-status-none = থাকার অনুমতিপত্র নেই
permit-status-asylum_seeker = আশ্রয়ের আবেদন করা আছে
permit-status-refugee = শরণার্থীর মর্যাদা
permit-status-subsidiary_protection = সহায়ক সুরক্ষা (protezione sussidiaria)
permit-status-special_protection = বিশেষ সুরক্ষা (protezione speciale)
permit-status-art18 = মানবপাচার বা গুরুতর শোষণের শিকারদের জন্য বিশেষ অনুমতিপত্র (ধারা ১৮)
permit-status-art22_12quater = কাজে শোষণের শিকারদের জন্য বিশেষ অনুমতিপত্র (ধারা ২২, অনুচ্ছেদ 12-quater)
permit-status-seasonal_work = মৌসুমি কাজ
permit-status-employment = চাকরি
permit-status-family = পারিবারিক কারণ
permit-status-eu_citizen = ইউরোপীয় ইউনিয়নের নাগরিক (অনুমতিপত্র লাগে না)
permit-status-other = অন্য অনুমতিপত্র

housing-informal_settlement = ঝুপড়ি, তাঁবু বা পরিত্যক্ত দালান (অনানুষ্ঠানিক বসতি)
housing-overcrowded_rented = ভাড়া বাসা, অনেক বেশি লোক
housing-employer_provided = মালিকের দেওয়া থাকার জায়গা
housing-reception_centre = রিসেপশন সেন্টার (CAS, SAI)
housing-adequate = নিজের বা উপযুক্ত বাসা
housing-homeless = থাকার জায়গা নেই, রাস্তায়
housing-unknown = জানি না / বলা হয়নি

need-legal_aid = আইনি পরামর্শ
need-permit = থাকার অনুমতিপত্র
need-health = স্বাস্থ্য ও চিকিৎসা
need-housing = থাকার জায়গা
need-food = খাবার
need-transport = যাতায়াত
need-work = কাজ
need-wage_claim = না-পাওয়া মজুরি আদায়
need-training = প্রশিক্ষণ
need-language_course = ইতালীয় ভাষার কোর্স
need-documents = কাগজপত্র (যেমন codice fiscale বা পরিচয়পত্র)
need-protection = সুরক্ষা ও নিরাপত্তা
need-psychological_support = মানসিক সহায়তা
need-other = অন্য সাহায্য

service-type-antitrafficking_helpline = মানবপাচার-বিরোধী বিনা খরচের হেল্পলাইন (Numero Verde Antitratta)
service-type-labour_inspectorate = শ্রম পরিদর্শন দপ্তর (Ispettorato del Lavoro)
service-type-carabinieri_nil = কারাবিনিয়েরির শ্রম পরিদর্শন ইউনিট (NIL)
service-type-trade_union = শ্রমিক ইউনিয়ন
service-type-employment_centre = কর্মসংস্থান কেন্দ্র (Centro per l'Impiego)
service-type-health = স্বাস্থ্যসেবা (ASL)
service-type-emergency = জরুরি সেবা
service-type-legal_aid = আইনি সহায়তা
service-type-permit_office = অভিবাসন দপ্তর (Prefettura, Questura)
service-type-antitrafficking_project = মানবপাচার-বিরোধী প্রকল্প
service-type-shelter = নিরাপদ আশ্রয়কেন্দ্র
service-type-housing_support = থাকার জায়গার জন্য সহায়তা
service-type-transport_support = যাতায়াতের জন্য সহায়তা
service-type-social_services = পৌরসভার সমাজসেবা (Comune)
service-type-other = অন্য সেবা

# referral sheet
# What a referral consent lets the team share (share-field-<code>, ponte_model::vocab::SHARE_FIELDS),
# and the worker's copy of a referral sheet (ponte-sheet).
share-field-alias = নাম বা ছদ্মনাম
share-field-languages = ভাষা
share-field-birth_year = জন্মের বছর
share-field-sex = লিঙ্গ
share-field-nationality = জাতীয়তা
share-field-phone = ফোন নম্বর
share-field-permit = থাকার অনুমতিপত্র (permesso di soggiorno)
share-field-sector = কাজের ধরন
share-field-employer_area = কাজের এলাকা
share-field-housing = থাকার জায়গা
share-field-needs = যে সাহায্য দরকার
share-field-screening = সাক্ষাৎকারে পাওয়া শোষণের লক্ষণ
share-field-referral_note = পাঠানোর কারণ
sheet-worker-title = আপনার সাক্ষাতের সময়
sheet-worker-intro = আমরা আপনাকে এই সেবার সঙ্গে যোগাযোগ করিয়ে দিয়েছি। কোথায় এবং কখন যেতে হবে, তা এখানে লেখা আছে। যাবেন কি না, সেটা আপনার সিদ্ধান্ত।
sheet-worker-where = কোথায় যাবেন
sheet-worker-hours = খোলার সময়
sheet-worker-when = কখন
sheet-worker-no-appointment = দিন এখনও ঠিক হয়নি: আমরা আপনাকে জানাব।
sheet-worker-ask-for = কার সঙ্গে দেখা করবেন
sheet-worker-bring = সঙ্গে আনবেন
sheet-worker-team = আমাদের দল
sheet-worker-team-phone = আমাদের ফোন

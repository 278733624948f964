# DRAFT: Arabic translation not yet reviewed by a native speaker (Modern Standard Arabic). Source: locales/en/report.ftl.
# Labels of funder reports (crate ponte-report): sheet names, headers, chart titles.
# Codes stay codes in JSON and CSV; only what people read is translated here.

## The "About" sheet
report-sheet-about = حول التقرير
report-about-report = التقرير
report-about-team = الفريق
report-about-from = الفترة من
report-about-to = الفترة إلى
report-about-threshold = عتبة الإخفاء
report-about-hidden = رمز الخانة المخفية
report-about-hidden-meaning = "{ $marker }" = غير منشور: عدد الأشخاص أقل من { $threshold }، أو حُجب العدد حتى لا يمكن استنتاج مثل هذا العدد من المجاميع. الأصفار منشورة.
report-about-hidden-count = عدد الخانات المخفية
report-about-generated = تاريخ الإنشاء
report-about-definitions = التعريفات
report-about-definitions-text = يُعدّ الشخص ممن تم الوصول إليهم في الفترة إذا كان له لقاء مؤرَّخ فيها (أو، إن لم يكن له أي لقاء، إذا أُنشئ سجله فيها)؛ ويكون أول تواصل إذا كان أول لقاء له على الإطلاق في الفترة، وإلا فهو شخص التقيناه من قبل. تُحسب الإحالات والموافقات والمتابعات المنجزة بحسب تاريخها هي؛ وتكون المتابعة متأخرة إذا كان موعدها قبل اليوم الأخير ولم تُنجز حتى ذلك اليوم. تُحسب الفئة العمرية من سنة الميلاد في اليوم الأخير من الفترة.
report-about-contacts = الأشخاص الذين التقيناهم في العمل الميداني
report-about-contacts-text = الأعداد المجهولة الهوية من الجولات الميدانية هي لقاءات، وليست أشخاصًا: العامل الذي التقيناه مرتين يُحسب مرتين. تُعرض بجانب الأشخاص الذين تم الوصول إليهم ولا تُضاف إليهم أبدًا.

## Table sheets
report-header-indicator = المؤشر
report-header-code = الرمز
report-header-total = المجموع
report-table-persons-sex = الجنس
report-table-persons-age_band = الفئة العمرية
report-table-persons-nationality = الجنسية
report-table-persons-sector = القطاع
report-table-persons-listening_point = نقطة الاستماع
report-table-referrals-destination = الإحالات
report-table-outreach-listening_point = الجولات حسب نقطة الاستماع
report-table-outreach-outreach_type = الجولات حسب النوع
report-table-months = حسب الشهر

## Indicators
report-indicator-reached = الأشخاص الذين تم الوصول إليهم
report-indicator-reached-first_contact = الأشخاص الذين تم الوصول إليهم: أول تواصل
report-indicator-reached-repeat = الأشخاص الذين تم الوصول إليهم: التقيناهم من قبل
report-indicator-risk-not_screened = مستوى الخطر: لم يُقيَّم
report-indicator-risk-low = مستوى الخطر: منخفض
report-indicator-risk-medium = مستوى الخطر: متوسط
report-indicator-risk-high = مستوى الخطر: مرتفع
report-indicator-screened = الأشخاص الذين تم الوصول إليهم وتقييمهم
report-indicator-taken_in_charge = الأشخاص الذين تم التكفّل بهم
report-indicator-referrals = الإحالات
report-indicator-consents_given = الموافقات الممنوحة
report-indicator-consents_given-intake = الموافقات الممنوحة: المقابلة الأولى
report-indicator-consents_given-referral = الموافقات الممنوحة: الإحالة
report-indicator-consents_given-reporting = الموافقات الممنوحة: التقارير (أرقام بلا أسماء)
report-indicator-followups-done = المتابعات المنجزة
report-indicator-followups-overdue = المتابعات المتأخرة في نهاية الفترة
report-indicator-sessions = الجولات الميدانية
report-indicator-people_met = الأشخاص الذين التقيناهم (بلا أسماء)
report-indicator-people_met-women = الأشخاص الذين التقيناهم: نساء
report-indicator-people_met-men = الأشخاص الذين التقيناهم: رجال
report-indicator-people_met-sex_not_stated = الأشخاص الذين التقيناهم: الجنس غير مذكور
report-indicator-people_met-minors = الأشخاص الذين التقيناهم: قاصرون
report-indicator-people_met-adults_or_not_stated = الأشخاص الذين التقيناهم: بالغون أو العمر غير مذكور
report-indicator-referrals-outcome-pending = النتيجة: قيد الانتظار
report-indicator-referrals-outcome-accepted = النتيجة: مقبولة
report-indicator-referrals-outcome-completed = النتيجة: مكتملة
report-indicator-referrals-outcome-declined = النتيجة: مرفوضة
report-indicator-referrals-outcome-no_show = النتيجة: لم يذهب الشخص
report-indicator-referrals-outcome-unknown = النتيجة: غير مسجَّلة

## Screening rows; $item is one of the report-item-* names
report-screening-answered = { $item }: عدد من أجابوا
report-screening-yes = { $item }: نعم
report-screening-no = { $item }: لا
report-screening-prevalence = { $item }: نسبة «نعم» بين من أجابوا (%)
report-item-pay = الأجر (المادة 603 مكرر)
report-item-hours = ساعات العمل (المادة 603 مكرر)
report-item-safety = الصحة والسلامة (المادة 603 مكرر)
report-item-degrading = ظروف مهينة (المادة 603 مكرر)
report-item-abuse_of_vulnerability = إساءة استغلال حالة الضعف (منظمة العمل الدولية)
report-item-deception = الخداع (منظمة العمل الدولية)
report-item-restriction_of_movement = تقييد حرية التنقل (منظمة العمل الدولية)
report-item-isolation = العزل (منظمة العمل الدولية)
report-item-physical_sexual_violence = العنف الجسدي والجنسي (منظمة العمل الدولية)
report-item-intimidation_threats = الترهيب والتهديد (منظمة العمل الدولية)
report-item-retention_of_documents = الاحتفاظ بوثائق الهوية (منظمة العمل الدولية)
report-item-withholding_wages = حجب الأجور (منظمة العمل الدولية)
report-item-debt_bondage = عبودية الدَّين (منظمة العمل الدولية)
report-item-abusive_conditions = ظروف عمل ومعيشة مسيئة (منظمة العمل الدولية)
report-item-excessive_overtime = ساعات العمل الإضافية المفرطة (منظمة العمل الدولية)

## Categories
report-category-unknown = غير معروف
report-category-not_stated = غير مذكور
report-category-sex-female = أنثى
report-category-sex-male = ذكر
report-category-sex-other = غير ذلك
report-category-age_band-under_18 = أقل من 18 سنة
report-category-age_band-18_60 = من 18 إلى 60 سنة
report-category-age_band-over_60 = أكثر من 60 سنة
report-category-sector-agriculture = الزراعة
report-category-sector-construction = البناء
report-category-sector-logistics = النقل والمخازن
report-category-sector-hospitality = الفنادق والمطاعم وخدمات الطعام
report-category-sector-domestic_care = العمل المنزلي ورعاية الأشخاص
report-category-sector-manufacturing = الصناعة التحويلية
report-category-sector-other = قطاع آخر
report-category-outreach_type-street = عمل ميداني في الشارع
report-category-outreach_type-fixed_desk = نقطة استماع أو مكتب
report-category-outreach_type-group_session = جلسة جماعية
report-category-outreach_type-accompaniment = مرافقة
report-category-destination-antitrafficking_helpline = خط المساعدة لمكافحة الاتجار بالبشر
report-category-destination-labour_inspectorate = مفتشية العمل
report-category-destination-carabinieri_nil = وحدة تفتيش العمل في الكارابينييري (NIL)
report-category-destination-trade_union = نقابة عمالية
report-category-destination-employment_centre = مركز التشغيل
report-category-destination-health = الخدمات الصحية
report-category-destination-emergency = خدمات الطوارئ
report-category-destination-legal_aid = مساعدة قانونية
report-category-destination-permit_office = مكتب تصاريح الإقامة
report-category-destination-antitrafficking_project = مشروع لمكافحة الاتجار بالبشر
report-category-destination-shelter = دار إيواء
report-category-destination-housing_support = مساعدة في السكن
report-category-destination-transport_support = مساعدة في النقل
report-category-destination-social_services = الخدمات الاجتماعية
report-category-destination-other = جهة أخرى

## Charts
report-chart-subtitle = من { $from } إلى { $to } · الأعداد الأقل من { $threshold } مخفية ({ $marker })
report-chart-reached-title = الأشخاص الذين تم الوصول إليهم في كل شهر
report-chart-reached-persons = الأشخاص الذين تم الوصول إليهم (سجلات فردية)
report-chart-reached-anonymous = الأشخاص الذين التقيناهم في العمل الميداني (لقاءات بلا أسماء)
report-chart-referrals-title = الإحالات حسب الجهة
report-chart-referrals-series = الإحالات في الفترة
report-chart-prevalence-title = مؤشرات الاستغلال بين الأشخاص الذين تم تقييمهم
report-chart-prevalence-series = نسبة من أجابوا «نعم» بين من أجابوا (%)
report-chart-group-s603 = { $item }
report-chart-group-ilo = { $item }
report-chart-answered = (العدد = { $n })

# case flow
report-table-cases-listening_point = الحالات حسب نقطة الاستماع
report-table-cases-close_reason = الحالات المغلقة حسب السبب
report-indicator-cases-in_charge = الحالات قيد المتابعة في نهاية الفترة
report-indicator-cases-taken_in_charge = الحالات التي تم التكفّل بها
report-indicator-cases-closed = الحالات المغلقة
report-indicator-cases-reopened = الحالات المعاد فتحها
report-indicator-referrals-steps = نتائج الإحالات المسجّلة
report-indicator-referrals-step-pending = مسجّل: قيد الانتظار
report-indicator-referrals-step-accepted = مسجّل: مقبولة
report-indicator-referrals-step-completed = مسجّل: مكتملة
report-indicator-referrals-step-declined = مسجّل: مرفوضة
report-indicator-referrals-step-no_show = مسجّل: لم يذهب الشخص
report-indicator-referrals-step-unknown = مسجّل: غير معروف
report-category-close_reason-goal_reached = تحقّق الهدف، الاستقلالية
report-category-close_reason-moved_away = انتقل إلى مكان آخر
report-category-close_reason-lost_contact = انقطع التواصل
report-category-close_reason-declined = رفض مواصلة الدعم
report-category-close_reason-other = أخرى
report-category-close_reason-referred_on = أُحيل إلى مشروع آخر
report-category-close_reason-deceased = متوفّى

# outreach counting
report-table-outreach-nationality = الجولات الميدانية: أبرز الجنسيات
report-table-outreach-group_topic = اللقاءات الجماعية حسب الموضوع
report-indicator-nationality_seen = أشخاص من هذه الجنسية (مجهولو الهوية)
report-indicator-group_sessions = اللقاءات الجماعية
report-indicator-group_attendance = الحضور (مجهولو الهوية)
report-indicator-group_follow_up = طلبوا متابعة فردية
report-category-group_topic-rights = حقوق العمّال
report-category-group_topic-job_placement_protocol = بروتوكول الإدماج في العمل
report-category-group_topic-health = الصحة
report-category-group_topic-housing = السكن
report-category-group_topic-documents = الوثائق والتصاريح
report-category-group_topic-safety_at_work = السلامة في العمل
report-category-group_topic-other = أخرى

# contacts
report-table-contacts-listening_point = الاتصالات الأولى حسب المكان
report-table-contacts-month = الاتصالات الأولى حسب الشهر
report-indicator-contacts = الاتصالات الأولى
report-indicator-contacts-quick = الاتصالات الأولى: اتصال سريع
report-indicator-contacts-intake = الاتصالات الأولى: أثناء مقابلة الاستقبال

## Programme reports (several teams added up)
report-table-programme-team = حسب الفريق
report-about-teams-included = الفرق المشمولة
report-about-teams-missing = الفرق الناقصة (لم يصل تقريرها عن الفترة)

## Materials handed out (outreach tallies and quick contacts)
report-table-outreach-materials = الجولات الميدانية: المواد الموزعة
report-indicator-materials = المواد الموزعة
report-indicator-materials-outreach = محسوبة في الجولات الميدانية
report-indicator-materials-contacts = مُعطاة في الاتصالات الأولى السريعة
report-category-material-rights_leaflet = منشورات عن الحقوق
report-category-material-helpline_card = بطاقات خط المساعدة
report-category-material-legal_info = معلومات قانونية
report-category-material-health_kit = حقائب صحية
report-category-material-food = طعام
report-category-material-water = ماء
report-category-material-protective_equipment = معدات الحماية
report-category-material-other = مواد أخرى

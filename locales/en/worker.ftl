# Worker-facing content: consent texts, the rights card, interview questions and answer
# options. Read aloud to the worker or handed to them on screen, often through a mediator:
# short sentences, plain words, "you" form. This file is the source of every translation;
# a translation keeps every id of this file (the locale check fails otherwise).
#
# translation-status: "source" here; "draft" in a translation that no native speaker has
# checked yet (the app shows a "draft" badge); "reviewed" once one has (docs/translations.md).
# If the meaning of a consent text changes, the consent text version the app records
# (consents.<id>.text_version, e.g. consent-intake-v1) must change with it.

translation-status = source
language-name = English

## Consent: who we are, what we write down, how it is kept, that saying no changes nothing,
## that it can be deleted. $destination is the name of a type of service (service-type-*).

consent-intake-title = What we write down about you
consent-intake-text = We are an outreach team that meets workers. We do not work for employers or for the police. If you agree, we write down a name you choose, your answers about your work and where you live, and the help you need. We keep this locked with a secret code (encrypted) on our team's phones and computers, and only our team can read it. If you say no, you get our help just the same. You can ask us at any time to delete what we wrote.
consent-referral-title = Passing your details to a service
consent-referral-text = We are an outreach team that meets workers, and we do not work for employers or for the police. We would like to put you in touch with this service: { $destination }. We would give them your name and your situation only if you agree. We write down your answer and keep it locked with a secret code (encrypted) on our team's phones and computers. If you say no, our help does not change. You can ask us at any time to delete what we wrote.
consent-reporting-title = Numbers without names
consent-reporting-text = We are an outreach team that meets workers, and we do not work for employers or for the police. The organisation that pays for our work asks how many people we met. We give them only numbers, for example how many women and men, or from which countries, and never names. What we write stays locked with a secret code (encrypted) on our team's phones and computers. If you say no, our help does not change. You can ask us at any time to delete what we wrote.
consent-ask = Do you agree?
consent-yes = Yes, I agree
consent-no = No

## Rights card, in large type. $number is the anti-trafficking helpline (800 290 290).

rights-title = Your rights at work in Italy
rights-pay = You must get at least the pay that the national collective agreement (contratto collettivo) sets for your job, for every hour you work. You must get a payslip (busta paga).
rights-hours = Your working hours have a limit. You have the right to rest every day and every week. Extra hours (overtime) must be paid more.
rights-safety = Your work must be safe: drinking water, shade, breaks, protective equipment and safe transport. No one may threaten you or hit you.
rights-documents = No one may keep your passport or your permit to stay (permesso di soggiorno).
rights-permit = If you are a victim of exploitation, you can ask for a special permit to stay, even if you have no papers.
rights-helpline = Free helpline, day and night, in your language: { $number }
rights-union = A trade union can help you get the pay you are owed.

## Interview: profile

q-alias = What name would you like us to use for you? It does not have to be your real name.
q-sex = Are you a woman, a man, or other? You do not have to answer.
q-birth-year = In what year were you born?
q-nationality = Which country are you a citizen of?
q-languages = Which languages do you speak?
q-phone = Is there a phone number where we can call you safely? You do not have to give one.

## Interview: work

q-sector = What kind of work do you do?
q-employer-area = Where do you work? The name of the area or of a road is enough.
q-permit = Do you have a permit to stay (permesso di soggiorno)? What kind?
q-permit-expiry = Until what date is your permit to stay valid?

## Interview: living and needs

q-housing = Where do you live now?
q-needs = What help do you need most?

## Screening: one question per indicator; "yes" means the indicator is present.
## 603-bis indices (Italian penal code, art. 603-bis, third paragraph)

q-s603-pay = Are you often paid much less than the official pay for your job, or too little for the work you do?
q-s603-hours = Do you often work too many hours, without breaks, without a day off every week, or without holidays?
q-s603-safety = Is your work unsafe? For example: no protective equipment, no water or shade in the heat, or unsafe vans.
q-s603-degrading = At work or where you sleep, are you treated without respect? For example: insults, being watched all the time, or a place to sleep that is not fit to live in.

## 603-bis aggravating circumstances (fourth paragraph)

q-aggravating-more_than_three_workers = Did the same person bring more than three workers to this work, counting you?
q-aggravating-minors = Are there children under 16 working with you?
q-aggravating-serious_danger = Does your work put you in serious danger? For example, could you be badly hurt, or get very sick from the heat?

## ILO indicators of forced labour (2012)

q-ilo-abuse_of_vulnerability = Does someone take advantage of your situation? For example, because you have no papers, do not speak Italian, or have nowhere else to go.
q-ilo-deception = Were you told lies about this job? For example, about the pay, the work, the housing or the papers.
q-ilo-restriction_of_movement = Are you stopped from leaving your workplace or the place where you live, or from going where you want?
q-ilo-isolation = Are you kept away from other people? For example, in a remote place, without a phone, or without contact with your family.
q-ilo-physical_sexual_violence = Has anyone linked to your work hit you, hurt you, or forced you into sexual acts?
q-ilo-intimidation_threats = Has anyone threatened you? For example, to report you to the police, to hurt you or your family, or not to pay you.
q-ilo-retention_of_documents = Does someone keep your passport or your permit to stay, and not give it back when you ask?
q-ilo-withholding_wages = Is part of your pay held back, paid late, or not paid at all?
q-ilo-debt_bondage = Do you owe money to your employer or to the person who brought you, for example for the journey, housing, transport or food, that you must pay back by working?
q-ilo-abusive_conditions = Are you made to work or live in very bad conditions that no one would accept freely? For example, dirty and crowded housing.
q-ilo-excessive_overtime = Are you forced to work many extra hours, more than agreed or more than the law allows?

## Answer options: ids are <list>-<code>, codes as in ponte-model (vocab, screening).

answer-yes = Yes
answer-no = No
answer-unknown = Not known

sex-female = Woman
sex-male = Man
sex-other = Other

sector-agriculture = Farm work (agriculture)
sector-construction = Building work (construction)
sector-logistics = Transport and warehouses (logistics)
sector-hospitality = Restaurants, bars and hotels
sector-domestic_care = Housework and care for people
sector-manufacturing = Factory work
sector-other = Other work

permit-status-none = No permit to stay
permit-status-asylum_seeker = Asylum seeker
permit-status-refugee = Refugee status
permit-status-subsidiary_protection = Subsidiary protection
permit-status-special_protection = Special protection
permit-status-art18 = Special permit for victims of trafficking or serious exploitation (art. 18)
permit-status-art22_12quater = Special permit for victims of labour exploitation (art. 22, paragraph 12-quater)
permit-status-seasonal_work = Seasonal work
permit-status-employment = Employment
permit-status-family = Family reasons
permit-status-eu_citizen = EU citizen (no permit needed)
permit-status-other = Other permit

housing-informal_settlement = Shacks, tents or abandoned buildings (informal settlement)
housing-overcrowded_rented = Rented place, too many people
housing-employer_provided = Housing given by the employer
housing-reception_centre = Reception centre (CAS, SAI)
housing-adequate = Own home or decent housing
housing-homeless = No home, sleeping outside
housing-unknown = I don't know / not said

need-legal_aid = Legal advice
need-permit = Permit to stay
need-health = Health and medical care
need-housing = Housing
need-food = Food
need-transport = Transport
need-work = Work
need-wage_claim = Getting unpaid wages
need-training = Training
need-language_course = Italian language course
need-documents = Documents (for example tax code, identity card)
need-protection = Protection and safety
need-psychological_support = Psychological support
need-other = Other help

service-type-antitrafficking_helpline = Anti-trafficking helpline (Numero Verde Antitratta)
service-type-labour_inspectorate = Labour inspectorate (Ispettorato del Lavoro)
service-type-carabinieri_nil = Carabinieri labour inspection unit (NIL)
service-type-trade_union = Trade union
service-type-employment_centre = Employment centre (Centro per l'Impiego)
service-type-health = Health services (ASL)
service-type-emergency = Emergency services
service-type-legal_aid = Legal aid
service-type-permit_office = Immigration office (Prefettura, Questura)
service-type-antitrafficking_project = Anti-trafficking project
service-type-shelter = Protected shelter
service-type-housing_support = Help with housing
service-type-transport_support = Help with transport
service-type-social_services = Social services of the municipality (Comune)
service-type-other = Other service

# referral sheet
# What a referral consent lets the team share (share-field-<code>, ponte_model::vocab::SHARE_FIELDS),
# and the worker's copy of a referral sheet (ponte-sheet).
share-field-alias = Name or alias
share-field-languages = Languages
share-field-birth_year = Year of birth
share-field-sex = Sex
share-field-nationality = Nationality
share-field-phone = Phone number
share-field-permit = Permit to stay
share-field-sector = Kind of work
share-field-employer_area = Area of work
share-field-housing = Housing
share-field-needs = Help needed
share-field-screening = Signs of exploitation found in the interview
share-field-referral_note = Reason for the referral
sheet-worker-title = Your appointment
sheet-worker-intro = We have put you in touch with this service. Here is where and when to go. You decide whether to go.
sheet-worker-where = Where to go
sheet-worker-hours = Opening hours
sheet-worker-when = When
sheet-worker-no-appointment = No day fixed yet: we will tell you.
sheet-worker-ask-for = Ask for
sheet-worker-bring = Bring
sheet-worker-team = Our team
sheet-worker-team-phone = Our phone

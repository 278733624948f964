# Worker-facing content in French: consent texts, rights card, interview questions and
# answer options. Source: locales/en/worker.ftl. DRAFT: no native speaker has reviewed this
# file yet; a reviewer sets translation-status = reviewed (docs/translations.md).
# Register: "vous". Questions avoid gendered participles where a neutral phrasing exists.
# A no-break space (U+00A0) stands before : ; ? and ! as French typography requires.

translation-status = draft
language-name = Français

## Consent

consent-intake-title = Ce que nous notons sur vous
consent-intake-text = Nous sommes une équipe qui va à la rencontre des travailleurs. Nous ne travaillons pas pour les employeurs ni pour la police. Si vous êtes d'accord, nous notons un nom que vous choisissez, vos réponses sur votre travail et votre logement, et l'aide dont vous avez besoin. Nous gardons ces notes fermées par un code secret (chiffrées) sur les téléphones et les ordinateurs de notre équipe, et seule notre équipe peut les lire. Si vous dites non, vous recevez la même aide. Vous pouvez nous demander à tout moment d'effacer ce que nous avons écrit.
consent-referral-title = Donner vos informations à un service
consent-referral-text = Nous sommes une équipe qui va à la rencontre des travailleurs, et nous ne travaillons pas pour les employeurs ni pour la police. Nous voudrions vous mettre en contact avec ce service : { $destination }. Nous lui donnerions votre nom et votre situation seulement si vous êtes d'accord. Nous notons votre réponse et la gardons fermée par un code secret (chiffrée) sur les téléphones et les ordinateurs de notre équipe. Si vous dites non, notre aide ne change pas. Vous pouvez nous demander à tout moment d'effacer ce que nous avons écrit.
consent-reporting-title = Des chiffres sans noms
consent-reporting-text = Nous sommes une équipe qui va à la rencontre des travailleurs, et nous ne travaillons pas pour les employeurs ni pour la police. L'organisme qui paie notre travail nous demande combien de personnes nous avons rencontrées. Nous lui donnons seulement des chiffres, par exemple combien de femmes et d'hommes, ou de quels pays, et jamais de noms. Ce que nous écrivons reste fermé par un code secret (chiffré) sur les téléphones et les ordinateurs de notre équipe. Si vous dites non, notre aide ne change pas. Vous pouvez nous demander à tout moment d'effacer ce que nous avons écrit.
consent-ask = Êtes-vous d'accord ?
consent-yes = Oui, je suis d'accord
consent-no = Non

## Rights card

rights-title = Vos droits au travail en Italie
rights-pay = Vous devez recevoir au moins le salaire prévu pour votre travail par la convention collective nationale (contratto collettivo), pour chaque heure travaillée. Vous devez recevoir une fiche de paie (busta paga).
rights-hours = Le temps de travail a une limite. Vous avez droit au repos chaque jour et chaque semaine. Les heures supplémentaires doivent être payées plus cher.
rights-safety = Votre travail doit être sûr : de l'eau à boire, de l'ombre, des pauses, des équipements de protection et un transport sûr. Personne n'a le droit de vous menacer ou de vous frapper.
rights-documents = Personne n'a le droit de garder votre passeport ou votre permis de séjour (permesso di soggiorno).
rights-permit = Si vous êtes victime d'exploitation, vous pouvez demander un permis de séjour spécial, même si vous n'avez pas de papiers.
rights-helpline = Numéro d'aide gratuit, jour et nuit, dans votre langue : { $number }
rights-union = Un syndicat peut vous aider à obtenir le salaire qu'on vous doit.

## Interview: profile

q-alias = Quel nom voulez-vous que nous utilisions pour vous ? Ce n'est pas forcément votre vrai nom.
q-sex = Êtes-vous une femme, un homme, ou autre ? Répondre n'est pas obligatoire.
q-birth-year = Quelle est votre année de naissance ?
q-nationality = De quel pays avez-vous la nationalité ?
q-languages = Quelles langues parlez-vous ?
q-phone = Avez-vous un numéro de téléphone où nous pouvons vous appeler sans danger ? Ce n'est pas obligatoire.

## Interview: work

q-sector = Quel genre de travail faites-vous ?
q-employer-area = Où travaillez-vous ? Le nom de la zone ou d'une route suffit.
q-permit = Avez-vous un permis de séjour (permesso di soggiorno) ? De quel type ?
q-permit-expiry = Jusqu'à quelle date votre permis de séjour est-il valable ?

## Interview: living and needs

q-housing = Où habitez-vous en ce moment ?
q-needs = De quelle aide avez-vous le plus besoin ?

## Screening: "oui" means the indicator is present.
## 603-bis indices

q-s603-pay = Votre salaire est-il souvent bien plus bas que le salaire officiel de votre travail, ou trop bas pour le travail que vous faites ?
q-s603-hours = Travaillez-vous souvent trop d'heures, sans pause, sans un jour de repos par semaine, ou sans congés ?
q-s603-safety = Votre travail est-il dangereux ? Par exemple : pas d'équipement de protection, pas d'eau ni d'ombre quand il fait chaud, ou des camionnettes dangereuses.
q-s603-degrading = Au travail ou là où vous dormez, vous traite-t-on sans respect ? Par exemple : des insultes, une surveillance tout le temps, ou un logement où l'on ne peut pas vivre.

## 603-bis aggravating circumstances

q-aggravating-more_than_three_workers = La même personne a-t-elle amené plus de trois travailleurs à ce travail, en vous comptant ?
q-aggravating-minors = Y a-t-il des enfants de moins de 16 ans qui travaillent avec vous ?
q-aggravating-serious_danger = Votre travail vous met-il en grave danger ? Par exemple, pourriez-vous vous blesser gravement, ou tomber très malade à cause de la chaleur ?

## ILO indicators

q-ilo-abuse_of_vulnerability = Quelqu'un profite-t-il de votre situation ? Par exemple parce que vous n'avez pas de papiers, vous ne parlez pas italien, ou vous n'avez pas d'autre endroit où aller.
q-ilo-deception = Vous a-t-on menti sur ce travail ? Par exemple sur le salaire, le travail, le logement ou les papiers.
q-ilo-restriction_of_movement = Vous empêche-t-on de quitter votre lieu de travail ou votre logement, ou d'aller où vous voulez ?
q-ilo-isolation = Vous tient-on loin des autres personnes ? Par exemple dans un endroit isolé, sans téléphone, ou sans contact avec votre famille.
q-ilo-physical_sexual_violence = Quelqu'un lié à votre travail a-t-il été violent avec vous : des coups, des blessures, ou des actes sexuels forcés ?
q-ilo-intimidation_threats = Avez-vous reçu des menaces ? Par exemple de vous dénoncer à la police, de vous faire du mal ou de faire du mal à votre famille, ou de ne pas vous payer.
q-ilo-retention_of_documents = Quelqu'un garde-t-il votre passeport ou votre permis de séjour, sans vous le rendre quand vous le demandez ?
q-ilo-withholding_wages = Une partie de votre salaire est-elle retenue, payée en retard, ou jamais payée ?
q-ilo-debt_bondage = Avez-vous une dette envers votre employeur ou la personne qui vous a fait venir, par exemple pour le voyage, le logement, le transport ou la nourriture, que vous devez rembourser en travaillant ?
q-ilo-abusive_conditions = Vous oblige-t-on à travailler ou à vivre dans des conditions très dures, que personne n'accepterait librement ? Par exemple un logement sale et surpeuplé.
q-ilo-excessive_overtime = Vous oblige-t-on à faire beaucoup d'heures en plus, plus que prévu ou plus que la loi ne le permet ?

## Answer options

answer-yes = Oui
answer-no = Non
answer-unknown = Je ne sais pas / pas demandé

sex-female = Femme
sex-male = Homme
sex-other = Autre

sector-agriculture = Agriculture (travail aux champs)
sector-construction = Bâtiment (chantiers)
sector-logistics = Transport et entrepôts (logistique)
sector-hospitality = Restaurants, bars et hôtels
sector-domestic_care = Travail domestique et aide aux personnes
sector-manufacturing = Travail en usine
sector-other = Autre travail

permit-status-none = Pas de permis de séjour
permit-status-asylum_seeker = Demande d'asile en cours
permit-status-refugee = Statut de réfugié
permit-status-subsidiary_protection = Protection subsidiaire
permit-status-special_protection = Protection spéciale
permit-status-art18 = Permis spécial pour les victimes de traite ou d'exploitation grave (art. 18)
permit-status-art22_12quater = Permis spécial pour les victimes d'exploitation au travail (art. 22, alinéa 12-quater)
permit-status-seasonal_work = Travail saisonnier
permit-status-employment = Travail salarié
permit-status-family = Raisons familiales
permit-status-eu_citizen = Citoyenneté de l'Union européenne (pas besoin de permis)
permit-status-other = Autre permis

housing-informal_settlement = Baraques, tentes ou bâtiments abandonnés (campement informel)
housing-overcrowded_rented = Logement loué, trop de personnes
housing-employer_provided = Logement fourni par l'employeur
housing-reception_centre = Centre d'accueil (CAS, SAI)
housing-adequate = Logement personnel ou convenable
housing-homeless = Sans logement, à la rue
housing-unknown = Je ne sais pas / pas dit

need-legal_aid = Conseil juridique
need-permit = Permis de séjour
need-health = Santé et soins
need-housing = Logement
need-food = Nourriture
need-transport = Transport
need-work = Travail
need-wage_claim = Récupérer le salaire non payé
need-training = Formation
need-language_course = Cours d'italien
need-documents = Papiers (par exemple codice fiscale, carte d'identité)
need-protection = Protection et sécurité
need-psychological_support = Soutien psychologique
need-other = Autre aide

service-type-antitrafficking_helpline = Numéro vert contre la traite (Numero Verde Antitratta)
service-type-labour_inspectorate = Inspection du travail (Ispettorato del Lavoro)
service-type-carabinieri_nil = Inspection du travail des Carabiniers (NIL)
service-type-trade_union = Syndicat
service-type-employment_centre = Centre pour l'emploi (Centro per l'Impiego)
service-type-health = Services de santé (ASL)
service-type-emergency = Services d'urgence
service-type-legal_aid = Aide juridique
service-type-permit_office = Service de l'immigration (Prefettura, Questura)
service-type-antitrafficking_project = Projet contre la traite
service-type-shelter = Foyer protégé
service-type-housing_support = Aide au logement
service-type-transport_support = Aide au transport
service-type-social_services = Services sociaux de la commune (Comune)
service-type-other = Autre service

# referral sheet
# What a referral consent lets the team share (share-field-<code>, ponte_model::vocab::SHARE_FIELDS),
# and the worker's copy of a referral sheet (ponte-sheet).
share-field-alias = Nom ou pseudonyme
share-field-languages = Langues
share-field-birth_year = Année de naissance
share-field-sex = Sexe
share-field-nationality = Nationalité
share-field-phone = Téléphone
share-field-permit = Titre de séjour (permesso di soggiorno)
share-field-sector = Secteur de travail
share-field-employer_area = Zone de travail
share-field-housing = Logement
share-field-needs = Aide demandée
share-field-screening = Signes d'exploitation relevés pendant l'entretien
share-field-referral_note = Motif de l'orientation
sheet-worker-title = Votre rendez-vous
sheet-worker-intro = Nous vous avons mis en contact avec ce service. Voici où et quand y aller. C'est vous qui décidez d'y aller.
sheet-worker-where = Où aller
sheet-worker-hours = Horaires
sheet-worker-when = Quand
sheet-worker-no-appointment = Le jour n'est pas encore fixé : nous vous le dirons.
sheet-worker-ask-for = Demandez
sheet-worker-bring = Apportez
sheet-worker-team = Notre équipe
sheet-worker-team-phone = Notre téléphone

# Etichette dei report per i finanziatori (crate ponte-report): nomi dei fogli,
# intestazioni, titoli dei grafici. I codici restano codici in JSON e CSV.

## Il foglio "Informazioni"
report-sheet-about = Informazioni
report-about-report = Report
report-about-team = Équipe
report-about-from = Periodo dal
report-about-to = Periodo al
report-about-threshold = Soglia di oscuramento
report-about-hidden = Simbolo di cella oscurata
report-about-hidden-meaning = "{ $marker }" = dato non pubblicato: meno di { $threshold } persone, oppure oscurato perché un dato simile non si possa ricavare dai totali. Gli zeri sono pubblicati.
report-about-hidden-count = Numero di celle oscurate
report-about-generated = Generato il
report-about-definitions = Definizioni
report-about-definitions-text = Una persona è raggiunta nel periodo se ha un incontro datato nel periodo (o, senza incontri, se la scheda è stata creata nel periodo); primo contatto se il primo incontro in assoluto è nel periodo, altrimenti già conosciuta. Invii, consensi e follow-up svolti contano per la loro data; un follow-up è scaduto se la scadenza precede l'ultimo giorno e non è stato svolto entro quel giorno. Fascia d'età dall'anno di nascita all'ultimo giorno del periodo.
report-about-contacts = Persone incontrate in uscita
report-about-contacts-text = I conteggi anonimi delle uscite sono contatti, non persone: un lavoratore incontrato due volte conta due volte. Sono mostrati accanto alle persone raggiunte e mai sommati a esse.

## Fogli delle tabelle
report-header-indicator = Indicatore
report-header-code = Codice
report-header-total = Totale
report-table-persons-sex = Sesso
report-table-persons-age_band = Fascia d'età
report-table-persons-nationality = Nazionalità
report-table-persons-sector = Settore
report-table-persons-listening_point = Punto di ascolto
report-table-referrals-destination = Invii
report-table-outreach-listening_point = Uscite per punto di ascolto
report-table-outreach-outreach_type = Uscite per tipo
report-table-months = Per mese

## Indicatori
report-indicator-reached = Persone raggiunte
report-indicator-reached-first_contact = Persone raggiunte: primo contatto
report-indicator-reached-repeat = Persone raggiunte: già conosciute
report-indicator-risk-not_screened = Livello di rischio: non valutato
report-indicator-risk-low = Livello di rischio: basso
report-indicator-risk-medium = Livello di rischio: medio
report-indicator-risk-high = Livello di rischio: alto
report-indicator-screened = Persone raggiunte e valutate
report-indicator-taken_in_charge = Persone prese in carico
report-indicator-referrals = Invii
report-indicator-consents_given = Consensi dati
report-indicator-consents_given-intake = Consensi dati: accoglienza
report-indicator-consents_given-referral = Consensi dati: invio
report-indicator-consents_given-reporting = Consensi dati: rendicontazione
report-indicator-followups-done = Follow-up svolti
report-indicator-followups-overdue = Follow-up scaduti alla fine del periodo
report-indicator-sessions = Uscite
report-indicator-people_met = Persone incontrate (anonime)
report-indicator-people_met-women = Persone incontrate: donne
report-indicator-people_met-men = Persone incontrate: uomini
report-indicator-people_met-sex_not_stated = Persone incontrate: sesso non indicato
report-indicator-people_met-minors = Persone incontrate: minori
report-indicator-people_met-adults_or_not_stated = Persone incontrate: adulti o età non indicata
report-indicator-referrals-outcome-pending = Esito: in attesa
report-indicator-referrals-outcome-accepted = Esito: accettato
report-indicator-referrals-outcome-completed = Esito: concluso
report-indicator-referrals-outcome-declined = Esito: rifiutato
report-indicator-referrals-outcome-no_show = Esito: non presentato
report-indicator-referrals-outcome-unknown = Esito: non registrato

## Righe della valutazione; $item è uno dei nomi report-item-*
report-screening-answered = { $item }: risposte
report-screening-yes = { $item }: sì
report-screening-no = { $item }: no
report-screening-prevalence = { $item }: % di sì tra le risposte
report-item-pay = Retribuzione (603-bis)
report-item-hours = Orario di lavoro (603-bis)
report-item-safety = Salute e sicurezza (603-bis)
report-item-degrading = Condizioni degradanti (603-bis)
report-item-abuse_of_vulnerability = Abuso di vulnerabilità (OIL)
report-item-deception = Inganno (OIL)
report-item-restriction_of_movement = Limitazione della libertà di movimento (OIL)
report-item-isolation = Isolamento (OIL)
report-item-physical_sexual_violence = Violenza fisica e sessuale (OIL)
report-item-intimidation_threats = Intimidazioni e minacce (OIL)
report-item-retention_of_documents = Trattenimento dei documenti (OIL)
report-item-withholding_wages = Trattenimento del salario (OIL)
report-item-debt_bondage = Servitù per debiti (OIL)
report-item-abusive_conditions = Condizioni di lavoro e di vita abusive (OIL)
report-item-excessive_overtime = Straordinario eccessivo (OIL)

## Categorie
report-category-unknown = Non noto
report-category-not_stated = Non indicato
report-category-sex-female = Donna
report-category-sex-male = Uomo
report-category-sex-other = Altro
report-category-age_band-under_18 = Meno di 18 anni
report-category-age_band-18_60 = Da 18 a 60 anni
report-category-age_band-over_60 = Oltre 60 anni
report-category-sector-agriculture = Agricoltura
report-category-sector-construction = Edilizia
report-category-sector-logistics = Logistica
report-category-sector-hospitality = Ristorazione e turismo
report-category-sector-domestic_care = Lavoro domestico e di cura
report-category-sector-manufacturing = Manifattura
report-category-sector-other = Altro
report-category-outreach_type-street = Unità di strada
report-category-outreach_type-fixed_desk = Sportello o punto di ascolto
report-category-outreach_type-group_session = Incontro di gruppo
report-category-outreach_type-accompaniment = Accompagnamento
report-category-destination-antitrafficking_helpline = Numero Verde Antitratta
report-category-destination-labour_inspectorate = Ispettorato del Lavoro
report-category-destination-carabinieri_nil = Carabinieri, Nucleo Ispettorato del Lavoro
report-category-destination-trade_union = Sindacato
report-category-destination-employment_centre = Centro per l'Impiego
report-category-destination-health = Servizi sanitari
report-category-destination-emergency = Emergenza
report-category-destination-legal_aid = Sportello legale
report-category-destination-permit_office = Prefettura o Questura (permessi)
report-category-destination-antitrafficking_project = Progetto antitratta
report-category-destination-shelter = Struttura di accoglienza
report-category-destination-housing_support = Sostegno abitativo
report-category-destination-transport_support = Sostegno ai trasporti
report-category-destination-social_services = Servizi sociali
report-category-destination-other = Altro

## Grafici
report-chart-subtitle = Dal { $from } al { $to } · dati sotto { $threshold } oscurati ({ $marker })
report-chart-reached-title = Persone raggiunte per mese
report-chart-reached-persons = Persone raggiunte (schede individuali)
report-chart-reached-anonymous = Persone incontrate in uscita (contatti anonimi)
report-chart-referrals-title = Invii per destinazione
report-chart-referrals-series = Invii nel periodo
report-chart-prevalence-title = Indicatori di sfruttamento tra le persone valutate
report-chart-prevalence-series = % di sì tra le risposte
report-chart-group-s603 = { $item }
report-chart-group-ilo = { $item }
report-chart-answered = (n = { $n })

# case flow
report-table-cases-listening_point = Casi per punto di ascolto
report-table-cases-close_reason = Casi chiusi per motivo
report-indicator-cases-in_charge = Casi in carico alla fine del periodo
report-indicator-cases-taken_in_charge = Casi presi in carico
report-indicator-cases-closed = Casi chiusi
report-indicator-cases-reopened = Casi riaperti
report-indicator-referrals-steps = Esiti degli invii registrati
report-indicator-referrals-step-pending = Registrato: in attesa
report-indicator-referrals-step-accepted = Registrato: accettato
report-indicator-referrals-step-completed = Registrato: concluso
report-indicator-referrals-step-declined = Registrato: rifiutato
report-indicator-referrals-step-no_show = Registrato: non presentato
report-indicator-referrals-step-unknown = Registrato: non noto
report-category-close_reason-goal_reached = Obiettivo raggiunto, autonomia
report-category-close_reason-moved_away = Trasferito altrove
report-category-close_reason-lost_contact = Contatto perso
report-category-close_reason-declined = Ha rinunciato al supporto
report-category-close_reason-other = Altro
report-category-close_reason-referred_on = Inviato a un altro progetto
report-category-close_reason-deceased = Deceduto

# outreach counting
report-table-outreach-nationality = Uscite: principali nazionalità incontrate
report-table-outreach-group_topic = Incontri di gruppo per tema
report-indicator-nationality_seen = Persone incontrate di questa nazionalità (anonime)
report-indicator-group_sessions = Incontri di gruppo
report-indicator-group_attendance = Partecipanti (anonimi)
report-indicator-group_follow_up = Hanno chiesto un colloquio individuale
report-category-group_topic-rights = Diritti dei lavoratori
report-category-group_topic-job_placement_protocol = Protocollo per l'inserimento lavorativo
report-category-group_topic-health = Salute
report-category-group_topic-housing = Casa
report-category-group_topic-documents = Documenti e permessi
report-category-group_topic-safety_at_work = Sicurezza sul lavoro
report-category-group_topic-other = Altro

# contacts
report-table-contacts-listening_point = Primi contatti per luogo
report-table-contacts-month = Primi contatti per mese
report-indicator-contacts = Primi contatti
report-indicator-contacts-quick = Primi contatti: contatto rapido
report-indicator-contacts-intake = Primi contatti: al colloquio di accoglienza

## Programme reports (several teams added up)
report-table-programme-team = Per équipe
report-about-teams-included = Équipe incluse
report-about-teams-missing = Équipe mancanti (nessun report ricevuto per il periodo)

## Materials handed out (outreach tallies and quick contacts)
report-table-outreach-materials = Uscite: materiali distribuiti
report-indicator-materials = Materiali distribuiti
report-indicator-materials-outreach = Contati nelle uscite
report-indicator-materials-contacts = Dati nei primi contatti
report-category-material-rights_leaflet = Volantini sui diritti
report-category-material-helpline_card = Cartoncini con il Numero Verde Antitratta
report-category-material-legal_info = Informazioni legali
report-category-material-health_kit = Kit sanitari
report-category-material-food = Cibo
report-category-material-water = Acqua
report-category-material-protective_equipment = Dispositivi di protezione
report-category-material-other = Altro materiale

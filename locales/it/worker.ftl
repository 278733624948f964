# Contenuti per il lavoratore: consensi, scheda dei diritti, domande del colloquio e
# risposte. Letti ad alta voce o mostrati sullo schermo: frasi brevi, parole semplici, "tu".
# Sorgente: locales/en/worker.ftl. BOZZA: nessun madrelingua ha ancora rivisto questo file;
# chi lo rivede mette translation-status = reviewed (docs/translations.md).

translation-status = draft
language-name = Italiano

## Consenso

consent-intake-title = Cosa scriviamo su di te
consent-intake-text = Siamo un'unità di strada che incontra i lavoratori. Non lavoriamo per i datori di lavoro né per la polizia. Se sei d'accordo, scriviamo un nome che scegli tu, le tue risposte sul lavoro e su dove vivi, e l'aiuto che ti serve. Lo teniamo chiuso con un codice segreto (cifrato) sui telefoni e sui computer della nostra équipe, e solo noi possiamo leggerlo. Se dici di no, ti aiutiamo lo stesso, nello stesso modo. Puoi chiederci in ogni momento di cancellare quello che abbiamo scritto.
consent-referral-title = Dare i tuoi dati a un servizio
consent-referral-text = Siamo un'unità di strada che incontra i lavoratori, e non lavoriamo per i datori di lavoro né per la polizia. Vorremmo metterti in contatto con questo servizio: { $destination }. Daremo il tuo nome e la tua situazione solo se sei d'accordo. Scriviamo la tua risposta e la teniamo chiusa con un codice segreto (cifrata) sui telefoni e sui computer della nostra équipe. Se dici di no, il nostro aiuto non cambia. Puoi chiederci in ogni momento di cancellare quello che abbiamo scritto.
consent-reporting-title = Numeri senza nomi
consent-reporting-text = Siamo un'unità di strada che incontra i lavoratori, e non lavoriamo per i datori di lavoro né per la polizia. Chi paga il nostro lavoro ci chiede quante persone abbiamo incontrato. Diamo solo numeri, per esempio quante donne e quanti uomini, o da quali paesi, e mai nomi. Quello che scriviamo resta chiuso con un codice segreto (cifrato) sui telefoni e sui computer della nostra équipe. Se dici di no, il nostro aiuto non cambia. Puoi chiederci in ogni momento di cancellare quello che abbiamo scritto.
consent-ask = Sei d'accordo?
consent-yes = Sì, sono d'accordo
consent-no = No

## Scheda dei diritti

rights-title = I tuoi diritti sul lavoro in Italia
rights-pay = Devi ricevere almeno la paga che il contratto collettivo nazionale prevede per il tuo lavoro, per ogni ora lavorata. Devi ricevere la busta paga.
rights-hours = L'orario di lavoro ha un limite. Hai diritto a riposare ogni giorno e ogni settimana. Le ore in più (straordinari) devono essere pagate di più.
rights-safety = Il lavoro deve essere sicuro: acqua da bere, ombra, pause, dispositivi di protezione e trasporto sicuro. Nessuno può minacciarti o picchiarti.
rights-documents = Nessuno può tenere il tuo passaporto o il tuo permesso di soggiorno.
rights-permit = Se sei vittima di sfruttamento, puoi chiedere un permesso di soggiorno speciale, anche se non hai documenti.
rights-helpline = Numero verde gratuito, giorno e notte, nella tua lingua: { $number }
rights-union = Un sindacato può aiutarti ad avere la paga che ti spetta.

## Colloquio: profilo

q-alias = Con quale nome vuoi che ti chiamiamo? Non deve essere il tuo vero nome.
q-sex = Sei donna, uomo o altro? Non è obbligatorio rispondere.
q-birth-year = Qual è il tuo anno di nascita?
q-nationality = Di quale paese hai la cittadinanza?
q-languages = Quali lingue parli?
q-phone = Hai un numero di telefono dove possiamo chiamarti senza pericolo? Non è obbligatorio.

## Colloquio: lavoro

q-sector = Che tipo di lavoro fai?
q-employer-area = Dove lavori? Basta il nome della zona o di una strada.
q-permit = Hai un permesso di soggiorno? Di che tipo?
q-permit-expiry = Fino a quale data vale il tuo permesso di soggiorno?

## Colloquio: casa e bisogni

q-housing = Dove vivi adesso?
q-needs = Di quale aiuto hai più bisogno?

## Screening: "sì" vuol dire che l'indicatore è presente.
## Indici dell'art. 603-bis c.p.

q-s603-pay = Ti pagano spesso molto meno della paga ufficiale per il tuo lavoro, o troppo poco per il lavoro che fai?
q-s603-hours = Lavori spesso troppe ore, senza pause, senza un giorno di riposo alla settimana o senza ferie?
q-s603-safety = Il tuo lavoro non è sicuro? Per esempio: niente dispositivi di protezione, niente acqua o ombra con il caldo, o furgoni pericolosi.
q-s603-degrading = Al lavoro o dove dormi, ti trattano senza rispetto? Per esempio: insulti, controlli continui, o un posto per dormire dove non si può vivere.

## Aggravanti (art. 603-bis, quarto comma)

q-aggravating-more_than_three_workers = La stessa persona ha portato più di tre lavoratori a questo lavoro, contando anche te?
q-aggravating-minors = Ci sono ragazzi sotto i 16 anni che lavorano con te?
q-aggravating-serious_danger = Il tuo lavoro ti mette in grave pericolo? Per esempio, puoi farti molto male, o stare molto male per il caldo?

## Indicatori ILO del lavoro forzato (2012)

q-ilo-abuse_of_vulnerability = Qualcuno approfitta della tua situazione? Per esempio perché non hai documenti, non parli italiano, o non hai un altro posto dove andare.
q-ilo-deception = Ti hanno detto bugie su questo lavoro? Per esempio sulla paga, sul lavoro, sulla casa o sui documenti.
q-ilo-restriction_of_movement = Ti impediscono di lasciare il posto di lavoro o il posto dove vivi, o di andare dove vuoi?
q-ilo-isolation = Ti tengono lontano dalle altre persone? Per esempio in un posto isolato, senza telefono, o senza contatti con la tua famiglia.
q-ilo-physical_sexual_violence = Qualcuno legato al tuo lavoro ti ha picchiato, ti ha fatto male, o ti ha costretto ad atti sessuali?
q-ilo-intimidation_threats = Qualcuno ti ha minacciato? Per esempio di denunciarti alla polizia, di fare del male a te o alla tua famiglia, o di non pagarti.
q-ilo-retention_of_documents = Qualcuno tiene il tuo passaporto o il tuo permesso di soggiorno, e non te lo ridà quando lo chiedi?
q-ilo-withholding_wages = Ti trattengono una parte della paga, te la danno in ritardo, o non te la danno per niente?
q-ilo-debt_bondage = Hai un debito con il datore di lavoro o con chi ti ha portato qui, per esempio per il viaggio, la casa, il trasporto o il cibo, che devi ripagare lavorando?
q-ilo-abusive_conditions = Ti fanno lavorare o vivere in condizioni molto dure, che nessuno accetterebbe liberamente? Per esempio una casa sporca e sovraffollata.
q-ilo-excessive_overtime = Ti costringono a fare molte ore in più, oltre quelle concordate o oltre quelle che la legge permette?

## Risposte

answer-yes = Sì
answer-no = No
answer-unknown = Non si sa

sex-female = Donna
sex-male = Uomo
sex-other = Altro

sector-agriculture = Agricoltura (lavoro nei campi)
sector-construction = Edilizia (cantieri)
sector-logistics = Trasporti e magazzini (logistica)
sector-hospitality = Ristoranti, bar e alberghi
sector-domestic_care = Lavoro domestico e assistenza alle persone
sector-manufacturing = Lavoro in fabbrica
sector-other = Altro lavoro

permit-status-none = Nessun permesso di soggiorno
permit-status-asylum_seeker = Richiedente asilo
permit-status-refugee = Status di rifugiato
permit-status-subsidiary_protection = Protezione sussidiaria
permit-status-special_protection = Protezione speciale
permit-status-art18 = Permesso speciale per vittime di tratta o di grave sfruttamento (art. 18)
permit-status-art22_12quater = Permesso speciale per vittime di sfruttamento lavorativo (art. 22, comma 12-quater)
permit-status-seasonal_work = Lavoro stagionale
permit-status-employment = Lavoro subordinato
permit-status-family = Motivi familiari
permit-status-eu_citizen = Cittadino dell'Unione europea (non serve il permesso)
permit-status-other = Altro permesso

housing-informal_settlement = Baracche, tende o edifici abbandonati (insediamento informale)
housing-overcrowded_rented = Casa in affitto, troppe persone
housing-employer_provided = Alloggio dato dal datore di lavoro
housing-reception_centre = Centro di accoglienza (CAS, SAI)
housing-adequate = Casa propria o adeguata
housing-homeless = Senza casa, per strada
housing-unknown = Non so / non detto

need-legal_aid = Consulenza legale
need-permit = Permesso di soggiorno
need-health = Salute e cure mediche
need-housing = Casa
need-food = Cibo
need-transport = Trasporto
need-work = Lavoro
need-wage_claim = Recuperare la paga non ricevuta
need-training = Formazione
need-language_course = Corso di italiano
need-documents = Documenti (per esempio codice fiscale, carta d'identità)
need-protection = Protezione e sicurezza
need-psychological_support = Sostegno psicologico
need-other = Altro aiuto

service-type-antitrafficking_helpline = Numero Verde Antitratta
service-type-labour_inspectorate = Ispettorato del Lavoro
service-type-carabinieri_nil = Carabinieri, Nucleo Ispettorato del Lavoro (NIL)
service-type-trade_union = Sindacato
service-type-employment_centre = Centro per l'Impiego
service-type-health = Servizi sanitari (ASL)
service-type-emergency = Servizi di emergenza
service-type-legal_aid = Assistenza legale
service-type-permit_office = Ufficio immigrazione (Prefettura, Questura)
service-type-antitrafficking_project = Progetto antitratta
service-type-shelter = Struttura di accoglienza protetta
service-type-housing_support = Aiuto per la casa
service-type-transport_support = Aiuto per il trasporto
service-type-social_services = Servizi sociali del Comune
service-type-other = Altro servizio

# referral sheet
# What a referral consent lets the team share (share-field-<code>, ponte_model::vocab::SHARE_FIELDS),
# and the worker's copy of a referral sheet (ponte-sheet).
share-field-alias = Nome o alias
share-field-languages = Lingue
share-field-birth_year = Anno di nascita
share-field-sex = Sesso
share-field-nationality = Nazionalità
share-field-phone = Telefono
share-field-permit = Permesso di soggiorno
share-field-sector = Settore di lavoro
share-field-employer_area = Zona di lavoro
share-field-housing = Situazione abitativa
share-field-needs = Bisogni
share-field-screening = Indicatori di sfruttamento rilevati nel colloquio (603-bis c.p., OIL)
share-field-referral_note = Motivo dell'invio
sheet-worker-title = Il tuo appuntamento
sheet-worker-intro = Ti abbiamo messo in contatto con questo servizio. Qui trovi dove e quando andare. Decidi tu se andare.
sheet-worker-where = Dove andare
sheet-worker-hours = Orari
sheet-worker-when = Quando
sheet-worker-no-appointment = Il giorno non è ancora fissato: te lo diremo noi.
sheet-worker-ask-for = Chiedi di
sheet-worker-bring = Porta con te
sheet-worker-team = La nostra équipe
sheet-worker-team-phone = Il nostro telefono

# App Ponte: le schermate usate da operatori, mediatori culturali e supervisori.
# I testi per il lavoratore (consenso, scheda dei diritti, domande e risposte del colloquio) sono in worker.ftl.

## Cornice e navigazione
nav-label = Menu principale
nav-home = Oggi
nav-people = Persone
nav-intake = Nuovo colloquio
nav-outreach = Uscite
nav-services = Servizi
nav-team = Équipe
nav-settings = Impostazioni
quick-lock = Blocca
sync-status-label = Stato della sincronizzazione
sync-no-team = Non fai parte di un'équipe: le schede restano su questo dispositivo
sync-waiting-approval = In attesa dell'approvazione del supervisore
sync-pending = { $count ->
    [0] niente da inviare
    [one] 1 modifica da inviare
   *[other] { $count } modifiche da inviare
}
sync-running = Sincronizzazione in corso…
sync-failed = Sincronizzazione non riuscita: { $error }
sync-last = Sincronizzato alle { $time }
sync-never = Non ancora sincronizzato
sync-title = Sincronizzazione
sync-detail = Server di sincronizzazione: { $relay }. { $count ->
    [0] Tutte le modifiche sono sul server di sincronizzazione.
    [one] 1 modifica è in attesa di essere inviata.
   *[other] { $count } modifiche sono in attesa di essere inviate.
}
sync-now = Sincronizza ora
offline-note = Ponte funziona senza rete. Le modifiche vengono inviate quando il server di sincronizzazione è raggiungibile.

## Primo avvio, sblocco, impostazioni
welcome-title = Ti diamo il benvenuto in Ponte
welcome-text = Le schede restano cifrate su questo dispositivo. Scegli la lingua, poi una frase segreta che conosci solo tu.
choose-language = Lingua
passphrase-new = Nuova frase segreta
passphrase-hint = Almeno 8 caratteri. Una frase segreta dimenticata non si può recuperare in alcun modo.
passphrase-confirm = Ripeti la frase segreta
passphrase-set = Crea l'archivio cifrato
passphrase = Frase segreta
unlock = Sblocca
unlock-text = Inserisci la frase segreta per aprire le schede.
settings-title = Impostazioni
autolock-label = Blocca automaticamente dopo
autolock-minutes = { $count ->
    [one] 1 minuto
   *[other] { $count } minuti
}
revoked-title = Questo dispositivo è stato rimosso dall'équipe
revoked-text = Le sue schede sono state cancellate. Chiedi al supervisore un nuovo invito.

## Configurazione dell'équipe
team-setup-title = Unisciti a un'équipe o creane una
team-setup-text = Un'équipe condivide le sue schede attraverso un server di sincronizzazione che vede sempre e solo dati cifrati.
device-name = Nome di questo dispositivo
team-join-title = Unisciti a un'équipe
invite-code = Codice d'invito
invite-qr-image = Oppure scegli un'immagine del codice QR dell'invito (PNG)
team-join = Unisciti all'équipe
team-create-title = Crea un'équipe (supervisore)
relay-url = Indirizzo del server di sincronizzazione
relay-code = Codice del server di sincronizzazione
relay-code-hint = Lo dà chi gestisce il server di sincronizzazione; lascia vuoto se non ce n'è uno.
team-create = Crea l'équipe
team-later = Più tardi: lavora solo su questo dispositivo
team-title = Équipe e dispositivi
team-none = Questo dispositivo non fa ancora parte di un'équipe.
team-role = Ruolo
role-supervisor = Supervisore
role-member = Membro dell'équipe
lease-exempt = Questo è il dispositivo del supervisore: è escluso dalla scadenza delle chiavi (le sue chiavi non scadono senza sincronizzazione).
this-device = Questo dispositivo
invite-title = Invita un dispositivo
invite-text = Il nuovo dispositivo inquadra questo codice o lo digita. Può unirsi solo finché il codice non è stato usato o non è scaduto (24 ore).
invite-create = Crea un invito
invite-qr = Codice QR dell'invito
approve-title = Dispositivi in attesa
approve-all = Approva i dispositivi in attesa
approved-count = { $count ->
    [0] Nessun dispositivo era in attesa.
    [one] 1 dispositivo approvato.
   *[other] { $count } dispositivi approvati.
}
devices-title = Dispositivi dell'équipe
revoke = Rimuovi
revoke-confirm = Rimuovi definitivamente

## Oggi
home-title = Oggi
lease-days-left = { $days ->
    [one] Resta 1 giorno per sincronizzare questo dispositivo: poi, al prossimo sblocco, le sue schede saranno cancellate.
   *[other] Restano { $days } giorni per sincronizzare questo dispositivo: poi, al prossimo sblocco, le sue schede saranno cancellate.
}
listening-point-today = Punto di ascolto di oggi
listening-point-placeholder = es. lp-sabaudia
save = Salva
saved = Salvato
add = Aggiungi
cancel = Annulla
back = Indietro
choose = Scegli…
action-intake = Nuovo colloquio
action-outreach = Registra un'uscita
action-handout = Passa il dispositivo al lavoratore
action-people = Persone
followups-due = Follow-up in scadenza questa settimana
followups-none = Nessun follow-up in scadenza.

## Colloquio
intake-title = Primo colloquio
worker-language = Lingua del lavoratore
translation-draft = Traduzione in bozza
steps-label = Fasi del colloquio
step-consent = Consenso
step-profile = Profilo
step-work = Lavoro
step-living = Abitazione
step-screening = Valutazione
step-needs = Bisogni
step-summary = Riepilogo
consent-in-my-language = Testo del consenso nella mia lingua
consent-refused = La persona ha detto di no: non viene registrato nulla. Puoi comunque darle la scheda dei diritti.
save-next = Salva e continua
finish = Concludi
not-stated = Non indicato
screening-603bis = Indici di sfruttamento (art. 603-bis c.p.)
screening-aggravating = Circostanze aggravanti
screening-ilo = Indicatori OIL del lavoro forzato
risk-derived = Livello di rischio (un'indicazione, non un giudizio):
risk-guide = Il livello deriva dalle risposte date: è un orientamento per l'équipe, non un giudizio.
risk-overridden = (calcolato: { $derived })
intake-finish-hint = Concludendo si registra l'incontro di oggi e la persona risulta come "colloquio svolto".
intake-resume = Riprendi il colloquio

## Persone
people-title = Persone
search = Cerca
filter-all = Tutti
people-count = { $count ->
    [0] Nessun risultato
    [one] 1 risultato
   *[other] { $count } risultati
}
timeline = Cronologia
timeline-encounter = Incontro
timeline-referral = Invio ai servizi
timeline-followup-open = Follow-up da fare
timeline-followup-done = Follow-up svolto
timeline-first-contact = Primo contatto
timeline-consent-withdrawn = Consenso revocato
followup-add = Nuovo follow-up, entro il
referral-title = Invio ai servizi
referral-destination = Tipo di servizio
referral-consent-ok = La persona ha acconsentito a questo invio.
referral-consent-needed = Manca ancora il consenso per questo invio. Leggi questo testo alla persona:
referral-consent-given = La persona è d'accordo: registra il consenso
referral-service = Servizio della rubrica
referral-service-none = Nessuno in particolare
referral-send = Invia
erase-title = Cancella questa persona
erase-text = Cancella la scheda da tutti i dispositivi dell'équipe. L'operazione non si può annullare.
erase = Cancella…
erase-confirm-text = Confermi? La scheda sparirà da tutti i dispositivi.
erase-confirm = Sì, cancella definitivamente

## Uscite
outreach-title = Uscita
outreach-recent = Uscite recenti
field-date = Data
field-outreach-type = Tipo di uscita
field-place = Luogo
field-place-type = Tipo di luogo
field-team-members = Componenti dell'équipe presenti (separati da virgole)
field-people-met = Persone incontrate (solo numeri, nessun nome)
met-total = Totale
met-women = Donne
met-men = Uomini
field-languages = Lingue parlate
field-materials = Materiali distribuiti

## Servizi
services-title = Elenco dei servizi
service-add = Aggiungi un servizio
field-name = Nome
field-service-type = Tipo di servizio
field-address = Indirizzo
field-contact = Contatto
field-hours = Orari di apertura

## Passa il dispositivo al lavoratore
handout-title = Passa il dispositivo al lavoratore
handout-text = Scegli la lingua del lavoratore, poi passagli il dispositivo.

## Campi
field-nationality = Nazionalità
field-sector = Settore
field-housing = Alloggio
field-needs = Bisogni
field-notes = Note
field-status = Stato
field-risk = Rischio
field-listening-point = Punto di ascolto

## Codici mostrati solo all'équipe
person-status-contacted = Contattata
person-status-interviewed = Colloquio svolto
person-status-in_charge = Presa in carico
person-status-referred = Inviata ai servizi
person-status-follow_up = In follow-up
person-status-closed = Chiusa
risk-level-not_screened = Non valutato
risk-level-low = Basso
risk-level-medium = Medio
risk-level-high = Alto
referral-outcome-pending = In attesa
referral-outcome-accepted = Accettato
referral-outcome-completed = Concluso
referral-outcome-declined = Rifiutato
referral-outcome-no_show = Non presentato
outreach-type-street = Unità di strada
outreach-type-fixed_desk = Sportello fisso
outreach-type-group_session = Incontro di gruppo
outreach-type-accompaniment = Accompagnamento
place-type-pickup_point = Punto di raccolta dei braccianti
place-type-farm = Azienda agricola
place-type-informal_settlement = Insediamento informale
place-type-reception_centre = Centro di accoglienza
place-type-listening_point = Punto di ascolto
place-type-workplace = Luogo di lavoro
place-type-other = Altro
material-rights_leaflet = Volantini sui diritti
material-helpline_card = Cartoncini con il Numero Verde Antitratta
material-legal_info = Informazioni legali
material-health_kit = Kit sanitari
material-food = Cibo
material-water = Acqua
material-protective_equipment = Dispositivi di protezione
material-other = Altro materiale
recontact-way-at_place = Sul posto al prossimo giro
recontact-way-phone = Al telefono
recontact-way-mediator = Tramite il mediatore
recontact-way-sportello = Viene allo sportello
country-IN = India
country-PK = Pakistan
country-BD = Bangladesh
country-MA = Marocco
country-TN = Tunisia
country-EG = Egitto
country-SN = Senegal
country-GM = Gambia
country-ML = Mali
country-NG = Nigeria
country-GH = Ghana
country-CI = Costa d'Avorio
country-SD = Sudan
country-RO = Romania
country-AL = Albania
country-UA = Ucraina
language-pa = Punjabi
language-hi = Hindi
language-ur = Urdu
language-bn = Bengalese
language-ar = Arabo
language-fr = Francese
language-en = Inglese
language-wo = Wolof
language-ff = Fula (pular, fulfulde)
language-bm = Bambara
language-tw = Twi
language-ro = Rumeno
language-sq = Albanese
language-it = Italiano

## Errori dell'app
error-alias-required = Scrivi un nome (qualsiasi nome scelga la persona).
error-bad-relay = L'indirizzo del server di sincronizzazione deve iniziare con https:// (http:// semplice solo per un server su questo dispositivo, come http://127.0.0.1:8787).
error-consent-missing = Per questo invio serve prima il consenso della persona.
error-date-required = Scegli una data.
error-ipc = L'app non è riuscita a completare la richiesta. Riprova.
error-locked = Ponte è bloccato. Prima sbloccalo.
error-qr-unreadable = In quell'immagine non c'è nessun codice QR d'invito.
error-unknown = Qualcosa è andato storto ({ $code }).

## Reports (supervisor)
nav-reports = Rendicontazione
reports-title = Rendicontazione per il finanziatore
reports-text = Indicatori di un periodo, calcolati su questo dispositivo. I piccoli numeri di persone sono nascosti, e così le celle che permetterebbero di ricavarli. Ogni report è scritto nel registro di controllo.
reports-from = Dal
reports-to = Al
reports-show = Mostra il report
reports-export = Esporta una cartella di lavoro (XLSX)
reports-exported = Cartella di lavoro scritta:
reports-hidden-note = I numeri di persone sotto { $threshold } sono nascosti (x): { $count ->
    [0] nessuna cella nascosta.
    [one] 1 cella nascosta.
   *[other] { $count } celle nascoste.
}
reports-total = Totale

## Cancellazione di emergenza (ogni schermata)
panic-open = Cancellazione di emergenza
panic-title = Cancellare subito questo dispositivo?
panic-text = Tutte le schede, le chiavi e le impostazioni di questo dispositivo vengono distrutte subito. Non si può annullare; le schede già sincronizzate restano al team.
panic-hold = Tieni premuto per cancellare
panic-hint = Tieni premuto per 2 secondi. Rilascia per fermare.
panic-progress = Avanzamento della cancellazione
panic-wiping = Cancellazione…
panic-cancel = Annulla

# worker screen and PIN
erased-title = I dati di questo dispositivo sono stati cancellati.
worker-return = Operatore: torna all'app
worker-return-title = Torna all'app
worker-return-passphrase = Nessun PIN impostato per oggi: inserisci la frase segreta.
worker-return-cancel = Torna alla schermata del lavoratore
handover-button = Passa il dispositivo al lavoratore
handover-hint = Il dispositivo si blocca: il lavoratore vede solo questo testo e il numero verde, e non può raggiungere nient'altro.
handover-no-pin = Nessun PIN impostato per oggi: per riavere l'app dal lavoratore servirà la frase segreta completa.
handover-set-pin = Imposta prima un PIN per oggi
pin-title = PIN di oggi
pin-explain = Un PIN breve riapre l'app dopo un blocco fino alla fine della giornata di lavoro. Dopo 5 PIN sbagliati si apre solo con la frase segreta.
pin-new = Nuovo PIN (da 6 a 12 cifre)
pin-confirm = Ripeti il PIN
pin-set = Imposta il PIN
pin-until = Il PIN vale fino alle { $time }.
pin-forget = Dimentica il PIN
pin-unlock-text = Inserisci il PIN di oggi.
pin-enter = PIN
pin-tries-left = { $count ->
    [one] Ancora 1 tentativo, poi solo la frase segreta.
   *[other] Ancora { $count } tentativi, poi solo la frase segreta.
}
pin-keys = Tasti del PIN
pin-delete = Cancella l'ultima cifra
pin-ok = Apri
pin-use-passphrase = Usa la frase segreta
pin-use-pin = Usa il PIN di oggi
error-pin-mismatch = I due PIN non coincidono.

# duress notice
device-duress-used = Frase segreta di emergenza usata il { $date }. Considera questo dispositivo in mano ad altri: rimuovilo.

# screen fixes
nav-more = Altro
date-placeholder = gg/mm/aaaa
sync-short-last = Sincronizzato { $time }
sync-short-never = Mai sincronizzato
sync-short-failed = Sync non riuscita
sync-short-no-team = Solo su questo dispositivo
sync-short-waiting = In attesa di approvazione
sync-short-pending = { $count } da inviare

# team rules
team-rules-title = Regole dell'équipe
team-rules-intro = Le decidi tu per tutti i dispositivi dell'équipe. Gli altri dispositivi applicano una modifica alla loro prossima sincronizzazione.
team-rules-read-only = Le decide il supervisore per tutti i dispositivi dell'équipe. Solo il supervisore può modificarle.
team-rules-attempts-label = Frasi segrete sbagliate prima della cancellazione
team-rules-attempts-text = Dopo questo numero di frasi segrete sbagliate di fila, il dispositivo cancella tutto ciò che contiene, così chi lo ha preso non può continuare a provare. Disattivato: il dispositivo non si cancella mai per questo motivo.
team-rules-attempts-value = { $count ->
    [one] Cancellato dopo 1 frase segreta sbagliata
   *[other] Cancellato dopo { $count } frasi segrete sbagliate di fila
}
team-rules-attempts-off = Disattivato: mai cancellato per frasi segrete sbagliate
team-rules-off = Disattivato
team-rules-default = { $value } (predefinito)
team-rules-other = Un altro numero, da { $min } a { $max }
team-rules-lease-label = Giorni senza sincronizzazione
team-rules-lease-text = Un dispositivo che non si sincronizza da questo numero di giorni viene cancellato al successivo sblocco, così un dispositivo perso non conserva a lungo le schede dell'équipe. Sincronizza almeno con questa frequenza. Vale anche per i dispositivi dei supervisori: uno perso si sostituisce con il kit di recupero (un'équipe creata prima dei kit mantiene esente il dispositivo del suo supervisore).
team-rules-lease-value = { $count ->
    [one] Cancellato dopo 1 giorno senza sincronizzazione
   *[other] Cancellato dopo { $count } giorni senza sincronizzazione
}
team-rules-lease-other = Numero di giorni, da { $min } a { $max }
team-rules-save = Salva le regole dell'équipe
team-rules-saving = Salvataggio…
team-rules-saved = Salvate. Gli altri dispositivi applicano le nuove regole alla prossima sincronizzazione.

# outreach counting
group-topic-rights = Diritti dei lavoratori
group-topic-job_placement_protocol = Protocollo per l'inserimento lavorativo
group-topic-health = Salute
group-topic-housing = Casa
group-topic-documents = Documenti e permessi
group-topic-safety_at_work = Sicurezza sul lavoro
group-topic-other = Altro

# case flow
case-title = Percorso
case-closed-because = Chiuso: { $reason }
case-operator = Operatore di riferimento:
case-since = presa in carico dal { $date }
case-take = Prendi in carico
case-change-operator = Cambia operatore di riferimento
case-pick-operator = Chi segue questo caso?
case-members-loading = Caricamento della squadra…
case-goals = Obiettivi del progetto
case-goals-none = Ancora nessun obiettivo.
case-goal-new = Nuovo obiettivo
case-goal-done = Raggiunto
case-close = Chiudi il caso…
case-close-reason = Perché si chiude il caso?
case-close-confirm = Chiudi il caso
case-reopen = Riapri il caso
case-event-taken_in_charge = Presa in carico
case-event-goal_set = Obiettivo fissato
case-event-goal_done = Obiettivo raggiunto
case-event-closed = Caso chiuso
case-event-reopened = Caso riaperto
case-event-intake_started = Colloquio avviato
close-reason-goal_reached = Obiettivo raggiunto, autonomia
close-reason-moved_away = Trasferito altrove
close-reason-lost_contact = Contatto perso
close-reason-declined = Ha rifiutato altro sostegno
close-reason-other = Altro motivo
close-reason-referred_on = Inviato a un altro progetto
close-reason-deceased = Deceduto
goal-state-open = Aperto
goal-state-done = Raggiunto
goal-state-dropped = Abbandonato
followup-kind-permit_renewal = Rinnovo del permesso
followup-kind-referral_check = Com'è andato l'appuntamento dell'invio?
followups-title = Ricontatti
followups-open-none = Nessun ricontatto aperto.
followup-overdue = Scaduto
followup-done = Fatto
followup-move = Sposta
followup-done-note = Cosa è stato fatto (facoltativo)
followup-done-save = Segna come fatto
followup-move-to = Nuova data
followup-move-save = Sposta a questa data
referrals-title = Invii
referral-made = inviato il { $date }
referral-step = Com'è andata poi?
referral-step-date = Il giorno
referral-step-note = Nota (facoltativa)
referral-step-save = Salva
timeline-by = da { $name }
timeline-outcome = Esito dell'invio
sheet-title = Scheda di invio (PDF)
sheet-service = Scheda per il servizio (italiano)
sheet-worker = Copia per il lavoratore
sheet-saved = Scheda salvata nella cartella di esportazione dell'app:
sender-needed = Le schede indicano chi invia. Inseriscilo una volta:
sender-team = Organizzazione o équipe
sender-contact = Recapito (telefono o e-mail)
sender-operator = Operatore che segue gli invii (facoltativo)
sender-save = Salva e crea la scheda
consents-title = Consensi
consents-none = Nessun consenso registrato.
consent-purpose-intake = Colloquio
consent-purpose-referral = Invio
consent-purpose-reporting = Rendicontazione
consent-given-on = dato il { $date }
consent-withdrawn-on = revocato il { $date }
consent-withdraw = Revoca
consent-withdraw-text = Gli invii già fatti restano registrati come fatti; nessun nuovo invio e nessuna scheda per un servizio con questo consenso.
consent-withdraw-confirm = Revoca il consenso

# quick contacts, places, outreach tally, conflicts (screens)
action-contact = Contatto rapido
contact-title = Contatto rapido
contact-text = Un primo incontro, senza colloquio. Potrà diventare un colloquio più avanti.
contact-alias = Nome dato, o una descrizione
contact-place = Dove
contact-language = Lingua parlata
contact-given = Consegnato
contact-said = Cosa è stato detto (facoltativo)
contact-recontact = L'équipe può ricontattare questa persona?
contact-save = Salva il contatto
contact-quick-on = Contatto rapido del { $date }, ancora senza colloquio.
contact-to-intake = Inizia il colloquio
contact-badge = Contatto rapido
contact-recontact-how = Come può ricontattarla l'équipe?
contact-phone = Il suo numero di telefono
field-recontact-how = Da ricontattare
nav-places = Luoghi
places-title = I luoghi dell'équipe
places-text = Punti di ascolto, punti di raccolta e altri luoghi, condivisi con l'équipe. Le schede scelgono un luogo da questo elenco.
place-municipality = Comune (facoltativo)
place-add = Aggiungi il luogo
places-list = Luoghi
place-none = Nessun luogo scelto
place-all = Tutti i luoghi
place-retired = Non più usato
place-retire = Non usare più
place-restore = Usa di nuovo
outreach-start = Inizia a contare
outreach-continue = Continua a contare
outreach-counting = Conteggio
outreach-total = Persone incontrate: { $count }
tally-women = Donne
tally-men = Uomini
tally-not-stated = Sesso non indicato
tally-minors = Di cui minori
outreach-nationalities = Nazionalità principali viste
outreach-nationality-add = Un'altra nazionalità
outreach-members = Componenti dell'équipe presenti
outreach-done = Fine del conteggio
group-title = Incontri di gruppo
group-topic = Tema
group-attendance = Partecipanti
group-attendance-n = { $count ->
    [one] { $count } partecipante
   *[other] { $count } partecipanti
}
group-follow-up-n = { $count ->
    [one] { $count } ha chiesto un ricontatto
   *[other] { $count } hanno chiesto un ricontatto
}
group-follow-up = Qualcuno ha chiesto un ricontatto
group-add = Aggiungi l'incontro di gruppo
conflicts-title = Due dispositivi hanno scritto valori diversi
conflicts-text = Mentre erano scollegati, due dispositivi hanno cambiato lo stesso campo. L'app ne ha tenuto uno: scegli quello giusto.
conflict-field = Campo
conflict-empty = (vuoto)
conflict-written-by = scritto su { $name }
conflict-unknown-device = scritto su un dispositivo non più nell'équipe
conflict-kept = mostrato ora
conflict-keep = Tieni questo valore
field-phone = Telefono
field-alias = Nome
field-birth-year = Anno di nascita
field-permit = Permesso di soggiorno
field-permit-expiry = Scadenza del permesso
field-employer-area = Zona di lavoro
field-sex = Sesso

# roles, handover and the recovery kit (screens)
role-operator = Operatore
role-mediator = Mediatore
approve-role = Ruolo dei dispositivi approvati
roles-explain = Operatore: colloqui, casi e schede di invio. Mediatore: solo colloqui e contatti rapidi; niente prese in carico né schede di invio. Supervisore: anche report, cancellazioni e gestione dell'équipe.
role-change = Cambia ruolo
role-change-label = Nuovo ruolo di { $name }
role-change-ask = { $name } avrà il ruolo { $role }. La modifica viene firmata nell'elenco dei dispositivi dell'équipe; ogni dispositivo la applica alla sincronizzazione successiva.
role-deputy-hint = Un secondo supervisore (un vice) può fare tutto ciò che fa il supervisore.
role-change-save = Cambia il ruolo
role-changed = Ruolo cambiato. Ogni dispositivo lo applica alla sincronizzazione successiva.
handover = Passa il ruolo di supervisore
handover-ask = { $name } diventa il supervisore e questo dispositivo diventa di un operatore: non potrà più approvare o rimuovere dispositivi né cambiare ruoli.
handover-confirm = Passa il ruolo a { $name }
handover-done = Il ruolo di supervisore è stato passato. Questo dispositivo ora è di un operatore.
recovery-kit-title = Kit di recupero
recovery-kit-text = Stampa questa pagina e mettila in una busta nella cassaforte dell'ufficio. Se vanno persi tutti i dispositivi dei supervisori, un nuovo dispositivo riprende l'équipe con questo kit. Chiunque lo abbia può fare lo stesso: tienilo sotto chiave.
recovery-kit-once = Viene mostrato solo finché non lo segni come stampato: poi questo dispositivo lo dimentica.
recovery-kit-qr = Codice QR del kit di recupero
recovery-kit-code = Codice di recupero
recovery-kit-print = Stampa
recovery-kit-printed = Stampato e in cassaforte
recovery-kit-later = Più tardi
recovery-kit-banner = Il kit di recupero non è ancora stato stampato. Stampalo e mettilo nella cassaforte dell'ufficio.
recovery-kit-show = Mostra il kit di recupero
recovery-kit-new-text = Se il kit può essere stato visto da altri, o è andato perso, creane uno nuovo: quello vecchio smette subito di funzionare.
recovery-kit-new = Crea un nuovo kit di recupero
recovery-kit-new-confirm = Crealo: il vecchio kit smette di funzionare
recoveries-title = Recuperi dell'équipe
recovered-line = Il ruolo di supervisore è stato ripreso con il kit di recupero il { $date } da { $name }.
team-recover-title = Recupera l'équipe con il kit di recupero
team-recover-text = Solo se sono andati persi tutti i dispositivi dei supervisori: questo dispositivo assume il ruolo di supervisore con il codice del kit custodito nella cassaforte dell'ufficio.
recovery-kit-qr-image = Oppure scegli una foto del codice QR del kit (PNG)
team-recover = Recupera l'équipe

# the supervisor's key lease once the team has a recovery kit
lease-supervisor = { $days ->
    [one] Come ogni dispositivo dell'équipe, anche quello del supervisore deve sincronizzarsi: resta 1 giorno prima che le sue chiavi scadano. Se va perso, il kit di recupero porta un nuovo supervisore.
   *[other] Come ogni dispositivo dell'équipe, anche quello del supervisore deve sincronizzarsi: restano { $days } giorni prima che le sue chiavi scadano. Se va perso, il kit di recupero porta un nuovo supervisore.
}

# programme screen
nav-programme = Programma
programme-title = Coordinamento del programma
programme-setup-text = Questo dispositivo può raccogliere i report delle équipe di un programma (un'équipe per distretto o provincia) e sommarli. Riceve solo i conteggi di ogni équipe per un periodo, sigillati per questo dispositivo: nessuna scheda, nessun nome. Un dispositivo di coordinamento non può far parte anche di un'équipe.
programme-name = Nome del programma
programme-init = Coordina il programma da questo dispositivo
programme-intro = I supervisori delle équipe inviano a questo dispositivo i loro conteggi di un periodo come file pacchetto. Qui aggiungi le équipe, importi i loro pacchetti e vedi il report del programma.
programme-fingerprint = Impronta del coordinamento:
programme-key-title = Codice del coordinamento per le équipe
programme-key-text = Dai questo codice, o il suo codice QR stampato, al supervisore di ogni équipe: il suo dispositivo vi sigilla i conteggi dell'équipe. Non contiene alcun segreto.
programme-key-show = Mostra il codice del coordinamento
programme-key-qr = Codice QR del codice del coordinamento
programme-key-code = Codice del coordinamento
programme-teams-title = Équipe del programma
programme-no-teams = Ancora nessuna équipe: aggiungi ogni équipe con il codice équipe che ti dà il suo supervisore.
programme-team-nothing = Ancora nulla ricevuto.
programme-team-sent = { $count ->
    [one] 1 periodo ricevuto:
   *[other] { $count } periodi ricevuti:
}
programme-period = { $from } – { $to }
programme-add-team-title = Aggiungi un'équipe
programme-add-team-text = Il supervisore dell'équipe ti dà il codice équipe dal suo dispositivo. Per l'équipe si accettano solo pacchetti firmati da quel dispositivo.
programme-team-code = Codice équipe
programme-team-name = Nome dell'équipe nel programma (facoltativo)
programme-add-team = Aggiungi l'équipe
programme-team-added = { $name } aggiunta al programma.
programme-import-title = Importa i pacchetti delle équipe
programme-import-text = Scegli i file pacchetto inviati dalle équipe (anche più di uno). Ognuno è controllato prima di conservarne qualcuno: se uno non va, non si importa nulla.
programme-import-pick = Scegli i file pacchetto
programme-imported-line = { $name }, { $period }: { $status }
programme-import-added = aggiunto
programme-import-replaced = sostituisce un pacchetto più vecchio
programme-import-older = non conservato, ce n'è già uno più recente
programme-report-title = Report del programma
programme-report-text = I conteggi delle équipe per il periodo, sommati. Nella somma, i conteggi di persone sotto la soglia sono nascosti.
programme-periods-label = Periodi ricevuti
programme-included-title = Équipe in questo report
programme-team-in = inclusa
programme-team-missing = nessun pacchetto per questo periodo
programme-option-title = Coordinamento di un programma
programme-option-text = Un dispositivo che non fa parte di un'équipe può raccogliere i conteggi delle équipe di un programma e unirne i report.
programme-open = Apri il programma
programme-init-open = Configura come coordinamento
programme-send-title = Invia al programma
programme-send-text = Se la tua équipe fa capo a un coordinamento di programma (della prefettura o della regione), invia i conteggi dell'équipe per il periodo scelto sopra. Da questo dispositivo escono solo conteggi, sigillati in modo che solo il coordinamento possa aprirli: nessuna scheda, nessun nome.
programme-send-code-title = Codice équipe per il coordinamento
programme-send-code-text = Dai questo codice una volta, o il suo codice QR stampato, al coordinamento del programma: con esso accetterà solo conteggi firmati da questo dispositivo.
programme-send-code-show = Mostra il codice équipe
programme-send-code-qr = Codice QR del codice équipe
programme-send-package-title = Conteggi dal { $from } al { $to }
programme-send-package-text = Incolla il codice che ti ha dato il coordinamento (inizia con ponteprog1:). Su questo dispositivo viene salvato un file: invialo al coordinamento.
programme-send-publish = Salva i conteggi per il coordinamento
programme-send-done = Salvato per { $programme }. Invia questo file al coordinamento:
programme-send-check = Controlla che questa impronta sia quella che ti ha dato il coordinamento.

# restrict
restrict-title = Chi può leggere questa scheda
restrict-open-now = Tutti i membri dell'équipe possono leggerla.
restrict-only = Possono leggerla solo questi membri:
restrict-start = Limita ad alcuni membri
restrict-change = Cambia chi può leggerla
restrict-lift = Apri a tutta l'équipe
restrict-pick = Scegli i membri che possono leggere questa scheda:
restrict-always = Questo dispositivo e i supervisori dell'équipe la conservano sempre.
restrict-next = Continua
restrict-ask = Solo { $names } e i supervisori dell'équipe potranno leggere questa scheda. Gli altri dispositivi la perdono alla loro prossima sincronizzazione.
restrict-confirm = Limita la scheda
restrict-done = La scheda è limitata.
restrict-lift-ask = Tutti i membri dell'équipe potranno di nuovo leggere questa scheda dopo la loro prossima sincronizzazione.
restrict-lift-confirm = Apri a tutta l'équipe
restrict-lifted = Tutta l'équipe può di nuovo leggere la scheda.

# audit review
audit-title = Verifica dei registri
audit-text = Cosa ha fatto ogni dispositivo dell'équipe, dal suo registro a prova di manomissione, che arriva sigillato ai supervisori a ogni sua sincronizzazione. Un registro rotto o non arrivato è mostrato per primo in rosso, un dispositivo che ha rifiutato voci dal server di sincronizzazione in arancione. Tocca un dispositivo per vederne le voci.
audit-team-text = Chi ha aperto, modificato o esportato cosa, dispositivo per dispositivo, e se il registro di ogni dispositivo è integro.
audit-open = Verifica i registri dei dispositivi
audit-back = Tutti i dispositivi
audit-device-title = Registro di { $name }
audit-former-device = Ex dispositivo { $id }
audit-state-ok = Registro integro
audit-state-broken = Registro rotto
audit-state-missing = Registro non ricevuto
audit-entries = { $count ->
    [one] 1 voce
   *[other] { $count } voci
}
audit-last = ultima il { $date }
audit-no-entries = Nessuna voce.
audit-problem-wrong-trail-id = Il registro è arrivato con l'identità di un altro dispositivo.
audit-problem-written-by-another-device = Un altro dispositivo ha scritto nel registro di questo dispositivo.
audit-problem-gap = Mancano delle voci, dalla voce { $n }.
audit-problem-altered = Il registro è stato alterato alla voce { $n }.
audit-problem-audit-broken = Il registro del dispositivo è stato cancellato o alterato (rilevato alla voce { $n }).
audit-problem-trail-restarted = Il dispositivo ha perso il registro e ne ha iniziato uno nuovo (alla voce { $n }).
audit-problem-unreadable-entries = { $n } parti del registro non si possono leggere.
audit-problem-no-trail-received = Da questo dispositivo non è arrivato alcun registro: non si è sincronizzato da quando è entrato, o il suo registro è stato cancellato.
audit-problem-unknown = Il registro ha un problema che questa versione dell'app non sa descrivere.
audit-refused = { $count ->
    [one] Ha rifiutato una voce arrivata dal server di sincronizzazione che l'équipe non ha scritto (falsa o illeggibile): il server potrebbe essere stato violato.
   *[other] Ha rifiutato { $count } voci arrivate dal server di sincronizzazione che l'équipe non ha scritto (false o illeggibili): il server potrebbe essere stato violato.
}
audit-action-create = Creazione
audit-action-view = Apertura
audit-action-edit = Modifica
audit-action-erase = Cancellazione
audit-action-export = Esportazione
audit-action-refused = Rifiuto
audit-action-team = Azione sull'équipe
audit-action-search = Ricerca
audit-action-quarantine = Voci rifiutate
audit-action-referral_sheet = Scheda di invio
audit-action-audit-broken = Registro rotto
audit-action-trail-restarted = Registro ricominciato
audit-action-withheld = Copia rimossa (non più tra i lettori)
audit-record-title = Chi ha aperto questa scheda
audit-record-text = Le aperture, le modifiche e le esportazioni di questa scheda da parte di ogni dispositivo, dalla più recente, per quanto i loro registri sono arrivati su questo dispositivo.
audit-record-show = Mostra chi l'ha aperta

# errors as the app words them (no CLI commands)
app-error-not-initialized = L'archivio cifrato non è più su questo dispositivo: è stato cancellato o sostituito. Non è stato aperto nulla.
app-error-usage = Manca qualcosa o un dato non è accettato (il nome del dispositivo, per esempio, deve avere da 1 a 64 caratteri). Controlla quello che hai inserito e riprova. Non è stato cambiato nulla.
app-error-no-team = Questo dispositivo non fa parte di un'équipe. Creane una o unisciti a una dalla schermata Équipe.
app-error-report-bad-date = Il periodo richiede due date: scegli sia «Dal» sia «Al».
app-error-sheet-no-sender = Le schede indicano chi invia: inseriscilo prima (organizzazione o équipe e un recapito), poi crea di nuovo la scheda. Non è stato scritto nulla.
app-error-case-no-operator = Questo dispositivo non fa parte di un'équipe, quindi non ha un nome con cui registrare chi l'ha fatto: prima unisciti a un'équipe dalla schermata Équipe. Non è stato cambiato nulla.
app-error-case-date-future = Questo registra qualcosa di già avvenuto: scegli oggi o un giorno precedente. Non è stato cambiato nulla.
app-error-contact-no-recontact = Indica se l'équipe può ricontattare questa persona. Non è stato cambiato nulla.
app-error-contact-way-without-yes = Come ricontattare la persona si registra solo se ha accettato di essere ricontattata: rispondi Sì. Non è stato cambiato nulla.
app-error-contact-phone-without-way = Il numero di telefono si registra solo se la persona ha accettato una chiamata o un messaggio: scegli «Al telefono». Non è stato cambiato nulla.
app-error-place-unknown = Quel luogo non è nell'elenco dei luoghi dell'équipe (vedi la schermata Luoghi). Non è stato cambiato nulla.
app-error-conflict-none = Questo campo non ha più un conflitto (forse è già stato risolto). Non è stato cambiato nulla.
app-error-conflict-unknown-device = Nessun valore del conflitto è stato scritto su quel dispositivo: riapri la scheda e tieni uno dei valori che mostra. Non è stato cambiato nulla.
app-error-programme-not-coordinator = Questo dispositivo non coordina un programma: prima configuralo dalla schermata Équipe («Configura come coordinamento»).
app-error-programme-name-taken = Un'altra équipe del programma si chiama già { $name }: dai a questa équipe un altro nome. Non è stato cambiato nulla.
app-error-restrict-unknown-device = Il dispositivo { $device } non è più nell'elenco dei dispositivi dell'équipe: scegli di nuovo i membri. Non è stato cambiato nulla.
app-error-restrict-no-devices = Scegli almeno un membro che può leggere questa scheda, oppure aprila a tutta l'équipe. Non è stato cambiato nulla.
app-error-restrict-ambiguous-device = Più di un dispositivo dell'équipe si chiama { $device }: scegli di nuovo i membri dall'elenco. Non è stato cambiato nulla.
app-error-audit-trail-record = Questa scheda è il registro di controllo di un dispositivo: la mostra solo la verifica dei registri («Verifica i registri dei dispositivi» nella schermata Équipe) e nessuno può modificarla o cancellarla. Non è stato cambiato nulla.
app-error-audit-unknown-device = Nessun dispositivo dell'équipe, e nessun registro di controllo, si chiama { $device }: torna a tutti i dispositivi e scegline uno dall'elenco. Non è stato mostrato nulla.

duress-title = Frase segreta di emergenza
duress-explain = Una seconda frase segreta per quando qualcuno ti costringe ad aprire l'app. Scritta allo sblocco, cancella senza avvisi tutte le schede su questo dispositivo e apre un'app vuota. Scegline una che ricorderai sotto pressione, diversa dalla tua frase segreta.
duress-new = Frase segreta di emergenza
duress-confirm = Ripeti la frase segreta di emergenza
duress-set = Salva la frase segreta di emergenza
duress-saved = Salvata. Sostituisce quella impostata prima, se c'era.
error-duress-mismatch = Le due frasi segrete di emergenza non coincidono.

referral-share = Oltre al nome e alle lingue, la persona accetta di condividere con questo servizio:
referral-appointment = Appuntamento (se il servizio l'ha dato)
referral-appointment-date = Giorno
referral-appointment-time = Ora
referral-appointment-ask-for = Chiedere di
referral-appointment-bring = Portare
referral-note = Nota per il servizio (facoltativa)

## Places from the team's list, team members from the roster (app wording)
app-error-place-unknown-name = Nell'elenco dei luoghi dell'équipe non c'è un luogo in uso chiamato "{ $name }": scegli un luogo dell'elenco (vedi la schermata Luoghi), oppure aggiungilo lì prima. Non è stato cambiato nulla.
app-error-place-mismatch = Qui sono indicati due luoghi diversi dell'elenco dell'équipe: scegline uno solo. Non è stato cambiato nulla.
app-error-outreach-member-unknown = Un membro dell'équipe scritto per nome non fa parte dell'équipe: scegli i membri dall'elenco dell'équipe. Non è stato cambiato nulla.

## A goal dropped; what a follow-up due is
case-goal-drop = Abbandona
case-event-goal_dropped = Obiettivo abbandonato
due-followup = Follow-up

# Messaggi della riga di comando `ponte` e degli errori dell'archivio condivisi con l'app.
# Gli argomenti non sono mai contenuto delle schede: solo conteggi, numeri di riga e nomi di campo.

error-internal = Errore interno. Nessun dato è stato mostrato; segnalalo al supervisore dell'équipe.
error-not-initialized = In questa cartella non c'è un archivio Ponte. Esegui prima "ponte init".
error-already-initialized = In questa cartella esiste già un archivio Ponte.
error-passphrase-too-short = La frase segreta è troppo corta: usa almeno { $min } caratteri.
error-duress-same-as-passphrase = La frase segreta di emergenza deve essere diversa da quella che sblocca questo dispositivo. Non è stato modificato nulla.
error-wrong-passphrase = Frase segreta errata. Non è stato modificato nulla.
error-wrong-passphrase-final-tries = Frase segreta errata. { $left ->
    [one] Resta 1 tentativo
   *[other] Restano { $left } tentativi
} prima che questo dispositivo si cancelli.
error-unlock-delayed = Troppe frasi segrete errate. Attendi { $seconds ->
    [one] 1 secondo
   *[other] { $seconds } secondi
} prima di riprovare; questo tentativo non è stato contato.
error-erased-after-failures = L'archivio di questo dispositivo è stato cancellato dopo { $attempts } frasi segrete errate di seguito. Le schede non ci sono più; per lavorare di nuovo crea un nuovo archivio e chiedi al supervisore di registrare di nuovo il dispositivo.
error-corrupt = L'archivio è danneggiato o è stato manomesso. Non è stato modificato nulla; ripristinalo sincronizzando da un altro dispositivo.
error-store-newer-version = Questo archivio è stato creato da una versione più recente di Ponte: aggiorna Ponte per aprirlo. Non è stato cambiato nulla.
error-not-found = Nessuna scheda con questo identificativo.
error-wrong-kind = Questo identificativo appartiene a una scheda di altro tipo.
error-invalid = La scheda non è valida ({ $count ->
    [one] un problema
   *[other] { $count } problemi
  }): { $problems }
error-audit-broken = Il registro degli accessi non è integro (voce { $seq }): potrebbe essere stato manomesso.
error-busy = L'archivio è in uso da un altro programma. Riprova.
error-too-large-to-sync = Questa modifica è troppo grande per essere inviata alla squadra (più di 1 MiB in una volta). Non è stato salvato nulla: falla in parti più piccole.
error-io = Non è stato possibile leggere o scrivere un file.
error-database = Il database ha segnalato un errore.
error-bad-id = Questo non è un identificativo di scheda (32 caratteri esadecimali).
error-bad-json = L'input non è JSON valido (riga { $line }, colonna { $column }).
error-bad-json-line = JSON non valido
error-not-an-object = non è un oggetto JSON
error-bad-kind = tipo di scheda sconosciuto
error-read-input = Non è stato possibile leggere l'input.
error-write-output = Non è stato possibile scrivere l'output.
error-no-passphrase = Manca la frase segreta: imposta PONTE_PASSPHRASE o esegui in un terminale.
error-passphrase-mismatch = Le due frasi segrete sono diverse. Non è stato creato nulla.
error-bad-filter = Valore di filtro sconosciuto.
error-import = Non è stato importato nulla: { $count ->
    [one] una riga ha
   *[other] { $count } righe hanno
  } problemi. { $lines }
import-line = riga { $line }: { $problem }

## Problemi di validazione (ErrorCode di ponte-model), mostrati dopo il nome del campo.
validation-not-an-object = deve essere un oggetto JSON
validation-unknown-field = non è un campo previsto
validation-required = è obbligatorio
validation-wrong-type = ha un tipo errato
validation-too-long = è troppo lungo
validation-empty = non può essere vuoto
validation-invalid-code = non è un codice previsto
validation-invalid-date = non è una data valida (AAAA-MM-GG)
validation-invalid-time = non è un orario valido (HH:MM, 24 ore)
validation-out-of-range = è fuori dall'intervallo ammesso
validation-referral-without-consent = non ha un consenso all'invio corrispondente, dato entro la data dell'invio (e non revocato prima)
validation-override-reason-required = richiede una motivazione per la modifica del livello di rischio
validation-invalid-id = non è un identificativo valido
validation-too-many = ha troppi elementi
validation-not-allowed = non è ammesso qui
validation-kept-as-history = fa parte dello storico: può essere rimandato invariato, non cambiato né tolto (aggiungi una nuova voce)
error-usage = Argomenti errati: vedi "ponte --help".

## Équipe e sincronizzazione
error-network = Il relay non è raggiungibile. Le schede sono al sicuro su questo dispositivo; sincronizza di nuovo quando c'è rete.
error-protocol = Il relay ha inviato una risposta che questa versione non comprende. Non è stato modificato nulla.
error-relay-answer-too-large = Il relay ha inviato una risposta più grande di quanto il protocollo consenta; questo dispositivo ha smesso di leggerla. Non è stato modificato nulla. Avvisa il supervisore: il relay potrebbe essere compromesso.
error-no-team = Questo dispositivo non fa parte di un'équipe. Creane una ("ponte team create") o unisciti a una ("ponte join").
error-already-in-team = Questo dispositivo fa già parte di un'équipe.
error-not-supervisor = Solo il supervisore dell'équipe può farlo.
error-bad-invite = Questo non è un codice d'invito valido.
error-invite-bad-ttl = Un invito deve restare valido almeno 1 secondo e al massimo { $max_days } giorni. Non è stato inviato nulla.
error-bad-relay-code = Questo non è un codice del relay valido: da 1 a 256 caratteri (lettere latine, cifre, segni), senza spazi.
error-not-approved = Il supervisore non ha ancora approvato questo dispositivo. Sincronizza di nuovo dopo l'approvazione.
error-bad-roster = L'elenco dei dispositivi dell'équipe non segue da quello che questo dispositivo conosce: non è firmato da un supervisore dell'équipe, oppure è più vecchio. Non è stato modificato nulla.
error-no-such-device = Nessun dispositivo corrispondente in attesa o registrato.
error-revoked = Questo dispositivo è stato rimosso dall'équipe. Le sue schede sono state cancellate.
error-lease-expired = Questo dispositivo non si sincronizzava con l'équipe da più di { $days } giorni: le chiavi e le schede sono state cancellate. Per lavorare di nuovo crea un nuovo archivio e chiedi al supervisore di registrare di nuovo il dispositivo.
error-relay-malformed = Il relay ha rifiutato una richiesta malformata.
error-relay-too-large = Il relay ha rifiutato una richiesta troppo grande.
error-relay-rate-limited = Il relay riceve troppe richieste da questo dispositivo o dalla sua rete. Riprova più tardi.
error-relay-bad-signature = Il relay ha rifiutato la firma della richiesta.
error-relay-stale-request = Il relay ha rifiutato l'orario della richiesta: controlla l'orologio del dispositivo.
error-relay-replayed-request = Il relay ha rifiutato una richiesta ripetuta.
error-relay-unknown-device = Il relay non conosce questo dispositivo in questa équipe.
error-relay-request-timeout = Il relay ha smesso di aspettare la richiesta di questo dispositivo. Sincronizza di nuovo.
error-relay-device-revoked = Questo dispositivo è stato rimosso dall'équipe.
error-relay-not-supervisor = Il relay lo accetta solo dal supervisore.
error-relay-team-exists = Sul relay esiste già un'équipe con questo identificativo.
error-relay-team-creation-closed = Questo relay crea un'équipe solo con il suo codice del relay: non è stato dato, oppure è sbagliato. Chiedi il codice a chi gestisce il relay e crea di nuovo l'équipe con quel codice.
error-relay-invite-exists = Questo invito esiste già.
error-relay-bad-roster = Il relay ha rifiutato l'elenco dei dispositivi.
error-relay-bad-roster-signature = Il relay ha rifiutato la firma dell'elenco dei dispositivi.
error-relay-stale-roster = Esiste un elenco dei dispositivi più recente: sincronizza e riprova.
error-relay-roster-behind = L'elenco dei dispositivi della squadra è cambiato dall'ultima sincronizzazione: sincronizza di nuovo.
error-relay-bad-covers = Il relay ha rifiutato un'istantanea.
error-relay-bad-token = Il relay non conosce questo invito.
error-relay-token-used = Questo invito è già stato usato da un altro dispositivo.
error-relay-invite-expired = Questo invito è scaduto: chiedine uno nuovo al supervisore.
error-relay-device-exists = Questo dispositivo fa già parte dell'équipe.
error-relay-record-erased = La scheda è stata cancellata dal supervisore.
error-relay-not-found = Il relay non offre questa funzione.
error-relay-method-not-allowed = Il relay non offre questa funzione.
error-relay-internal = Il relay ha avuto un errore. Le schede sono al sicuro su questo dispositivo; riprova più tardi.
error-relay-unknown = Il relay ha rifiutato la richiesta.
error-qr = Non è stato possibile disegnare l'invito come codice QR.

## Report (ponte report)
error-report-bad-date = Il periodo richiede due date nel formato AAAA-MM-GG (--from e --to).
error-report-bad-period = Il periodo finisce prima di cominciare.
error-report-period-range = Il periodo di un rapporto deve cadere tra gli anni { $first } e { $last }. Non è stato scritto nulla.
error-report-no-font = I grafici richiedono un font TrueType: installa fonts-dejavu-core o indica --font FILE. Non è stato scritto nulla.
error-report-font = Quel font non si può usare per i grafici. Non è stato scritto nulla.
error-report-xlsx = Non è stato possibile creare il foglio di calcolo. Non è stato scritto nulla.
error-report-chart = Non è stato possibile disegnare un grafico. Non è stato scritto nulla.
error-report-json = Non è stato possibile creare il report. Non è stato scritto nulla.
error-report-write = Non è stato possibile scrivere il report in quella posizione.

# Device services (ponte-device)
error-qr-too-large = L'immagine è troppo grande da leggere (al massimo 16 MB e 25 megapixel).
error-report-bad-threshold = La soglia di oscuramento può essere al massimo { $max }.
error-report-low-threshold = La soglia di oscuramento deve essere almeno { $min }: conteggi più piccoli di persone potrebbero renderle riconoscibili. Non è stato scritto nulla.
error-bad-setting = Quell'impostazione è troppo lunga.
error-bad-unlock-attempts = I tentativi di sblocco devono essere un numero da { $min } a { $max }, oppure off. Non è stato modificato nulla.
error-bad-lease-days = La validità delle chiavi deve essere un numero di giorni da { $min } a { $max }. Non è stato modificato nulla.
error-removed-from-team = Questo dispositivo è stato rimosso dall'équipe (lo dice l'elenco dei dispositivi firmato dal supervisore).
error-revocation-unproven = Il relay dice che questo dispositivo è stato rimosso dall'équipe, ma non ha potuto mostrare l'elenco dei dispositivi firmato dal supervisore. Non è stato cancellato nulla; la sincronizzazione è ferma. Avvisa il supervisore.
error-erasure-unproven = Il relay ha rifiutato modifiche a una scheda che dice cancellata, ma non ha mostrato nessuna cancellazione firmata dal supervisore. Non è stato cancellato nulla: le modifiche restano su questo dispositivo; la sincronizzazione è ferma. Avvisa il supervisore.

# lock and PIN
error-pin-too-short = Il PIN è troppo corto: usa almeno { $min } cifre.
error-pin-too-long = Il PIN è troppo lungo: usa al massimo { $max } cifre.
error-pin-not-digits = Il PIN può contenere solo le cifre da 0 a 9.
error-pin-too-simple = Questo PIN è troppo facile da indovinare (una cifra ripetuta o cifre in sequenza). Scegline un altro.
error-pin-same-as-passphrase = Il PIN non può essere la frase segreta. Scegline un altro.
error-wrong-pin = PIN errato. { $left ->
    [one] Resta 1 tentativo
   *[other] Restano { $left } tentativi
} prima che l'app si apra solo con la frase segreta.
error-pin-tries-spent = Troppi PIN errati: per oggi il PIN non funziona più. Inserisci la frase segreta.
error-pin-expired = Il PIN di oggi non funziona più: la giornata di lavoro è finita. Inserisci la frase segreta.
error-pin-not-set = Per oggi non è stato impostato nessun PIN. Inserisci la frase segreta.

# duress notice
error-relay-notice-limit = Il relay conserva già il numero massimo di avvisi che accetta da questo dispositivo.

# referral sheet
error-sheet-unknown-person = Nessuna persona con questo identificativo. Non è stato scritto nulla.
error-sheet-unknown-referral = Questa persona non ha un invio con quell'identificativo. Non è stato scritto nulla.
error-sheet-no-service = Questo invio non indica un servizio della mappa: aggiungi prima il suo service_id. Non è stato scritto nulla.
error-sheet-unknown-service = Il servizio indicato da questo invio non è nella mappa dei servizi. Non è stato scritto nulla.
error-sheet-no-consent = Nessun consenso di questa persona copre questo invio (un consenso all'invio per questo tipo di servizio, dato entro la data dell'invio). Non è stato scritto nulla.
error-sheet-consent-withdrawn = La persona ha revocato il consenso con cui è stato fatto questo invio: al servizio non si trasmette più nulla. Non è stato scritto nulla.
error-sheet-bad-language = La copia per la persona si può fare in it, en, fr, ar, pa, ur o bn. Non è stato scritto nulla.
error-sheet-no-sender = Indica prima l'équipe che invia: ponte referral sender --team NOME --contact TELEFONO. Non è stato scritto nulla.
error-sheet-bad-sender = L'équipe e il recapito non possono essere vuoti, e ognuno al massimo 200 caratteri.
error-sheet-pdf = Non è stato possibile creare la scheda. Non è stato scritto nulla.
error-consent-unknown = Questa persona non ha un consenso con quell'identificativo.
error-consent-bad-date = La data deve essere nel formato AAAA-MM-GG.
error-consent-already-withdrawn = Questo consenso è già stato revocato: una revoca non si sposta né si annulla. Se la persona acconsente di nuovo, registra un nuovo consenso. Non è stato cambiato nulla.
error-consent-bad-share = Il dato da condividere n. { $item } ({ $share }) non è tra quelli che un consenso all'invio può indicare (birth_year, sex, nationality, phone, permit, sector, employer_area, housing, needs, screening, referral_note). Non è stato scritto nulla.
error-consent-not-referral = Solo un consenso all'invio indica un tipo di servizio e dati da condividere; un consenso { $purpose } no ({ $value }). Non è stato scritto nulla.

# case flow
error-case-unknown-person = Nessuna persona con questo identificativo. Non è stato cambiato nulla.
error-case-bad-date = La data deve essere un giorno esistente nel formato AAAA-MM-GG. Non è stato cambiato nulla.
error-case-date-before = Questo passaggio non può avere una data precedente a quello che lo precede. Non è stato cambiato nulla.
error-case-date-future = Questo passaggio registra qualcosa di già avvenuto: non può avere una data successiva a oggi. Non è stato cambiato nulla.
error-case-no-operator = Indica chi l'ha fatto con --by NOME (questo dispositivo non fa parte di un'équipe, quindi non ha un nome). Non è stato cambiato nulla.
error-case-bad-operator = Il nome non può essere vuoto e può avere al massimo 80 caratteri. Non è stato cambiato nulla.
error-case-bad-reason = Il motivo di chiusura deve essere uno tra goal_reached, moved_away, lost_contact, declined, referred_on, deceased, other. Non è stato cambiato nulla.
error-case-closed = Il caso è chiuso: riaprilo prima. Non è stato cambiato nulla.
error-case-not-closed = Il caso non è chiuso, quindi non può essere riaperto. Non è stato cambiato nulla.
error-case-bad-goal = L'obiettivo non può essere vuoto e può avere al massimo 2.000 caratteri. Non è stato cambiato nulla.
error-case-unknown-goal = Questa persona non ha un obiettivo con quell'identificativo. Non è stato cambiato nulla.
error-case-goal-not-open = Questo obiettivo è già raggiunto o abbandonato. Non è stato cambiato nulla.
error-referral-unknown = Questa persona non ha un invio con quell'identificativo. Non è stato cambiato nulla.
error-referral-bad-outcome = L'esito deve essere uno tra pending, accepted, completed, declined, no_show. Non è stato cambiato nulla.
error-referral-bad-step = L'invio non può passare a questo esito da quello attuale (pending porta ad accepted, declined o no_show; accepted a completed, declined o no_show; no_show di nuovo a pending; completed e declined sono definitivi). Non è stato cambiato nulla.
error-followup-unknown = Questa persona non ha un'azione di follow-up con quell'identificativo. Non è stato cambiato nulla.
error-followup-already-done = Questa azione di follow-up è già stata svolta. Non è stato cambiato nulla.

# outreach counting
error-outreach-unknown = Non esiste un'uscita con quell'identificativo. Non è stato cambiato nulla.
error-outreach-bad-tap = Un conteggio si indica come +N o -N (per esempio +1 o -1), una nazionalità o un materiale come CODICE=+N. Non è stato cambiato nulla.
error-outreach-bad-nationality = La nazionalità deve essere un codice di paese di due lettere (ISO 3166-1, per esempio NG o IN). Non è stato cambiato nulla.
error-outreach-bad-material = Il materiale deve essere uno tra rights_leaflet, helpline_card, legal_info, health_kit, food, water, protective_equipment, other. Non è stato cambiato nulla.
error-outreach-count-too-large = Un conteggio non può superare 10.000 persone (100.000 per un materiale). Non è stato cambiato nulla.
error-outreach-minors-over-total = I minori non possono essere più delle persone incontrate: conta prima la persona (donna, uomo o non dichiarato), poi come minore. Non è stato cambiato nulla.
error-outreach-no-roster = Questo dispositivo non ha ancora l'elenco dell'équipe: entra in un'équipe e sincronizza una volta dopo l'approvazione. Non è stato cambiato nulla.
error-outreach-not-in-team = Il dispositivo { $device } non fa parte dell'équipe. Non è stato cambiato nulla.
error-outreach-bad-topic = Il tema deve essere uno tra rights, job_placement_protocol, health, housing, documents, safety_at_work, other. Non è stato cambiato nulla.
error-outreach-bad-group = Donne e uomini insieme, e i minori, non possono essere più dei partecipanti, e la nota può avere al massimo 20.000 caratteri. Non è stato cambiato nulla.
error-outreach-unknown-group = Quest'uscita non ha un incontro di gruppo con quell'identificativo. Non è stato cambiato nulla.
error-outreach-unknown-person = Su questo dispositivo non c'è una persona con quell'identificativo. Non è stato cambiato nulla.

# quick contacts and places
error-contact-bad-alias = Indica un nome o una breve descrizione della persona (al massimo 80 caratteri). Non è stato cambiato nulla.
error-contact-no-recontact = Indica se la persona accetta di essere ricontattata: --recontact yes oppure --recontact no. Non è stato cambiato nulla.
error-contact-bad-recontact = La risposta a «possiamo ricontattarti?» deve essere yes o no. Non è stato cambiato nulla.
error-contact-bad-language = La lingua deve essere un codice della lista (per esempio pa, pa-Guru, wo, ar). Non è stato cambiato nulla.
error-contact-bad-material = La voce { $item } di ciò che è stato consegnato non è un materiale della lista (rights_leaflet, helpline_card, legal_info, health_kit, food, water, protective_equipment, other). Non è stato cambiato nulla.
error-contact-bad-way = La voce { $item } di come ricontattare la persona non è un modo della lista (at_place, phone, mediator, sportello). Non è stato cambiato nulla.
error-contact-way-without-yes = Come ricontattare la persona si registra solo se ha accettato di essere ricontattata: --recontact yes. Non è stato cambiato nulla.
error-contact-bad-phone = Il numero di telefono è troppo lungo (al massimo 40 caratteri). Non è stato cambiato nulla.
error-contact-phone-without-way = Il numero di telefono si registra solo se la persona ha accettato una chiamata o un messaggio: aggiungi phone a --recontact-how. Non è stato cambiato nulla.
error-contact-unknown-person = Su questo dispositivo non c'è una persona con quell'identificativo. Non è stato cambiato nulla.
error-contact-already-intake = Per questa persona è già stato avviato un colloquio di accoglienza: non è un primo contatto. Non è stato cambiato nulla.
error-place-unknown = Nella lista dei luoghi dell'équipe non c'è un luogo con quell'identificativo (vedi ponte place list). Non è stato cambiato nulla.
error-place-retired = Questo luogo non è più in uso: scegli un luogo in uso, oppure rimettilo in uso prima. Non è stato cambiato nulla.
error-place-duplicate-name = Nell'elenco dell'équipe c'è già un luogo in uso con questo nome (i nomi si confrontano senza maiuscole né spazi in più): usa quel luogo, oppure scegli un altro nome. Non è stato cambiato nulla.

# Conflicting edits of one field
error-conflict-none = Questa scheda non ha un conflitto in quel campo (forse è già stato risolto; vedi show). Non è stato cambiato nulla.
error-conflict-unknown-device = Nessun valore di quel conflitto è stato scritto da quel dispositivo (indica un id o un nome di dispositivo che show elenca per il conflitto). Non è stato cambiato nulla.

# programme reports
error-report-combine = I report delle équipe non si possono sommare (periodo o formato diversi, o due équipe con lo stesso nome). Non è stato scritto nulla.
error-programme-not-coordinator = Questo dispositivo non è un coordinatore di programma: esegui prima ponte programme init --name NOME.
error-programme-already = Questo dispositivo è già un coordinatore di programma. Non è stato cambiato nulla.
error-programme-in-team = Il dispositivo di un'équipe non può essere coordinatore di programma: usa un archivio a parte, fuori da ogni équipe. Non è stato cambiato nulla.
error-programme-bad-name = Il nome deve avere da 1 a 80 caratteri, senza caratteri di controllo. Non è stato cambiato nulla.
error-programme-bad-code = Questo non è un codice di coordinatore (inizia con ponteprog1:). Non è stato scritto nulla.
error-programme-bad-team-code = Questo non è un codice di équipe (inizia con ponteteam1:). Non è stato cambiato nulla.
error-programme-no-team = Questo dispositivo non è in un'équipe: solo il supervisore di un'équipe può inviare dati a un programma.
error-programme-name-taken = Un'altra équipe del programma si chiama già { $name }: scegli un altro nome con --name. Non è stato cambiato nulla.
error-programme-bad-package = { $file } non è un pacchetto di programma, oppure è stato alterato. Non è stato importato nulla.
error-programme-unknown-team = { $file } viene da un'équipe che il programma non conosce: aggiungi prima l'équipe con il suo codice. Non è stato importato nulla.
error-programme-bad-signature = { $file } non è firmato da un dispositivo supervisore registrato per la sua équipe: potrebbe essere falsificato o alterato. Non è stato importato nulla.
error-programme-other-coordinator = { $file } è stato sigillato per un altro coordinatore di programma. Non è stato importato nulla.
error-programme-no-packages = Nessuna équipe ha inviato un report esattamente dal { $from } al { $to }. Non è stato scritto nulla.
error-programme-too-few = Nel periodo l'équipe ha raggiunto meno di { $min } persone: un pacchetto descriverebbe singole persone. Scegli un periodo più lungo. Non è stato scritto nulla.
error-programme-period-closed = { $file }: il report del programma dal { $from } al { $to } è già stato fatto con i pacchetti ricevuti allora. Un pacchetto arrivato dopo non può cambiarlo (due versioni del report rivelerebbero per sottrazione i conteggi oscurati di un'équipe). Non è stato importato nulla.
error-programme-period-reported = Il report del programma dal { $from } al { $to } è già stato fatto, con soglia { $threshold } e i pacchetti ricevuti allora: un report di quel periodo può solo ripeterlo (due versioni del report rivelerebbero per sottrazione i conteggi oscurati di un'équipe). Non è stato scritto nulla.

# roles, deputies and recovery
error-bad-role = Questo ruolo non esiste: usa uno tra { $roles }. Non è stato modificato nulla.
error-role-refused = Un dispositivo con il ruolo { $role } non può farlo: chiedi a un operatore o al supervisore.
error-bad-recovery-kit = Questo non è il codice di un kit di recupero: confrontalo con il foglio stampato (inizia con ponterec1:).
error-recovery-kit-retired = Questo kit di recupero non funziona più: è stato sostituito da uno più recente, oppure è già stato usato. Non è stato modificato nulla.
error-last-supervisor = L'équipe resterebbe senza supervisore. Non è stato modificato nulla.

# need-to-know records
error-restrict-unknown-device = Il dispositivo { $device } non è nell'elenco dei dispositivi della squadra (vedi ponte devices). Non è stato cambiato nulla.
error-restrict-no-devices = Indica almeno un dispositivo a cui riservare la scheda, oppure usa --open per togliere la riserva. Non è stato cambiato nulla.
error-restrict-ambiguous-device = Più di un dispositivo della squadra si chiama { $device }: indica il suo identificativo (vedi ponte devices). Non è stato cambiato nulla.
error-not-in-roster = Uno dei dispositivi indicati non è nell'elenco dei dispositivi della squadra. Non è stato cambiato nulla.
error-too-many-readers = Una scheda può essere riservata al massimo a 64 dispositivi. Non è stato cambiato nulla.

# audit review
error-audit-trail-record = Questa scheda è il registro di controllo di un dispositivo: la mostra solo la revisione dei registri (ponte audit review) e nessuno può modificarla o cancellarla. Non è stato cambiato nulla.
error-audit-unknown-device = Nessun dispositivo della squadra, e nessun registro di controllo, si chiama { $device } (vedi ponte devices). Non è stato mostrato nulla.

## Places from the team's list, team members from the roster
error-place-unknown-name = Nell'elenco dei luoghi dell'équipe non c'è un luogo in uso chiamato "{ $name }": scegli un luogo dell'elenco (vedi ponte place list), oppure aggiungilo prima all'elenco. Non è stato cambiato nulla.
error-place-mismatch = Qui sono indicati due luoghi diversi dell'elenco dell'équipe: indicane uno solo. Non è stato cambiato nulla.
error-outreach-member-unknown = Un membro dell'équipe scritto per nome non è nell'elenco firmato dell'équipe: scegli i membri dall'équipe (vedi ponte outreach members). Non è stato cambiato nulla.

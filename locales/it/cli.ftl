# Messaggi della riga di comando `ponte` e degli errori dell'archivio condivisi con l'app.
# Gli argomenti non sono mai contenuto delle schede: solo conteggi, numeri di riga e nomi di campo.

error-internal = Errore interno. Nessun dato è stato mostrato; segnalalo al supervisore dell'équipe.
error-not-initialized = In questa cartella non c'è un archivio Ponte. Esegui prima "ponte init".
error-already-initialized = In questa cartella esiste già un archivio Ponte.
error-passphrase-too-short = La frase segreta è troppo corta: usa almeno { $min } caratteri.
error-wrong-passphrase = Frase segreta errata. Non è stato modificato nulla.
error-corrupt = L'archivio è danneggiato o è stato manomesso. Non è stato modificato nulla; ripristinalo sincronizzando da un altro dispositivo.
error-not-found = Nessuna scheda con questo identificativo.
error-wrong-kind = Questo identificativo appartiene a una scheda di altro tipo.
error-invalid = La scheda non è valida ({ $count ->
    [one] un problema
   *[other] { $count } problemi
  }): { $problems }
error-audit-broken = Il registro degli accessi non è integro (voce { $seq }): potrebbe essere stato manomesso.
error-busy = L'archivio è in uso da un altro programma. Riprova.
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
validation-out-of-range = è fuori dall'intervallo ammesso
validation-referral-without-consent = non ha un consenso all'invio corrispondente, dato entro la data dell'invio
validation-override-reason-required = richiede una motivazione per la modifica del livello di rischio
validation-invalid-id = non è un identificativo valido
validation-too-many = ha troppi elementi
validation-not-allowed = non è ammesso qui
error-not-empty = Questo dispositivo contiene già delle schede: solo un dispositivo nuovo può unirsi a un'équipe.

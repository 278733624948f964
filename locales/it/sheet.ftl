# Scheda di invio per il servizio che riceve (crate ponte-sheet), sempre in italiano.
# I nomi dei campi vengono da worker.ftl (share-field-*), i valori dalle etichette dei
# codici di worker.ftl, app.ftl e report.ftl.

sheet-heading = Scheda di invio
sheet-subtitle = Segnalazione a un servizio della rete. Riservata: dati personali condivisi con il consenso della persona, solo per questo invio.
sheet-section-referral = Invio
sheet-referral-date = Data dell'invio
sheet-destination = Tipo di servizio
sheet-service-name = Servizio
sheet-address = Indirizzo
sheet-appointment = Appuntamento
sheet-appointment-none = non ancora fissato
sheet-ask-for = Chiedere di
sheet-section-sender = Inviata da
sheet-team = Ente o équipe
sheet-operator = Operatore o operatrice
sheet-contact = Recapito
sheet-section-person = La persona (solo i dati che ha acconsentito a condividere con questo servizio)
sheet-mediator = Mediazione linguistica
sheet-mediator-needed = necessaria (il servizio lavora in: { $languages })
sheet-mediator-not-needed = non necessaria (il servizio lavora in: { $languages })
sheet-mediator-unknown = da verificare (la mappa dei servizi non indica le lingue del servizio)
sheet-permit-expiry = scadenza { $date }
sheet-screening-none = nessuno
sheet-section-consent = Consenso
sheet-consent-purpose = Finalità
sheet-consent-purpose-referral = invio a questo tipo di servizio
sheet-consent-date = Dato il
sheet-consent-language = Lingua del testo del consenso
sheet-consent-text-version = Versione del testo del consenso
sheet-consent-shared = Dati condivisibili
sheet-footer = Documento riservato. Non inoltrare né copiare: è stato condiviso solo per questo invio. Prodotto con Ponte il { $date }.

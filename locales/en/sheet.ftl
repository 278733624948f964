# The referral sheet for the receiving service (crate ponte-sheet). It is always made in
# Italian (the service's language); en is the reference for ids, ar a draft like the
# rest of the Arabic UI. Field names come from worker.ftl (share-field-*), values from the
# code labels of worker.ftl, app.ftl and report.ftl.

sheet-heading = Referral sheet
sheet-subtitle = Referral to a service of the network. Confidential: personal data shared with the person's consent, for this referral only.
sheet-section-referral = Referral
sheet-referral-date = Date of the referral
sheet-destination = Type of service
sheet-service-name = Service
sheet-address = Address
sheet-appointment = Appointment
sheet-appointment-none = none fixed yet
sheet-ask-for = Ask for
sheet-section-sender = Referred by
sheet-team = Organisation or team
sheet-operator = Operator
sheet-contact = How to reach them
sheet-section-person = The person (only what they agreed to share with this service)
sheet-mediator = Language mediator
sheet-mediator-needed = needed (the service works in: { $languages })
sheet-mediator-not-needed = not needed (the service works in: { $languages })
sheet-mediator-unknown = to be checked (the directory does not say which languages the service works in)
sheet-permit-expiry = expires { $date }
sheet-screening-none = none
sheet-section-consent = Consent
sheet-consent-purpose = Purpose
sheet-consent-purpose-referral = referral to this type of service
sheet-consent-date = Given on
sheet-consent-language = Language of the consent text
sheet-consent-text-version = Version of the consent text
sheet-consent-shared = What may be shared
sheet-footer = Confidential. Do not forward or copy: it was shared for this referral only. Made with Ponte on { $date }.

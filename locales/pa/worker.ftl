# Worker-facing content in Punjabi, Gurmukhi script: consent texts, rights card, interview
# questions and answer options. Source: locales/en/worker.ftl. DRAFT: no native speaker
# has reviewed this file yet; a reviewer sets translation-status = reviewed
# (docs/translations.md). Register: ਤੁਸੀਂ (polite). Italian terms the worker will meet
# (busta paga, permesso di soggiorno...) stay in Latin script in brackets.
# Shahmukhi (pa-Arab) readers are not covered by this file.

translation-status = draft
language-name = ਪੰਜਾਬੀ

## Consent

consent-intake-title = ਅਸੀਂ ਤੁਹਾਡੇ ਬਾਰੇ ਕੀ ਲਿਖਦੇ ਹਾਂ
consent-intake-text = ਅਸੀਂ ਇੱਕ ਟੀਮ ਹਾਂ ਜੋ ਕਾਮਿਆਂ ਨੂੰ ਮਿਲਦੀ ਹੈ। ਅਸੀਂ ਮਾਲਕਾਂ ਜਾਂ ਪੁਲਿਸ ਲਈ ਕੰਮ ਨਹੀਂ ਕਰਦੇ। ਜੇ ਤੁਸੀਂ ਸਹਿਮਤ ਹੋ, ਤਾਂ ਅਸੀਂ ਤੁਹਾਡਾ ਚੁਣਿਆ ਹੋਇਆ ਨਾਂ, ਤੁਹਾਡੇ ਕੰਮ ਅਤੇ ਰਿਹਾਇਸ਼ ਬਾਰੇ ਤੁਹਾਡੇ ਜਵਾਬ, ਅਤੇ ਤੁਹਾਨੂੰ ਲੋੜੀਂਦੀ ਮਦਦ ਲਿਖਦੇ ਹਾਂ। ਅਸੀਂ ਇਹ ਗੁਪਤ ਕੋਡ ਨਾਲ ਬੰਦ ਕਰਕੇ (ਇਨਕ੍ਰਿਪਟ ਕਰਕੇ) ਆਪਣੀ ਟੀਮ ਦੇ ਫ਼ੋਨਾਂ ਅਤੇ ਕੰਪਿਊਟਰਾਂ ਵਿੱਚ ਰੱਖਦੇ ਹਾਂ, ਅਤੇ ਸਿਰਫ਼ ਸਾਡੀ ਟੀਮ ਹੀ ਇਸ ਨੂੰ ਪੜ੍ਹ ਸਕਦੀ ਹੈ। ਜੇ ਤੁਸੀਂ ਨਾਂਹ ਕਰੋ, ਤਾਂ ਵੀ ਤੁਹਾਨੂੰ ਸਾਡੀ ਮਦਦ ਉਸੇ ਤਰ੍ਹਾਂ ਮਿਲੇਗੀ। ਤੁਸੀਂ ਕਦੇ ਵੀ ਸਾਨੂੰ ਕਹਿ ਸਕਦੇ ਹੋ ਕਿ ਜੋ ਅਸੀਂ ਲਿਖਿਆ ਹੈ, ਉਹ ਮਿਟਾ ਦਿਓ।
consent-referral-title = ਤੁਹਾਡੀ ਜਾਣਕਾਰੀ ਕਿਸੇ ਸੇਵਾ ਨੂੰ ਦੇਣਾ
consent-referral-text = ਅਸੀਂ ਇੱਕ ਟੀਮ ਹਾਂ ਜੋ ਕਾਮਿਆਂ ਨੂੰ ਮਿਲਦੀ ਹੈ, ਅਤੇ ਅਸੀਂ ਮਾਲਕਾਂ ਜਾਂ ਪੁਲਿਸ ਲਈ ਕੰਮ ਨਹੀਂ ਕਰਦੇ। ਅਸੀਂ ਤੁਹਾਡਾ ਸੰਪਰਕ ਇਸ ਸੇਵਾ ਨਾਲ ਕਰਵਾਉਣਾ ਚਾਹੁੰਦੇ ਹਾਂ: { $destination }। ਅਸੀਂ ਤੁਹਾਡਾ ਨਾਂ ਅਤੇ ਤੁਹਾਡੀ ਹਾਲਤ ਉਨ੍ਹਾਂ ਨੂੰ ਸਿਰਫ਼ ਤਾਂ ਦੱਸਾਂਗੇ ਜੇ ਤੁਸੀਂ ਸਹਿਮਤ ਹੋ। ਅਸੀਂ ਤੁਹਾਡਾ ਜਵਾਬ ਲਿਖ ਕੇ ਗੁਪਤ ਕੋਡ ਨਾਲ ਬੰਦ ਕਰਕੇ (ਇਨਕ੍ਰਿਪਟ ਕਰਕੇ) ਆਪਣੀ ਟੀਮ ਦੇ ਫ਼ੋਨਾਂ ਅਤੇ ਕੰਪਿਊਟਰਾਂ ਵਿੱਚ ਰੱਖਦੇ ਹਾਂ। ਜੇ ਤੁਸੀਂ ਨਾਂਹ ਕਰੋ, ਤਾਂ ਸਾਡੀ ਮਦਦ ਵਿੱਚ ਕੋਈ ਫ਼ਰਕ ਨਹੀਂ ਪਵੇਗਾ। ਤੁਸੀਂ ਕਦੇ ਵੀ ਸਾਨੂੰ ਕਹਿ ਸਕਦੇ ਹੋ ਕਿ ਜੋ ਅਸੀਂ ਲਿਖਿਆ ਹੈ, ਉਹ ਮਿਟਾ ਦਿਓ।
consent-reporting-title = ਨਾਂ ਤੋਂ ਬਿਨਾਂ ਸਿਰਫ਼ ਗਿਣਤੀ
consent-reporting-text = ਅਸੀਂ ਇੱਕ ਟੀਮ ਹਾਂ ਜੋ ਕਾਮਿਆਂ ਨੂੰ ਮਿਲਦੀ ਹੈ, ਅਤੇ ਅਸੀਂ ਮਾਲਕਾਂ ਜਾਂ ਪੁਲਿਸ ਲਈ ਕੰਮ ਨਹੀਂ ਕਰਦੇ। ਜੋ ਸੰਸਥਾ ਸਾਡੇ ਕੰਮ ਲਈ ਪੈਸੇ ਦਿੰਦੀ ਹੈ, ਉਹ ਪੁੱਛਦੀ ਹੈ ਕਿ ਅਸੀਂ ਕਿੰਨੇ ਲੋਕਾਂ ਨੂੰ ਮਿਲੇ। ਅਸੀਂ ਉਸ ਨੂੰ ਸਿਰਫ਼ ਗਿਣਤੀ ਦਿੰਦੇ ਹਾਂ, ਜਿਵੇਂ ਕਿੰਨੀਆਂ ਔਰਤਾਂ ਅਤੇ ਕਿੰਨੇ ਮਰਦ, ਜਾਂ ਕਿਹੜੇ ਦੇਸ਼ਾਂ ਤੋਂ, ਪਰ ਨਾਂ ਕਦੇ ਨਹੀਂ ਦਿੰਦੇ। ਜੋ ਅਸੀਂ ਲਿਖਦੇ ਹਾਂ, ਉਹ ਗੁਪਤ ਕੋਡ ਨਾਲ ਬੰਦ (ਇਨਕ੍ਰਿਪਟ) ਹੋ ਕੇ ਸਾਡੀ ਟੀਮ ਦੇ ਫ਼ੋਨਾਂ ਅਤੇ ਕੰਪਿਊਟਰਾਂ ਵਿੱਚ ਰਹਿੰਦਾ ਹੈ। ਜੇ ਤੁਸੀਂ ਨਾਂਹ ਕਰੋ, ਤਾਂ ਸਾਡੀ ਮਦਦ ਵਿੱਚ ਕੋਈ ਫ਼ਰਕ ਨਹੀਂ ਪਵੇਗਾ। ਤੁਸੀਂ ਕਦੇ ਵੀ ਸਾਨੂੰ ਕਹਿ ਸਕਦੇ ਹੋ ਕਿ ਜੋ ਅਸੀਂ ਲਿਖਿਆ ਹੈ, ਉਹ ਮਿਟਾ ਦਿਓ।
consent-ask = ਕੀ ਤੁਸੀਂ ਸਹਿਮਤ ਹੋ?
consent-yes = ਹਾਂ, ਮੈਂ ਸਹਿਮਤ ਹਾਂ
consent-no = ਨਹੀਂ

## Rights card

rights-title = ਇਟਲੀ ਵਿੱਚ ਕੰਮ ਬਾਰੇ ਤੁਹਾਡੇ ਹੱਕ
rights-pay = ਤੁਹਾਨੂੰ ਹਰ ਘੰਟੇ ਦੇ ਕੰਮ ਲਈ ਘੱਟੋ-ਘੱਟ ਉਨੀ ਤਨਖ਼ਾਹ ਮਿਲਣੀ ਚਾਹੀਦੀ ਹੈ ਜਿੰਨੀ ਤੁਹਾਡੇ ਕੰਮ ਲਈ ਕੌਮੀ ਸਾਂਝਾ ਇਕਰਾਰਨਾਮਾ (contratto collettivo) ਤੈਅ ਕਰਦਾ ਹੈ। ਤੁਹਾਨੂੰ ਤਨਖ਼ਾਹ ਦੀ ਪਰਚੀ (busta paga) ਮਿਲਣੀ ਚਾਹੀਦੀ ਹੈ।
rights-hours = ਕੰਮ ਦੇ ਘੰਟਿਆਂ ਦੀ ਇੱਕ ਹੱਦ ਹੈ। ਤੁਹਾਨੂੰ ਹਰ ਦਿਨ ਅਤੇ ਹਰ ਹਫ਼ਤੇ ਆਰਾਮ ਕਰਨ ਦਾ ਹੱਕ ਹੈ। ਵਾਧੂ ਘੰਟਿਆਂ (ਓਵਰਟਾਈਮ) ਲਈ ਵੱਧ ਤਨਖ਼ਾਹ ਮਿਲਣੀ ਚਾਹੀਦੀ ਹੈ।
rights-safety = ਤੁਹਾਡਾ ਕੰਮ ਸੁਰੱਖਿਅਤ ਹੋਣਾ ਚਾਹੀਦਾ ਹੈ: ਪੀਣ ਲਈ ਪਾਣੀ, ਛਾਂ, ਆਰਾਮ ਦਾ ਸਮਾਂ, ਸੁਰੱਖਿਆ ਦਾ ਸਾਮਾਨ ਅਤੇ ਸੁਰੱਖਿਅਤ ਸਵਾਰੀ। ਕੋਈ ਵੀ ਤੁਹਾਨੂੰ ਧਮਕੀ ਨਹੀਂ ਦੇ ਸਕਦਾ ਜਾਂ ਮਾਰ ਨਹੀਂ ਸਕਦਾ।
rights-documents = ਕੋਈ ਵੀ ਤੁਹਾਡਾ ਪਾਸਪੋਰਟ ਜਾਂ ਰਿਹਾਇਸ਼ੀ ਪਰਮਿਟ (permesso di soggiorno) ਆਪਣੇ ਕੋਲ ਨਹੀਂ ਰੱਖ ਸਕਦਾ।
rights-permit = ਜੇ ਤੁਸੀਂ ਸ਼ੋਸ਼ਣ ਦਾ ਸ਼ਿਕਾਰ ਹੋ, ਤਾਂ ਤੁਸੀਂ ਇੱਕ ਖ਼ਾਸ ਰਿਹਾਇਸ਼ੀ ਪਰਮਿਟ ਲਈ ਅਰਜ਼ੀ ਦੇ ਸਕਦੇ ਹੋ, ਭਾਵੇਂ ਤੁਹਾਡੇ ਕੋਲ ਕਾਗਜ਼ ਨਾ ਹੋਣ।
rights-helpline = ਮੁਫ਼ਤ ਹੈਲਪਲਾਈਨ, ਦਿਨ-ਰਾਤ, ਤੁਹਾਡੀ ਬੋਲੀ ਵਿੱਚ: { $number }
rights-union = ਮਜ਼ਦੂਰ ਯੂਨੀਅਨ ਤੁਹਾਨੂੰ ਉਹ ਤਨਖ਼ਾਹ ਦਿਵਾਉਣ ਵਿੱਚ ਮਦਦ ਕਰ ਸਕਦੀ ਹੈ ਜੋ ਤੁਹਾਨੂੰ ਨਹੀਂ ਮਿਲੀ।

## Interview: profile

q-alias = ਤੁਸੀਂ ਚਾਹੁੰਦੇ ਹੋ ਕਿ ਅਸੀਂ ਤੁਹਾਨੂੰ ਕਿਸ ਨਾਂ ਨਾਲ ਬੁਲਾਈਏ? ਇਹ ਤੁਹਾਡਾ ਅਸਲੀ ਨਾਂ ਹੋਣਾ ਜ਼ਰੂਰੀ ਨਹੀਂ।
q-sex = ਕੀ ਤੁਸੀਂ ਔਰਤ ਹੋ, ਮਰਦ ਹੋ, ਜਾਂ ਕੁਝ ਹੋਰ? ਜਵਾਬ ਦੇਣਾ ਜ਼ਰੂਰੀ ਨਹੀਂ।
q-birth-year = ਤੁਹਾਡਾ ਜਨਮ ਕਿਸ ਸਾਲ ਵਿੱਚ ਹੋਇਆ ਸੀ?
q-nationality = ਤੁਸੀਂ ਕਿਸ ਦੇਸ਼ ਦੇ ਨਾਗਰਿਕ ਹੋ?
q-languages = ਤੁਸੀਂ ਕਿਹੜੀਆਂ ਬੋਲੀਆਂ ਬੋਲਦੇ ਹੋ?
q-phone = ਕੀ ਤੁਹਾਡਾ ਕੋਈ ਫ਼ੋਨ ਨੰਬਰ ਹੈ ਜਿਸ 'ਤੇ ਅਸੀਂ ਤੁਹਾਨੂੰ ਬਿਨਾਂ ਖ਼ਤਰੇ ਦੇ ਫ਼ੋਨ ਕਰ ਸਕੀਏ? ਦੇਣਾ ਜ਼ਰੂਰੀ ਨਹੀਂ।

## Interview: work

q-sector = ਤੁਸੀਂ ਕਿਸ ਤਰ੍ਹਾਂ ਦਾ ਕੰਮ ਕਰਦੇ ਹੋ?
q-employer-area = ਤੁਸੀਂ ਕਿੱਥੇ ਕੰਮ ਕਰਦੇ ਹੋ? ਇਲਾਕੇ ਜਾਂ ਸੜਕ ਦਾ ਨਾਂ ਕਾਫ਼ੀ ਹੈ।
q-permit = ਕੀ ਤੁਹਾਡੇ ਕੋਲ ਰਿਹਾਇਸ਼ੀ ਪਰਮਿਟ (permesso di soggiorno) ਹੈ? ਕਿਸ ਕਿਸਮ ਦਾ?
q-permit-expiry = ਤੁਹਾਡਾ ਰਿਹਾਇਸ਼ੀ ਪਰਮਿਟ ਕਿਸ ਤਰੀਕ ਤੱਕ ਚੱਲਦਾ ਹੈ?

## Interview: living and needs

q-housing = ਤੁਸੀਂ ਹੁਣ ਕਿੱਥੇ ਰਹਿੰਦੇ ਹੋ?
q-needs = ਤੁਹਾਨੂੰ ਸਭ ਤੋਂ ਵੱਧ ਕਿਸ ਮਦਦ ਦੀ ਲੋੜ ਹੈ?

## Screening: "ਹਾਂ" means the indicator is present.
## 603-bis indices

q-s603-pay = ਕੀ ਤੁਹਾਨੂੰ ਅਕਸਰ ਤੁਹਾਡੇ ਕੰਮ ਦੀ ਤੈਅ ਤਨਖ਼ਾਹ ਨਾਲੋਂ ਬਹੁਤ ਘੱਟ ਪੈਸੇ ਮਿਲਦੇ ਹਨ, ਜਾਂ ਤੁਹਾਡੇ ਕੰਮ ਦੇ ਮੁਕਾਬਲੇ ਬਹੁਤ ਘੱਟ?
q-s603-hours = ਕੀ ਤੁਸੀਂ ਅਕਸਰ ਬਹੁਤ ਜ਼ਿਆਦਾ ਘੰਟੇ ਕੰਮ ਕਰਦੇ ਹੋ, ਬਿਨਾਂ ਆਰਾਮ ਦੇ, ਹਫ਼ਤੇ ਵਿੱਚ ਇੱਕ ਦਿਨ ਦੀ ਛੁੱਟੀ ਤੋਂ ਬਿਨਾਂ, ਜਾਂ ਛੁੱਟੀਆਂ ਤੋਂ ਬਿਨਾਂ?
q-s603-safety = ਕੀ ਤੁਹਾਡਾ ਕੰਮ ਅਸੁਰੱਖਿਅਤ ਹੈ? ਜਿਵੇਂ: ਸੁਰੱਖਿਆ ਦਾ ਸਾਮਾਨ ਨਹੀਂ, ਗਰਮੀ ਵਿੱਚ ਪਾਣੀ ਜਾਂ ਛਾਂ ਨਹੀਂ, ਜਾਂ ਗੱਡੀਆਂ ਖ਼ਤਰਨਾਕ ਹਨ।
q-s603-degrading = ਕੰਮ 'ਤੇ ਜਾਂ ਜਿੱਥੇ ਤੁਸੀਂ ਸੌਂਦੇ ਹੋ, ਕੀ ਤੁਹਾਡੇ ਨਾਲ ਬੇਇੱਜ਼ਤੀ ਵਾਲਾ ਸਲੂਕ ਹੁੰਦਾ ਹੈ? ਜਿਵੇਂ: ਗਾਲ੍ਹਾਂ, ਹਰ ਵੇਲੇ ਨਿਗਰਾਨੀ, ਜਾਂ ਸੌਣ ਦੀ ਅਜਿਹੀ ਥਾਂ ਜਿੱਥੇ ਰਹਿਣਾ ਮੁਮਕਿਨ ਨਹੀਂ।

## 603-bis aggravating circumstances

q-aggravating-more_than_three_workers = ਕੀ ਇੱਕੋ ਬੰਦਾ ਇਸ ਕੰਮ 'ਤੇ ਤਿੰਨ ਤੋਂ ਵੱਧ ਕਾਮੇ ਲਿਆਇਆ ਹੈ, ਤੁਹਾਨੂੰ ਮਿਲਾ ਕੇ?
q-aggravating-minors = ਕੀ ਤੁਹਾਡੇ ਨਾਲ 16 ਸਾਲ ਤੋਂ ਘੱਟ ਉਮਰ ਦੇ ਬੱਚੇ ਕੰਮ ਕਰਦੇ ਹਨ?
q-aggravating-serious_danger = ਕੀ ਤੁਹਾਡਾ ਕੰਮ ਤੁਹਾਨੂੰ ਵੱਡੇ ਖ਼ਤਰੇ ਵਿੱਚ ਪਾਉਂਦਾ ਹੈ? ਜਿਵੇਂ: ਕੀ ਤੁਹਾਨੂੰ ਗੰਭੀਰ ਸੱਟ ਲੱਗ ਸਕਦੀ ਹੈ, ਜਾਂ ਗਰਮੀ ਨਾਲ ਤੁਸੀਂ ਬਹੁਤ ਬਿਮਾਰ ਹੋ ਸਕਦੇ ਹੋ?

## ILO indicators

q-ilo-abuse_of_vulnerability = ਕੀ ਕੋਈ ਤੁਹਾਡੀ ਮਜਬੂਰੀ ਦਾ ਫ਼ਾਇਦਾ ਉਠਾਉਂਦਾ ਹੈ? ਜਿਵੇਂ ਇਸ ਲਈ ਕਿ ਤੁਹਾਡੇ ਕੋਲ ਕਾਗਜ਼ ਨਹੀਂ, ਤੁਸੀਂ ਇਤਾਲਵੀ ਨਹੀਂ ਬੋਲਦੇ, ਜਾਂ ਤੁਹਾਡੇ ਕੋਲ ਜਾਣ ਲਈ ਹੋਰ ਕੋਈ ਥਾਂ ਨਹੀਂ।
q-ilo-deception = ਕੀ ਇਸ ਕੰਮ ਬਾਰੇ ਤੁਹਾਡੇ ਨਾਲ ਝੂਠ ਬੋਲਿਆ ਗਿਆ ਸੀ? ਜਿਵੇਂ ਤਨਖ਼ਾਹ, ਕੰਮ, ਰਿਹਾਇਸ਼ ਜਾਂ ਕਾਗਜ਼ਾਂ ਬਾਰੇ।
q-ilo-restriction_of_movement = ਕੀ ਤੁਹਾਨੂੰ ਕੰਮ ਦੀ ਥਾਂ ਜਾਂ ਰਹਿਣ ਦੀ ਥਾਂ ਛੱਡਣ ਤੋਂ, ਜਾਂ ਜਿੱਥੇ ਤੁਸੀਂ ਜਾਣਾ ਚਾਹੋ ਉੱਥੇ ਜਾਣ ਤੋਂ ਰੋਕਿਆ ਜਾਂਦਾ ਹੈ?
q-ilo-isolation = ਕੀ ਤੁਹਾਨੂੰ ਲੋਕਾਂ ਤੋਂ ਦੂਰ ਰੱਖਿਆ ਜਾਂਦਾ ਹੈ? ਜਿਵੇਂ ਕਿਸੇ ਦੂਰ-ਦੁਰਾਡੀ ਥਾਂ 'ਤੇ, ਫ਼ੋਨ ਤੋਂ ਬਿਨਾਂ, ਜਾਂ ਪਰਿਵਾਰ ਨਾਲ ਸੰਪਰਕ ਤੋਂ ਬਿਨਾਂ।
q-ilo-physical_sexual_violence = ਕੀ ਤੁਹਾਡੇ ਕੰਮ ਨਾਲ ਜੁੜੇ ਕਿਸੇ ਬੰਦੇ ਨੇ ਤੁਹਾਨੂੰ ਮਾਰਿਆ, ਸੱਟ ਪਹੁੰਚਾਈ, ਜਾਂ ਜਿਨਸੀ ਕੰਮ ਲਈ ਮਜਬੂਰ ਕੀਤਾ?
q-ilo-intimidation_threats = ਕੀ ਕਿਸੇ ਨੇ ਤੁਹਾਨੂੰ ਧਮਕੀ ਦਿੱਤੀ ਹੈ? ਜਿਵੇਂ ਪੁਲਿਸ ਨੂੰ ਤੁਹਾਡੀ ਸ਼ਿਕਾਇਤ ਕਰਨ ਦੀ, ਤੁਹਾਨੂੰ ਜਾਂ ਤੁਹਾਡੇ ਪਰਿਵਾਰ ਨੂੰ ਨੁਕਸਾਨ ਪਹੁੰਚਾਉਣ ਦੀ, ਜਾਂ ਤਨਖ਼ਾਹ ਨਾ ਦੇਣ ਦੀ।
q-ilo-retention_of_documents = ਕੀ ਕਿਸੇ ਨੇ ਤੁਹਾਡਾ ਪਾਸਪੋਰਟ ਜਾਂ ਰਿਹਾਇਸ਼ੀ ਪਰਮਿਟ ਆਪਣੇ ਕੋਲ ਰੱਖਿਆ ਹੋਇਆ ਹੈ, ਅਤੇ ਮੰਗਣ 'ਤੇ ਵਾਪਸ ਨਹੀਂ ਦਿੰਦਾ?
q-ilo-withholding_wages = ਕੀ ਤੁਹਾਡੀ ਤਨਖ਼ਾਹ ਦਾ ਕੁਝ ਹਿੱਸਾ ਰੋਕ ਲਿਆ ਜਾਂਦਾ ਹੈ, ਦੇਰ ਨਾਲ ਦਿੱਤਾ ਜਾਂਦਾ ਹੈ, ਜਾਂ ਬਿਲਕੁਲ ਨਹੀਂ ਦਿੱਤਾ ਜਾਂਦਾ?
q-ilo-debt_bondage = ਕੀ ਤੁਹਾਡੇ ਸਿਰ ਮਾਲਕ ਦਾ ਜਾਂ ਤੁਹਾਨੂੰ ਲਿਆਉਣ ਵਾਲੇ ਬੰਦੇ ਦਾ ਕਰਜ਼ਾ ਹੈ, ਜਿਵੇਂ ਸਫ਼ਰ, ਰਿਹਾਇਸ਼, ਸਵਾਰੀ ਜਾਂ ਖਾਣੇ ਦਾ, ਜੋ ਤੁਹਾਨੂੰ ਕੰਮ ਕਰਕੇ ਲਾਹੁਣਾ ਪੈਂਦਾ ਹੈ?
q-ilo-abusive_conditions = ਕੀ ਤੁਹਾਨੂੰ ਬਹੁਤ ਮਾੜੇ ਹਾਲਾਤ ਵਿੱਚ ਕੰਮ ਕਰਨ ਜਾਂ ਰਹਿਣ ਲਈ ਮਜਬੂਰ ਕੀਤਾ ਜਾਂਦਾ ਹੈ, ਜੋ ਕੋਈ ਆਪਣੀ ਮਰਜ਼ੀ ਨਾਲ ਨਾ ਮੰਨੇ? ਜਿਵੇਂ ਗੰਦੀ ਅਤੇ ਭੀੜ ਵਾਲੀ ਰਿਹਾਇਸ਼।
q-ilo-excessive_overtime = ਕੀ ਤੁਹਾਨੂੰ ਬਹੁਤ ਜ਼ਿਆਦਾ ਵਾਧੂ ਘੰਟੇ ਕੰਮ ਕਰਨ ਲਈ ਮਜਬੂਰ ਕੀਤਾ ਜਾਂਦਾ ਹੈ, ਤੈਅ ਕੀਤੇ ਘੰਟਿਆਂ ਤੋਂ ਜਾਂ ਕਾਨੂੰਨ ਦੀ ਇਜਾਜ਼ਤ ਤੋਂ ਵੱਧ?

## Answer options

answer-yes = ਹਾਂ
answer-no = ਨਹੀਂ
answer-unknown = ਪਤਾ ਨਹੀਂ / ਪੁੱਛਿਆ ਨਹੀਂ ਗਿਆ

sex-female = ਔਰਤ
sex-male = ਮਰਦ
sex-other = ਹੋਰ

sector-agriculture = ਖੇਤੀਬਾੜੀ (ਖੇਤਾਂ ਵਿੱਚ ਕੰਮ)
sector-construction = ਉਸਾਰੀ (ਬਿਲਡਿੰਗ ਦਾ ਕੰਮ)
sector-logistics = ਢੋਆ-ਢੁਆਈ ਅਤੇ ਗੋਦਾਮ
sector-hospitality = ਰੈਸਟੋਰੈਂਟ, ਬਾਰ ਅਤੇ ਹੋਟਲ
sector-domestic_care = ਘਰੇਲੂ ਕੰਮ ਅਤੇ ਲੋਕਾਂ ਦੀ ਦੇਖਭਾਲ
sector-manufacturing = ਫੈਕਟਰੀ ਦਾ ਕੰਮ
sector-other = ਹੋਰ ਕੰਮ

permit-status-none = ਕੋਈ ਰਿਹਾਇਸ਼ੀ ਪਰਮਿਟ ਨਹੀਂ
permit-status-asylum_seeker = ਸ਼ਰਨ ਦੀ ਅਰਜ਼ੀ ਦਿੱਤੀ ਹੋਈ ਹੈ
permit-status-refugee = ਸ਼ਰਨਾਰਥੀ ਦਾ ਦਰਜਾ
permit-status-subsidiary_protection = ਸਹਾਇਕ ਸੁਰੱਖਿਆ (protezione sussidiaria)
permit-status-special_protection = ਖ਼ਾਸ ਸੁਰੱਖਿਆ (protezione speciale)
permit-status-art18 = ਮਨੁੱਖੀ ਤਸਕਰੀ ਜਾਂ ਗੰਭੀਰ ਸ਼ੋਸ਼ਣ ਦੇ ਪੀੜਤਾਂ ਲਈ ਖ਼ਾਸ ਪਰਮਿਟ (ਧਾਰਾ 18)
permit-status-art22_12quater = ਕੰਮ ਵਿੱਚ ਸ਼ੋਸ਼ਣ ਦੇ ਪੀੜਤਾਂ ਲਈ ਖ਼ਾਸ ਪਰਮਿਟ (ਧਾਰਾ 22, ਪੈਰਾ 12-quater)
permit-status-seasonal_work = ਮੌਸਮੀ ਕੰਮ
permit-status-employment = ਨੌਕਰੀ
permit-status-family = ਪਰਿਵਾਰਕ ਕਾਰਨ
permit-status-eu_citizen = ਯੂਰਪੀ ਯੂਨੀਅਨ ਦੀ ਨਾਗਰਿਕਤਾ (ਪਰਮਿਟ ਦੀ ਲੋੜ ਨਹੀਂ)
permit-status-other = ਹੋਰ ਪਰਮਿਟ

housing-informal_settlement = ਝੁੱਗੀਆਂ, ਤੰਬੂ ਜਾਂ ਛੱਡੀਆਂ ਹੋਈਆਂ ਇਮਾਰਤਾਂ (ਗ਼ੈਰ-ਰਸਮੀ ਬਸਤੀ)
housing-overcrowded_rented = ਕਿਰਾਏ ਦਾ ਘਰ, ਬਹੁਤ ਜ਼ਿਆਦਾ ਲੋਕ
housing-employer_provided = ਮਾਲਕ ਵੱਲੋਂ ਦਿੱਤੀ ਰਿਹਾਇਸ਼
housing-reception_centre = ਰਿਸੈਪਸ਼ਨ ਸੈਂਟਰ (CAS, SAI)
housing-adequate = ਆਪਣਾ ਘਰ ਜਾਂ ਠੀਕ ਰਿਹਾਇਸ਼
housing-homeless = ਕੋਈ ਘਰ ਨਹੀਂ, ਸੜਕ 'ਤੇ
housing-unknown = ਪਤਾ ਨਹੀਂ / ਦੱਸਿਆ ਨਹੀਂ

need-legal_aid = ਕਾਨੂੰਨੀ ਸਲਾਹ
need-permit = ਰਿਹਾਇਸ਼ੀ ਪਰਮਿਟ
need-health = ਸਿਹਤ ਅਤੇ ਇਲਾਜ
need-housing = ਰਿਹਾਇਸ਼
need-food = ਖਾਣਾ
need-transport = ਆਉਣ-ਜਾਣ ਲਈ ਸਵਾਰੀ
need-work = ਕੰਮ
need-wage_claim = ਨਾ ਮਿਲੀ ਤਨਖ਼ਾਹ ਲੈਣਾ
need-training = ਸਿਖਲਾਈ
need-language_course = ਇਤਾਲਵੀ ਬੋਲੀ ਦਾ ਕੋਰਸ
need-documents = ਕਾਗਜ਼ (ਜਿਵੇਂ codice fiscale ਜਾਂ ਪਛਾਣ ਪੱਤਰ)
need-protection = ਸੁਰੱਖਿਆ ਅਤੇ ਬਚਾਅ
need-psychological_support = ਮਾਨਸਿਕ ਸਹਾਰਾ (ਮਨੋਵਿਗਿਆਨਕ ਮਦਦ)
need-other = ਹੋਰ ਮਦਦ

service-type-antitrafficking_helpline = ਮਨੁੱਖੀ ਤਸਕਰੀ ਵਿਰੁੱਧ ਮੁਫ਼ਤ ਹੈਲਪਲਾਈਨ (Numero Verde Antitratta)
service-type-labour_inspectorate = ਕਿਰਤ ਨਿਰੀਖਣ ਦਫ਼ਤਰ (Ispettorato del Lavoro)
service-type-carabinieri_nil = ਕਾਰਾਬਿਨੀਏਰੀ ਦੀ ਕਿਰਤ ਨਿਰੀਖਣ ਇਕਾਈ (NIL)
service-type-trade_union = ਮਜ਼ਦੂਰ ਯੂਨੀਅਨ
service-type-employment_centre = ਰੁਜ਼ਗਾਰ ਕੇਂਦਰ (Centro per l'Impiego)
service-type-health = ਸਿਹਤ ਸੇਵਾਵਾਂ (ASL)
service-type-emergency = ਐਮਰਜੈਂਸੀ ਸੇਵਾਵਾਂ
service-type-legal_aid = ਕਾਨੂੰਨੀ ਮਦਦ
service-type-permit_office = ਇਮੀਗ੍ਰੇਸ਼ਨ ਦਫ਼ਤਰ (Prefettura, Questura)
service-type-antitrafficking_project = ਮਨੁੱਖੀ ਤਸਕਰੀ ਵਿਰੁੱਧ ਪ੍ਰੋਜੈਕਟ
service-type-shelter = ਸੁਰੱਖਿਅਤ ਆਸਰਾ ਘਰ
service-type-housing_support = ਰਿਹਾਇਸ਼ ਲਈ ਮਦਦ
service-type-transport_support = ਆਉਣ-ਜਾਣ ਲਈ ਮਦਦ
service-type-social_services = ਨਗਰਪਾਲਿਕਾ ਦੀਆਂ ਸਮਾਜਿਕ ਸੇਵਾਵਾਂ (Comune)
service-type-other = ਹੋਰ ਸੇਵਾ

# referral sheet
# What a referral consent lets the team share (share-field-<code>, ponte_model::vocab::SHARE_FIELDS),
# and the worker's copy of a referral sheet (ponte-sheet).
share-field-alias = ਨਾਂ ਜਾਂ ਉਪਨਾਮ
share-field-languages = ਬੋਲੀਆਂ
share-field-birth_year = ਜਨਮ ਦਾ ਸਾਲ
share-field-sex = ਲਿੰਗ
share-field-nationality = ਕੌਮੀਅਤ
share-field-phone = ਫ਼ੋਨ ਨੰਬਰ
share-field-permit = ਰਹਿਣ ਦੀ ਇਜਾਜ਼ਤ (permesso di soggiorno)
share-field-sector = ਕੰਮ ਦੀ ਕਿਸਮ
share-field-employer_area = ਕੰਮ ਦਾ ਇਲਾਕਾ
share-field-housing = ਰਿਹਾਇਸ਼
share-field-needs = ਲੋੜੀਂਦੀ ਮਦਦ
share-field-screening = ਗੱਲਬਾਤ ਵਿੱਚ ਮਿਲੇ ਸ਼ੋਸ਼ਣ ਦੇ ਨਿਸ਼ਾਨ
share-field-referral_note = ਭੇਜਣ ਦਾ ਕਾਰਨ
sheet-worker-title = ਤੁਹਾਡੀ ਮੁਲਾਕਾਤ
sheet-worker-intro = ਅਸੀਂ ਤੁਹਾਡਾ ਇਸ ਸੇਵਾ ਨਾਲ ਸੰਪਰਕ ਕਰਵਾਇਆ ਹੈ। ਇੱਥੇ ਲਿਖਿਆ ਹੈ ਕਿ ਕਿੱਥੇ ਅਤੇ ਕਦੋਂ ਜਾਣਾ ਹੈ। ਜਾਣਾ ਹੈ ਜਾਂ ਨਹੀਂ, ਇਹ ਤੁਹਾਡਾ ਫ਼ੈਸਲਾ ਹੈ।
sheet-worker-where = ਕਿੱਥੇ ਜਾਣਾ ਹੈ
sheet-worker-hours = ਖੁੱਲ੍ਹਣ ਦਾ ਸਮਾਂ
sheet-worker-when = ਕਦੋਂ
sheet-worker-no-appointment = ਦਿਨ ਅਜੇ ਤੈਅ ਨਹੀਂ ਹੋਇਆ: ਅਸੀਂ ਤੁਹਾਨੂੰ ਦੱਸਾਂਗੇ।
sheet-worker-ask-for = ਕਿਸ ਨੂੰ ਮਿਲਣਾ ਹੈ
sheet-worker-bring = ਨਾਲ ਲੈ ਕੇ ਆਓ
sheet-worker-team = ਸਾਡੀ ਟੀਮ
sheet-worker-team-phone = ਸਾਡਾ ਫ਼ੋਨ

# Glossar (de), durchgehend mit „Sie“:
#   license = Lizenz · license key = Lizenzschlüssel · seat = Platz (Lizenzplatz)
#   device = Gerät · activate = aktivieren · free a seat = einen Platz freigeben
#   license server = Lizenzserver · license service = Lizenzdienst
#   support report = Supportbericht · contact support = sich an den Support wenden
#   vendor = Anbieter · keychain = Schlüsselbund · sign in = anmelden
#   account = Konto · session = Sitzung · store = Onlineshop · app = App

# The error catalog's texts: what a person reads when something goes wrong.
# Rust resolves them (crates/core/src/catalog); ids are derived from the
# provider and the code (`<provider>-[<context>-]<code>`, lower case, `_` as `-`).
# Texts several codes share word for word are `shared-…`; texts for a code no
# table knows, chosen by its HTTP status, are `fallback-…`.
# Each message: the title, `.message` (what happened), `.step-N` (what to do).
# Write for a person in a hurry: calm, short, never the raw code.

## License API, Keyslot's own protocol (seed 000)

# 1705, HTTP 409 · DeviceLimit · FreeSlot
license-api-1705 = Alle Plätze sind belegt
    .message = Diese Lizenz ist bereits auf so vielen Geräten aktiviert, wie sie erlaubt.
    .step-1 = Geben Sie den Platz eines Geräts frei, das Sie nicht mehr verwenden.
    .step-2 = Aktivieren Sie danach dieses Gerät erneut.
# 1708, HTTP 403 · Revoked · ContactSupport
license-api-1708 = Diese Lizenz wurde widerrufen
    .message = Der Anbieter hat diesen Lizenzschlüssel dauerhaft gesperrt.
    .step-1 = Wenn Sie das für einen Fehler halten, wenden Sie sich mit dem Supportbericht an den Support.
    .step-2 = Wenn Sie einen anderen Schlüssel haben, geben Sie stattdessen diesen ein.
# 1710, HTTP 429 · DeactivationLimit · ContactSupport
license-api-1710 = Zu oft Plätze freigegeben
    .message = Zum Schutz vor Missbrauch kann eine Lizenz nur wenige Plätze pro Monat freigeben. Die nächste Freigabe ist später wieder möglich.
    .step-1 = Versuchen Sie es nach der angezeigten Zeit erneut.
    .step-2 = Wenn Sie sofort einen Platz brauchen, wenden Sie sich mit dem Supportbericht an den Support.
# 1711, HTTP 503 · ServerUnavailable · Retry
license-api-1711 = Der Lizenzserver hat Probleme
    .message = Das Problem liegt beim Server, nicht bei Ihnen. Meist ist es innerhalb einer Minute behoben.
    .step-1 = Warten Sie einen Moment; die App versucht es erneut.
    .step-2 = Wenn es länger anhält, wenden Sie sich mit dem Supportbericht an den Support.

## appauth (seed 001)

# invalid_api_key (developer_api), HTTP 401 · VendorCredentials · ContactSupport
appauth-developer-api-invalid-api-key = Die App konnte sich nicht beim Lizenzdienst anmelden
    .message = Die App ist für die Verbindung zum Lizenzserver nicht richtig eingerichtet. Mit Ihrer Lizenz ist alles in Ordnung.
    .step-1 = Aktualisieren Sie die App auf die neueste Version.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# forbidden (developer_api), HTTP 403 · VendorCredentials · ContactSupport
appauth-developer-api-forbidden = Der Lizenzdienst hat den Zugriff verweigert
    .message = Diese App ist nicht dafür eingerichtet, diese Lizenz zu verwalten. Meist liegt das an der Einrichtung der App.
    .step-1 = Prüfen Sie, ob Sie den Lizenzschlüssel für diese App eingegeben haben und nicht den für ein anderes Produkt.
    .step-2 = Wenn er stimmt, wenden Sie sich mit dem Supportbericht an den Support.
# not_found (developer_api), HTTP 404 · NotFound · EnterNewKey
appauth-developer-api-not-found = Lizenz nicht gefunden
    .message = Der Lizenzserver konnte diesen Lizenzschlüssel nicht finden. Vielleicht ist er falsch eingegeben oder wurde entfernt.
    .step-1 = Vergleichen Sie den Schlüssel mit der E-Mail zu Ihrem Kauf; kopieren Sie ihn am besten und fügen Sie ihn ein.
    .step-2 = Wenn er stimmt, wenden Sie sich mit dem Supportbericht an den Support.
# invalid_app (validate), HTTP 200 · VendorCredentials · ContactSupport
appauth-validate-invalid-app = Anmeldung fehlgeschlagen
    .message = Die App konnte sich nicht beim Lizenzdienst anmelden, weil sie nicht richtig eingerichtet ist. Mit Ihrer Lizenz ist alles in Ordnung.
    .step-1 = Aktualisieren Sie die App auf die neueste Version.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# invalid_key (validate), HTTP 200 · InvalidKey · EnterNewKey
appauth-validate-invalid-key = Ungültiger Lizenzschlüssel
    .message = Dieser Lizenzschlüssel wurde nicht erkannt. Vielleicht ist er falsch eingegeben oder gehört zu einem anderen Produkt.
    .step-1 = Vergleichen Sie den Schlüssel mit der E-Mail zu Ihrem Kauf; kopieren Sie ihn am besten und fügen Sie ihn ein.
    .step-2 = Versuchen Sie es erneut.
    .step-3 = Wenn er stimmt, wenden Sie sich mit dem Supportbericht an den Support.
# revoked (validate), HTTP 200 · Revoked · ContactSupport
appauth-validate-revoked = Diese Lizenz wurde deaktiviert
    .message = Der Anbieter hat diesen Lizenzschlüssel deaktiviert. Er kann nicht mehr verwendet werden.
    .step-1 = Wenden Sie sich mit dem Supportbericht an den Support.
    .step-2 = Wenn Sie einen anderen Schlüssel haben, geben Sie stattdessen diesen ein.
# expired (validate), HTTP 200 · Expired · Renew
appauth-validate-expired = Ihre Lizenz ist abgelaufen
    .message = Das Enddatum dieser Lizenz ist überschritten. Sie kann nicht mehr verwendet werden.
    .step-1 = Verlängern Sie Ihre Lizenz.
    .step-2 = Versuchen Sie es nach der Verlängerung erneut.
# hwid_mismatch (validate), HTTP 200 · DeviceMismatch · ContactSupport
appauth-validate-hwid-mismatch = Lizenz wird auf einem anderen Gerät verwendet
    .message = Diese Lizenz wird bereits auf einem anderen Gerät verwendet und kann deshalb auf diesem nicht genutzt werden.
    .step-1 = Wenden Sie sich mit dem Supportbericht an den Support und bitten Sie darum, die Geräte der Lizenz zurückzusetzen.
    .step-2 = Versuchen Sie es nach dem Zurücksetzen erneut.
# blocked (validate), HTTP 200 · Blocked · ContactSupport
appauth-validate-blocked = Anmeldung fehlgeschlagen
    .message = Der Lizenzdienst lässt keine Anmeldung von diesem Gerät oder Netzwerk aus zu.
    .step-1 = Falls Sie ein VPN oder einen Proxy nutzen, schalten Sie diese aus und versuchen Sie es erneut.
    .step-2 = Andernfalls wenden Sie sich mit dem Supportbericht an den Support.
# session_expired (heartbeat), HTTP 200 · SessionExpired · Retry
appauth-heartbeat-session-expired = Anmeldung abgelaufen
    .message = Die Anmeldung der App beim Lizenzserver ist abgelaufen. Das kommt gelegentlich vor; Ihre Lizenz ist in Ordnung.
    .step-1 = Warten Sie einen Moment; die App meldet sich selbst wieder an.
    .step-2 = Wenn diese Meldung bleibt, versuchen Sie es erneut.
# revoked (heartbeat), HTTP 200 · Revoked · ContactSupport
appauth-heartbeat-revoked = Diese Lizenz wurde deaktiviert
    .message = Der Anbieter hat diesen Lizenzschlüssel seit der letzten Prüfung deaktiviert. Er kann nicht mehr verwendet werden.
    .step-1 = Wenden Sie sich mit dem Supportbericht an den Support.
    .step-2 = Wenn Sie einen anderen Schlüssel haben, geben Sie stattdessen diesen ein.
# expired (heartbeat), HTTP 200 · Expired · Renew
appauth-heartbeat-expired = Ihre Lizenz ist abgelaufen
    .message = Diese Lizenz hat seit der letzten Prüfung ihr Enddatum erreicht und kann nicht mehr verwendet werden.
    .step-1 = Verlängern Sie Ihre Lizenz.
    .step-2 = Versuchen Sie es nach der Verlängerung erneut.
# nonce_mismatch (client) · Tampered · ContactSupport
appauth-client-nonce-mismatch = Die Antwort des Lizenzservers ist nicht vertrauenswürdig
    .message = Die Antwort passte nicht zur Anfrage der App und wurde deshalb ignoriert. Möglicherweise wurde sie auf dem Weg vom Server verändert.
    .step-1 = Falls Sie ein VPN oder einen Proxy nutzen, schalten Sie diese aus und versuchen Sie es erneut.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# signature_mismatch (client) · Tampered · ContactSupport
appauth-client-signature-mismatch = Die Antwort des Lizenzservers ist nicht vertrauenswürdig
    .message = Die Antwort hat die Sicherheitsprüfung der App nicht bestanden und wurde deshalb ignoriert. Möglicherweise wurde sie auf dem Weg vom Server verändert.
    .step-1 = Falls Sie ein VPN oder einen Proxy nutzen, schalten Sie diese aus und versuchen Sie es erneut.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.

## GeckoGuard (seed 002)

# UNAUTHORIZED, HTTP 401 · VendorCredentials · ContactSupport
geckoguard-unauthorized = Anmeldung beim Lizenzserver fehlgeschlagen
    .message = Der Lizenzserver hat die Zugangsdaten dieser App nicht akzeptiert. Ihre Lizenz ist in Ordnung, die Einrichtung der App nicht.
    .step-1 = Aktualisieren Sie die App auf die neueste Version.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# EXPIRED_TOKEN, HTTP 401 · SessionExpired · SignIn
geckoguard-expired-token = Ihre Sitzung ist abgelaufen
    .message = Ihre Anmeldung ist abgelaufen und konnte nicht automatisch erneuert werden.
    .step-1 = Melden Sie sich erneut an.
    .step-2 = Wiederholen Sie dann Ihren letzten Schritt.
# FORBIDDEN, HTTP 403 · VendorCredentials · ContactSupport
geckoguard-forbidden = Zugriff verweigert
    .message = Laut Lizenzserver darf diese App die angefragten Daten nicht sehen. Das liegt an der Einrichtung, nicht an Ihrer Lizenz.
    .step-1 = Aktualisieren Sie die App auf die neueste Version.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# API_KEY_NO_PERMISSIONS, HTTP 403 · VendorCredentials · ContactSupport
geckoguard-api-key-no-permissions = Die App darf keine Lizenzen prüfen
    .message = Der Zugang der App zum Lizenzserver wurde ohne Berechtigungen eingerichtet. Nur der Anbieter kann das beheben.
    .step-1 = Wenden Sie sich mit dem Supportbericht an den Support.
# PERMISSION_DENIED, HTTP 403 · VendorCredentials · ContactSupport
geckoguard-permission-denied = Die App darf das nicht
    .message = Dem Zugang der App zum Lizenzserver fehlt die Berechtigung für diesen Schritt. Nur der Anbieter kann das beheben.
    .step-1 = Wenden Sie sich mit dem Supportbericht an den Support.
# INSUFFICIENT_SCOPE, HTTP 403 · VendorCredentials · ContactSupport
geckoguard-insufficient-scope = Ihr Konto darf das nicht
    .message = Der Lizenzserver hat diesen Schritt für das Konto abgelehnt, mit dem Sie angemeldet sind.
    .step-1 = Melden Sie sich ab und mit dem Konto wieder an, dem die Lizenz gehört.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# APIKEY_NOT_ALLOWED, HTTP 403 · VendorCredentials · ContactSupport
geckoguard-apikey-not-allowed = Der Lizenzserver hat diese Anfrage abgelehnt
    .message = Die App hat etwas angefragt, wofür eine angemeldete Person nötig ist, nicht der eigene Zugang der App. Das ist ein Fehler in der App.
    .step-1 = Aktualisieren Sie die App auf die neueste Version.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# CSRF_BLOCKED, HTTP 403 · VendorCredentials · ContactSupport
geckoguard-csrf-blocked = Der Lizenzserver hat diese Anfrage abgelehnt
    .message = Die Anfrage kam nicht in der Form, die der Lizenzserver von dieser App erwartet. Das liegt an der App, nicht an Ihrer Lizenz.
    .step-1 = Aktualisieren Sie die App auf die neueste Version.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# SIGNATURE_REQUIRED, HTTP 401 · SigningRejected · ContactSupport
geckoguard-signature-required = Der Lizenzserver hat dieser Anfrage nicht vertraut
    .message = Die Anfrage der App kam ohne die Signatur an, die der Server verlangt. Ihre Lizenz ist in Ordnung, die Einrichtung der App nicht.
    .step-1 = Aktualisieren Sie die App auf die neueste Version.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# NONCE_REUSED, HTTP 401 · ClockSkew · SyncClock
geckoguard-nonce-reused = Die Anfrage sah wie eine Wiederholung aus
    .message = Der Lizenzserver kannte genau diese Anfrage schon und hat sie erneut abgelehnt. Eine falsch gehende Uhr kann die Ursache sein.
    .step-1 = Prüfen Sie, ob Datum und Uhrzeit Ihres Computers automatisch eingestellt werden.
    .step-2 = Versuchen Sie es erneut.
    .step-3 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# VALIDATION_ERROR, HTTP 400 · InvalidRequest · ContactSupport
geckoguard-validation-error = Der Server hat die Anfrage der App nicht angenommen
    .message = Einige Angaben der App fehlten oder hatten das falsche Format. Das liegt an der App, nicht an Ihrer Lizenz.
    .step-1 = Aktualisieren Sie die App auf die neueste Version.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# NULL_CONSTRAINT, HTTP 400 · InvalidRequest · ContactSupport
geckoguard-null-constraint = Der Server hat die Anfrage der App nicht angenommen
    .message = In der Anfrage der App fehlte eine erforderliche Angabe. Das liegt an der App, nicht an Ihrer Lizenz.
    .step-1 = Aktualisieren Sie die App auf die neueste Version.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# BAD_IDEMPOTENCY_KEY, HTTP 400 · InvalidRequest · ContactSupport
geckoguard-bad-idempotency-key = Der Server hat die Anfrage der App nicht angenommen
    .message = Die App hat ihre Anfrage auf eine Weise gekennzeichnet, die der Server nicht akzeptiert. Das liegt an der App, nicht an Ihrer Lizenz.
    .step-1 = Aktualisieren Sie die App auf die neueste Version.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# NO_FILE, HTTP 400 · InvalidRequest · ContactSupport
geckoguard-no-file = Es wurde keine Datei gesendet
    .message = Der Lizenzserver hat mit dieser Anfrage eine Datei erwartet, aber keine erhalten.
    .step-1 = Versuchen Sie es erneut und achten Sie darauf, dass eine Datei ausgewählt ist.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# MISSING_HOSTNAME, HTTP 400 · InvalidRequest · ContactSupport
geckoguard-missing-hostname = Der Lizenzserver hat diese Anfrage abgelehnt
    .message = Die App hat etwas angefragt, das für den Onlineshop des Anbieters gedacht ist, nicht für diese App.
    .step-1 = Wenden Sie sich mit dem Supportbericht an den Support.
# NOT_FOUND, HTTP 404 · NotFound · ContactSupport
geckoguard-not-found = Nicht gefunden
    .message = Der Lizenzserver hat das Angefragte nicht gefunden oder gibt es für diese App nicht frei.
    .step-1 = Prüfen Sie, ob Ihr Lizenzschlüssel richtig eingegeben ist.
    .step-2 = Wenn ja, wenden Sie sich mit dem Supportbericht an den Support.
# USER_NOT_FOUND, HTTP 404 · NotFound · ContactSupport
geckoguard-user-not-found = Konto nicht gefunden
    .message = Der Lizenzserver hat dieses Konto nicht gefunden. Möglicherweise wurde es entfernt.
    .step-1 = Melden Sie sich erneut mit dem Konto an, mit dem Sie die Lizenz gekauft haben.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# PRODUCT_NOT_FOUND, HTTP 404 · NotFound · ContactSupport
geckoguard-product-not-found = Der Lizenzserver kennt diese App nicht
    .message = Das Produkt der App ist auf dem Lizenzserver nicht eingerichtet. Das liegt beim Anbieter, nicht an Ihrer Lizenz.
    .step-1 = Wenden Sie sich mit dem Supportbericht an den Support.
# LISTING_NOT_FOUND, HTTP 404 · NotFound · ContactSupport
geckoguard-listing-not-found = Dieser Artikel ist nicht im Onlineshop
    .message = Der Onlineshop des Anbieters hat diesen Artikel nicht gefunden. Möglicherweise wurde er entfernt.
    .step-1 = Wenden Sie sich mit dem Supportbericht an den Support.
# STOREFRONT_NOT_FOUND, HTTP 404 · NotFound · ContactSupport
geckoguard-storefront-not-found = Onlineshop nicht gefunden
    .message = Unter dieser Adresse ist kein Onlineshop des Anbieters eingerichtet.
    .step-1 = Wenden Sie sich mit dem Supportbericht an den Support.
# ORG_NOT_FOUND, HTTP 404 · NotFound · ContactSupport
geckoguard-org-not-found = Anbieter nicht gefunden
    .message = Der Lizenzserver hat den Anbieter dieser App nicht gefunden. Das ist ein Einrichtungsproblem beim Anbieter.
    .step-1 = Wenden Sie sich mit dem Supportbericht an den Support.
# CONFLICT, HTTP 409 · Conflict · ContactSupport
geckoguard-conflict = Das geht gerade nicht
    .message = Der Lizenzserver hat die Änderung im aktuellen Zustand abgelehnt.
    .step-1 = Aktualisieren Sie die Ansicht und prüfen Sie, ob die Änderung schon erfolgt ist.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# IDEMPOTENCY_KEY_REUSE, HTTP 409 · Conflict · ContactSupport
geckoguard-idempotency-key-reuse = Die Anfrage wurde mit einer früheren verwechselt
    .message = Der Lizenzserver hat diese Anfrage für die Wiederholung einer anderen gehalten und abgelehnt. Das ist ein Fehler in der App.
    .step-1 = Versuchen Sie die Aktion noch einmal.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# CLOSED, HTTP 409 · Conflict · ContactSupport
geckoguard-closed = Diese Supportanfrage ist geschlossen
    .message = Die Supportanfrage, die Sie ergänzen wollten, wurde bereits geschlossen.
    .step-1 = Stellen Sie eine neue Supportanfrage, wenn Sie weiterhin Hilfe brauchen.
# LICENSE_NOT_OWNED, HTTP 409 · Conflict · ContactSupport
geckoguard-license-not-owned = Diese Lizenz gehört zu einem anderen Konto
    .message = Die Lizenz, die Sie verwenden wollten, ist nicht mit dem Konto verknüpft, mit dem Sie angemeldet sind.
    .step-1 = Melden Sie sich mit dem Konto an, mit dem Sie die Lizenz gekauft haben.
    .step-2 = Wenn es Ihre Lizenz ist, wenden Sie sich mit dem Supportbericht an den Support.
# GONE, HTTP 410 · Conflict · ContactSupport
geckoguard-gone = Diese Einladung ist abgelaufen
    .message = Der Einladungslink ist nicht mehr gültig.
    .step-1 = Bitten Sie die Person, die Sie eingeladen hat, um eine neue Einladung.
# STOREFRONT_NOT_SETUP, HTTP 400 · ServerMisconfigured · ContactSupport
geckoguard-storefront-not-setup = Der Onlineshop ist noch nicht bereit
    .message = Der Anbieter hat seinen Onlineshop noch nicht fertig eingerichtet. Das liegt beim Anbieter, nicht bei Ihnen.
    .step-1 = Wenden Sie sich mit dem Supportbericht an den Support.
# STRIPE_NOT_READY, HTTP 400 · ServerMisconfigured · ContactSupport
geckoguard-stripe-not-ready = Der Onlineshop kann noch keine Zahlungen annehmen
    .message = Der Onlineshop des Anbieters ist noch mit keinem Zahlungsdienst verbunden. Das liegt beim Anbieter, nicht bei Ihnen.
    .step-1 = Wenden Sie sich mit dem Supportbericht an den Support.
# TARGET_LICENSE_REQUIRED, HTTP 400 · InvalidRequest · ContactSupport
geckoguard-target-license-required = Wählen Sie die passende Lizenz
    .message = Dieser Kauf gilt für eine bestehende Lizenz, aber es wurde keine angegeben.
    .step-1 = Versuchen Sie es erneut und wählen Sie die Lizenz, für die der Kauf gelten soll.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# PRODUCT_RATE_LIMITED, HTTP 429 · RateLimited · Retry
geckoguard-product-rate-limited = Der Lizenzserver ist ausgelastet
    .message = Zu viele Anfragen für diese App haben den Lizenzserver gleichzeitig erreicht. Er hat um eine kurze Pause gebeten.
    .step-1 = Warten Sie kurz; die App versucht es selbst erneut.
    .step-2 = Wenn es länger anhält, wenden Sie sich mit dem Supportbericht an den Support.
# USER_BANNED, HTTP 403 · Blocked · ContactSupport
geckoguard-user-banned = Ihr Konto wurde gesperrt
    .message = Der Anbieter hat dieses Konto gesperrt. Es kann nicht verwendet werden.
    .step-1 = Wenn Sie das für einen Fehler halten, wenden Sie sich mit dem Supportbericht an den Support.
# LIMIT_REACHED, HTTP 403 · DeactivationLimit · ContactSupport
geckoguard-limit-reached = Gerätewechsel aufgebraucht
    .message = Diese Lizenz wurde vorerst so oft auf ein neues Gerät übertragen, wie sie erlaubt. Später sind wieder Wechsel möglich.
    .step-1 = Versuchen Sie es später erneut.
    .step-2 = Wenn Sie das Gerät jetzt wechseln müssen, wenden Sie sich mit dem Supportbericht an den Support.
# DNS_NOT_FOUND, HTTP 400 · ServerMisconfigured · ContactSupport
geckoguard-dns-not-found = Die Webadresse des Anbieters ist noch nicht eingerichtet
    .message = Der Lizenzserver konnte die Webadresse des Anbieters nicht bestätigen. Das liegt beim Anbieter, nicht bei Ihnen.
    .step-1 = Wenden Sie sich mit dem Supportbericht an den Support.
# TOKEN_MISMATCH, HTTP 400 · ServerMisconfigured · ContactSupport
geckoguard-token-mismatch = Die Webadresse des Anbieters ist falsch eingerichtet
    .message = Der Lizenzserver konnte die Webadresse des Anbieters nicht bestätigen. Das liegt beim Anbieter, nicht bei Ihnen.
    .step-1 = Wenden Sie sich mit dem Supportbericht an den Support.
# INTERNAL, HTTP 500 · ServerUnavailable · Retry
geckoguard-internal = Der Lizenzserver hat Probleme
    .message = Das Problem liegt beim Server, nicht bei Ihnen. Meist ist es schnell behoben.
    .step-1 = Warten Sie einen Moment; die App versucht es erneut.
    .step-2 = Wenn es länger anhält, wenden Sie sich mit dem Supportbericht an den Support.
# DATABASE_ERROR, HTTP 500 · ServerMisconfigured · ContactSupport
geckoguard-database-error = Der Lizenzserver ist nicht richtig eingerichtet
    .message = Die gespeicherten Daten des Servers müssen vom Anbieter geprüft werden. An diesem Computer müssen Sie nichts ändern.
    .step-1 = Wenden Sie sich mit dem Supportbericht an den Support, damit der Server repariert werden kann.
# WEBHOOK_ERROR, HTTP 500 · ServerUnavailable · ContactSupport
geckoguard-webhook-error = Der Anbieter wurde noch nicht benachrichtigt
    .message = Der Lizenzserver konnte eine Benachrichtigung nicht an die Systeme des Anbieters weitergeben. Er versucht es selbst weiter.
    .step-1 = Sie müssen vorerst nichts tun.
    .step-2 = Wenn Ihre Aktion später nicht sichtbar ist, wenden Sie sich mit dem Supportbericht an den Support.
# STAGING_BILLING_DISABLED, HTTP 503 · ServerMisconfigured · ContactSupport
geckoguard-staging-billing-disabled = Zahlungen sind hier abgeschaltet
    .message = Diese Version der App ist mit einem Testserver verbunden, auf dem keine Zahlungen möglich sind.
    .step-1 = Wenden Sie sich mit dem Supportbericht an den Support, um eine reguläre Version der App zu erhalten.
# LICENSE_NOT_FOUND (authorize), HTTP 403 · InvalidKey · EnterNewKey
geckoguard-authorize-license-not-found = Ungültiger Lizenzschlüssel
    .message = Der Lizenzserver kennt diesen Schlüssel für diese App nicht. Vielleicht ist er falsch eingegeben oder wurde entfernt.
    .step-1 = Vergleichen Sie den Schlüssel mit der E-Mail zu Ihrem Kauf; kopieren Sie ihn am besten und fügen Sie ihn ein.
    .step-2 = Wenn er stimmt, wenden Sie sich mit dem Supportbericht an den Support.
# PRODUCT_MISMATCH (authorize), HTTP 403 · InvalidKey · EnterNewKey
geckoguard-authorize-product-mismatch = Ungültiger Lizenzschlüssel
    .message = Dieser Schlüssel ist echt, gehört aber zu einem anderen Produkt.
    .step-1 = Prüfen Sie, ob Sie den Schlüssel eingeben, den Sie für diese App gekauft haben.
    .step-2 = Wenn ja, wenden Sie sich mit dem Supportbericht an den Support.
# LICENSE_REVOKED (authorize), HTTP 403 · Revoked · ContactSupport
geckoguard-authorize-license-revoked = Diese Lizenz wurde widerrufen
    .message = Der Anbieter hat diese Lizenz widerrufen oder eingefroren. Sie kann nicht verwendet werden.
    .step-1 = Wenn Sie das für einen Fehler halten, wenden Sie sich mit dem Supportbericht an den Support.
    .step-2 = Wenn Sie einen anderen Schlüssel haben, geben Sie stattdessen diesen ein.
# LICENSE_EXPIRED (authorize), HTTP 403 · Expired · Renew
geckoguard-authorize-license-expired = Diese Lizenz ist abgelaufen
    .message = Die Lizenz war bis zu einem festen Datum gültig, und dieses Datum ist überschritten.
    .step-1 = Verlängern Sie die Lizenz beim Anbieter.
    .step-2 = Versuchen Sie es dann erneut; Ihr Schlüssel bleibt gleich, sofern Ihnen nichts anderes mitgeteilt wird.
# LICENSE_EXPIRED_RELATIVE (authorize), HTTP 403 · Expired · Renew
geckoguard-authorize-license-expired-relative = Diese Lizenz ist abgelaufen
    .message = Die Lizenz war ab der ersten Aktivierung eine bestimmte Anzahl von Tagen gültig, und diese Zeit ist vorbei.
    .step-1 = Verlängern Sie die Lizenz beim Anbieter.
    .step-2 = Versuchen Sie es dann erneut; Ihr Schlüssel bleibt gleich, sofern Ihnen nichts anderes mitgeteilt wird.
# HWID_MISMATCH (authorize), HTTP 403 · DeviceMismatch · ContactSupport
geckoguard-authorize-hwid-mismatch = Lizenz ist an ein anderes Gerät gebunden
    .message = Diese Lizenz ist an das Gerät gebunden, auf dem sie zuerst verwendet wurde, und dieser Computer ist nicht dieses Gerät.
    .step-1 = Verwenden Sie die Lizenz auf dem Gerät, auf dem sie zuerst aktiviert wurde.
    .step-2 = Um sie auf diesen Computer zu übertragen, wenden Sie sich mit dem Supportbericht an den Support.
# HWID_LIMIT_EXCEEDED (authorize), HTTP 403 · DeviceLimit · FreeSlot
geckoguard-authorize-hwid-limit-exceeded = Lizenz ist an andere Geräte gebunden
    .message = Diese Lizenz wird bereits auf so vielen Geräten verwendet, wie sie erlaubt.
    .step-1 = Geben Sie ein Gerät frei, das Sie nicht mehr verwenden.
    .step-2 = Versuchen Sie es dann auf diesem Computer erneut.
    .step-3 = Wenn Sie keines freigeben können, wenden Sie sich mit dem Supportbericht an den Support.
# IP_MISMATCH (authorize), HTTP 403 · DeviceMismatch · ContactSupport
geckoguard-authorize-ip-mismatch = Lizenz ist an ein anderes Netzwerk gebunden
    .message = Diese Lizenz funktioniert nur von der Netzwerkadresse aus, von der sie zuerst verwendet wurde, und diese Verbindung kommt von einer anderen.
    .step-1 = Verbinden Sie sich über Ihr übliches Netzwerk und schalten Sie VPN und Proxy aus.
    .step-2 = Um die Lizenz auf dieses Netzwerk zu übertragen, wenden Sie sich mit dem Supportbericht an den Support.
# IP_LIMIT_EXCEEDED (authorize), HTTP 403 · Blocked · ContactSupport
geckoguard-authorize-ip-limit-exceeded = Aus zu vielen Netzwerken verwendet
    .message = Diese Lizenz wurde in kurzer Zeit von mehr Netzwerkadressen aus verwendet als erlaubt und ist daher vorerst pausiert.
    .step-1 = Schalten Sie VPN und Proxy aus und bleiben Sie in Ihrem üblichen Netzwerk.
    .step-2 = Warten Sie eine Weile und versuchen Sie es dann erneut.
    .step-3 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# IP_REGION_MISMATCH (authorize), HTTP 403 · Blocked · ContactSupport
geckoguard-authorize-ip-region-mismatch = In Ihrer Region nicht verfügbar
    .message = Diese Lizenz kann nur in bestimmten Ländern oder Regionen verwendet werden, und Ihre Verbindung kommt von außerhalb.
    .step-1 = Falls Sie ein VPN oder einen Proxy nutzen, schalten Sie diese aus und versuchen Sie es erneut.
    .step-2 = Wenn Sie das für einen Fehler halten, wenden Sie sich mit dem Supportbericht an den Support.
# CONCURRENCY_LIMIT_EXCEEDED (authorize), HTTP 403 · ConcurrencyLimit · CloseOtherSessions
geckoguard-authorize-concurrency-limit-exceeded = Zu viele aktive Sitzungen
    .message = Diese Lizenz ist an mehr Stellen gleichzeitig geöffnet, als sie erlaubt. Schließen Sie zuerst die anderen.
    .step-1 = Schließen Sie die App auf Ihren anderen Geräten oder in anderen Fenstern.
    .step-2 = Versuchen Sie es dann erneut.
# HWID_BLACKLISTED (authorize), HTTP 403 · Blocked · ContactSupport
geckoguard-authorize-hwid-blacklisted = Zugriff verweigert
    .message = Der Anbieter hat dieses Gerät für die Lizenz gesperrt.
    .step-1 = Wenn Sie das für einen Fehler halten, wenden Sie sich mit dem Supportbericht an den Support.
# IP_BLACKLISTED (authorize), HTTP 403 · Blocked · ContactSupport
geckoguard-authorize-ip-blacklisted = Zugriff verweigert
    .message = Der Anbieter hat die Netzwerkadresse gesperrt, von der aus Sie sich verbinden.
    .step-1 = Falls Sie ein VPN oder einen Proxy nutzen, schalten Sie diese aus und versuchen Sie es erneut.
    .step-2 = Wenn Sie das für einen Fehler halten, wenden Sie sich mit dem Supportbericht an den Support.

## LicenseKit (seed 003)

# LICENSE_EXPIRED · Expired · Renew
licensekit-license-expired = Ihre Lizenz ist abgelaufen
    .message = Das Enddatum dieser Lizenz ist überschritten. Sie kann nicht mehr verwendet werden.
    .step-1 = Verlängern Sie Ihre Lizenz, um weiterzuarbeiten.
    .step-2 = Versuchen Sie es nach der Verlängerung erneut.
# LICENSE_INACTIVE · Suspended · Renew
licensekit-license-inactive = Diese Lizenz ist gerade nicht aktiv
    .message = Die Lizenz ist ausgesetzt und kann im Moment nicht verwendet werden.
    .step-1 = Prüfen Sie Ihr Konto beim Anbieter: Vielleicht steht eine Verlängerung oder Zahlung aus.
    .step-2 = Sobald sie wieder aktiv ist, versuchen Sie es erneut.
# ACTIVATION_LIMIT_EXCEEDED · DeviceLimit · FreeSlot
licensekit-activation-limit-exceeded = Alle Plätze sind belegt
    .message = Diese Lizenz ist bereits auf der höchstmöglichen Zahl von Geräten aktiviert.
    .step-1 = Geben Sie den Platz eines Geräts frei, das Sie nicht mehr verwenden.
    .step-2 = Aktivieren Sie danach dieses Gerät erneut.
# FEATURE_QUOTA_EXCEEDED · QuotaExceeded · ContactSupport
licensekit-feature-quota-exceeded = Nutzungsgrenze erreicht
    .message = Sie haben ausgeschöpft, was diese Lizenz für diese Funktion erlaubt.
    .step-1 = Prüfen Sie Ihren Tarif beim Anbieter; ein größerer Tarif erlaubt eventuell mehr.
    .step-2 = Wenn Sie das für einen Fehler halten, wenden Sie sich mit dem Supportbericht an den Support.
# DEVICE_BLACKLISTED · Blocked · ContactSupport
licensekit-device-blacklisted = Dieses Gerät ist gesperrt
    .message = Der Anbieter hat dieses Gerät für die Lizenz gesperrt.
    .step-1 = Wenn Sie das für einen Fehler halten, wenden Sie sich mit dem Supportbericht an den Support.
# IDEMPOTENCY_CONFLICT · Conflict · ContactSupport
licensekit-idempotency-conflict = Das geht gerade nicht
    .message = Der Lizenzserver hat diese Änderung für die Wiederholung einer früheren, anderen Änderung gehalten und abgelehnt.
    .step-1 = Versuchen Sie es noch einmal.
    .step-2 = Wenn es erneut auftritt, wenden Sie sich mit dem Supportbericht an den Support.

## Licentric (seed 004)

# 422 (http_status), HTTP 422 · DeviceLimit · FreeSlot
licentric-http-status-422 = Das erlaubt die Lizenz nicht
    .message = Der Lizenzserver hat das abgelehnt, weil es über die Lizenz hinausgeht, meist über die Zahl der Geräte, auf denen sie verwendet werden darf.
    .step-1 = Geben Sie den Platz eines Geräts frei, das Sie nicht mehr verwenden.
    .step-2 = Versuchen Sie es dann erneut.
    .step-3 = Wenn es weiterhin fehlschlägt, wenden Sie sich mit dem Supportbericht an den Support.

## Problems on this side of the wire (keyslot)

# offline · Network · CheckConnection
keyslot-offline = Lizenzserver nicht erreichbar
    .message = Dieser Computer konnte keine Verbindung zum Lizenzserver herstellen. Ihre Lizenz ist davon nicht betroffen.
    .step-1 = Prüfen Sie, ob Sie mit dem Internet verbunden sind.
    .step-2 = Wenn Sie ein VPN oder eine Firewall nutzen, lassen Sie die App durch.
    .step-3 = Versuchen Sie es erneut.
# dns_failed · Network · CheckConnection
keyslot-dns-failed = Lizenzserver nicht gefunden
    .message = Die Adresse des Servers konnte nicht aufgelöst werden. Meist liegt das am Netzwerk oder an DNS.
    .step-1 = Prüfen Sie Ihre Internetverbindung.
    .step-2 = Versuchen Sie es gleich noch einmal.
# proxy_failed · Network · CheckConnection
keyslot-proxy-failed = Der Proxy hat die Anfrage nicht durchgelassen
    .message = Dieser Computer leitet den Datenverkehr über einen Proxy, und der Proxy hat die Verbindung abgelehnt oder abgebrochen.
    .step-1 = Prüfen Sie Ihre Proxy-Einstellungen oder bitten Sie Ihre IT-Abteilung, den Lizenzserver freizugeben.
    .step-2 = Versuchen Sie es erneut.
# tls_failed · Network · ContactSupport
keyslot-tls-failed = Die Verbindung zum Lizenzserver ist nicht sicher
    .message = Das Sicherheitszertifikat des Servers konnte nicht überprüft werden. Die App hat daher abgebrochen, bevor etwas gesendet wurde.
    .step-1 = Prüfen Sie, ob Datum und Uhrzeit Ihres Computers stimmen.
    .step-2 = Wenn Ihr Netzwerk verschlüsselten Datenverkehr untersucht, versuchen Sie ein anderes Netzwerk.
    .step-3 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# timeout · Timeout · Retry
keyslot-timeout = Der Lizenzserver hat zu lange gebraucht
    .message = Es kam nicht rechtzeitig eine Antwort. Vielleicht ist der Server ausgelastet oder Ihre Verbindung langsam.
    .step-1 = Versuchen Sie es gleich noch einmal.
    .step-2 = Wenn das Problem weiter auftritt, prüfen Sie Ihre Verbindung.
# bad_response · BadResponse · Retry
keyslot-bad-response = Die Antwort des Lizenzservers war nicht lesbar
    .message = Möglicherweise hat etwas zwischen diesem Computer und dem Server die Antwort verändert oder abgeschnitten.
    .step-1 = Versuchen Sie es erneut.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# response_tampered · Tampered · ContactSupport
keyslot-response-tampered = Die Antwort konnte nicht überprüft werden
    .message = Die Antwort trug keine gültige Signatur des Lizenzservers, daher hat die App ihr nicht vertraut. Es wurde nichts geändert.
    .step-1 = Versuchen Sie es über ein anderes Netzwerk (manche Netzwerke verändern den Datenverkehr).
    .step-2 = Wenden Sie sich mit dem Supportbericht an den Support.
# keychain_unavailable · KeychainUnavailable · ContactSupport
keyslot-keychain-unavailable = Kein Schlüsselbund für Ihre Lizenz
    .message = Die App speichert Ihren Lizenzschlüssel im Schlüsselbund des Systems, aber auf diesem Computer ist keiner verfügbar.
    .step-1 = Unter Linux installieren und starten Sie einen Schlüsselbund für Secret Service: das Paket gnome-keyring (oder KWallet).
    .step-2 = Öffnen Sie dann die App erneut.
# keychain_locked · KeychainUnavailable · Retry
keyslot-keychain-locked = Ihr Schlüsselbund ist gesperrt
    .message = Der Schlüsselbund des Systems, in dem Ihr Lizenzschlüssel liegt, ist gesperrt.
    .step-1 = Entsperren Sie Ihren Schlüsselbund (meist durch erneutes Anmelden).
    .step-2 = Versuchen Sie es dann erneut.
# not_activated · NotActivated · Activate
keyslot-not-activated = Noch keine Lizenz auf diesem Gerät
    .message = Dieses Gerät wurde noch nicht mit einem Lizenzschlüssel aktiviert.
    .step-1 = Geben Sie Ihren Lizenzschlüssel ein, um dieses Gerät zu aktivieren.
# invalid_key_format · InvalidKey · EnterNewKey
keyslot-invalid-key-format = Das sieht nicht nach einem Lizenzschlüssel aus
    .message = Der Schlüssel enthält Zeichen oder hat eine Länge, die kein Lizenzschlüssel hat.
    .step-1 = Kopieren Sie den Schlüssel aus der E-Mail zu Ihrem Kauf und fügen Sie ihn ein.
    .step-2 = Prüfen Sie, ob Zeichen fehlen oder zu viel sind.
# api_secret_missing · VendorCredentials · ContactSupport
keyslot-api-secret-missing = Die App ist nicht für ihren Lizenzserver eingerichtet
    .message = Die Zugangsdaten, die die App für den Lizenzserver braucht, fehlen auf diesem Computer.
    .step-1 = Installieren Sie die App neu oder wenden Sie sich mit dem Supportbericht an den Support.
# api_secret_rejected · VendorCredentials · ContactSupport
keyslot-api-secret-rejected = Die Zugangsdaten der App passen nicht zum Server
    .message = Der Lizenzserver hat die Signatur der App abgelehnt. Der bei der Installation mitgelieferte geheime Schlüssel ist also nicht der, den der Server erwartet.
    .step-1 = Wenden Sie sich mit dem Supportbericht an den Support; die App braucht ihre aktuellen Zugangsdaten.
# config_invalid · VendorCredentials · ContactSupport
keyslot-config-invalid = Die Einstellungen der App sind ungültig
    .message = Die Konfigurationsdatei der App enthält einen Wert, den die App nicht verwenden kann.
    .step-1 = Wenden Sie sich mit dem Supportbericht an den Support; dort erfahren Sie, was zu ändern ist.
# storage_failed · Unknown · ContactSupport
keyslot-storage-failed = Die Daten der App konnten nicht gespeichert werden
    .message = Die App konnte ihre Einstellungen nicht auf den Datenträger schreiben.
    .step-1 = Prüfen Sie, ob auf dem Datenträger genug Speicherplatz frei ist.
    .step-2 = Versuchen Sie es erneut oder wenden Sie sich mit dem Supportbericht an den Support.
# not_supported · Unsupported · ContactSupport
keyslot-not-supported = Das geht an anderer Stelle
    .message = Ihr Lizenzserver erlaubt der App diesen Schritt nicht. Ihre Lizenz ist in Ordnung.
    .step-1 = Wenn Sie Hilfe brauchen, wenden Sie sich mit dem Supportbericht an den Support.
# lease_expired · Expired · CheckConnection
keyslot-lease-expired = Verbinden Sie sich, um die Lizenz weiter zu nutzen
    .message = Diese Lizenz war länger ohne Verbindung, als sie erlaubt. Sie ist pausiert, bis sie sich wieder beim Lizenzserver melden kann. Es geht nichts verloren.
    .step-1 = Verbinden Sie diesen Computer mit dem Internet.
    .step-2 = Versuchen Sie es dann erneut, oder öffnen Sie die App einmal mit Internetverbindung.
# lease_tampered · Tampered · Activate
keyslot-lease-tampered = Die Lizenz auf diesem Computer kann nicht überprüft werden
    .message = Der gespeicherte Nachweis Ihrer Lizenz wurde verändert oder beschädigt, daher vertraut die App ihm nicht. Ihre Lizenz selbst ist in Ordnung.
    .step-1 = Verbinden Sie sich mit dem Internet und aktivieren Sie erneut mit Ihrem Lizenzschlüssel.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# lease_other_machine · MachineNotActivated · Activate
keyslot-lease-other-machine = Diese Lizenz wurde auf einem anderen Computer aktiviert
    .message = Die gespeicherte Lizenz gehört zu einem anderen Computer oder Schlüssel und gilt hier nicht. Durch Kopieren wird eine Lizenz nicht auf einen anderen Computer übertragen.
    .step-1 = Aktivieren Sie diesen Computer mit Ihrem Lizenzschlüssel.
    .step-2 = Wenn alle Plätze belegt sind, geben Sie zuerst den Platz des alten Computers frei.
# clock_rolled_back · ClockSkew · SyncClock
keyslot-clock-rolled-back = Die Uhr Ihres Computers wurde zurückgestellt
    .message = Nach einem Neustart ist das Datum auf diesem Computer früher als bei der letzten Prüfung der Lizenz. Deshalb kann sie nicht ohne Verbindung geprüft werden.
    .step-1 = Lassen Sie Datum und Uhrzeit Ihres Computers automatisch einstellen.
    .step-2 = Oder verbinden Sie sich mit dem Internet: Der Lizenzserver stellt die Zeit richtig.
# clocks_apart · ClockSkew · SyncClock
keyslot-clocks-apart = Ihre Uhr und die des Lizenzservers weichen zu stark ab
    .message = Eine der beiden Uhren geht falsch, daher kann die App Ihre Lizenz nicht sicher prüfen. Es wurde nichts geändert.
    .step-1 = Prüfen Sie, ob Datum, Uhrzeit und Zeitzone Ihres Computers stimmen und automatisch eingestellt werden.
    .step-2 = Wenn ja, geht die Uhr des Lizenzservers falsch: Wenden Sie sich mit dem Supportbericht an den Support.

## Texts several codes share

# SigningRejected · ContactSupport
shared-bad-signature = Der Lizenzserver hat dieser Anfrage nicht vertraut
    .message = Die Signatur der Anfrage wurde abgelehnt. Ihre Lizenz ist in Ordnung, die Einrichtung der App nicht.
    .step-1 = Prüfen Sie, ob Datum und Uhrzeit Ihres Computers automatisch eingestellt werden.
    .step-2 = Aktualisieren Sie die App auf die neueste Version.
    .step-3 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# ClockSkew · SyncClock
shared-stale-timestamp = Die Uhr Ihres Computers geht falsch
    .message = Der Lizenzserver nimmt nur Anfragen an, deren Uhrzeit höchstens fünf Minuten von seiner eigenen abweicht.
    .step-1 = Öffnen Sie die Einstellungen für Datum und Uhrzeit.
    .step-2 = Schalten Sie „Uhrzeit automatisch festlegen“ ein.
    .step-3 = Versuchen Sie es erneut.
# InvalidRequest · ContactSupport
shared-malformed = Der Server hat die Anfrage der App nicht angenommen
    .message = Das liegt an der App, nicht an Ihrer Lizenz.
    .step-1 = Aktualisieren Sie die App auf die neueste Version.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# InvalidKey · EnterNewKey
shared-not-found-key = Lizenzschlüssel nicht gefunden
    .message = Der Server kennt diesen Schlüssel nicht. Vielleicht ist er falsch eingegeben oder wurde entfernt.
    .step-1 = Vergleichen Sie den Schlüssel mit der E-Mail zu Ihrem Kauf; kopieren Sie ihn am besten und fügen Sie ihn ein.
    .step-2 = Wenn er stimmt, wenden Sie sich mit dem Supportbericht an den Support.
# Suspended · Renew
shared-inactive = Diese Lizenz ist gerade nicht aktiv
    .message = Die Lizenz ist ausgesetzt oder abgelaufen und kann im Moment nicht verwendet werden.
    .step-1 = Prüfen Sie Ihr Konto beim Anbieter: Vielleicht steht eine Verlängerung oder Zahlung aus.
    .step-2 = Sobald sie wieder aktiv ist, versuchen Sie es erneut.
# RateLimited · Retry
shared-rate-limited = Zu viele Versuche
    .message = Der Lizenzserver hat um eine kurze Pause gebeten.
    .step-1 = Warten Sie kurz; die App versucht es selbst erneut.
# ServerMisconfigured · ContactSupport
shared-secret-not-set = Der Lizenzserver ist nicht richtig eingerichtet
    .message = Das liegt beim Anbieter, nicht bei Ihnen; an diesem Computer müssen Sie nichts ändern.
    .step-1 = Wenden Sie sich mit dem Supportbericht an den Support, damit der Server repariert werden kann.
# ServerUnavailable · Retry
shared-no-credits = Lizenzprüfung vorübergehend nicht verfügbar
    .message = Der Lizenzdienst kann Lizenzen gerade nicht prüfen. Mit Ihrer Lizenz ist alles in Ordnung.
    .step-1 = Versuchen Sie es später erneut; die App versucht es auch selbst weiter.
    .step-2 = Wenn es länger als ein paar Stunden dauert, wenden Sie sich mit dem Supportbericht an den Support.
# ServerUnavailable · Retry
shared-internal-error = Der Lizenzserver hat Probleme
    .message = Beim Server ist etwas schiefgelaufen, nicht bei Ihnen. Meist ist es schnell behoben.
    .step-1 = Warten Sie einen Moment; die App versucht es erneut.
    .step-2 = Wenn es länger anhält, wenden Sie sich mit dem Supportbericht an den Support.
# ServerUnavailable · ContactSupport
shared-app-disabled = Lizenzprüfung vorübergehend nicht verfügbar
    .message = Der Lizenzdienst kann Lizenzen für diese App gerade nicht prüfen. Mit Ihrer Lizenz ist alles in Ordnung.
    .step-1 = Versuchen Sie es später erneut.
    .step-2 = Wenn es länger anhält, wenden Sie sich mit dem Supportbericht an den Support.
# ServerUnavailable · Retry
shared-signing-unavailable = Der Lizenzserver hat Probleme
    .message = Ein Teil des Lizenzservers ist gerade ausgefallen. Das Problem liegt beim Server, nicht bei Ihnen.
    .step-1 = Warten Sie einen Moment; die App versucht es erneut.
    .step-2 = Wenn es länger anhält, wenden Sie sich mit dem Supportbericht an den Support.
# InvalidRequest · ContactSupport
shared-no-active-org = Der Lizenzserver hat diese Anfrage abgelehnt
    .message = Die App hat etwas angefragt, das für die Verwaltungsoberfläche des Anbieters gedacht ist, nicht für diese App.
    .step-1 = Wenden Sie sich mit dem Supportbericht an den Support.
# VendorCredentials · ContactSupport
shared-token-scope-denied = Die App darf das nicht
    .message = Die App ist beim Lizenzdienst nicht richtig eingerichtet, daher wurde diese Anfrage abgelehnt. Mit Ihrer Lizenz ist alles in Ordnung.
    .step-1 = Aktualisieren Sie die App auf die neueste Version.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# NotFound · EnterNewKey
shared-resource-not-found = Lizenz nicht gefunden
    .message = Der Lizenzserver hat das Angefragte nicht gefunden. Vielleicht ist der Lizenzschlüssel falsch eingegeben oder wurde entfernt.
    .step-1 = Vergleichen Sie den Schlüssel mit der E-Mail zu Ihrem Kauf; kopieren Sie ihn am besten und fügen Sie ihn ein.
    .step-2 = Wenn er stimmt, wenden Sie sich mit dem Supportbericht an den Support.
# MachineNotActivated · Activate
shared-no-seat = Dieses Gerät ist nicht aktiviert
    .message = Die Lizenz ist in Ordnung, aber dieses Gerät belegt keinen ihrer Plätze (vielleicht wurde sein Platz freigegeben).
    .step-1 = Aktivieren Sie dieses Gerät erneut; Ihr Schlüssel ist noch gespeichert.
# VendorCredentials · ContactSupport
shared-unauthorized = Die App konnte sich nicht beim Lizenzdienst anmelden
    .message = Der Lizenzserver hat die Anmeldung der App nicht akzeptiert. Meist liegt das an der Einrichtung der App, nicht an Ihrer Lizenz.
    .step-1 = Prüfen Sie, ob Ihr Lizenzschlüssel richtig eingegeben ist.
    .step-2 = Aktualisieren Sie die App auf die neueste Version.
    .step-3 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# Conflict · ContactSupport
shared-state-conflict = Das geht gerade nicht
    .message = Der Lizenzserver hat die Änderung wegen des aktuellen Zustands der Lizenz abgelehnt.
    .step-1 = Aktualisieren Sie die Ansicht und prüfen Sie den Status der Lizenz.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.

## Codes no table knows, by HTTP status

# Some(401) · VendorCredentials · ContactSupport
fallback-401 = Anmeldung beim Lizenzserver fehlgeschlagen
    .message = Der Lizenzserver hat die Zugangsdaten dieser App nicht akzeptiert.
    .step-1 = Stellen Sie sicher, dass die App auf dem neuesten Stand ist.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# Some(403) · Blocked · ContactSupport
fallback-403 = Zugriff verweigert
    .message = Der Lizenzserver hat diese Anfrage abgelehnt.
    .step-1 = Prüfen Sie, ob Sie den richtigen Lizenzschlüssel verwenden.
    .step-2 = Wenden Sie sich mit dem Supportbericht an den Support.
# Some(404) · NotFound · EnterNewKey
fallback-404 = Lizenz nicht gefunden
    .message = Der Lizenzserver hat das Angefragte nicht gefunden.
    .step-1 = Prüfen Sie den Lizenzschlüssel auf Tippfehler.
    .step-2 = Wenn er stimmt, wenden Sie sich mit dem Supportbericht an den Support.
# Some(409) | Some(422) · Conflict · ContactSupport
fallback-conflict = Das geht gerade nicht
    .message = Der Lizenzserver hat die Änderung im aktuellen Zustand der Lizenz abgelehnt.
    .step-1 = Aktualisieren Sie die Ansicht und versuchen Sie es noch einmal.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# Some(429) · RateLimited · Retry
fallback-429 = Zu viele Versuche
    .message = Der Lizenzserver hat um eine Pause gebeten.
    .step-1 = Warten Sie einen Moment; die App versucht es selbst erneut.
# Some(400..=499) · InvalidRequest · ContactSupport
fallback-4xx = Der Server hat die Anfrage der App nicht angenommen
    .message = Das liegt an der App, nicht an Ihrer Lizenz.
    .step-1 = Aktualisieren Sie die App auf die neueste Version.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# Some(500..=599) · ServerUnavailable · Retry
fallback-5xx = Der Lizenzserver hat Probleme
    .message = Das Problem liegt beim Server, nicht bei Ihnen. Meist ist es schnell behoben.
    .step-1 = Warten Sie eine Minute und versuchen Sie es erneut.
    .step-2 = Wenn es länger anhält, wenden Sie sich mit dem Supportbericht an den Support.
# _ · Unknown · ContactSupport
fallback-unknown = Etwas Unerwartetes ist passiert
    .message = Der Lizenzserver hat eine Antwort gegeben, die die App nicht kennt.
    .step-1 = Versuchen Sie es erneut.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# lease_file_malformed · InvalidRequest · Retry
keyslot-lease-file-malformed = Das ist keine Lizenzdatei
    .message = Der Text oder die Datei ist keine vollständige Lizenz von der Offline-Seite. Es wurde nichts geändert.
    .step-1 = Kopieren Sie den ganzen Lizenztext von der Offline-Seite, oder wählen Sie die Datei keyslot.lease, die sie Ihnen gegeben hat.
    .step-2 = Importieren Sie sie dann erneut.
# lease_file_tampered · Tampered · ContactSupport
keyslot-lease-file-tampered = Diese Lizenzdatei kann nicht überprüft werden
    .message = Die Lizenzdatei wurde unterwegs verändert oder stammt nicht von Ihrem Anbieter, daher vertraut die App ihr nicht. Es wurde nichts geändert.
    .step-1 = Holen Sie eine neue Lizenzdatei von der Offline-Seite und importieren Sie diese.
    .step-2 = Wenn das Problem weiter auftritt, wenden Sie sich mit dem Supportbericht an den Support.
# lease_file_other_machine · DeviceMismatch · Retry
keyslot-lease-file-other-machine = Diese Lizenzdatei ist für einen anderen Computer
    .message = Die Lizenzdatei wurde aus dem Anforderungscode eines anderen Computers erstellt und gilt hier nicht. Es wurde nichts geändert.
    .step-1 = Erstellen Sie auf diesem Computer einen Anforderungscode und bringen Sie ihn zur Offline-Seite.
    .step-2 = Importieren Sie dann die Lizenzdatei, die Ihnen die Seite dafür gibt.
# lease_file_other_key · InvalidKey · Retry
keyslot-lease-file-other-key = Diese Lizenzdatei ist für einen anderen Lizenzschlüssel
    .message = Die Lizenzdatei passt nicht zum Lizenzschlüssel der Anforderung dieses Computers. Es wurde nichts geändert.
    .step-1 = Erstellen Sie auf diesem Computer mit Ihrem Lizenzschlüssel einen Anforderungscode und bringen Sie ihn zur Offline-Seite.
    .step-2 = Importieren Sie dann die Lizenzdatei, die Ihnen die Seite dafür gibt.
# lease_file_expired · Expired · Retry
keyslot-lease-file-expired = Diese Lizenzdatei ist bereits abgelaufen
    .message = Die Lizenzdatei galt für eine begrenzte Zeit, und diese Zeit ist vorbei. Es wurde nichts geändert.
    .step-1 = Erstellen Sie auf diesem Computer einen neuen Anforderungscode und bringen Sie ihn zur Offline-Seite.
    .step-2 = Importieren Sie dann die neue Lizenzdatei, die Ihnen die Seite gibt.
# no_lease_keys · VendorCredentials · ContactSupport
keyslot-no-lease-keys = Die App kann keine Lizenzdateien prüfen
    .message = Die App wurde nicht mit dem öffentlichen Schlüssel Ihres Anbieters eingerichtet und kann daher eine echte Lizenzdatei nicht von einer gefälschten unterscheiden.
    .step-1 = Wenden Sie sich an den Support Ihres Anbieters: Die App braucht dessen Schlüssel, um offline zu funktionieren.

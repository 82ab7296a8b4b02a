# Glossar (de), durchgehend mit „Sie“ (wie catalog.ftl und core.ftl):
#   license = Lizenz · license key = Lizenzschlüssel · seat = Platz
#   device = Gerät · activate = aktivieren · free a seat = einen Platz freigeben
#   license server = Lizenzserver · provider = Lizenzdienst · vendor = Anbieter
#   support report = Supportbericht · Support page = Seite „Hilfe“
#   keychain = Schlüsselbund · lease = Offline-Lizenz · grace period = Kulanzfrist
#   fingerprint = Gerätefingerabdruck · request = Anfrage · log = Protokoll

# The desktop window's own words (ui/, read with @fluent/bundle). Texts that
# come from Rust are elsewhere: the error catalog (catalog.ftl) and the core's
# shared words (core.ftl: spans of time, the lease); the window reuses those.
# Ids start with the view or component that shows them. Messages with
# `{ $variable }` get their values from the window; a `.busy` attribute is
# what a button says while its action runs.

## Shared words

common-cancel = Abbrechen
common-copy = Kopieren
common-copied = Kopiert
common-checking = Wird geprüft…
common-loading = Wird geladen…
# A number of seats, as the License, Devices and Support views show it.
seats-used = { $used } von { $total } { $total ->
        [one] Platz
       *[other] Plätzen
    } belegt
# What the server says the license is in (License, Support).
license-state-active = Aktiv
license-state-suspended = Gesperrt
license-state-expired = Abgelaufen
license-state-revoked = Widerrufen
# $span: a span of time from core.ftl's time-span, e.g. "7 minutes".
clock-off = Die Uhr Ihres Computers geht { $span } { $direction ->
        [fast] vor
       *[slow] nach
    }.
clock-matches = Die Uhr Ihres Computers stimmt mit der des Servers überein.
# A time a moment ago; longer ones are said by the system's own wording ("5 minutes ago").
time-just-now = gerade eben
# A field and its value, one to a line, in text copied for support.
field-line = { $label }: { $value }

## The window's frame: navigation and start-up

# The product's name.
app-name = Keyslot
# The navigation bar, for screen readers.
nav-label = Hauptnavigation
nav-license = Lizenz
nav-devices = Geräte
nav-activate = Aktivieren
nav-support = Hilfe
nav-about = Info
# The language picker in the navigation bar; the languages are listed by their own names.
language-picker-label = Sprache
app-starting = Ihre Lizenz wird geprüft…
app-startup-error-title = Keyslot konnte Ihre Lizenz nicht prüfen
# Shown under the start-up error; a link to Activate follows.
app-have-key = Sie haben einen Lizenzschlüssel?
app-go-activate = Dieses Gerät aktivieren

## The one button an error offers (by the error's action)

action-free-slot = Platz freigeben
action-activate = Dieses Gerät aktivieren
action-retry = Erneut versuchen
action-sync-clock = Datum und Uhrzeit öffnen
action-enter-new-key = Anderen Schlüssel eingeben
action-renew = Verlängern
action-contact-support = Hilfe erhalten
action-sign-in = Erneut anmelden
# The button waits until the server allows another try. $action: the button's label; $wait: e.g. "30 seconds".
action-wait = { $action } (in { $wait })
# Shown when Keyslot can't do the action itself.
action-sync-clock-instruction = Keyslot kann Ihre Systemeinstellungen nicht öffnen. Öffnen Sie dort „Datum & Uhrzeit“, schalten Sie „Uhrzeit automatisch einstellen“ ein (oder korrigieren Sie die Uhrzeit) und versuchen Sie es dann hier erneut.
action-renew-instruction = Verlängern Sie die Lizenz dort, wo Sie sie gekauft haben (den Link finden Sie in der E-Mail zu Ihrem Kauf oder in Ihrem Konto auf der Website des Anbieters), und versuchen Sie es dann hier erneut.

## Error view

error-busy = Wird ausgeführt…
# A collapsed block for support staff: where the raw error code is.
error-details = Details für den Support
error-details-error = Fehler
error-details-provider = Lizenzdienst
error-details-code = Fehlercode
error-details-http-status = HTTP-Status
error-details-request-id = Anfrage-ID
error-details-time = Zeit
error-details-none = Keine
# A problem with one field of the request, as the server named it.
error-details-field = Feld { $field }
error-copy-failed = Kopieren nicht möglich; markieren Sie stattdessen den Text oben.

# When the window gets no answer from the app itself (not a license problem).
ipc-failure = In Keyslot ist ein Fehler aufgetreten
    .message = Das Fenster von Keyslot hat keine Antwort von der App erhalten.
    .step-1 = Versuchen Sie es erneut.
    .step-2 = Wenn es wieder passiert, schließen Sie Keyslot und öffnen Sie es erneut.
    .step-3 = Wenn es weiterhin passiert, kopieren Sie auf der Seite „Hilfe“ den Supportbericht und senden Sie ihn an den Support.

## Confirmation dialog and device list (Devices, and freeing a slot on Activate)

devices-this-device = Dieses Gerät
# $date: when the device took its seat.
devices-activated = Aktiviert am { $date }
# $when: e.g. "5 minutes ago".
devices-last-seen = Zuletzt aktiv: { $when }
devices-free-button = Freigeben
    .busy = Wird freigegeben…
    .aria-label = Platz von { $name } freigeben
    .busy-aria-label = Platz von { $name } wird freigegeben
devices-empty = Kein Gerät belegt einen Platz.
devices-confirm-title = Platz von „{ $name }“ freigeben?
devices-confirm-button = Platz freigeben
devices-confirm-body = „{ $name }“ ({ $platform }) ist dann nicht mehr aktiviert. Sie können es später wieder aktivieren, solange ein Platz frei ist.

## Activate

activate-title = Dieses Gerät aktivieren
activate-lead = Geben Sie Ihren Lizenzschlüssel ein, um ihn auf diesem Computer zu nutzen.
activate-key-label = Lizenzschlüssel
    .placeholder = XXXX-XXXX-XXXX-XXXX
activate-button = Aktivieren
    .busy = Wird aktiviert…
# Under the key field, as the user types.
activate-hint-ok = Drücken Sie die Eingabetaste oder klicken Sie auf „Aktivieren“.
activate-hint-empty = Fügen Sie den Lizenzschlüssel aus der E-Mail zu Ihrem Kauf ein.
activate-hint-too-short = Das ist kürzer als ein Lizenzschlüssel (mindestens { $min } { $min ->
        [one] Zeichen
       *[other] Zeichen
    }).
activate-hint-too-long = Das ist länger als ein Lizenzschlüssel (höchstens { $max } { $max ->
        [one] Zeichen
       *[other] Zeichen
    }).
activate-hint-bad-characters = Ein Lizenzschlüssel enthält nur Buchstaben, Ziffern, „-“ und „_“. Prüfen Sie, ob Leerzeichen oder andere Zeichen darin stehen.
# When all seats are taken and the server neither lists devices nor says where to free one.
activate-free-elsewhere = Bitten Sie den Anbieter, ein Gerät Ihrer Lizenz freizugeben.
activate-demo-title = Demo-Schlüssel ausprobieren
activate-demo-lead = Demo-Modus: Diese Schlüssel gehören zu einem Testserver in Keyslot. Wählen Sie einen aus, um ihn einzutragen.

## Free a slot (on Activate, when every seat of the key is taken)

free-slot-title = Platz freigeben
free-slot-loading = Geräte mit diesem Schlüssel werden geladen…
# $hint: the key's last characters, e.g. "…ABCD"; $seats: seats-used.
free-slot-summary = Schlüssel { $hint }: { $seats }.
free-slot-choose = Geben Sie den Platz eines Geräts frei, das Sie nicht mehr verwenden; dieses Gerät wird dann mit demselben Schlüssel aktiviert.
free-slot-freeing = Platz wird freigegeben…
free-slot-activating = „{ $name }“ freigegeben. Dieses Gerät wird aktiviert…

## License

license-title = Ihre Lizenz
# The license server can't be reached; the license holds by its lease. $until: a day, e.g. "Fri, Dec 11".
license-offline-line = Offline · funktioniert bis { $until }
license-last-confirmed = Zuletzt bestätigt: { $date }
license-check-now = Jetzt prüfen
    .busy = Wird geprüft…
license-still-offline = Der Lizenzserver ist weiterhin nicht erreichbar. Keyslot versucht es weiter.
license-state = Status
license-seats = Plätze
license-expiry = Ablauf
license-expires-on = Läuft am { $date } ab
license-expired-on = Am { $date } abgelaufen
license-never-expires = Läuft nie ab
license-this-device = Dieses Gerät
license-key = Schlüssel
# $offset: clock-off, e.g. "Your computer's clock is 3 minutes slow."
license-clock-note = { $offset } Keyslot gleicht das aus, aber wenn Ihre Uhr automatisch gestellt wird, vermeiden Sie Probleme beim Aktivieren.
license-devices = Geräte
license-support = Hilfe
license-forget-button = Lizenz von diesem Gerät entfernen
    .busy = Wird entfernt…
license-confirm-title = Lizenz von diesem Gerät entfernen?
license-confirm-button = Lizenz entfernen
license-confirm-frees = Damit wird der Platz von „{ $name }“ frei, sodass ein anderes Gerät ihn nutzen kann. Sie können dieses Gerät später mit Ihrem Schlüssel wieder aktivieren.
# The license server keeps the seat and says where it is freed instead. $where: its sentence (core.ftl's free-seat-*).
license-confirm-keeps = Damit wird die Lizenz von „{ $name }“ entfernt. Der Platz dieses Geräts bleibt auf Ihrem Lizenzserver aber belegt: { $where }
# The license server keeps the seat and doesn't say where it is freed instead.
license-confirm-keeps-ask-vendor = Damit wird die Lizenz von „{ $name }“ entfernt. Der Platz dieses Geräts bleibt auf Ihrem Lizenzserver aber belegt: Bitten Sie den Anbieter, ihn freizugeben.

## Devices

devices-title = Geräte
devices-refresh = Aktualisieren
# $hint: the key's last characters, e.g. "…ABCD"; $seats: seats-used.
devices-summary = Schlüssel { $hint }: { $seats }
devices-freed = Platz von „{ $name }“ freigegeben. { seats-used }.
devices-loading = Geräte werden geladen…
# $page: a link to the License page, devices-license-link.
devices-this-device-hint = Um den Platz dieses Geräts freizugeben, verwenden Sie auf der Seite { $page } die Schaltfläche „{ license-forget-button }“.
devices-license-link = Lizenz

## Support

support-title = Hilfe und Support
support-rerun = Erneut prüfen
    .busy = Wird geprüft…
support-report-lead = Senden Sie den Supportbericht an die Personen, die Ihnen helfen. Er beschreibt diesen Computer, den Lizenzserver und die letzten Anfragen; Ihren vollständigen Schlüssel oder andere Geheimnisse enthält er nie.
support-report-last-error = Er enthält auch den letzten angezeigten Fehler: „{ $title }“.
support-copy-report = Supportbericht kopieren
    .busy = Bericht wird erstellt…
support-copied = Kopiert. Fügen Sie ihn in Ihre Nachricht an den Support ein.
support-copy-manual = Keyslot konnte nicht auf die Zwischenablage zugreifen. Der Bericht ist unten markiert: Drücken Sie Strg+C (⌘C auf dem Mac), um ihn zu kopieren.
support-report = Supportbericht
support-checking = Server, Uhr, Schlüsselbund und Gerätefingerabdruck werden geprüft…
# Above the most likely cause of trouble.
support-next-step = Nächster Schritt
support-no-problem = Kein Problem gefunden: Alle Prüfungen waren erfolgreich, und die letzte Anfrage ist gelungen.
support-checks = Prüfungen
support-server = Lizenzserver
support-server-reachable = Erreichbar
support-server-unreachable = Nicht erreichbar
support-server-detail = ({ $server }, { $provider })
# A problem's title and message, from the error catalog.
support-problem = { $title }: { $message }
support-signing-keys = Signaturschlüssel
support-signing-keys-pinned = Fest hinterlegt ({ $count })
support-signing-keys-fetched = Vom Server abgerufen, nicht fest hinterlegt
support-signing-keys-advice = Nur fest hinterlegte Schlüssel belegen, dass eine Antwort von Ihrem Anbieter stammt: Fragen Sie ihn nach seinen Schlüsseln.
support-clock = Uhr
support-keychain = Schlüsselbund
support-keychain-ok = Funktioniert
support-keychain-unavailable = Nicht verfügbar
support-fingerprint = Gerätefingerabdruck
support-fingerprint-unchanged = Seit der Aktivierung unverändert
# $components: the names of the parts that changed, e.g. "disk, cpu".
support-fingerprint-changed = Seit der Aktivierung geändert: { $components }
support-fingerprint-made-from = (gebildet aus { $components })
support-license = Lizenz
# $state: e.g. "Active"; $seats: seats-used; $date: the day the license expires.
support-license-summary-expires = { $state }, { $seats }, läuft am { $date } ab
# $state: e.g. "Active"; $seats: seats-used.
support-license-summary-never-expires = { $state }, { $seats }, läuft nie ab
support-license-none = Auf diesem Gerät nicht aktiviert
# $hint: the key's last characters, e.g. "…ABCD".
support-license-key = Schlüssel { $hint }
# $id: this device's activation id.
support-license-activation = Aktivierung { $id }
support-version = Version { $version } auf { $platform }
support-recent = Letzte Anfragen
# $keyslot: the command line's name, `keyslot`.
support-recent-caption = Was diese App und die Befehlszeile ({ $keyslot }) beim Lizenzserver angefragt haben, neueste zuerst.
support-recent-none = Noch keine Anfragen.
support-recent-time = Zeit
support-recent-request = Anfrage
support-recent-outcome = Ergebnis
support-recent-latency = Antwortzeit
support-recent-request-id = Anfrage-ID
support-recent-attempt = Versuch { $attempt }
# A request the support page (or `keyslot doctor`) made, not the user.
support-recent-probe = Supportprüfung
    .title = Von einer Prüfung des Servers gestellt (auf dieser Seite oder in der Befehlszeile), nicht von Ihnen
# $code: the raw error code.
support-recent-failed = { $code }, HTTP { $status }
# A request that succeeded. $status: its HTTP status, e.g. 200.
support-recent-ok = OK (HTTP { $status })
support-recent-no-answer = Keine Antwort
support-recent-ms = { $ms } ms
support-recent-no-id = keine
support-lease = Offline-Lizenz
support-lease-stage = Gültigkeit
support-lease-stage-valid = Gültig
support-lease-stage-grace = In der Kulanzfrist
support-lease-stage-other = Nicht gültig
support-lease-confirmed = Ausgestellt (zuletzt bestätigt)
support-lease-renews = Erneuerung ab
support-lease-ends = Endet
support-lease-grace-ends = Kulanzfrist endet
support-lease-connection = Verbindung
support-lease-offline = Offline: Angaben aus der auf diesem Computer gespeicherten Offline-Lizenz
support-lease-online = Vom Lizenzserver bestätigt
support-lease-key = Signiert mit
support-lease-trusted-time = Vertrauenswürdige Zeit
# $clock: this computer's clock, a date and time.
support-lease-wall-clock = (Uhr dieses Computers: { $clock })

## About

about-title = Über Keyslot
about-reading = Einstellungen von Keyslot werden gelesen…
about-reading-busy = Wird gelesen…
about-version = App-Version
about-server = Lizenzserver
about-server-none = Keiner eingerichtet
about-provider = Lizenzdienst
about-provider-demo = Demo-Server auf diesem Computer
about-provider-none = Keiner
about-files = Dateien
about-log-dir = Protokollordner
    .copy = Pfad des Protokollordners kopieren
about-state-dir = Statusordner
    .copy = Pfad des Statusordners kopieren
about-lease-file = Offline-Lizenzdatei
    .copy = Pfad der Offline-Lizenzdatei kopieren
about-copy-failed = Kopieren nicht möglich; markieren Sie stattdessen den Pfad.
about-open-logs = Protokollordner öffnen
    .busy = Wird geöffnet…
# $path: the log folder.
about-open-failed = Keyslot konnte hier keinen Dateimanager öffnen. Die Protokolle liegen in { $path }: Kopieren Sie den Pfad und öffnen Sie den Ordner selbst.

## Without internet: Activate's "This computer has no internet" and License's
## "Renew offline" open the offline request panel (a request code for the
## vendor's offline page, then the license file it gives back, imported)

activate-no-internet = Dieser Computer hat kein Internet
activate-no-internet-needs-key = Geben Sie zuerst Ihren Lizenzschlüssel ein: Der Anforderungscode wird für ihn erstellt.
license-activated-offline = Offline aktiviert
    .detail = Mit einer Lizenzdatei von der Offline-Seite Ihres Anbieters.
license-renew-offline = Offline verlängern
offline-activate-title = Ohne Internet aktivieren
offline-renew-title = Ohne Internet verlängern
offline-making = Anforderungscode wird erstellt…
# The QR code's text alternative: the code it holds is written out below it.
offline-qr = QR-Code mit der Adresse der Offline-Seite und dem Anforderungscode dieses Computers, der auch unten steht
# $page: the offline page's address.
offline-step-1 = Scannen Sie den QR-Code mit einem Smartphone oder öffnen Sie { $page } auf einem beliebigen Computer mit Internet.
offline-step-2 = Geben Sie dort den Anforderungscode ein, falls er nicht schon eingetragen ist, und senden Sie ihn ab.
offline-step-3 = Bringen Sie die Lizenzdatei, die Ihnen die Seite gibt, hierher zurück und importieren Sie sie hier.
offline-code-label = Anforderungscode
# $date: a date and time.
offline-code-until = Die Offline-Seite nimmt diesen Code bis { $date } an.
offline-save = In Datei speichern…
    .busy = Wird gespeichert…
offline-saved = Gespeichert.
# The title of the system's save dialog.
offline-save-title = Anforderungscode speichern
offline-copy-failed = Kopieren nicht möglich; markieren Sie den Code und kopieren Sie ihn selbst.
offline-import-title = Lizenz importieren
offline-import-label = Lizenzdatei
offline-import-hint = Fügen Sie den ganzen Text der Lizenzdatei ein oder wählen Sie die Datei.
offline-import-button = Importieren
    .busy = Wird importiert…
offline-choose-file = Datei wählen…
# The title of the system's open dialog.
offline-choose-file-title = Lizenzdatei wählen
offline-close = Schließen

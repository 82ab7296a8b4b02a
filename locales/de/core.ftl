# Die Wörter des Kerns außer dem Fehlerkatalog (Quelle: locales/en/core.ftl).

## Die Sprache

language-name = Deutsch

## Datum und Zeitspannen

weekday-short = { $weekday ->
        [1] Mo.
        [2] Di.
        [3] Mi.
        [4] Do.
        [5] Fr.
        [6] Sa.
       *[7] So.
    }
month-short = { $month ->
        [1] Jan.
        [2] Feb.
        [3] März
        [4] Apr.
        [5] Mai
        [6] Juni
        [7] Juli
        [8] Aug.
        [9] Sept.
        [10] Okt.
        [11] Nov.
       *[12] Dez.
    }
date = { $weekday }, { $day }. { $month } { $year }
time-span = { $unit ->
        [days] { $count ->
            [one] { $count } Tag
           *[other] { $count } Tage
        }
        [hours] { $count ->
            [one] { $count } Stunde
           *[other] { $count } Stunden
        }
        [minutes] { $count ->
            [one] { $count } Minute
           *[other] { $count } Minuten
        }
       *[seconds] { $count ->
            [one] { $count } Sekunde
           *[other] { $count } Sekunden
        }
    }

## Die Offline-Lizenz (`keyslot check`)

lease-valid = Lizenziert: funktioniert offline bis { $until }.
lease-grace = Verbinden Sie sich bis { $until } mit dem Internet, um diese Lizenz weiter zu nutzen (noch { $left }).
lease-licensed = Lizenziert.

## Wo ein Lizenzserver Plätze freigibt

free-seat-here = Plätze geben Sie in Keyslot auf der Seite „Geräte“ frei (oder mit `keyslot devices`, dann `keyslot free ID`).
free-seat-geckoguard = Geben Sie ein Gerät im Kundenportal des Anbieters frei: Melden Sie sich dort an und setzen Sie das Gerät (Hardware-ID) Ihrer Lizenz zurück.
free-seat-appauth = Der Anbieter bindet Ihre Lizenz an ihre Geräte. Um sie auf ein anderes Gerät zu übertragen, bitten Sie den Support des Anbieters, die Gerätebindung zurückzusetzen.

## Nächster Schritt auf der Support-Seite: woran die Ursache zu erkennen ist

evidence-keychain = der Schlüsselbund hat nicht geantwortet
evidence-unreachable = { $server } hat nicht geantwortet
evidence-check-answered = die Prüfung von { $server } ergab { $code }
evidence-clock-refused = der Server hat die Uhrzeit dieses Computers abgelehnt
evidence-clock-ahead = die Uhr dieses Computers geht { $secs } s vor
evidence-clock-behind = die Uhr dieses Computers geht { $secs } s nach
evidence-last-failure = { $times ->
        [1] { $code } um { $when }
       *[other] { $code } { $times }-mal, zuletzt um { $when }
    }

## Die Demo-Schlüssel („Demo-Schlüssel ausprobieren“)

demo-key-ks-demo-free-seat = 3 Plätze, 1 frei
demo-key-ks-demo-all-in-use = 3 Plätze, alle belegt
demo-key-ks-demo-suspended = Gesperrt
demo-key-ks-demo-revoked = Widerrufen
demo-key-ks-demo-expired = Abgelaufen

## Die Zeilen der Kommandozeile unter einem Fehler

error-retry-after = Sie können es in { $left } erneut versuchen.
error-clock-fast = Die Uhr Ihres Computers geht { $span } vor.
error-clock-slow = Die Uhr Ihres Computers geht { $span } nach.

## Offline activation (a request code carried to the vendor's offline page)
offline-unsupported = Dieser Lizenzserver hat keine Offline-Seite: Aktivieren Sie, während dieser Computer verbunden ist, oder fragen Sie Ihren Anbieter.

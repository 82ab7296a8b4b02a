## Die Offline-Seite des Referenzservers (GET /offline), im Namen des Anbieters.
## Gelesen am Telefon oder am Support-Schalter: einfache Worte, keine Codes, durchgehend „Sie“.

offline-title = Computer ohne Internet aktivieren
offline-intro = Fügen Sie den Anforderungscode ein, den die App auf dem Computer ohne Internet angezeigt hat. Drücken Sie dann die Schaltfläche, um die Lizenz dafür zu erhalten.
offline-code-label = Anforderungscode
offline-submit = Lizenz abrufen
offline-wait = Warten Sie noch { $wait } und versuchen Sie es dann erneut.
offline-again = Weiteren Anforderungscode eingeben
offline-support-ref = Referenz für den Support: { $id }

offline-lease-title = Die Lizenz ist bereit
offline-lease-intro = Bringen Sie diese Lizenz zum Computer: Laden Sie die Datei herunter und wählen Sie sie in der App unter „Lizenz importieren“, oder kopieren Sie den Text und fügen Sie ihn dort ein. Ein Barcodescanner an diesem Computer kann das Bild in dasselbe Feld einlesen.
offline-lease-label = Lizenz
offline-lease-qr = Die Lizenz als QR-Code
offline-download = Lizenzdatei herunterladen

offline-freed-title = Der Platz ist frei
offline-freed = Der Platz von „{ $name }“ ist frei. Die Lizenz kann jetzt auf einem anderen Computer verwendet werden.

offline-error-1700 = Dieser Anforderungscode wurde verändert
    .message = Der Code stimmt nicht mit dem überein, was die App erstellt hat. Vielleicht wurde er unterwegs verändert, oder er stammt nicht aus der App dieses Anbieters.
    .step-1 = Erstellen Sie in der App auf dem Computer ohne Internet einen neuen Anforderungscode.
    .step-2 = Kopieren Sie ihn unverändert oder scannen Sie das Bild des Codes, statt ihn abzutippen.
    .step-3 = Wenn das wieder passiert, wenden Sie sich an den Support.

offline-error-1701 = Dieser Anforderungscode ist abgelaufen
    .message = Ein Anforderungscode gilt sieben Tage ab seiner Erstellung. Dieser ist älter, oder die Uhr des Computers, auf dem er erstellt wurde, geht deutlich falsch.
    .step-1 = Erstellen Sie in der App auf dem Computer ohne Internet einen neuen Anforderungscode.
    .step-2 = Prüfen Sie, ob Datum und Uhrzeit auf diesem Computer stimmen.

offline-error-1702 = Das ist kein vollständiger Anforderungscode
    .message = Ein Teil des Codes fehlt, oder es wurde etwas anderes eingefügt.
    .step-1 = Kopieren Sie den ganzen Code aus der App, vom ersten bis zum letzten Zeichen.
    .step-2 = Fügen Sie ihn hier erneut ein oder scannen Sie das Bild des Codes, statt ihn abzutippen.

offline-error-1703 = Diese Lizenz wurde nicht gefunden
    .message = Der Anforderungscode gehört zu einer Lizenz, die diesem Anbieter nicht bekannt ist.
    .step-1 = Prüfen Sie, ob der in der App eingegebene Lizenzschlüssel der ist, den Sie gekauft haben.
    .step-2 = Wenn ja, wenden Sie sich an den Support.

offline-error-1704 = Diese Lizenz ist nicht aktiv
    .message = Die Lizenz ist pausiert oder beendet, deshalb kann sie gerade nicht verwendet werden.
    .step-1 = Verlängern Sie die Lizenz oder fragen Sie den Anbieter, warum sie pausiert ist.
    .step-2 = Erstellen Sie danach in der App einen neuen Anforderungscode.

offline-error-1705 = Alle Plätze dieser Lizenz sind belegt
    .message = Die Lizenz wird bereits auf so vielen Computern verwendet, wie sie erlaubt.
    .step-1 = Geben Sie einen Platz frei: Entfernen Sie die Lizenz in der App auf einem Computer, den Sie nicht mehr verwenden.
    .step-2 = Oder bitten Sie den Anbieter um weitere Plätze.
    .step-3 = Versuchen Sie es dann erneut mit diesem Anforderungscode.

offline-error-1706 = Zu viele Versuche in kurzer Zeit
    .message = Zum Schutz der Lizenzen werden pro Minute nur wenige Anfragen beantwortet.
    .step-1 = Warten Sie einen Moment und versuchen Sie es dann erneut.

offline-error-1707 = Diese Seite ist noch nicht eingerichtet
    .message = Der Anbieter hat die Einrichtung dieser Seite noch nicht abgeschlossen, daher kann sie noch keine Anforderungscodes bearbeiten.
    .step-1 = Wenden Sie sich an den Support des Anbieters und teilen Sie mit, dass diese Seite nicht eingerichtet ist.

offline-error-1708 = Diese Lizenz wurde widerrufen
    .message = Der Anbieter hat diese Lizenz widerrufen, daher kann sie nicht mehr verwendet werden.
    .step-1 = Wenn Sie das für einen Fehler halten, wenden Sie sich an den Support des Anbieters.

offline-error-1709 = Dieser Computer belegt keinen Platz
    .message = Die Lizenz wird auf dem Computer, der diesen Anforderungscode erstellt hat, nicht verwendet. Daher gibt es nichts zu verlängern oder freizugeben.
    .step-1 = Um die Lizenz auf diesem Computer zu nutzen, erstellen Sie in der App stattdessen einen Anforderungscode zum Aktivieren.
    .step-2 = Wenn der Platz versehentlich freigegeben wurde, wenden Sie sich an den Support.

offline-error-1710 = Plätze können gerade nicht freigegeben werden
    .message = Für diese Lizenz wurden vorerst so viele Plätze freigegeben wie erlaubt.
    .step-1 = Versuchen Sie es später erneut.
    .step-2 = Wenn ein Platz früher freigegeben werden muss, wenden Sie sich an den Support.

offline-error-1711 = Bei uns ist etwas schiefgelaufen
    .message = Die Anfrage konnte gerade nicht beantwortet werden. Es wurde nichts geändert.
    .step-1 = Warten Sie einen Moment und versuchen Sie es dann erneut.
    .step-2 = Wenn es weiterhin passiert, wenden Sie sich an den Support.

offline-error-no-leases = Diese Seite ist nicht verfügbar
    .message = Dieser Anbieter bearbeitet keine Anforderungscodes von Computern ohne Internet.
    .step-1 = Verbinden Sie den Computer mit dem Internet und aktivieren Sie die Lizenz dort.
    .step-2 = Oder wenden Sie sich an den Support des Anbieters.

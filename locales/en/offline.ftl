## The reference server's offline page (GET /offline), in the vendor's name.
## Read by a person at a phone or at a support desk: plain words, no codes.

offline-title = Activate a computer without internet
offline-intro = Paste the request code that the app showed on the computer without internet, then press the button to get its license.
offline-code-label = Request code
offline-submit = Get the license
offline-wait = You can try again in { $wait }.
offline-again = Enter another request code
offline-support-ref = Reference for support: { $id }

offline-lease-title = The license is ready
offline-lease-intro = Bring this license to the computer: download the file and choose it under “Import license” in the app, or copy the text and paste it there. A barcode scanner attached to that computer can read the picture into the same field.
offline-lease-label = License
offline-lease-qr = The license as a QR code
offline-download = Download the license file

offline-freed-title = The seat is free
offline-freed = The seat of { $name } is free. The license can now be used on another computer.

offline-error-1700 = This request code was changed
    .message = The code does not match what the app made. It may have been altered on the way, or it did not come from this vendor's app.
    .step-1 = Make a new request code in the app on the computer without internet.
    .step-2 = Copy it exactly, or scan its picture instead of typing it.
    .step-3 = If this happens again, contact support.

offline-error-1701 = This request code has expired
    .message = A request code can be used for seven days after it was made. This one is older, or the clock of the computer that made it is far off.
    .step-1 = Make a new request code in the app on the computer without internet.
    .step-2 = Check that the date and time on that computer are right.

offline-error-1702 = This is not a whole request code
    .message = Part of the code is missing, or something else was pasted.
    .step-1 = Copy the whole code from the app, from its first character to its last.
    .step-2 = Paste it here again, or scan its picture instead of typing it.

offline-error-1703 = This license was not found
    .message = The request code names a license this vendor does not know.
    .step-1 = Check that the license key typed in the app is the one you bought.
    .step-2 = If it is, contact support.

offline-error-1704 = This license is not active
    .message = The license is paused or has ended, so it cannot be used right now.
    .step-1 = Renew the license, or ask the vendor why it is paused.
    .step-2 = Then make a new request code in the app.

offline-error-1705 = All seats of this license are in use
    .message = The license is already used on as many computers as it allows.
    .step-1 = Free a seat: in the app on a computer you no longer use, remove the license.
    .step-2 = Or ask the vendor for more seats.
    .step-3 = Then try this request code again.

offline-error-1706 = Too many tries in a short time
    .message = To keep licenses safe, only a few requests are answered per minute.
    .step-1 = Wait a moment, then try again.

offline-error-1707 = This page is not set up yet
    .message = The vendor has not finished setting up this page, so it cannot answer request codes.
    .step-1 = Contact the vendor's support and tell them this page is not set up.

offline-error-1708 = This license was withdrawn
    .message = The vendor has withdrawn this license, so it can no longer be used.
    .step-1 = Contact the vendor's support if you think this is a mistake.

offline-error-1709 = This computer does not hold a seat
    .message = The license is not in use on the computer that made this request code, so there is nothing to renew or free.
    .step-1 = To use the license on that computer, make an activation request code in the app instead.
    .step-2 = If the seat was freed by mistake, contact support.

offline-error-1710 = Seats cannot be freed right now
    .message = This license has freed as many seats as it may for now.
    .step-1 = Try again later.
    .step-2 = If you need a seat freed sooner, contact support.

offline-error-1711 = Something went wrong on our side
    .message = The request could not be answered just now. Nothing was changed.
    .step-1 = Wait a moment, then try again.
    .step-2 = If it keeps happening, contact support.

offline-error-no-leases = This page is not available
    .message = This vendor does not answer request codes from computers without internet.
    .step-1 = Connect the computer to the internet and activate the license there.
    .step-2 = Or contact the vendor's support.

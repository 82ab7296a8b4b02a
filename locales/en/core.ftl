# The core's words besides the error catalog: the language's own name,
# dates, spans of time, the offline lease, the support page's next step and
# where a license server frees seats. Resolved in Rust (crates/core/src/locale.rs).

## The language

# The language's name in itself, as the language picker lists it.
language-name = English

## Dates and spans of time

# $weekday: 1 (Monday) to 7 (Sunday).
weekday-short = { $weekday ->
        [1] Mon
        [2] Tue
        [3] Wed
        [4] Thu
        [5] Fri
        [6] Sat
       *[7] Sun
    }
# $month: 1 (January) to 12.
month-short = { $month ->
        [1] Jan
        [2] Feb
        [3] Mar
        [4] Apr
        [5] May
        [6] Jun
        [7] Jul
        [8] Aug
        [9] Sep
        [10] Oct
        [11] Nov
       *[12] Dec
    }
# A date, e.g. Fri 11 Dec 2026: $weekday and $month are weekday-short's and
# month-short's words, $day and $year numbers.
date = { $weekday } { $day } { $month } { $year }
# A time left, roughly. $unit: days, hours, minutes or seconds.
time-span = { $unit ->
        [days] { $count ->
            [one] { $count } day
           *[other] { $count } days
        }
        [hours] { $count ->
            [one] { $count } hour
           *[other] { $count } hours
        }
        [minutes] { $count ->
            [one] { $count } minute
           *[other] { $count } minutes
        }
       *[seconds] { $count ->
            [one] { $count } second
           *[other] { $count } seconds
        }
    }

## The offline lease (`keyslot check`)

lease-valid = Licensed: works offline until { $until }.
lease-grace = Connect to the internet within { $left } to keep using this license (until { $until }).
lease-licensed = Licensed.

## Where a license server frees seats

free-seat-here = Seats are freed on Keyslot's Devices page (or with `keyslot devices`, then `keyslot free ID`).
free-seat-geckoguard = Free a device in the vendor's customer portal: sign in there and reset the device (hardware ID) of your license.
free-seat-appauth = Your license is bound to its devices by the vendor. To move it to another device, ask the vendor's support to reset the device binding.

## The support page's next step: what shows the cause

evidence-keychain = the keychain did not answer
evidence-unreachable = { $server } did not answer
evidence-check-answered = the check of { $server } answered { $code }
evidence-clock-refused = the server refused this computer's time
evidence-clock-ahead = this computer's clock is { $secs } s ahead of the server's
evidence-clock-behind = this computer's clock is { $secs } s behind the server's
evidence-last-failure = { $times ->
        [1] { $code } at { $when }
       *[other] { $code } { $times } times, the last at { $when }
    }

## The demo's keys (the Activate view's "Try a demo key")

demo-key-ks-demo-free-seat = 3 seats, 1 free
demo-key-ks-demo-all-in-use = 3 seats, all in use
demo-key-ks-demo-suspended = Suspended
demo-key-ks-demo-revoked = Revoked
demo-key-ks-demo-expired = Expired

## The CLI's lines under an error

error-retry-after = You can try again in { $left }.
# $span: a time-span value, e.g. "3 minutes".
error-clock-fast = Your computer's clock is { $span } fast.
error-clock-slow = Your computer's clock is { $span } slow.

## Offline activation (a request code carried to the vendor's offline page)
offline-unsupported = This license server has no offline page: activate while this computer is connected, or ask your vendor.

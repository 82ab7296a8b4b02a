# The desktop window's own words (ui/, read with @fluent/bundle). Texts that
# come from Rust are elsewhere: the error catalog (catalog.ftl) and the core's
# shared words (core.ftl: spans of time, the lease); the window reuses those.
# Ids start with the view or component that shows them. Messages with
# `{ $variable }` get their values from the window; a `.busy` attribute is
# what a button says while its action runs.

## Shared words

common-cancel = Cancel
common-copy = Copy
common-copied = Copied
common-checking = Checking…
common-loading = Loading…
# A number of seats, as the License, Devices and Support views show it.
seats-used = { $used } of { $total } { $total ->
        [one] seat
       *[other] seats
    } used
# What the server says the license is in (License, Support).
license-state-active = Active
license-state-suspended = Suspended
license-state-expired = Expired
license-state-revoked = Revoked
# $span: a span of time from core.ftl's time-span, e.g. "7 minutes".
clock-off = Your computer's clock is { $span } { $direction ->
        [fast] fast
       *[slow] slow
    }.
clock-matches = Your computer's clock matches the server's.
# A time a moment ago; longer ones are said by the system's own wording ("5 minutes ago").
time-just-now = just now
# A field and its value, one to a line, in text copied for support.
field-line = { $label }: { $value }

## The window's frame: navigation and start-up

# The product's name.
app-name = Keyslot
# The navigation bar, for screen readers.
nav-label = Main
nav-license = License
nav-devices = Devices
nav-activate = Activate
nav-support = Support
nav-about = About
# The language picker in the navigation bar; the languages are listed by their own names.
language-picker-label = Language
app-starting = Checking your license…
app-startup-error-title = Keyslot couldn't check your license
# Shown under the start-up error; a link to Activate follows.
app-have-key = Have a license key?
app-go-activate = Activate this device

## The one button an error offers (by the error's action)

action-free-slot = Free a slot
action-activate = Activate this device
action-retry = Try again
action-sync-clock = Open date & time settings
action-enter-new-key = Enter another key
action-renew = Renew
action-contact-support = Get help
action-sign-in = Sign in again
# The button waits until the server allows another try. $action: the button's label; $wait: e.g. "30 seconds".
action-wait = { $action } in { $wait }
# Shown when Keyslot can't do the action itself.
action-sync-clock-instruction = Keyslot can't open your system settings. Open Date & Time in your system settings, turn on “Set time automatically” (or correct the time), then come back and try again.
action-renew-instruction = Renew the license where you bought it (the link is in your purchase email or your account on the vendor’s site), then come back and try again.

## Error view

error-busy = Working…
# A collapsed block for support staff: where the raw error code is.
error-details = Details for support
error-details-error = Error
error-details-provider = Provider
error-details-code = Code
error-details-http-status = HTTP status
error-details-request-id = Request ID
error-details-time = Time
error-details-none = None
# A problem with one field of the request, as the server named it.
error-details-field = Field { $field }
error-copy-failed = Couldn't copy; select the text above instead.

# When the window gets no answer from the app itself (not a license problem).
ipc-failure = Something went wrong inside Keyslot
    .message = Keyslot's window could not get an answer from the app.
    .step-1 = Try again.
    .step-2 = If it happens again, close Keyslot and open it again.
    .step-3 = If it still happens, copy the support report from the Support page and send it to support.

## Confirmation dialog and device list (Devices, and freeing a slot on Activate)

devices-this-device = This device
# $date: when the device took its seat.
devices-activated = Activated { $date }
# $when: e.g. "5 minutes ago".
devices-last-seen = Last seen { $when }
devices-free-button = Free
    .busy = Freeing…
    .aria-label = Free the seat of { $name }
    .busy-aria-label = Freeing the seat of { $name }
devices-empty = No devices hold a seat.
devices-confirm-title = Free the seat of “{ $name }”?
devices-confirm-button = Free seat
devices-confirm-body = “{ $name }” ({ $platform }) will no longer be activated. It can be activated again later while a seat is free.

## Activate

activate-title = Activate this device
activate-lead = Enter your license key to use it on this computer.
activate-key-label = License key
    .placeholder = XXXX-XXXX-XXXX-XXXX
activate-button = Activate
    .busy = Activating…
# Under the key field, as the user types.
activate-hint-ok = Press Enter or Activate.
activate-hint-empty = Paste the license key from your purchase email.
activate-hint-too-short = That's shorter than a license key (at least { $min } { $min ->
        [one] character
       *[other] characters
    }).
activate-hint-too-long = That's longer than a license key (at most { $max } { $max ->
        [one] character
       *[other] characters
    }).
activate-hint-bad-characters = A license key has only letters, digits, “-” and “_”. Check for spaces or other characters in the middle.
# When all seats are taken and the server neither lists devices nor says where to free one.
activate-free-elsewhere = Ask the vendor to free a device of your license.
activate-demo-title = Try a demo key
activate-demo-lead = Demo mode: these keys belong to a test server inside Keyslot. Choose one to fill in the key.

## Free a slot (on Activate, when every seat of the key is taken)

free-slot-title = Free a slot
free-slot-loading = Loading the devices that use this key…
# $hint: the key's last characters, e.g. "…ABCD"; $seats: seats-used.
free-slot-summary = Key { $hint }: { $seats }.
free-slot-choose = Free the seat of a device you no longer use; this device is then activated with the same key.
free-slot-freeing = Freeing the seat…
free-slot-activating = Freed “{ $name }”. Activating this device…

## License

license-title = Your license
# The license server can't be reached; the license holds by its lease. $until: a day, e.g. "Fri, Dec 11".
license-offline-line = Offline · works until { $until }
license-last-confirmed = Last confirmed { $date }
license-check-now = Check now
    .busy = Checking…
license-still-offline = Still can't reach the license server. Keyslot keeps trying.
license-state = State
license-seats = Seats
license-expiry = Expiry
license-expires-on = Expires on { $date }
license-expired-on = Expired on { $date }
license-never-expires = Never expires
license-this-device = This device
license-key = Key
# $offset: clock-off, e.g. "Your computer's clock is 3 minutes slow."
license-clock-note = { $offset } Keyslot allows for it, but setting your clock to update automatically avoids activation problems.
license-devices = Devices
license-support = Support
license-forget-button = Remove license from this device
    .busy = Removing…
license-confirm-title = Remove the license from this device?
license-confirm-button = Remove license
license-confirm-frees = This frees the seat of “{ $name }” so another device can use it. You can activate this device again later with your key.
# The license server keeps the seat and says where it is freed instead. $where: its sentence (core.ftl's free-seat-*).
license-confirm-keeps = This removes the license from “{ $name }”. Your license server keeps this device's seat: { $where }
# The license server keeps the seat and doesn't say where it is freed instead.
license-confirm-keeps-ask-vendor = This removes the license from “{ $name }”. Your license server keeps this device's seat: ask the vendor to free it.

## Devices

devices-title = Devices
devices-refresh = Refresh
# $hint: the key's last characters, e.g. "…ABCD"; $seats: seats-used.
devices-summary = Key { $hint }: { $seats }
devices-freed = Freed the seat of “{ $name }”. { seats-used }.
devices-loading = Loading devices…
# $page: a link to the License page, devices-license-link.
devices-this-device-hint = To free this device's seat, use “{ license-forget-button }” on the { $page } page.
devices-license-link = License

## Support

support-title = Support
support-rerun = Run checks again
    .busy = Checking…
support-report-lead = Send the support report to the people who help you. It describes this computer, the license server and recent requests; it never contains your full key or any secret.
support-report-last-error = It includes the last error you saw: “{ $title }”.
support-copy-report = Copy support report
    .busy = Preparing report…
support-copied = Copied. Paste it into your message to support.
support-copy-manual = Keyslot couldn't reach the clipboard. The report is selected below: press Ctrl+C (⌘C on a Mac) to copy it.
support-report = Support report
support-checking = Checking the server, clock, keychain and fingerprint…
# Above the most likely cause of trouble.
support-next-step = Next step
support-no-problem = No problem found: every check passed and the last request succeeded.
support-checks = Checks
support-server = License server
support-server-reachable = Reachable
support-server-unreachable = Not reachable
support-server-detail = ({ $server }, { $provider })
# A problem's title and message, from the error catalog.
support-problem = { $title }. { $message }
support-signing-keys = Signing keys
support-signing-keys-pinned = Pinned ({ $count })
support-signing-keys-fetched = Fetched from the server, not pinned
support-signing-keys-advice = Only pinned keys prove an answer came from your vendor: ask them for their keys.
support-clock = Clock
support-keychain = Keychain
support-keychain-ok = Working
support-keychain-unavailable = Not available
support-fingerprint = Device fingerprint
support-fingerprint-unchanged = Unchanged since activation
# $components: the names of the parts that changed, e.g. "disk, cpu".
support-fingerprint-changed = Changed since activation: { $components }
support-fingerprint-made-from = (made from { $components })
support-license = License
# $state: e.g. "Active"; $seats: seats-used; $date: the day the license expires.
support-license-summary-expires = { $state }, { $seats }, expires on { $date }
# $state: e.g. "Active"; $seats: seats-used.
support-license-summary-never-expires = { $state }, { $seats }, never expires
support-license-none = Not activated on this device
# $hint: the key's last characters, e.g. "…ABCD".
support-license-key = key { $hint }
# $id: this device's activation id.
support-license-activation = activation { $id }
support-version = Version { $version } on { $platform }
support-recent = Last requests
# $keyslot: the command line's name, `keyslot`.
support-recent-caption = What this app and the command line ({ $keyslot }) asked the license server, newest first.
support-recent-none = No requests yet.
support-recent-time = Time
support-recent-request = Request
support-recent-outcome = Outcome
support-recent-latency = Latency
support-recent-request-id = Request ID
support-recent-attempt = attempt { $attempt }
# A request the support page (or `keyslot doctor`) made, not the user.
support-recent-probe = support check
    .title = Made by a check of the server (this page's or the command line's), not by you
# $code: the raw error code.
support-recent-failed = { $code }, HTTP { $status }
# A request that succeeded. $status: its HTTP status, e.g. 200.
support-recent-ok = OK (HTTP { $status })
support-recent-no-answer = No answer
support-recent-ms = { $ms } ms
support-recent-no-id = none
support-lease = Offline license
support-lease-stage = Lease
support-lease-stage-valid = Holds
support-lease-stage-grace = In its grace period
support-lease-stage-other = Doesn't hold
support-lease-confirmed = Issued (last confirmed)
support-lease-renews = Renews after
support-lease-ends = Ends
support-lease-grace-ends = Grace period ends
support-lease-connection = Connection
support-lease-offline = Offline: shown from the lease saved on this computer
support-lease-online = Confirmed by the license server
support-lease-key = Signed with
support-lease-trusted-time = Trusted time
# $clock: this computer's clock, a date and time.
support-lease-wall-clock = (this computer's clock: { $clock })

## About

about-title = About Keyslot
about-reading = Reading Keyslot's settings…
about-reading-busy = Reading…
about-version = Version
about-server = License server
about-server-none = None configured
about-provider = Provider
about-provider-demo = demo server on this computer
about-provider-none = None
about-files = Files
about-log-dir = Log folder
    .copy = Copy the log folder's path
about-state-dir = State folder
    .copy = Copy the state folder's path
about-lease-file = Lease file
    .copy = Copy the lease file's path
about-copy-failed = Couldn't copy; select the path instead.
about-open-logs = Open log folder
    .busy = Opening…
# $path: the log folder.
about-open-failed = Keyslot couldn't open a file manager here. The logs are in { $path }: copy the path and open it yourself.

## Without internet: Activate's "This computer has no internet" and License's
## "Renew offline" open the offline request panel (a request code for the
## vendor's offline page, then the license file it gives back, imported)

activate-no-internet = This computer has no internet
activate-no-internet-needs-key = Enter your license key first: the request code is made for it.
license-activated-offline = Activated offline
    .detail = With a license file from your vendor's offline page.
license-renew-offline = Renew offline
offline-activate-title = Activate without internet
offline-renew-title = Renew without internet
offline-making = Making a request code…
# The QR code's text alternative: the code it holds is written out below it.
offline-qr = QR code of the offline page's address with this computer's request code, which is also written below
# $page: the offline page's address.
offline-step-1 = Scan the QR code with a phone, or open { $page } on any computer with internet.
offline-step-2 = Enter the request code there, if it isn't filled in already, and send it.
offline-step-3 = Bring back the license file the page gives you and import it here.
offline-code-label = Request code
# $date: a date and time.
offline-code-until = The offline page accepts this code until { $date }.
offline-save = Save to a file…
    .busy = Saving…
offline-saved = Saved.
# The title of the system's save dialog.
offline-save-title = Save the request code
offline-copy-failed = Couldn't copy; select the code and copy it yourself.
offline-import-title = Import license
offline-import-label = License file
offline-import-hint = Paste all the text of the license file, or choose the file.
offline-import-button = Import
    .busy = Importing…
offline-choose-file = Choose file…
# The title of the system's open dialog.
offline-choose-file-title = Choose the license file
offline-close = Close

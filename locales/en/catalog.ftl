# The error catalog's texts: what a person reads when something goes wrong.
# Rust resolves them (crates/core/src/catalog); ids are derived from the
# provider and the code (`<provider>-[<context>-]<code>`, lower case, `_` as `-`).
# Texts several codes share word for word are `shared-…`; texts for a code no
# table knows, chosen by its HTTP status, are `fallback-…`.
# Each message: the title, `.message` (what happened), `.step-N` (what to do).
# Write for a person in a hurry: calm, short, never the raw code.

## License API, Keyslot's own protocol (seed 000)

# 1705, HTTP 409 · DeviceLimit · FreeSlot
license-api-1705 = All seats are in use
    .message = This license is already activated on as many devices as it allows.
    .step-1 = Free a seat held by a device you no longer use.
    .step-2 = Then activate this device again.
# 1708, HTTP 403 · Revoked · ContactSupport
license-api-1708 = This license was revoked
    .message = The vendor has permanently disabled this license key.
    .step-1 = If you think this is a mistake, contact support with the report.
    .step-2 = If you have another key, enter it instead.
# 1710, HTTP 429 · DeactivationLimit · ContactSupport
license-api-1710 = Seats were freed too often
    .message = To prevent abuse, a license can only free a few seats per month. The next one will be allowed later.
    .step-1 = Try again after the time shown.
    .step-2 = If you need a seat now, contact support with the report.
# 1711, HTTP 503 · ServerUnavailable · Retry
license-api-1711 = The license server is having trouble
    .message = This is on the server's side, not yours. It usually passes within a minute.
    .step-1 = Wait a moment; the app will try again.
    .step-2 = If it lasts, contact support with the report.

## appauth (seed 001)

# invalid_api_key (developer_api), HTTP 401 · VendorCredentials · ContactSupport
appauth-developer-api-invalid-api-key = The app couldn't sign in to the license service
    .message = The app is not set up correctly to talk to the license server. This is not a problem with your license.
    .step-1 = Update the app to the latest version.
    .step-2 = If it keeps happening, contact support with the report.
# forbidden (developer_api), HTTP 403 · VendorCredentials · ContactSupport
appauth-developer-api-forbidden = The license service refused access
    .message = This app is not set up to manage that license. This is usually a problem with the app's setup.
    .step-1 = Check that you entered the license key for this app, not for another product.
    .step-2 = If it is right, contact support with the report.
# not_found (developer_api), HTTP 404 · NotFound · EnterNewKey
appauth-developer-api-not-found = License not found
    .message = The license server could not find this license key. It may be mistyped, or it was removed.
    .step-1 = Check the key against your purchase email; copy and paste it if you can.
    .step-2 = If it is right, contact support with the report.
# invalid_app (validate), HTTP 200 · VendorCredentials · ContactSupport
appauth-validate-invalid-app = Authentication failed
    .message = The app couldn't sign in to the license service because it is not set up correctly. This is not a problem with your license.
    .step-1 = Update the app to the latest version.
    .step-2 = If it keeps happening, contact support with the report.
# invalid_key (validate), HTTP 200 · InvalidKey · EnterNewKey
appauth-validate-invalid-key = Invalid license key
    .message = This license key wasn't recognised. It may be mistyped, or it belongs to another product.
    .step-1 = Check the key against your purchase email; copy and paste it if you can.
    .step-2 = Try again.
    .step-3 = If it is right, contact support with the report.
# revoked (validate), HTTP 200 · Revoked · ContactSupport
appauth-validate-revoked = This license has been deactivated
    .message = The vendor has deactivated this license key, so it can no longer be used.
    .step-1 = Contact support with the report.
    .step-2 = If you have another key, enter it instead.
# expired (validate), HTTP 200 · Expired · Renew
appauth-validate-expired = Your license has expired
    .message = This license has passed its end date, so it can't be used any more.
    .step-1 = Renew your license.
    .step-2 = Once it is renewed, try again.
# hwid_mismatch (validate), HTTP 200 · DeviceMismatch · ContactSupport
appauth-validate-hwid-mismatch = License in use on another device
    .message = This license is already in use on another device, so it can't be used on this one.
    .step-1 = Contact support with the report and ask them to reset the license's devices.
    .step-2 = Once it is reset, try again.
# blocked (validate), HTTP 200 · Blocked · ContactSupport
appauth-validate-blocked = Authentication failed
    .message = The license service doesn't allow sign-in from this device or network.
    .step-1 = If you are using a VPN or proxy, turn it off and try again.
    .step-2 = Otherwise, contact support with the report.
# session_expired (heartbeat), HTTP 200 · SessionExpired · Retry
appauth-heartbeat-session-expired = Sign-in ran out
    .message = The app's sign-in with the license server ran out, which happens from time to time. Your license is fine.
    .step-1 = Wait a moment; the app signs in again by itself.
    .step-2 = If this message stays, try again.
# revoked (heartbeat), HTTP 200 · Revoked · ContactSupport
appauth-heartbeat-revoked = This license has been deactivated
    .message = The vendor deactivated this license key since it was last checked, so it can no longer be used.
    .step-1 = Contact support with the report.
    .step-2 = If you have another key, enter it instead.
# expired (heartbeat), HTTP 200 · Expired · Renew
appauth-heartbeat-expired = Your license has expired
    .message = This license reached its end date since it was last checked, so it can't be used any more.
    .step-1 = Renew your license.
    .step-2 = Once it is renewed, try again.
# nonce_mismatch (client) · Tampered · ContactSupport
appauth-client-nonce-mismatch = The license server's answer couldn't be trusted
    .message = The answer didn't match the app's request, so the app ignored it. Something on the way to the server may have changed it.
    .step-1 = If you are using a VPN or proxy, turn it off and try again.
    .step-2 = If it keeps happening, contact support with the report.
# signature_mismatch (client) · Tampered · ContactSupport
appauth-client-signature-mismatch = The license server's answer couldn't be trusted
    .message = The answer failed the app's safety check, so the app ignored it. Something on the way to the server may have changed it.
    .step-1 = If you are using a VPN or proxy, turn it off and try again.
    .step-2 = If it keeps happening, contact support with the report.

## GeckoGuard (seed 002)

# UNAUTHORIZED, HTTP 401 · VendorCredentials · ContactSupport
geckoguard-unauthorized = Couldn't sign in to the license server
    .message = The license server did not accept this app's credentials. Your license is fine; the app's setup is not.
    .step-1 = Update the app to the latest version.
    .step-2 = If it keeps happening, contact support with the report.
# EXPIRED_TOKEN, HTTP 401 · SessionExpired · SignIn
geckoguard-expired-token = Your session has ended
    .message = Your sign-in ran out and couldn't be renewed by itself.
    .step-1 = Sign in again.
    .step-2 = Then repeat what you were doing.
# FORBIDDEN, HTTP 403 · VendorCredentials · ContactSupport
geckoguard-forbidden = Access denied
    .message = The license server says this app isn't allowed to see what it asked for. This is a setup problem, not your license.
    .step-1 = Update the app to the latest version.
    .step-2 = If it keeps happening, contact support with the report.
# API_KEY_NO_PERMISSIONS, HTTP 403 · VendorCredentials · ContactSupport
geckoguard-api-key-no-permissions = The app isn't allowed to check licenses
    .message = The app's access to the license server was set up without any rights. Only the vendor can fix this.
    .step-1 = Contact support with the report.
# PERMISSION_DENIED, HTTP 403 · VendorCredentials · ContactSupport
geckoguard-permission-denied = The app isn't allowed to do that
    .message = The app's access to the license server lacks the right needed for this step. Only the vendor can fix this.
    .step-1 = Contact support with the report.
# INSUFFICIENT_SCOPE, HTTP 403 · VendorCredentials · ContactSupport
geckoguard-insufficient-scope = Your account isn't allowed to do that
    .message = The license server refused this step for the account you are signed in with.
    .step-1 = Sign out and sign in again with the account that owns the license.
    .step-2 = If it keeps happening, contact support with the report.
# APIKEY_NOT_ALLOWED, HTTP 403 · VendorCredentials · ContactSupport
geckoguard-apikey-not-allowed = The license server refused this request
    .message = The app asked for something that needs a signed-in person, not the app's own access. This is a problem in the app.
    .step-1 = Update the app to the latest version.
    .step-2 = If it keeps happening, contact support with the report.
# CSRF_BLOCKED, HTTP 403 · VendorCredentials · ContactSupport
geckoguard-csrf-blocked = The license server refused this request
    .message = The request didn't come in the form the license server expects from this app. This is a problem in the app, not your license.
    .step-1 = Update the app to the latest version.
    .step-2 = If it keeps happening, contact support with the report.
# SIGNATURE_REQUIRED, HTTP 401 · SigningRejected · ContactSupport
geckoguard-signature-required = The license server didn't trust this request
    .message = The app's request arrived without the signature the server requires. Your license is fine; the app's setup is not.
    .step-1 = Update the app to the latest version.
    .step-2 = If it keeps happening, contact support with the report.
# NONCE_REUSED, HTTP 401 · ClockSkew · SyncClock
geckoguard-nonce-reused = The request looked like a repeat
    .message = The license server had already seen this exact request and refused it again. A clock that is off can cause this.
    .step-1 = Check that your computer's date and time are set automatically.
    .step-2 = Try again.
    .step-3 = If it keeps happening, contact support with the report.
# VALIDATION_ERROR, HTTP 400 · InvalidRequest · ContactSupport
geckoguard-validation-error = The app sent a request the server didn't accept
    .message = Some of the details the app sent were missing or in the wrong form. This is a problem in the app, not with your license.
    .step-1 = Update the app to the latest version.
    .step-2 = If it keeps happening, contact support with the report.
# NULL_CONSTRAINT, HTTP 400 · InvalidRequest · ContactSupport
geckoguard-null-constraint = The app sent a request the server didn't accept
    .message = A required detail was missing from the app's request. This is a problem in the app, not with your license.
    .step-1 = Update the app to the latest version.
    .step-2 = If it keeps happening, contact support with the report.
# BAD_IDEMPOTENCY_KEY, HTTP 400 · InvalidRequest · ContactSupport
geckoguard-bad-idempotency-key = The app sent a request the server didn't accept
    .message = The app labelled its request in a way the server doesn't accept. This is a problem in the app, not with your license.
    .step-1 = Update the app to the latest version.
    .step-2 = If it keeps happening, contact support with the report.
# NO_FILE, HTTP 400 · InvalidRequest · ContactSupport
geckoguard-no-file = No file was sent
    .message = The license server expected a file with this request, but none arrived.
    .step-1 = Try again, and make sure a file is chosen.
    .step-2 = If it keeps happening, contact support with the report.
# MISSING_HOSTNAME, HTTP 400 · InvalidRequest · ContactSupport
geckoguard-missing-hostname = The license server refused this request
    .message = The app asked for something meant for the vendor's online store, not for this app.
    .step-1 = Contact support with the report.
# NOT_FOUND, HTTP 404 · NotFound · ContactSupport
geckoguard-not-found = Not found
    .message = The license server couldn't find what the app asked for, or isn't letting this app see it.
    .step-1 = Check that your license key is entered correctly.
    .step-2 = If it is, contact support with the report.
# USER_NOT_FOUND, HTTP 404 · NotFound · ContactSupport
geckoguard-user-not-found = Account not found
    .message = The license server couldn't find this account. It may have been removed.
    .step-1 = Sign in again with the account you used to buy the license.
    .step-2 = If it keeps happening, contact support with the report.
# PRODUCT_NOT_FOUND, HTTP 404 · NotFound · ContactSupport
geckoguard-product-not-found = The license server doesn't know this app
    .message = The app's product isn't set up on the license server. This is on the vendor's side, not with your license.
    .step-1 = Contact support with the report.
# LISTING_NOT_FOUND, HTTP 404 · NotFound · ContactSupport
geckoguard-listing-not-found = That item isn't in the store
    .message = The vendor's online store couldn't find this item. It may have been removed.
    .step-1 = Contact support with the report.
# STOREFRONT_NOT_FOUND, HTTP 404 · NotFound · ContactSupport
geckoguard-storefront-not-found = The store wasn't found
    .message = The vendor's online store isn't set up at this address.
    .step-1 = Contact support with the report.
# ORG_NOT_FOUND, HTTP 404 · NotFound · ContactSupport
geckoguard-org-not-found = The vendor wasn't found
    .message = The license server couldn't find the vendor this app belongs to. This is a setup problem on the vendor's side.
    .step-1 = Contact support with the report.
# CONFLICT, HTTP 409 · Conflict · ContactSupport
geckoguard-conflict = That can't be done right now
    .message = The license server refused the change in the current state of things.
    .step-1 = Refresh and check whether the change already happened.
    .step-2 = If it keeps happening, contact support with the report.
# IDEMPOTENCY_KEY_REUSE, HTTP 409 · Conflict · ContactSupport
geckoguard-idempotency-key-reuse = The request got mixed up with an earlier one
    .message = The license server took this request for a repeat of a different one and refused it. This is a problem in the app.
    .step-1 = Try the action once more.
    .step-2 = If it keeps happening, contact support with the report.
# CLOSED, HTTP 409 · Conflict · ContactSupport
geckoguard-closed = This support request is closed
    .message = The support request you tried to update has already been closed.
    .step-1 = Open a new support request if you still need help.
# LICENSE_NOT_OWNED, HTTP 409 · Conflict · ContactSupport
geckoguard-license-not-owned = This license belongs to another account
    .message = The license you tried to use isn't linked to the account you are signed in with.
    .step-1 = Sign in with the account you used to buy the license.
    .step-2 = If it is yours, contact support with the report.
# GONE, HTTP 410 · Conflict · ContactSupport
geckoguard-gone = This invitation has expired
    .message = The invitation link is no longer valid.
    .step-1 = Ask the person who invited you to send a new invitation.
# STOREFRONT_NOT_SETUP, HTTP 400 · ServerMisconfigured · ContactSupport
geckoguard-storefront-not-setup = The store isn't ready yet
    .message = The vendor hasn't finished setting up their online store. This is on their side, not yours.
    .step-1 = Contact support with the report.
# STRIPE_NOT_READY, HTTP 400 · ServerMisconfigured · ContactSupport
geckoguard-stripe-not-ready = The store can't take payments yet
    .message = The vendor's online store isn't connected to a payment service yet. This is on their side, not yours.
    .step-1 = Contact support with the report.
# TARGET_LICENSE_REQUIRED, HTTP 400 · InvalidRequest · ContactSupport
geckoguard-target-license-required = Choose which license this is for
    .message = This purchase applies to an existing license, but none was given.
    .step-1 = Try again and pick the license to apply it to.
    .step-2 = If it keeps happening, contact support with the report.
# PRODUCT_RATE_LIMITED, HTTP 429 · RateLimited · Retry
geckoguard-product-rate-limited = The license server is busy
    .message = Too many requests for this app reached the license server at once. It asked us to slow down for a moment.
    .step-1 = Wait a little; the app will try again by itself.
    .step-2 = If it lasts, contact support with the report.
# USER_BANNED, HTTP 403 · Blocked · ContactSupport
geckoguard-user-banned = Your account has been blocked
    .message = The vendor has blocked this account, so it can't be used.
    .step-1 = If you think this is a mistake, contact support with the report.
# LIMIT_REACHED, HTTP 403 · DeactivationLimit · ContactSupport
geckoguard-limit-reached = Device resets used up
    .message = This license has moved to a new device as often as it allows for now. More resets become available later.
    .step-1 = Try again later.
    .step-2 = If you need to switch devices now, contact support with the report.
# DNS_NOT_FOUND, HTTP 400 · ServerMisconfigured · ContactSupport
geckoguard-dns-not-found = The vendor's web address isn't set up yet
    .message = The license server couldn't confirm the vendor's web address. This is on the vendor's side, not yours.
    .step-1 = Contact support with the report.
# TOKEN_MISMATCH, HTTP 400 · ServerMisconfigured · ContactSupport
geckoguard-token-mismatch = The vendor's web address isn't set up correctly
    .message = The license server couldn't confirm the vendor's web address. This is on the vendor's side, not yours.
    .step-1 = Contact support with the report.
# INTERNAL, HTTP 500 · ServerUnavailable · Retry
geckoguard-internal = The license server is having trouble
    .message = This is on the server's side, not yours. It usually passes quickly.
    .step-1 = Wait a moment; the app will try again.
    .step-2 = If it lasts, contact support with the report.
# DATABASE_ERROR, HTTP 500 · ServerMisconfigured · ContactSupport
geckoguard-database-error = The license server isn't set up correctly
    .message = The server's stored data needs attention from the vendor. There is nothing to change on this computer.
    .step-1 = Contact support with the report so they can fix the server.
# WEBHOOK_ERROR, HTTP 500 · ServerUnavailable · ContactSupport
geckoguard-webhook-error = The vendor wasn't notified yet
    .message = The license server couldn't pass a notice on to the vendor's systems. It will keep trying by itself.
    .step-1 = Nothing to do for now.
    .step-2 = If what you did doesn't show up later, contact support with the report.
# STAGING_BILLING_DISABLED, HTTP 503 · ServerMisconfigured · ContactSupport
geckoguard-staging-billing-disabled = Payments are turned off here
    .message = This copy of the app is connected to a test server, where payments don't work.
    .step-1 = Contact support with the report to get a regular copy of the app.
# LICENSE_NOT_FOUND (authorize), HTTP 403 · InvalidKey · EnterNewKey
geckoguard-authorize-license-not-found = Invalid license key
    .message = The license server doesn't know this key for this app. It may be mistyped, or it was removed.
    .step-1 = Check the key against your purchase email; copy and paste it if you can.
    .step-2 = If it is right, contact support with the report.
# PRODUCT_MISMATCH (authorize), HTTP 403 · InvalidKey · EnterNewKey
geckoguard-authorize-product-mismatch = Invalid license key
    .message = This key is real, but it belongs to a different product.
    .step-1 = Check that you are entering the key bought for this app.
    .step-2 = If it is, contact support with the report.
# LICENSE_REVOKED (authorize), HTTP 403 · Revoked · ContactSupport
geckoguard-authorize-license-revoked = This license has been revoked
    .message = The vendor has revoked or frozen this license, so it can't be used.
    .step-1 = If you think this is a mistake, contact support with the report.
    .step-2 = If you have another key, enter it instead.
# LICENSE_EXPIRED (authorize), HTTP 403 · Expired · Renew
geckoguard-authorize-license-expired = This license has expired
    .message = The license was valid until a set date, and that date has passed.
    .step-1 = Renew the license with the vendor.
    .step-2 = Then try again; your key stays the same unless told otherwise.
# LICENSE_EXPIRED_RELATIVE (authorize), HTTP 403 · Expired · Renew
geckoguard-authorize-license-expired-relative = This license has expired
    .message = The license was valid for a set number of days after it was first activated, and that time is over.
    .step-1 = Renew the license with the vendor.
    .step-2 = Then try again; your key stays the same unless told otherwise.
# HWID_MISMATCH (authorize), HTTP 403 · DeviceMismatch · ContactSupport
geckoguard-authorize-hwid-mismatch = License is bound to a different device
    .message = This license is tied to the device it was first used on, and this computer isn't that device.
    .step-1 = Use the license on the device it was first activated on.
    .step-2 = To move it to this computer, contact support with the report.
# HWID_LIMIT_EXCEEDED (authorize), HTTP 403 · DeviceLimit · FreeSlot
geckoguard-authorize-hwid-limit-exceeded = License is bound to other devices
    .message = This license is already in use on as many devices as it allows.
    .step-1 = Free a device you no longer use.
    .step-2 = Then try again on this computer.
    .step-3 = If you can't free one, contact support with the report.
# IP_MISMATCH (authorize), HTTP 403 · DeviceMismatch · ContactSupport
geckoguard-authorize-ip-mismatch = License is bound to a different network
    .message = This license only works from the network address it was first used from, and this connection comes from another one.
    .step-1 = Connect from your usual network, and turn off any VPN or proxy.
    .step-2 = To move the license to this network, contact support with the report.
# IP_LIMIT_EXCEEDED (authorize), HTTP 403 · Blocked · ContactSupport
geckoguard-authorize-ip-limit-exceeded = Used from too many networks
    .message = This license was used from more network addresses than it allows in a short time, so it is paused for now.
    .step-1 = Turn off any VPN or proxy and stay on your usual network.
    .step-2 = Wait a while, then try again.
    .step-3 = If it keeps happening, contact support with the report.
# IP_REGION_MISMATCH (authorize), HTTP 403 · Blocked · ContactSupport
geckoguard-authorize-ip-region-mismatch = Not available in your region
    .message = This license can only be used from certain countries or regions, and your connection comes from outside them.
    .step-1 = If you use a VPN or proxy, turn it off and try again.
    .step-2 = If you think this is a mistake, contact support with the report.
# CONCURRENCY_LIMIT_EXCEEDED (authorize), HTTP 403 · ConcurrencyLimit · CloseOtherSessions
geckoguard-authorize-concurrency-limit-exceeded = Too many active sessions
    .message = This license is open in more places at once than it allows. Close other instances first.
    .step-1 = Close the app on your other devices or windows.
    .step-2 = Then try again.
# HWID_BLACKLISTED (authorize), HTTP 403 · Blocked · ContactSupport
geckoguard-authorize-hwid-blacklisted = Access denied
    .message = The vendor has blocked this device from using the license.
    .step-1 = If you think this is a mistake, contact support with the report.
# IP_BLACKLISTED (authorize), HTTP 403 · Blocked · ContactSupport
geckoguard-authorize-ip-blacklisted = Access denied
    .message = The vendor has blocked the network address you are connecting from.
    .step-1 = If you use a VPN or proxy, turn it off and try again.
    .step-2 = If you think this is a mistake, contact support with the report.

## LicenseKit (seed 003)

# LICENSE_EXPIRED · Expired · Renew
licensekit-license-expired = Your license has expired
    .message = This license has passed its end date, so it can't be used any more.
    .step-1 = Renew your license to continue.
    .step-2 = Once it is renewed, try again.
# LICENSE_INACTIVE · Suspended · Renew
licensekit-license-inactive = This license isn't active right now
    .message = The license is on hold, so it can't be used at the moment.
    .step-1 = Check your account with the vendor: a renewal or a payment may be due.
    .step-2 = Once it is active again, try again.
# ACTIVATION_LIMIT_EXCEEDED · DeviceLimit · FreeSlot
licensekit-activation-limit-exceeded = All seats are in use
    .message = This license is already activated on the maximum number of devices.
    .step-1 = Free a seat held by a device you no longer use.
    .step-2 = Then activate this device again.
# FEATURE_QUOTA_EXCEEDED · QuotaExceeded · ContactSupport
licensekit-feature-quota-exceeded = Usage limit reached
    .message = You have used up what this license allows for this feature.
    .step-1 = Check your plan with the vendor; a larger plan may allow more.
    .step-2 = If you think this is a mistake, contact support with the report.
# DEVICE_BLACKLISTED · Blocked · ContactSupport
licensekit-device-blacklisted = This device is blocked
    .message = The vendor has blocked this device from using the license.
    .step-1 = If you think this is a mistake, contact support with the report.
# IDEMPOTENCY_CONFLICT · Conflict · ContactSupport
licensekit-idempotency-conflict = That can't be done right now
    .message = The license server saw this change as a repeat of an earlier, different one and refused it.
    .step-1 = Try once more.
    .step-2 = If it happens again, contact support with the report.

## Licentric (seed 004)

# 422 (http_status), HTTP 422 · DeviceLimit · FreeSlot
licentric-http-status-422 = The license doesn't allow that
    .message = The license server refused this because it goes beyond what the license allows, most often the number of devices it can be used on.
    .step-1 = Free a seat held by a device you no longer use.
    .step-2 = Then try again.
    .step-3 = If it still fails, contact support with the report.

## Problems on this side of the wire (keyslot)

# offline · Network · CheckConnection
keyslot-offline = Can't reach the license server
    .message = This computer couldn't connect to the license server. Your license is not affected.
    .step-1 = Check that you are connected to the internet.
    .step-2 = If you use a VPN or firewall, allow the app through.
    .step-3 = Try again.
# dns_failed · Network · CheckConnection
keyslot-dns-failed = Can't find the license server
    .message = The server's address couldn't be looked up. This is usually a network or DNS problem.
    .step-1 = Check your internet connection.
    .step-2 = Try again in a moment.
# proxy_failed · Network · CheckConnection
keyslot-proxy-failed = The proxy didn't let the request through
    .message = This computer sends traffic through a proxy, and the proxy refused or failed the connection.
    .step-1 = Check your proxy settings, or ask your IT team to allow the license server.
    .step-2 = Try again.
# tls_failed · Network · ContactSupport
keyslot-tls-failed = The connection to the license server isn't secure
    .message = The server's security certificate couldn't be verified, so the app stopped before sending anything.
    .step-1 = Check that your computer's date and time are correct.
    .step-2 = If your network inspects secure traffic, try another network.
    .step-3 = If it keeps happening, contact support with the report.
# timeout · Timeout · Retry
keyslot-timeout = The license server took too long
    .message = No answer came in time. The server may be busy or your connection slow.
    .step-1 = Try again in a moment.
    .step-2 = If it keeps happening, check your connection.
# bad_response · BadResponse · Retry
keyslot-bad-response = The license server's answer couldn't be read
    .message = Something between this computer and the server may have changed or cut the answer.
    .step-1 = Try again.
    .step-2 = If it keeps happening, contact support with the report.
# response_tampered · Tampered · ContactSupport
keyslot-response-tampered = The answer couldn't be verified
    .message = The reply did not carry the license server's valid signature, so the app did not trust it. Nothing was changed.
    .step-1 = Try from another network (some networks alter traffic).
    .step-2 = Contact support with the report.
# keychain_unavailable · KeychainUnavailable · ContactSupport
keyslot-keychain-unavailable = No keychain to keep your license in
    .message = The app stores your license key in the system keychain, and none is available on this computer.
    .step-1 = On Linux, install and start a Secret Service keyring: the gnome-keyring package (or KWallet).
    .step-2 = Then open the app again.
# keychain_locked · KeychainUnavailable · Retry
keyslot-keychain-locked = Your keychain is locked
    .message = The system keychain that holds your license key is locked.
    .step-1 = Unlock your keychain (usually by signing in again).
    .step-2 = Then try again.
# not_activated · NotActivated · Activate
keyslot-not-activated = No license on this device yet
    .message = This device hasn't been activated with a license key.
    .step-1 = Enter your license key to activate this device.
# invalid_key_format · InvalidKey · EnterNewKey
keyslot-invalid-key-format = That doesn't look like a license key
    .message = The key has characters or a length no license key has.
    .step-1 = Copy the key from your purchase email and paste it.
    .step-2 = Check for missing or extra characters.
# api_secret_missing · VendorCredentials · ContactSupport
keyslot-api-secret-missing = The app isn't set up to talk to its license server
    .message = The credentials the app needs for the license server are missing on this computer.
    .step-1 = Reinstall the app, or contact support with the report.
# api_secret_rejected · VendorCredentials · ContactSupport
keyslot-api-secret-rejected = The app's credentials don't match the server's
    .message = The license server refused the app's signature, so the secret it was installed with is not the one the server expects.
    .step-1 = Contact support with the report; the app needs its current credentials.
# config_invalid · VendorCredentials · ContactSupport
keyslot-config-invalid = The app's settings are invalid
    .message = The app's configuration file has a value it can't use.
    .step-1 = Contact support with the report; they will tell you what to change.
# storage_failed · Unknown · ContactSupport
keyslot-storage-failed = Couldn't save the app's data
    .message = The app couldn't write its settings to disk.
    .step-1 = Check that the disk has free space.
    .step-2 = Try again, or contact support with the report.
# not_supported · Unsupported · ContactSupport
keyslot-not-supported = This is done elsewhere
    .message = Your license server doesn't let the app do this. Your license is fine.
    .step-1 = If you need help, contact support with the report.
# lease_expired · Expired · CheckConnection
keyslot-lease-expired = Connect to keep using this license
    .message = This license has been offline for longer than it allows, so it is paused until it can check in with the license server. Nothing is lost.
    .step-1 = Connect this computer to the internet.
    .step-2 = Then try again, or open the app once while online.
# lease_tampered · Tampered · Activate
keyslot-lease-tampered = The license on this computer can't be verified
    .message = The saved proof of your license was changed or damaged, so the app doesn't trust it. Your license itself is fine.
    .step-1 = Connect to the internet and activate again with your license key.
    .step-2 = If it keeps happening, contact support with the report.
# lease_other_machine · MachineNotActivated · Activate
keyslot-lease-other-machine = This license was activated on another computer
    .message = The saved license belongs to another computer or another key, so it doesn't count here. Copying a license between computers doesn't move it.
    .step-1 = Activate this computer with your license key.
    .step-2 = If all seats are in use, free the old computer's seat first.
# clock_rolled_back · ClockSkew · SyncClock
keyslot-clock-rolled-back = Your computer's clock was turned back
    .message = After a restart, the date on this computer is earlier than the license last saw, so the license can't be checked offline.
    .step-1 = Set your computer's date and time automatically.
    .step-2 = Or connect to the internet: the license server sets the time right.
# clocks_apart · ClockSkew · SyncClock
keyslot-clocks-apart = Your clock and the license server's are too far apart
    .message = One of the two clocks is wrong, so the app can't check your license safely. Nothing was changed.
    .step-1 = Check that your computer's date, time and time zone are right and set automatically.
    .step-2 = If they are, the license server's clock is wrong: contact support with the report.

## Texts several codes share

# SigningRejected · ContactSupport
shared-bad-signature = The license server didn't trust this request
    .message = The app's request signature was refused. Your license is fine; the app's setup is not.
    .step-1 = Check that your computer's date and time are set automatically.
    .step-2 = Update the app to the latest version.
    .step-3 = If it keeps happening, contact support with the report.
# ClockSkew · SyncClock
shared-stale-timestamp = Your computer's clock is off
    .message = The license server only accepts requests from clocks within five minutes of its own.
    .step-1 = Open your date and time settings.
    .step-2 = Turn on "Set time automatically".
    .step-3 = Try again.
# InvalidRequest · ContactSupport
shared-malformed = The app sent a request the server didn't accept
    .message = This is a problem in the app, not with your license.
    .step-1 = Update the app to the latest version.
    .step-2 = If it keeps happening, contact support with the report.
# InvalidKey · EnterNewKey
shared-not-found-key = That license key wasn't found
    .message = The server doesn't know this key. It may be mistyped, or it was removed.
    .step-1 = Check the key against your purchase email; copy and paste it if you can.
    .step-2 = If it is right, contact support with the report.
# Suspended · Renew
shared-inactive = This license isn't active right now
    .message = The license is suspended or has expired, so it can't be used at the moment.
    .step-1 = Check your account with the vendor: a renewal or a payment may be due.
    .step-2 = Once it is active again, try again.
# RateLimited · Retry
shared-rate-limited = Too many attempts
    .message = The license server asked us to slow down for a moment.
    .step-1 = Wait a little; the app will try again by itself.
# ServerMisconfigured · ContactSupport
shared-secret-not-set = The license server isn't set up correctly
    .message = This is on the vendor's side, not yours; there is nothing to change on this computer.
    .step-1 = Contact support with the report so they can fix the server.
# ServerUnavailable · Retry
shared-no-credits = Authentication service temporarily unavailable
    .message = The license service can't check licenses right now. This is not a problem with your license.
    .step-1 = Try again later; the app will also retry by itself.
    .step-2 = If it lasts more than a few hours, contact support with the report.
# ServerUnavailable · Retry
shared-internal-error = The license server is having trouble
    .message = Something went wrong on the server's side, not yours. It usually passes quickly.
    .step-1 = Wait a moment; the app will try again.
    .step-2 = If it lasts, contact support with the report.
# ServerUnavailable · ContactSupport
shared-app-disabled = Authentication service temporarily unavailable
    .message = The license service can't check licenses for this app right now. This is not a problem with your license.
    .step-1 = Try again later.
    .step-2 = If it lasts, contact support with the report.
# ServerUnavailable · Retry
shared-signing-unavailable = The license server is having trouble
    .message = Part of the license server is down for the moment. This is on the server's side, not yours.
    .step-1 = Wait a moment; the app will try again.
    .step-2 = If it lasts, contact support with the report.
# InvalidRequest · ContactSupport
shared-no-active-org = The license server refused this request
    .message = The app asked for something meant for the vendor's own dashboard, not for this app.
    .step-1 = Contact support with the report.
# VendorCredentials · ContactSupport
shared-token-scope-denied = The app isn't allowed to do that
    .message = The app is not set up correctly with the license service, so this request was refused. This is not a problem with your license.
    .step-1 = Update the app to the latest version.
    .step-2 = If it keeps happening, contact support with the report.
# NotFound · EnterNewKey
shared-resource-not-found = License not found
    .message = The license server could not find what was asked for. The license key may be mistyped, or it was removed.
    .step-1 = Check the key against your purchase email; copy and paste it if you can.
    .step-2 = If it is right, contact support with the report.
# MachineNotActivated · Activate
shared-no-seat = This device isn't activated
    .message = The license is fine, but this device doesn't hold one of its seats (it may have been freed).
    .step-1 = Activate this device again; your key is still saved.
# VendorCredentials · ContactSupport
shared-unauthorized = The app couldn't sign in to the license service
    .message = The license server did not accept the app's sign-in. This is usually a problem with the app's setup, not your license.
    .step-1 = Check that your license key is entered correctly.
    .step-2 = Update the app to the latest version.
    .step-3 = If it keeps happening, contact support with the report.
# Conflict · ContactSupport
shared-state-conflict = That can't be done right now
    .message = The license server refused the change because of the license's current state.
    .step-1 = Refresh and check the license's status.
    .step-2 = If it keeps happening, contact support with the report.

## Codes no table knows, by HTTP status

# Some(401) · VendorCredentials · ContactSupport
fallback-401 = Couldn't sign in to the license server
    .message = The license server did not accept this app's credentials.
    .step-1 = Make sure the app is up to date.
    .step-2 = If it keeps happening, contact support with the report.
# Some(403) · Blocked · ContactSupport
fallback-403 = Access denied
    .message = The license server refused this request.
    .step-1 = Check that you are using the right license key.
    .step-2 = Contact support with the report.
# Some(404) · NotFound · EnterNewKey
fallback-404 = License not found
    .message = The license server could not find what was asked for.
    .step-1 = Check the license key for typos.
    .step-2 = If it is right, contact support with the report.
# Some(409) | Some(422) · Conflict · ContactSupport
fallback-conflict = That can't be done right now
    .message = The license server refused the change in the license's current state.
    .step-1 = Refresh and try once more.
    .step-2 = If it keeps happening, contact support with the report.
# Some(429) · RateLimited · Retry
fallback-429 = Too many attempts
    .message = The license server asked us to slow down.
    .step-1 = Wait a moment; the app will try again by itself.
# Some(400..=499) · InvalidRequest · ContactSupport
fallback-4xx = The app sent a request the server didn't accept
    .message = This is a problem in the app, not with your license.
    .step-1 = Update the app to the latest version.
    .step-2 = If it keeps happening, contact support with the report.
# Some(500..=599) · ServerUnavailable · Retry
fallback-5xx = The license server is having trouble
    .message = This is on the server's side, not yours. It usually passes quickly.
    .step-1 = Wait a minute and try again.
    .step-2 = If it lasts, contact support with the report.
# _ · Unknown · ContactSupport
fallback-unknown = Something unexpected happened
    .message = The license server gave an answer the app does not recognise.
    .step-1 = Try again.
    .step-2 = If it keeps happening, contact support with the report.
# lease_file_malformed · InvalidRequest · Retry
keyslot-lease-file-malformed = That isn't a license file
    .message = The text or file you gave isn't a whole license from the offline page. Nothing was changed.
    .step-1 = Copy all of the license text from the offline page, or choose the keyslot.lease file it gave you.
    .step-2 = Then import it again.
# lease_file_tampered · Tampered · ContactSupport
keyslot-lease-file-tampered = This license file can't be verified
    .message = The license file was changed on its way, or it comes from someone other than your vendor, so the app doesn't trust it. Nothing was changed.
    .step-1 = Get a new license file from the offline page and import that.
    .step-2 = If it keeps happening, contact support with the report.
# lease_file_other_machine · DeviceMismatch · Retry
keyslot-lease-file-other-machine = This license file is for another computer
    .message = The license file was made from another computer's request code, so it doesn't count here. Nothing was changed.
    .step-1 = Make a request code on this computer and take it to the offline page.
    .step-2 = Then import the license file the page gives you for it.
# lease_file_other_key · InvalidKey · Retry
keyslot-lease-file-other-key = This license file is for another license key
    .message = The license file doesn't match the license key of this computer's request. Nothing was changed.
    .step-1 = Make a request code on this computer with your license key and take it to the offline page.
    .step-2 = Then import the license file the page gives you for it.
# lease_file_expired · Expired · Retry
keyslot-lease-file-expired = This license file has already ended
    .message = The license file was valid for a limited time, and that time is over. Nothing was changed.
    .step-1 = Make a new request code on this computer and take it to the offline page.
    .step-2 = Then import the new license file the page gives you.
# no_lease_keys · VendorCredentials · ContactSupport
keyslot-no-lease-keys = The app can't check license files
    .message = The app wasn't set up with your vendor's public key, so it can't tell a real license file from a fake one.
    .step-1 = Contact your vendor's support: the app needs their license key set up to work offline.

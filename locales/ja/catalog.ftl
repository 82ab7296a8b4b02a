# 用語集（ja）、です・ます調:
#   license = ライセンス · license key = ライセンスキー · seat = 利用枠
#   device = デバイス · activate = アクティベート · free a seat = 利用枠を解放する
#   license server = ライセンスサーバー · license service = ライセンスサービス
#   support report = サポートレポート · contact support = サポートにお問い合わせください
#   vendor = 提供元 · keychain = キーチェーン · sign in = サインイン
#   account = アカウント · session = セッション · store = オンラインストア · app = アプリ

# The error catalog's texts: what a person reads when something goes wrong.
# Rust resolves them (crates/core/src/catalog); ids are derived from the
# provider and the code (`<provider>-[<context>-]<code>`, lower case, `_` as `-`).
# Texts several codes share word for word are `shared-…`; texts for a code no
# table knows, chosen by its HTTP status, are `fallback-…`.
# Each message: the title, `.message` (what happened), `.step-N` (what to do).
# Write for a person in a hurry: calm, short, never the raw code.

## License API, Keyslot's own protocol (seed 000)

# 1705, HTTP 409 · DeviceLimit · FreeSlot
license-api-1705 = 利用枠がすべて使用中です
    .message = このライセンスは、許可されている台数のデバイスですでにアクティベートされています。
    .step-1 = 使わなくなったデバイスの利用枠を解放してください。
    .step-2 = その後、このデバイスをもう一度アクティベートしてください。
# 1708, HTTP 403 · Revoked · ContactSupport
license-api-1708 = このライセンスは取り消されました
    .message = 提供元がこのライセンスキーを完全に無効にしました。
    .step-1 = 誤りだと思われる場合は、サポートレポートを添えてサポートにお問い合わせください。
    .step-2 = 別のキーをお持ちの場合は、そちらを入力してください。
# 1710, HTTP 429 · DeactivationLimit · ContactSupport
license-api-1710 = 利用枠の解放回数が上限に達しました
    .message = 不正利用を防ぐため、ひと月に解放できる利用枠の数は限られています。しばらくすると次の解放ができるようになります。
    .step-1 = 表示された時間が過ぎてから、もう一度お試しください。
    .step-2 = すぐに利用枠が必要な場合は、サポートレポートを添えてサポートにお問い合わせください。
# 1711, HTTP 503 · ServerUnavailable · Retry
license-api-1711 = ライセンスサーバーで問題が発生しています
    .message = 問題はサーバー側にあり、お客様側ではありません。通常は1分以内に解消します。
    .step-1 = しばらくお待ちください。アプリが自動的に再試行します。
    .step-2 = 長く続く場合は、サポートレポートを添えてサポートにお問い合わせください。

## appauth (seed 001)

# invalid_api_key (developer_api), HTTP 401 · VendorCredentials · ContactSupport
appauth-developer-api-invalid-api-key = アプリがライセンスサービスにサインインできませんでした
    .message = アプリがライセンスサーバーと通信するための設定が正しくありません。お客様のライセンスの問題ではありません。
    .step-1 = アプリを最新バージョンに更新してください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# forbidden (developer_api), HTTP 403 · VendorCredentials · ContactSupport
appauth-developer-api-forbidden = ライセンスサービスへのアクセスが拒否されました
    .message = このアプリは、このライセンスを管理するように設定されていません。通常はアプリの設定の問題です。
    .step-1 = 別の製品ではなく、このアプリのライセンスキーを入力したか確認してください。
    .step-2 = 正しい場合は、サポートレポートを添えてサポートにお問い合わせください。
# not_found (developer_api), HTTP 404 · NotFound · EnterNewKey
appauth-developer-api-not-found = ライセンスが見つかりません
    .message = ライセンスサーバーでこのライセンスキーが見つかりませんでした。入力ミスか、削除された可能性があります。
    .step-1 = 購入時のメールに記載されたキーと照合してください。できればコピーして貼り付けてください。
    .step-2 = 正しい場合は、サポートレポートを添えてサポートにお問い合わせください。
# invalid_app (validate), HTTP 200 · VendorCredentials · ContactSupport
appauth-validate-invalid-app = 認証に失敗しました
    .message = アプリの設定が正しくないため、ライセンスサービスにサインインできませんでした。お客様のライセンスの問題ではありません。
    .step-1 = アプリを最新バージョンに更新してください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# invalid_key (validate), HTTP 200 · InvalidKey · EnterNewKey
appauth-validate-invalid-key = ライセンスキーが無効です
    .message = このライセンスキーは認識されませんでした。入力ミスか、別の製品のキーである可能性があります。
    .step-1 = 購入時のメールに記載されたキーと照合してください。できればコピーして貼り付けてください。
    .step-2 = もう一度お試しください。
    .step-3 = 正しい場合は、サポートレポートを添えてサポートにお問い合わせください。
# revoked (validate), HTTP 200 · Revoked · ContactSupport
appauth-validate-revoked = このライセンスは無効化されました
    .message = 提供元がこのライセンスキーを無効化したため、今後は使用できません。
    .step-1 = サポートレポートを添えてサポートにお問い合わせください。
    .step-2 = 別のキーをお持ちの場合は、そちらを入力してください。
# expired (validate), HTTP 200 · Expired · Renew
appauth-validate-expired = ライセンスの有効期限が切れました
    .message = このライセンスは終了日を過ぎたため、使用できなくなりました。
    .step-1 = ライセンスを更新してください。
    .step-2 = 更新後、もう一度お試しください。
# hwid_mismatch (validate), HTTP 200 · DeviceMismatch · ContactSupport
appauth-validate-hwid-mismatch = ライセンスは別のデバイスで使用中です
    .message = このライセンスはすでに別のデバイスで使用されているため、このデバイスでは使用できません。
    .step-1 = サポートレポートを添えてサポートに問い合わせ、ライセンスのデバイス登録のリセットを依頼してください。
    .step-2 = リセット後、もう一度お試しください。
# blocked (validate), HTTP 200 · Blocked · ContactSupport
appauth-validate-blocked = 認証に失敗しました
    .message = ライセンスサービスは、このデバイスまたはネットワークからのサインインを許可していません。
    .step-1 = VPNやプロキシを使用している場合は、オフにしてもう一度お試しください。
    .step-2 = それ以外の場合は、サポートレポートを添えてサポートにお問い合わせください。
# session_expired (heartbeat), HTTP 200 · SessionExpired · Retry
appauth-heartbeat-session-expired = サインインの有効期限が切れました
    .message = ライセンスサーバーへのアプリのサインインの期限が切れました。ときどき起こることで、ライセンスには問題ありません。
    .step-1 = しばらくお待ちください。アプリが自動的にサインインし直します。
    .step-2 = このメッセージが消えない場合は、もう一度お試しください。
# revoked (heartbeat), HTTP 200 · Revoked · ContactSupport
appauth-heartbeat-revoked = このライセンスは無効化されました
    .message = 前回の確認以降に提供元がこのライセンスキーを無効化したため、今後は使用できません。
    .step-1 = サポートレポートを添えてサポートにお問い合わせください。
    .step-2 = 別のキーをお持ちの場合は、そちらを入力してください。
# expired (heartbeat), HTTP 200 · Expired · Renew
appauth-heartbeat-expired = ライセンスの有効期限が切れました
    .message = 前回の確認以降にこのライセンスが終了日を迎えたため、使用できなくなりました。
    .step-1 = ライセンスを更新してください。
    .step-2 = 更新後、もう一度お試しください。
# nonce_mismatch (client) · Tampered · ContactSupport
appauth-client-nonce-mismatch = ライセンスサーバーの応答を信頼できません
    .message = 応答がアプリの要求と一致しなかったため、アプリは応答を無視しました。サーバーとの通信の途中で内容が変更された可能性があります。
    .step-1 = VPNやプロキシを使用している場合は、オフにしてもう一度お試しください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# signature_mismatch (client) · Tampered · ContactSupport
appauth-client-signature-mismatch = ライセンスサーバーの応答を信頼できません
    .message = 応答がアプリの安全性チェックに通らなかったため、アプリは応答を無視しました。サーバーとの通信の途中で内容が変更された可能性があります。
    .step-1 = VPNやプロキシを使用している場合は、オフにしてもう一度お試しください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。

## GeckoGuard (seed 002)

# UNAUTHORIZED, HTTP 401 · VendorCredentials · ContactSupport
geckoguard-unauthorized = ライセンスサーバーにサインインできませんでした
    .message = ライセンスサーバーがこのアプリの認証情報を受け付けませんでした。ライセンスには問題なく、アプリの設定に問題があります。
    .step-1 = アプリを最新バージョンに更新してください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# EXPIRED_TOKEN, HTTP 401 · SessionExpired · SignIn
geckoguard-expired-token = セッションが終了しました
    .message = サインインの有効期限が切れ、自動で更新できませんでした。
    .step-1 = もう一度サインインしてください。
    .step-2 = その後、直前の操作をやり直してください。
# FORBIDDEN, HTTP 403 · VendorCredentials · ContactSupport
geckoguard-forbidden = アクセスが拒否されました
    .message = ライセンスサーバーによると、このアプリには要求した情報を見る権限がありません。ライセンスではなく、設定の問題です。
    .step-1 = アプリを最新バージョンに更新してください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# API_KEY_NO_PERMISSIONS, HTTP 403 · VendorCredentials · ContactSupport
geckoguard-api-key-no-permissions = アプリにライセンスを確認する権限がありません
    .message = アプリからライセンスサーバーへのアクセスが、権限なしで設定されています。修正できるのは提供元だけです。
    .step-1 = サポートレポートを添えてサポートにお問い合わせください。
# PERMISSION_DENIED, HTTP 403 · VendorCredentials · ContactSupport
geckoguard-permission-denied = アプリにはこの操作の権限がありません
    .message = アプリからライセンスサーバーへのアクセスに、この操作に必要な権限がありません。修正できるのは提供元だけです。
    .step-1 = サポートレポートを添えてサポートにお問い合わせください。
# INSUFFICIENT_SCOPE, HTTP 403 · VendorCredentials · ContactSupport
geckoguard-insufficient-scope = お使いのアカウントにはこの操作の権限がありません
    .message = サインイン中のアカウントでは、ライセンスサーバーがこの操作を拒否しました。
    .step-1 = サインアウトし、ライセンスを所有するアカウントでサインインし直してください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# APIKEY_NOT_ALLOWED, HTTP 403 · VendorCredentials · ContactSupport
geckoguard-apikey-not-allowed = ライセンスサーバーがこの要求を拒否しました
    .message = アプリ自身のアクセスではなく、サインインしたユーザーが必要な操作をアプリが要求しました。アプリ側の問題です。
    .step-1 = アプリを最新バージョンに更新してください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# CSRF_BLOCKED, HTTP 403 · VendorCredentials · ContactSupport
geckoguard-csrf-blocked = ライセンスサーバーがこの要求を拒否しました
    .message = 要求が、ライセンスサーバーがこのアプリに期待する形式ではありませんでした。ライセンスではなく、アプリ側の問題です。
    .step-1 = アプリを最新バージョンに更新してください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# SIGNATURE_REQUIRED, HTTP 401 · SigningRejected · ContactSupport
geckoguard-signature-required = ライセンスサーバーがこの要求を信頼しませんでした
    .message = アプリの要求に、サーバーが必要とする署名がありませんでした。ライセンスには問題なく、アプリの設定に問題があります。
    .step-1 = アプリを最新バージョンに更新してください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# NONCE_REUSED, HTTP 401 · ClockSkew · SyncClock
geckoguard-nonce-reused = 要求が重複と判断されました
    .message = ライセンスサーバーはまったく同じ要求をすでに受け取っていたため、今回も拒否しました。時計のずれが原因の場合があります。
    .step-1 = コンピューターの日付と時刻が自動設定になっているか確認してください。
    .step-2 = もう一度お試しください。
    .step-3 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# VALIDATION_ERROR, HTTP 400 · InvalidRequest · ContactSupport
geckoguard-validation-error = サーバーがアプリの要求を受け付けませんでした
    .message = アプリが送信した情報の一部が不足しているか、形式が正しくありませんでした。ライセンスではなく、アプリ側の問題です。
    .step-1 = アプリを最新バージョンに更新してください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# NULL_CONSTRAINT, HTTP 400 · InvalidRequest · ContactSupport
geckoguard-null-constraint = サーバーがアプリの要求を受け付けませんでした
    .message = アプリの要求に必要な情報が不足していました。ライセンスではなく、アプリ側の問題です。
    .step-1 = アプリを最新バージョンに更新してください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# BAD_IDEMPOTENCY_KEY, HTTP 400 · InvalidRequest · ContactSupport
geckoguard-bad-idempotency-key = サーバーがアプリの要求を受け付けませんでした
    .message = アプリが要求に付けた識別情報を、サーバーが受け付けませんでした。ライセンスではなく、アプリ側の問題です。
    .step-1 = アプリを最新バージョンに更新してください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# NO_FILE, HTTP 400 · InvalidRequest · ContactSupport
geckoguard-no-file = ファイルが送信されませんでした
    .message = ライセンスサーバーはこの要求でファイルを受け取るはずでしたが、届きませんでした。
    .step-1 = ファイルが選択されていることを確認して、もう一度お試しください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# MISSING_HOSTNAME, HTTP 400 · InvalidRequest · ContactSupport
geckoguard-missing-hostname = ライセンスサーバーがこの要求を拒否しました
    .message = アプリが、このアプリ向けではなく提供元のオンラインストア向けの操作を要求しました。
    .step-1 = サポートレポートを添えてサポートにお問い合わせください。
# NOT_FOUND, HTTP 404 · NotFound · ContactSupport
geckoguard-not-found = 見つかりません
    .message = アプリが要求したものがライセンスサーバーで見つからないか、このアプリには公開されていません。
    .step-1 = ライセンスキーが正しく入力されているか確認してください。
    .step-2 = 正しい場合は、サポートレポートを添えてサポートにお問い合わせください。
# USER_NOT_FOUND, HTTP 404 · NotFound · ContactSupport
geckoguard-user-not-found = アカウントが見つかりません
    .message = ライセンスサーバーでこのアカウントが見つかりませんでした。削除された可能性があります。
    .step-1 = ライセンスを購入したアカウントでサインインし直してください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# PRODUCT_NOT_FOUND, HTTP 404 · NotFound · ContactSupport
geckoguard-product-not-found = ライセンスサーバーにこのアプリが登録されていません
    .message = このアプリの製品がライセンスサーバーに設定されていません。ライセンスではなく、提供元側の問題です。
    .step-1 = サポートレポートを添えてサポートにお問い合わせください。
# LISTING_NOT_FOUND, HTTP 404 · NotFound · ContactSupport
geckoguard-listing-not-found = この商品はストアにありません
    .message = 提供元のオンラインストアでこの商品が見つかりませんでした。削除された可能性があります。
    .step-1 = サポートレポートを添えてサポートにお問い合わせください。
# STOREFRONT_NOT_FOUND, HTTP 404 · NotFound · ContactSupport
geckoguard-storefront-not-found = ストアが見つかりません
    .message = このアドレスには提供元のオンラインストアが設定されていません。
    .step-1 = サポートレポートを添えてサポートにお問い合わせください。
# ORG_NOT_FOUND, HTTP 404 · NotFound · ContactSupport
geckoguard-org-not-found = 提供元が見つかりません
    .message = このアプリの提供元がライセンスサーバーで見つかりませんでした。提供元側の設定の問題です。
    .step-1 = サポートレポートを添えてサポートにお問い合わせください。
# CONFLICT, HTTP 409 · Conflict · ContactSupport
geckoguard-conflict = 現在この操作はできません
    .message = 現在の状態では、ライセンスサーバーが変更を受け付けませんでした。
    .step-1 = 表示を更新し、変更がすでに反映されていないか確認してください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# IDEMPOTENCY_KEY_REUSE, HTTP 409 · Conflict · ContactSupport
geckoguard-idempotency-key-reuse = 要求が以前のものと混同されました
    .message = ライセンスサーバーがこの要求を別の要求の繰り返しと判断し、拒否しました。アプリ側の問題です。
    .step-1 = もう一度操作してください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# CLOSED, HTTP 409 · Conflict · ContactSupport
geckoguard-closed = このお問い合わせは終了しています
    .message = 更新しようとしたお問い合わせは、すでに終了しています。
    .step-1 = 引き続きサポートが必要な場合は、新しくお問い合わせください。
# LICENSE_NOT_OWNED, HTTP 409 · Conflict · ContactSupport
geckoguard-license-not-owned = このライセンスは別のアカウントのものです
    .message = 使用しようとしたライセンスは、サインイン中のアカウントに関連付けられていません。
    .step-1 = ライセンスを購入したアカウントでサインインしてください。
    .step-2 = ご自身のライセンスである場合は、サポートレポートを添えてサポートにお問い合わせください。
# GONE, HTTP 410 · Conflict · ContactSupport
geckoguard-gone = この招待は期限切れです
    .message = 招待リンクは無効になっています。
    .step-1 = 招待した人に、新しい招待を送るよう依頼してください。
# STOREFRONT_NOT_SETUP, HTTP 400 · ServerMisconfigured · ContactSupport
geckoguard-storefront-not-setup = ストアの準備がまだできていません
    .message = 提供元がオンラインストアの設定を完了していません。お客様側ではなく、提供元側の問題です。
    .step-1 = サポートレポートを添えてサポートにお問い合わせください。
# STRIPE_NOT_READY, HTTP 400 · ServerMisconfigured · ContactSupport
geckoguard-stripe-not-ready = ストアはまだ支払いを受け付けられません
    .message = 提供元のオンラインストアは、まだ決済サービスに接続されていません。お客様側ではなく、提供元側の問題です。
    .step-1 = サポートレポートを添えてサポートにお問い合わせください。
# TARGET_LICENSE_REQUIRED, HTTP 400 · InvalidRequest · ContactSupport
geckoguard-target-license-required = 対象のライセンスを選択してください
    .message = この購入は既存のライセンスに適用されるものですが、ライセンスが指定されていません。
    .step-1 = 適用するライセンスを選んで、もう一度お試しください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# PRODUCT_RATE_LIMITED, HTTP 429 · RateLimited · Retry
geckoguard-product-rate-limited = ライセンスサーバーが混み合っています
    .message = このアプリからの要求が一度に集中したため、ライセンスサーバーから少し間を空けるよう求められました。
    .step-1 = 少しお待ちください。アプリが自動的に再試行します。
    .step-2 = 長く続く場合は、サポートレポートを添えてサポートにお問い合わせください。
# USER_BANNED, HTTP 403 · Blocked · ContactSupport
geckoguard-user-banned = アカウントがブロックされています
    .message = 提供元がこのアカウントをブロックしたため、使用できません。
    .step-1 = 誤りだと思われる場合は、サポートレポートを添えてサポートにお問い合わせください。
# LIMIT_REACHED, HTTP 403 · DeactivationLimit · ContactSupport
geckoguard-limit-reached = デバイスのリセット回数が上限に達しました
    .message = このライセンスは、現時点で許可されている回数だけ新しいデバイスに移行されています。しばらくすると、再びリセットできるようになります。
    .step-1 = 時間をおいてもう一度お試しください。
    .step-2 = 今すぐデバイスを切り替える必要がある場合は、サポートレポートを添えてサポートにお問い合わせください。
# DNS_NOT_FOUND, HTTP 400 · ServerMisconfigured · ContactSupport
geckoguard-dns-not-found = 提供元のWebアドレスがまだ設定されていません
    .message = ライセンスサーバーが提供元のWebアドレスを確認できませんでした。お客様側ではなく、提供元側の問題です。
    .step-1 = サポートレポートを添えてサポートにお問い合わせください。
# TOKEN_MISMATCH, HTTP 400 · ServerMisconfigured · ContactSupport
geckoguard-token-mismatch = 提供元のWebアドレスが正しく設定されていません
    .message = ライセンスサーバーが提供元のWebアドレスを確認できませんでした。お客様側ではなく、提供元側の問題です。
    .step-1 = サポートレポートを添えてサポートにお問い合わせください。
# INTERNAL, HTTP 500 · ServerUnavailable · Retry
geckoguard-internal = ライセンスサーバーで問題が発生しています
    .message = 問題はサーバー側にあり、お客様側ではありません。通常はすぐに解消します。
    .step-1 = しばらくお待ちください。アプリが自動的に再試行します。
    .step-2 = 長く続く場合は、サポートレポートを添えてサポートにお問い合わせください。
# DATABASE_ERROR, HTTP 500 · ServerMisconfigured · ContactSupport
geckoguard-database-error = ライセンスサーバーが正しく設定されていません
    .message = サーバーに保存されたデータについて、提供元の対応が必要です。このコンピューターで変更することはありません。
    .step-1 = サーバーを修正してもらうため、サポートレポートを添えてサポートにお問い合わせください。
# WEBHOOK_ERROR, HTTP 500 · ServerUnavailable · ContactSupport
geckoguard-webhook-error = 提供元にまだ通知されていません
    .message = ライセンスサーバーが提供元のシステムに通知を送れませんでした。サーバーが自動的に再試行を続けます。
    .step-1 = 現時点で必要な操作はありません。
    .step-2 = しばらくしても操作の結果が反映されない場合は、サポートレポートを添えてサポートにお問い合わせください。
# STAGING_BILLING_DISABLED, HTTP 503 · ServerMisconfigured · ContactSupport
geckoguard-staging-billing-disabled = ここでは支払いが無効になっています
    .message = このアプリはテストサーバーに接続されているため、支払いは行えません。
    .step-1 = 通常版のアプリを入手するため、サポートレポートを添えてサポートにお問い合わせください。
# LICENSE_NOT_FOUND (authorize), HTTP 403 · InvalidKey · EnterNewKey
geckoguard-authorize-license-not-found = ライセンスキーが無効です
    .message = ライセンスサーバーは、このアプリ用のキーとしてこのキーを認識していません。入力ミスか、削除された可能性があります。
    .step-1 = 購入時のメールに記載されたキーと照合してください。できればコピーして貼り付けてください。
    .step-2 = 正しい場合は、サポートレポートを添えてサポートにお問い合わせください。
# PRODUCT_MISMATCH (authorize), HTTP 403 · InvalidKey · EnterNewKey
geckoguard-authorize-product-mismatch = ライセンスキーが無効です
    .message = このキーは正規のものですが、別の製品のキーです。
    .step-1 = このアプリ用に購入したキーを入力しているか確認してください。
    .step-2 = 間違いない場合は、サポートレポートを添えてサポートにお問い合わせください。
# LICENSE_REVOKED (authorize), HTTP 403 · Revoked · ContactSupport
geckoguard-authorize-license-revoked = このライセンスは取り消されました
    .message = 提供元がこのライセンスを取り消したか凍結したため、使用できません。
    .step-1 = 誤りだと思われる場合は、サポートレポートを添えてサポートにお問い合わせください。
    .step-2 = 別のキーをお持ちの場合は、そちらを入力してください。
# LICENSE_EXPIRED (authorize), HTTP 403 · Expired · Renew
geckoguard-authorize-license-expired = このライセンスは有効期限が切れています
    .message = このライセンスは決められた日付まで有効で、その日付を過ぎました。
    .step-1 = 提供元でライセンスを更新してください。
    .step-2 = その後、もう一度お試しください。特に案内がない限り、キーは変わりません。
# LICENSE_EXPIRED_RELATIVE (authorize), HTTP 403 · Expired · Renew
geckoguard-authorize-license-expired-relative = このライセンスは有効期限が切れています
    .message = このライセンスは最初のアクティベーションから決められた日数だけ有効で、その期間が終了しました。
    .step-1 = 提供元でライセンスを更新してください。
    .step-2 = その後、もう一度お試しください。特に案内がない限り、キーは変わりません。
# HWID_MISMATCH (authorize), HTTP 403 · DeviceMismatch · ContactSupport
geckoguard-authorize-hwid-mismatch = ライセンスは別のデバイスに紐付けられています
    .message = このライセンスは最初に使用したデバイスに紐付けられており、このコンピューターはそのデバイスではありません。
    .step-1 = 最初にアクティベートしたデバイスでライセンスを使用してください。
    .step-2 = このコンピューターに移行するには、サポートレポートを添えてサポートにお問い合わせください。
# HWID_LIMIT_EXCEEDED (authorize), HTTP 403 · DeviceLimit · FreeSlot
geckoguard-authorize-hwid-limit-exceeded = ライセンスは他のデバイスに紐付けられています
    .message = このライセンスは、許可されている台数のデバイスですでに使用されています。
    .step-1 = 使わなくなったデバイスを解放してください。
    .step-2 = その後、このコンピューターでもう一度お試しください。
    .step-3 = 解放できない場合は、サポートレポートを添えてサポートにお問い合わせください。
# IP_MISMATCH (authorize), HTTP 403 · DeviceMismatch · ContactSupport
geckoguard-authorize-ip-mismatch = ライセンスは別のネットワークに紐付けられています
    .message = このライセンスは最初に使用したネットワークアドレスからしか使えませんが、今回の接続は別のアドレスからです。
    .step-1 = いつものネットワークから接続し、VPNやプロキシはオフにしてください。
    .step-2 = このネットワークにライセンスを移行するには、サポートレポートを添えてサポートにお問い合わせください。
# IP_LIMIT_EXCEEDED (authorize), HTTP 403 · Blocked · ContactSupport
geckoguard-authorize-ip-limit-exceeded = 使用されたネットワークが多すぎます
    .message = このライセンスは短時間に許可数を超えるネットワークアドレスから使用されたため、一時的に停止されています。
    .step-1 = VPNやプロキシをオフにし、いつものネットワークを使用してください。
    .step-2 = しばらく待ってから、もう一度お試しください。
    .step-3 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# IP_REGION_MISMATCH (authorize), HTTP 403 · Blocked · ContactSupport
geckoguard-authorize-ip-region-mismatch = お住まいの地域ではご利用いただけません
    .message = このライセンスは特定の国や地域からしか使用できず、お使いの接続はその対象外です。
    .step-1 = VPNやプロキシを使用している場合は、オフにしてもう一度お試しください。
    .step-2 = 誤りだと思われる場合は、サポートレポートを添えてサポートにお問い合わせください。
# CONCURRENCY_LIMIT_EXCEEDED (authorize), HTTP 403 · ConcurrencyLimit · CloseOtherSessions
geckoguard-authorize-concurrency-limit-exceeded = 同時に使用しているセッションが多すぎます
    .message = このライセンスは、許可されている数を超えて同時に開かれています。先にほかの場所で閉じてください。
    .step-1 = ほかのデバイスやウィンドウでアプリを閉じてください。
    .step-2 = その後、もう一度お試しください。
# HWID_BLACKLISTED (authorize), HTTP 403 · Blocked · ContactSupport
geckoguard-authorize-hwid-blacklisted = アクセスが拒否されました
    .message = 提供元が、このデバイスでのライセンスの使用をブロックしています。
    .step-1 = 誤りだと思われる場合は、サポートレポートを添えてサポートにお問い合わせください。
# IP_BLACKLISTED (authorize), HTTP 403 · Blocked · ContactSupport
geckoguard-authorize-ip-blacklisted = アクセスが拒否されました
    .message = 提供元が、接続元のネットワークアドレスをブロックしています。
    .step-1 = VPNやプロキシを使用している場合は、オフにしてもう一度お試しください。
    .step-2 = 誤りだと思われる場合は、サポートレポートを添えてサポートにお問い合わせください。

## LicenseKit (seed 003)

# LICENSE_EXPIRED · Expired · Renew
licensekit-license-expired = ライセンスの有効期限が切れました
    .message = このライセンスは終了日を過ぎたため、使用できなくなりました。
    .step-1 = 引き続き使用するには、ライセンスを更新してください。
    .step-2 = 更新後、もう一度お試しください。
# LICENSE_INACTIVE · Suspended · Renew
licensekit-license-inactive = このライセンスは現在有効ではありません
    .message = このライセンスは保留中のため、現在は使用できません。
    .step-1 = 提供元のアカウントを確認してください。更新や支払いが必要な場合があります。
    .step-2 = 再び有効になったら、もう一度お試しください。
# ACTIVATION_LIMIT_EXCEEDED · DeviceLimit · FreeSlot
licensekit-activation-limit-exceeded = 利用枠がすべて使用中です
    .message = このライセンスは、上限台数のデバイスですでにアクティベートされています。
    .step-1 = 使わなくなったデバイスの利用枠を解放してください。
    .step-2 = その後、このデバイスをもう一度アクティベートしてください。
# FEATURE_QUOTA_EXCEEDED · QuotaExceeded · ContactSupport
licensekit-feature-quota-exceeded = 利用上限に達しました
    .message = この機能について、このライセンスで許可されている分をすべて使用しました。
    .step-1 = 提供元でプランを確認してください。上位のプランではより多く使える場合があります。
    .step-2 = 誤りだと思われる場合は、サポートレポートを添えてサポートにお問い合わせください。
# DEVICE_BLACKLISTED · Blocked · ContactSupport
licensekit-device-blacklisted = このデバイスはブロックされています
    .message = 提供元が、このデバイスでのライセンスの使用をブロックしています。
    .step-1 = 誤りだと思われる場合は、サポートレポートを添えてサポートにお問い合わせください。
# IDEMPOTENCY_CONFLICT · Conflict · ContactSupport
licensekit-idempotency-conflict = 現在この操作はできません
    .message = ライセンスサーバーがこの変更を、以前の別の変更の繰り返しと判断し、拒否しました。
    .step-1 = もう一度お試しください。
    .step-2 = 再び発生する場合は、サポートレポートを添えてサポートにお問い合わせください。

## Licentric (seed 004)

# 422 (http_status), HTTP 422 · DeviceLimit · FreeSlot
licentric-http-status-422 = ライセンスで許可されていない操作です
    .message = ライセンスで許可された範囲を超えるため、ライセンスサーバーが拒否しました。多くの場合、使用できるデバイスの台数が原因です。
    .step-1 = 使わなくなったデバイスの利用枠を解放してください。
    .step-2 = その後、もう一度お試しください。
    .step-3 = それでも失敗する場合は、サポートレポートを添えてサポートにお問い合わせください。

## Problems on this side of the wire (keyslot)

# offline · Network · CheckConnection
keyslot-offline = ライセンスサーバーに接続できません
    .message = このコンピューターからライセンスサーバーに接続できませんでした。ライセンスには影響ありません。
    .step-1 = インターネットに接続されているか確認してください。
    .step-2 = VPNやファイアウォールを使用している場合は、アプリの通信を許可してください。
    .step-3 = もう一度お試しください。
# dns_failed · Network · CheckConnection
keyslot-dns-failed = ライセンスサーバーが見つかりません
    .message = サーバーのアドレスを解決できませんでした。通常はネットワークかDNSの問題です。
    .step-1 = インターネット接続を確認してください。
    .step-2 = 少し待ってから、もう一度お試しください。
# proxy_failed · Network · CheckConnection
keyslot-proxy-failed = プロキシが要求を通しませんでした
    .message = このコンピューターはプロキシ経由で通信しており、プロキシが接続を拒否したか、接続に失敗しました。
    .step-1 = プロキシ設定を確認するか、ライセンスサーバーへの接続を許可するようIT部門に依頼してください。
    .step-2 = もう一度お試しください。
# tls_failed · Network · ContactSupport
keyslot-tls-failed = ライセンスサーバーへの接続が安全ではありません
    .message = サーバーのセキュリティ証明書を検証できなかったため、アプリは何も送信せずに処理を中止しました。
    .step-1 = コンピューターの日付と時刻が正しいか確認してください。
    .step-2 = お使いのネットワークが暗号化された通信を検査している場合は、別のネットワークをお試しください。
    .step-3 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# timeout · Timeout · Retry
keyslot-timeout = ライセンスサーバーの応答に時間がかかりすぎています
    .message = 時間内に応答がありませんでした。サーバーが混み合っているか、接続が遅い可能性があります。
    .step-1 = 少し待ってから、もう一度お試しください。
    .step-2 = 繰り返し発生する場合は、接続を確認してください。
# bad_response · BadResponse · Retry
keyslot-bad-response = ライセンスサーバーの応答を読み取れませんでした
    .message = このコンピューターとサーバーの間で、応答が変更されたか途中で切れた可能性があります。
    .step-1 = もう一度お試しください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# response_tampered · Tampered · ContactSupport
keyslot-response-tampered = 応答を検証できませんでした
    .message = 応答にライセンスサーバーの有効な署名がなかったため、アプリは応答を信頼しませんでした。何も変更されていません。
    .step-1 = 別のネットワークからお試しください（通信内容を書き換えるネットワークもあります）。
    .step-2 = サポートレポートを添えてサポートにお問い合わせください。
# keychain_unavailable · KeychainUnavailable · ContactSupport
keyslot-keychain-unavailable = ライセンスを保存するキーチェーンがありません
    .message = アプリはライセンスキーをシステムのキーチェーンに保存しますが、このコンピューターでは利用できるキーチェーンがありません。
    .step-1 = Linuxの場合は、Secret Service対応のキーリング（gnome-keyringパッケージまたはKWallet）をインストールして起動してください。
    .step-2 = その後、アプリをもう一度開いてください。
# keychain_locked · KeychainUnavailable · Retry
keyslot-keychain-locked = キーチェーンがロックされています
    .message = ライセンスキーを保存しているシステムのキーチェーンがロックされています。
    .step-1 = キーチェーンのロックを解除してください（通常はサインインし直すと解除されます）。
    .step-2 = その後、もう一度お試しください。
# not_activated · NotActivated · Activate
keyslot-not-activated = このデバイスにはまだライセンスがありません
    .message = このデバイスはまだライセンスキーでアクティベートされていません。
    .step-1 = ライセンスキーを入力して、このデバイスをアクティベートしてください。
# invalid_key_format · InvalidKey · EnterNewKey
keyslot-invalid-key-format = ライセンスキーではないようです
    .message = ライセンスキーには使われない文字が含まれているか、長さが正しくありません。
    .step-1 = 購入時のメールからキーをコピーして貼り付けてください。
    .step-2 = 文字の抜けや余分な文字がないか確認してください。
# api_secret_missing · VendorCredentials · ContactSupport
keyslot-api-secret-missing = アプリがライセンスサーバーと通信できるように設定されていません
    .message = アプリがライセンスサーバーに接続するための認証情報が、このコンピューターにありません。
    .step-1 = アプリを再インストールするか、サポートレポートを添えてサポートにお問い合わせください。
# api_secret_rejected · VendorCredentials · ContactSupport
keyslot-api-secret-rejected = アプリの認証情報がサーバーと一致しません
    .message = ライセンスサーバーがアプリの署名を拒否しました。インストール時のシークレットが、サーバーが想定しているものと異なります。
    .step-1 = サポートレポートを添えてサポートにお問い合わせください。アプリには最新の認証情報が必要です。
# config_invalid · VendorCredentials · ContactSupport
keyslot-config-invalid = アプリの設定が無効です
    .message = アプリの設定ファイルに、使用できない値が含まれています。
    .step-1 = サポートレポートを添えてサポートにお問い合わせください。変更すべき点をご案内します。
# storage_failed · Unknown · ContactSupport
keyslot-storage-failed = アプリのデータを保存できませんでした
    .message = アプリが設定をディスクに書き込めませんでした。
    .step-1 = ディスクに空き容量があるか確認してください。
    .step-2 = もう一度お試しいただくか、サポートレポートを添えてサポートにお問い合わせください。
# not_supported · Unsupported · ContactSupport
keyslot-not-supported = この操作は別の場所で行います
    .message = お使いのライセンスサーバーでは、アプリからこの操作を行えません。ライセンスには問題ありません。
    .step-1 = お困りの場合は、サポートレポートを添えてサポートにお問い合わせください。
# lease_expired · Expired · CheckConnection
keyslot-lease-expired = ライセンスを引き続き使うにはインターネットに接続してください
    .message = このライセンスは許可された期間を超えてオフラインだったため、ライセンスサーバーで確認できるまで一時停止しています。データは失われません。
    .step-1 = このコンピューターをインターネットに接続してください。
    .step-2 = その後もう一度お試しいただくか、オンラインの状態でアプリを一度開いてください。
# lease_tampered · Tampered · Activate
keyslot-lease-tampered = このコンピューター上のライセンスを検証できません
    .message = 保存されたライセンスの証明が変更または破損しているため、アプリはそれを信頼しません。ライセンス自体には問題ありません。
    .step-1 = インターネットに接続し、ライセンスキーでもう一度アクティベートしてください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# lease_other_machine · MachineNotActivated · Activate
keyslot-lease-other-machine = このライセンスは別のコンピューターでアクティベートされています
    .message = 保存されたライセンスは別のコンピューターまたは別のキーのものなので、ここでは有効になりません。ライセンスをコピーしても、別のコンピューターには移行できません。
    .step-1 = ライセンスキーでこのコンピューターをアクティベートしてください。
    .step-2 = 利用枠がすべて使用中の場合は、先に古いコンピューターの利用枠を解放してください。
# clock_rolled_back · ClockSkew · SyncClock
keyslot-clock-rolled-back = コンピューターの時計が戻されています
    .message = 再起動後、このコンピューターの日付がライセンスの前回確認時より前になっているため、オフラインでライセンスを確認できません。
    .step-1 = コンピューターの日付と時刻を自動設定にしてください。
    .step-2 = または、インターネットに接続してください。ライセンスサーバーが時刻を正しく合わせます。
# clocks_apart · ClockSkew · SyncClock
keyslot-clocks-apart = コンピューターとライセンスサーバーの時計が大きくずれています
    .message = どちらかの時計が間違っているため、アプリはライセンスを安全に確認できません。何も変更されていません。
    .step-1 = コンピューターの日付、時刻、タイムゾーンが正しく、自動設定になっているか確認してください。
    .step-2 = 正しい場合は、ライセンスサーバーの時計が間違っています。サポートレポートを添えてサポートにお問い合わせください。

## Texts several codes share

# SigningRejected · ContactSupport
shared-bad-signature = ライセンスサーバーがこの要求を信頼しませんでした
    .message = アプリの要求の署名が拒否されました。ライセンスには問題なく、アプリの設定に問題があります。
    .step-1 = コンピューターの日付と時刻が自動設定になっているか確認してください。
    .step-2 = アプリを最新バージョンに更新してください。
    .step-3 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# ClockSkew · SyncClock
shared-stale-timestamp = コンピューターの時計がずれています
    .message = ライセンスサーバーは、サーバーの時計との差が5分以内の要求しか受け付けません。
    .step-1 = 日付と時刻の設定を開いてください。
    .step-2 = 「時刻を自動的に設定する」をオンにしてください。
    .step-3 = もう一度お試しください。
# InvalidRequest · ContactSupport
shared-malformed = サーバーがアプリの要求を受け付けませんでした
    .message = ライセンスではなく、アプリ側の問題です。
    .step-1 = アプリを最新バージョンに更新してください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# InvalidKey · EnterNewKey
shared-not-found-key = ライセンスキーが見つかりません
    .message = サーバーはこのキーを認識していません。入力ミスか、削除された可能性があります。
    .step-1 = 購入時のメールに記載されたキーと照合してください。できればコピーして貼り付けてください。
    .step-2 = 正しい場合は、サポートレポートを添えてサポートにお問い合わせください。
# Suspended · Renew
shared-inactive = このライセンスは現在有効ではありません
    .message = このライセンスは一時停止中か期限切れのため、現在は使用できません。
    .step-1 = 提供元のアカウントを確認してください。更新や支払いが必要な場合があります。
    .step-2 = 再び有効になったら、もう一度お試しください。
# RateLimited · Retry
shared-rate-limited = 試行回数が多すぎます
    .message = ライセンスサーバーから、少し間を空けるよう求められました。
    .step-1 = 少しお待ちください。アプリが自動的に再試行します。
# ServerMisconfigured · ContactSupport
shared-secret-not-set = ライセンスサーバーが正しく設定されていません
    .message = 問題は提供元側にあり、お客様側ではありません。このコンピューターで変更することはありません。
    .step-1 = サーバーを修正してもらうため、サポートレポートを添えてサポートにお問い合わせください。
# ServerUnavailable · Retry
shared-no-credits = 認証サービスが一時的に利用できません
    .message = ライセンスサービスは現在ライセンスを確認できません。お客様のライセンスの問題ではありません。
    .step-1 = 時間をおいてもう一度お試しください。アプリも自動的に再試行します。
    .step-2 = 数時間以上続く場合は、サポートレポートを添えてサポートにお問い合わせください。
# ServerUnavailable · Retry
shared-internal-error = ライセンスサーバーで問題が発生しています
    .message = サーバー側で問題が発生しました。お客様側の問題ではありません。通常はすぐに解消します。
    .step-1 = しばらくお待ちください。アプリが自動的に再試行します。
    .step-2 = 長く続く場合は、サポートレポートを添えてサポートにお問い合わせください。
# ServerUnavailable · ContactSupport
shared-app-disabled = 認証サービスが一時的に利用できません
    .message = ライセンスサービスは現在このアプリのライセンスを確認できません。お客様のライセンスの問題ではありません。
    .step-1 = 時間をおいてもう一度お試しください。
    .step-2 = 長く続く場合は、サポートレポートを添えてサポートにお問い合わせください。
# ServerUnavailable · Retry
shared-signing-unavailable = ライセンスサーバーで問題が発生しています
    .message = ライセンスサーバーの一部が一時的に停止しています。問題はサーバー側にあり、お客様側ではありません。
    .step-1 = しばらくお待ちください。アプリが自動的に再試行します。
    .step-2 = 長く続く場合は、サポートレポートを添えてサポートにお問い合わせください。
# InvalidRequest · ContactSupport
shared-no-active-org = ライセンスサーバーがこの要求を拒否しました
    .message = アプリが、このアプリ向けではなく提供元の管理画面向けの操作を要求しました。
    .step-1 = サポートレポートを添えてサポートにお問い合わせください。
# VendorCredentials · ContactSupport
shared-token-scope-denied = アプリにはこの操作の権限がありません
    .message = ライセンスサービスでアプリが正しく設定されていないため、この要求は拒否されました。お客様のライセンスの問題ではありません。
    .step-1 = アプリを最新バージョンに更新してください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# NotFound · EnterNewKey
shared-resource-not-found = ライセンスが見つかりません
    .message = 要求されたものがライセンスサーバーで見つかりませんでした。ライセンスキーの入力ミスか、削除された可能性があります。
    .step-1 = 購入時のメールに記載されたキーと照合してください。できればコピーして貼り付けてください。
    .step-2 = 正しい場合は、サポートレポートを添えてサポートにお問い合わせください。
# MachineNotActivated · Activate
shared-no-seat = このデバイスはアクティベートされていません
    .message = ライセンスには問題ありませんが、このデバイスは利用枠を使用していません（解放された可能性があります）。
    .step-1 = このデバイスをもう一度アクティベートしてください。キーは保存されたままです。
# VendorCredentials · ContactSupport
shared-unauthorized = アプリがライセンスサービスにサインインできませんでした
    .message = ライセンスサーバーがアプリのサインインを受け付けませんでした。通常はライセンスではなく、アプリの設定の問題です。
    .step-1 = ライセンスキーが正しく入力されているか確認してください。
    .step-2 = アプリを最新バージョンに更新してください。
    .step-3 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# Conflict · ContactSupport
shared-state-conflict = 現在この操作はできません
    .message = ライセンスの現在の状態のため、ライセンスサーバーが変更を拒否しました。
    .step-1 = 表示を更新して、ライセンスの状態を確認してください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。

## Codes no table knows, by HTTP status

# Some(401) · VendorCredentials · ContactSupport
fallback-401 = ライセンスサーバーにサインインできませんでした
    .message = ライセンスサーバーがこのアプリの認証情報を受け付けませんでした。
    .step-1 = アプリが最新の状態か確認してください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# Some(403) · Blocked · ContactSupport
fallback-403 = アクセスが拒否されました
    .message = ライセンスサーバーがこの要求を拒否しました。
    .step-1 = 正しいライセンスキーを使用しているか確認してください。
    .step-2 = サポートレポートを添えてサポートにお問い合わせください。
# Some(404) · NotFound · EnterNewKey
fallback-404 = ライセンスが見つかりません
    .message = 要求されたものがライセンスサーバーで見つかりませんでした。
    .step-1 = ライセンスキーに入力ミスがないか確認してください。
    .step-2 = 正しい場合は、サポートレポートを添えてサポートにお問い合わせください。
# Some(409) | Some(422) · Conflict · ContactSupport
fallback-conflict = 現在この操作はできません
    .message = ライセンスの現在の状態では、ライセンスサーバーが変更を受け付けませんでした。
    .step-1 = 表示を更新して、もう一度お試しください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# Some(429) · RateLimited · Retry
fallback-429 = 試行回数が多すぎます
    .message = ライセンスサーバーから、間を空けるよう求められました。
    .step-1 = しばらくお待ちください。アプリが自動的に再試行します。
# Some(400..=499) · InvalidRequest · ContactSupport
fallback-4xx = サーバーがアプリの要求を受け付けませんでした
    .message = ライセンスではなく、アプリ側の問題です。
    .step-1 = アプリを最新バージョンに更新してください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# Some(500..=599) · ServerUnavailable · Retry
fallback-5xx = ライセンスサーバーで問題が発生しています
    .message = 問題はサーバー側にあり、お客様側ではありません。通常はすぐに解消します。
    .step-1 = 1分ほど待ってから、もう一度お試しください。
    .step-2 = 長く続く場合は、サポートレポートを添えてサポートにお問い合わせください。
# _ · Unknown · ContactSupport
fallback-unknown = 予期しない問題が発生しました
    .message = ライセンスサーバーから、アプリが認識できない応答がありました。
    .step-1 = もう一度お試しください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# lease_file_malformed · InvalidRequest · Retry
keyslot-lease-file-malformed = ライセンスファイルではありません
    .message = 入力されたテキストまたはファイルは、オフラインページから受け取ったライセンスの全体ではありません。何も変更されていません。
    .step-1 = オフラインページのライセンスのテキストをすべてコピーするか、ページから受け取った keyslot.lease ファイルを選んでください。
    .step-2 = その後、もう一度インポートしてください。
# lease_file_tampered · Tampered · ContactSupport
keyslot-lease-file-tampered = このライセンスファイルを検証できません
    .message = ライセンスファイルが途中で変更されたか、ベンダー以外から来たものなので、アプリはそれを信頼しません。何も変更されていません。
    .step-1 = オフラインページから新しいライセンスファイルを受け取り、それをインポートしてください。
    .step-2 = 繰り返し発生する場合は、サポートレポートを添えてサポートにお問い合わせください。
# lease_file_other_machine · DeviceMismatch · Retry
keyslot-lease-file-other-machine = このライセンスファイルは別のコンピューター用です
    .message = このライセンスファイルは別のコンピューターのリクエストコードから作られたため、ここでは有効になりません。何も変更されていません。
    .step-1 = このコンピューターでリクエストコードを作り、オフラインページに持って行ってください。
    .step-2 = その後、ページから受け取ったライセンスファイルをインポートしてください。
# lease_file_other_key · InvalidKey · Retry
keyslot-lease-file-other-key = このライセンスファイルは別のライセンスキー用です
    .message = このライセンスファイルは、このコンピューターのリクエストのライセンスキーと一致しません。何も変更されていません。
    .step-1 = このコンピューターでライセンスキーを使ってリクエストコードを作り、オフラインページに持って行ってください。
    .step-2 = その後、ページから受け取ったライセンスファイルをインポートしてください。
# lease_file_expired · Expired · Retry
keyslot-lease-file-expired = このライセンスファイルはすでに期限が切れています
    .message = このライセンスファイルの有効期間は限られており、その期間は終わりました。何も変更されていません。
    .step-1 = このコンピューターで新しいリクエストコードを作り、オフラインページに持って行ってください。
    .step-2 = その後、ページから受け取った新しいライセンスファイルをインポートしてください。
# no_lease_keys · VendorCredentials · ContactSupport
keyslot-no-lease-keys = アプリはライセンスファイルを確認できません
    .message = アプリにベンダーの公開鍵が設定されていないため、本物のライセンスファイルと偽物を見分けられません。
    .step-1 = ベンダーのサポートにお問い合わせください。オフラインで使うには、ベンダーの鍵をアプリに設定する必要があります。

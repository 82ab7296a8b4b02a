# 用語集（ja）、です・ます調（catalog.ftl・core.ftlと同じ）:
#   license = ライセンス · license key = ライセンスキー · seat = 利用枠
#   device = デバイス · activate = アクティベート · free a seat = 利用枠を解放する
#   license server = ライセンスサーバー · provider = ライセンスサービス · vendor = 提供元
#   support report = サポートレポート · keychain = キーチェーン
#   lease = オフラインライセンス · grace period = 猶予期間
#   fingerprint = フィンガープリント · request = リクエスト · log = ログ

# The desktop window's own words (ui/, read with @fluent/bundle). Texts that
# come from Rust are elsewhere: the error catalog (catalog.ftl) and the core's
# shared words (core.ftl: spans of time, the lease); the window reuses those.
# Ids start with the view or component that shows them. Messages with
# `{ $variable }` get their values from the window; a `.busy` attribute is
# what a button says while its action runs.

## Shared words

common-cancel = キャンセル
common-copy = コピー
common-copied = コピーしました
common-checking = 確認中…
common-loading = 読み込み中…
# A number of seats, as the License, Devices and Support views show it.
# Japanese has no plural forms: one form for every number.
seats-used = 利用枠{ $total }のうち{ $used }を使用中
# What the server says the license is in (License, Support).
license-state-active = 有効
license-state-suspended = 一時停止中
license-state-expired = 期限切れ
license-state-revoked = 取り消し済み
# $span: a span of time from core.ftl's time-span, e.g. "7 minutes".
clock-off = このコンピューターの時計は{ $span }{ $direction ->
        [fast] 進んでいます。
       *[slow] 遅れています。
    }
clock-matches = このコンピューターの時計はサーバーと一致しています。
# A time a moment ago; longer ones are said by the system's own wording ("5 minutes ago").
time-just-now = たった今
# A field and its value, one to a line, in text copied for support.
field-line = { $label }：{ $value }

## The window's frame: navigation and start-up

# The product's name.
app-name = Keyslot
# The navigation bar, for screen readers.
nav-label = メインナビゲーション
nav-license = ライセンス
nav-devices = デバイス
nav-activate = アクティベート
nav-support = サポート
nav-about = アプリ情報
# The language picker in the navigation bar; the languages are listed by their own names.
language-picker-label = 言語
app-starting = ライセンスを確認中…
app-startup-error-title = Keyslotでライセンスを確認できませんでした
# Shown under the start-up error; a link to Activate follows.
app-have-key = ライセンスキーをお持ちですか？
app-go-activate = このデバイスをアクティベート

## The one button an error offers (by the error's action)

action-free-slot = 利用枠を解放
action-activate = このデバイスをアクティベート
action-retry = もう一度試す
action-sync-clock = 日付と時刻の設定を開く
action-enter-new-key = 別のキーを入力
action-renew = ライセンスを更新
action-contact-support = サポートを受ける
action-sign-in = もう一度サインイン
# The button waits until the server allows another try. $action: the button's label; $wait: e.g. "30 seconds".
action-wait = { $action }（あと{ $wait }）
# Shown when Keyslot can't do the action itself.
action-sync-clock-instruction = Keyslotからシステム設定を開けません。システム設定で「日付と時刻」を開き、「時刻を自動的に設定」をオンにして（または時刻を直して）から、ここに戻ってもう一度お試しください。
action-renew-instruction = ライセンスを購入した場所で更新してください（リンクは購入時のメールか、提供元のサイトのアカウントにあります）。その後、ここに戻ってもう一度お試しください。

## Error view

error-busy = 処理中…
# A collapsed block for support staff: where the raw error code is.
error-details = サポート向けの詳細
error-details-error = エラー
error-details-provider = ライセンスサービス
error-details-code = コード
error-details-http-status = HTTPステータス
error-details-request-id = リクエストID
error-details-time = 日時
error-details-none = なし
# A problem with one field of the request, as the server named it.
error-details-field = フィールド{ $field }
error-copy-failed = コピーできませんでした。上のテキストを選択してコピーしてください。

# When the window gets no answer from the app itself (not a license problem).
ipc-failure = Keyslotの内部で問題が発生しました
    .message = Keyslotのウィンドウがアプリから応答を受け取れませんでした。
    .step-1 = もう一度お試しください。
    .step-2 = 再び発生する場合は、Keyslotを閉じてから開き直してください。
    .step-3 = それでも解決しない場合は、「サポート」ページでサポートレポートをコピーし、サポートに送ってください。

## Confirmation dialog and device list (Devices, and freeing a slot on Activate)

devices-this-device = このデバイス
# $date: when the device took its seat.
devices-activated = { $date }にアクティベート
# $when: e.g. "5 minutes ago".
devices-last-seen = 最終接続：{ $when }
devices-free-button = 解放
    .busy = 解放中…
    .aria-label = { $name }の利用枠を解放
    .busy-aria-label = { $name }の利用枠を解放中
devices-empty = 利用枠を使用しているデバイスはありません。
devices-confirm-title = 「{ $name }」の利用枠を解放しますか？
devices-confirm-button = 利用枠を解放
devices-confirm-body = 「{ $name }」（{ $platform }）のアクティベートが解除されます。利用枠に空きがあれば、後でもう一度アクティベートできます。

## Activate

activate-title = このデバイスをアクティベート
activate-lead = このコンピューターで使うライセンスキーを入力してください。
activate-key-label = ライセンスキー
    .placeholder = XXXX-XXXX-XXXX-XXXX
activate-button = アクティベート
    .busy = アクティベート中…
# Under the key field, as the user types.
activate-hint-ok = Enterキーを押すか、「アクティベート」をクリックしてください。
activate-hint-empty = 購入時のメールにあるライセンスキーを貼り付けてください。
# Japanese has no plural forms: one form for every number.
activate-hint-too-short = ライセンスキーとしては短すぎます（{ $min }文字以上）。
activate-hint-too-long = ライセンスキーとしては長すぎます（{ $max }文字以内）。
activate-hint-bad-characters = ライセンスキーに使える文字は英字、数字、「-」、「_」だけです。途中にスペースや他の文字が入っていないか確認してください。
# When all seats are taken and the server neither lists devices nor says where to free one.
activate-free-elsewhere = ライセンスのデバイスを1台解放するよう、提供元に依頼してください。
activate-demo-title = デモキーを試す
activate-demo-lead = デモモード：これらのキーはKeyslot内のテストサーバー用です。選ぶとキーが入力されます。

## Free a slot (on Activate, when every seat of the key is taken)

free-slot-title = 利用枠を解放
free-slot-loading = このキーを使っているデバイスを読み込み中…
# $hint: the key's last characters, e.g. "…ABCD"; $seats: seats-used.
free-slot-summary = キー{ $hint }：{ $seats }。
free-slot-choose = 使わなくなったデバイスの利用枠を解放してください。その後、同じキーでこのデバイスがアクティベートされます。
free-slot-freeing = 利用枠を解放中…
free-slot-activating = 「{ $name }」を解放しました。このデバイスをアクティベート中…

## License

license-title = お使いのライセンス
# The license server can't be reached; the license holds by its lease. $until: a day, e.g. "Fri, Dec 11".
license-offline-line = オフライン・{ $until }まで使用できます
license-last-confirmed = 最終確認：{ $date }
license-check-now = 今すぐ確認
    .busy = 確認中…
license-still-offline = ライセンスサーバーにまだ接続できません。Keyslotが引き続き接続を試みます。
license-state = 状態
license-seats = 利用枠
license-expiry = 有効期限
license-expires-on = { $date }まで有効
license-expired-on = { $date }に期限切れ
license-never-expires = 無期限
license-this-device = このデバイス
license-key = キー
# $offset: clock-off, e.g. "Your computer's clock is 3 minutes slow."
license-clock-note = { $offset }Keyslotはこのずれを許容しますが、時計を自動で合わせる設定にしておくと、アクティベートの問題を防げます。
license-devices = デバイス
license-support = サポート
license-forget-button = このデバイスからライセンスを削除
    .busy = 削除中…
license-confirm-title = このデバイスからライセンスを削除しますか？
license-confirm-button = ライセンスを削除
license-confirm-frees = 「{ $name }」の利用枠が解放され、別のデバイスで使えるようになります。このデバイスは後でキーを使ってもう一度アクティベートできます。
# The license server keeps the seat and says where it is freed instead. $where: its sentence (core.ftl's free-seat-*).
license-confirm-keeps = 「{ $name }」からライセンスを削除します。ただし、このデバイスの利用枠はライセンスサーバー上で使用中のままです。{ $where }
# The license server keeps the seat and doesn't say where it is freed instead.
license-confirm-keeps-ask-vendor = 「{ $name }」からライセンスを削除します。ただし、このデバイスの利用枠はライセンスサーバー上で使用中のままです。解放は提供元に依頼してください。

## Devices

devices-title = デバイス
devices-refresh = 再読み込み
# $hint: the key's last characters, e.g. "…ABCD"; $seats: seats-used.
devices-summary = キー{ $hint }：{ $seats }
devices-freed = 「{ $name }」の利用枠を解放しました。{ seats-used }です。
devices-loading = デバイスを読み込み中…
# $page: a link to the License page, devices-license-link.
devices-this-device-hint = このデバイスの利用枠を解放するには、{ $page }ページの「{ license-forget-button }」を使ってください。
devices-license-link = ライセンス

## Support

support-title = サポート
support-rerun = もう一度確認
    .busy = 確認中…
support-report-lead = サポートレポートを、対応してくれる担当者に送ってください。このコンピューター、ライセンスサーバー、最近のリクエストの情報が含まれます。キー全体や秘密の情報が含まれることはありません。
support-report-last-error = 最後に表示されたエラー「{ $title }」も含まれます。
support-copy-report = サポートレポートをコピー
    .busy = レポートを準備中…
support-copied = コピーしました。サポートへのメッセージに貼り付けてください。
support-copy-manual = Keyslotがクリップボードにアクセスできませんでした。下のレポートは選択済みです。Ctrl+C（Macでは⌘C）を押してコピーしてください。
support-report = サポートレポート
support-checking = サーバー、時計、キーチェーン、デバイスのフィンガープリントを確認中…
# Above the most likely cause of trouble.
support-next-step = 次の手順
support-no-problem = 問題は見つかりませんでした。すべてのチェックに合格し、最後のリクエストも成功しています。
support-checks = チェック項目
support-server = ライセンスサーバー
support-server-reachable = 接続可能
support-server-unreachable = 接続不可
support-server-detail = （{ $server }、{ $provider }）
# A problem's title and message, from the error catalog.
support-problem = { $title }。{ $message }
support-signing-keys = 署名鍵
support-signing-keys-pinned = 固定済み（{ $count }）
support-signing-keys-fetched = サーバーから取得（固定なし）
support-signing-keys-advice = 応答が提供元からのものだと証明できるのは、固定された鍵だけです。提供元に鍵を問い合わせてください。
support-clock = 時計
support-keychain = キーチェーン
support-keychain-ok = 正常
support-keychain-unavailable = 利用不可
support-fingerprint = デバイスのフィンガープリント
support-fingerprint-unchanged = アクティベート以降変更なし
# $components: the names of the parts that changed, e.g. "disk, cpu".
support-fingerprint-changed = アクティベート以降に変更あり：{ $components }
support-fingerprint-made-from = （{ $components }から生成）
support-license = ライセンス
# $state: e.g. "Active"; $seats: seats-used; $date: the day the license expires.
support-license-summary-expires = { $state }、{ $seats }、期限：{ $date }
# $state: e.g. "Active"; $seats: seats-used.
support-license-summary-never-expires = { $state }、{ $seats }、無期限
support-license-none = このデバイスではアクティベートされていません
# $hint: the key's last characters, e.g. "…ABCD".
support-license-key = キー{ $hint }
# $id: this device's activation id.
support-license-activation = アクティベーション{ $id }
support-version = バージョン{ $version }（{ $platform }）
support-recent = 最近のリクエスト
# $keyslot: the command line's name, `keyslot`.
support-recent-caption = このアプリとコマンドライン（{ $keyslot }）がライセンスサーバーに送ったリクエストです（新しい順）。
support-recent-none = リクエストはまだありません。
support-recent-time = 日時
support-recent-request = リクエスト
support-recent-outcome = 結果
support-recent-latency = 応答時間
support-recent-request-id = リクエストID
support-recent-attempt = { $attempt }回目
# A request the support page (or `keyslot doctor`) made, not the user.
support-recent-probe = サポートチェック
    .title = サーバーのチェック（このページまたはコマンドライン）によるもので、お客様の操作ではありません
# $code: the raw error code.
support-recent-failed = { $code }（HTTP { $status }）
# A request that succeeded. $status: its HTTP status, e.g. 200.
support-recent-ok = 成功（HTTP { $status }）
support-recent-no-answer = 応答なし
support-recent-ms = { $ms }ミリ秒
support-recent-no-id = なし
support-lease = オフラインライセンス
support-lease-stage = 状態
support-lease-stage-valid = 有効
support-lease-stage-grace = 猶予期間中
support-lease-stage-other = 無効
support-lease-confirmed = 発行日時（最終確認）
support-lease-renews = 次回更新
support-lease-ends = 終了
support-lease-grace-ends = 猶予期間の終了
support-lease-connection = 接続
support-lease-offline = オフライン：このコンピューターに保存されたオフラインライセンスの情報を表示しています
support-lease-online = ライセンスサーバーで確認済み
support-lease-key = 署名に使った鍵
support-lease-trusted-time = 信頼できる時刻
# $clock: this computer's clock, a date and time.
support-lease-wall-clock = （このコンピューターの時計：{ $clock }）

## About

about-title = Keyslotについて
about-reading = Keyslotの設定を読み込み中…
about-reading-busy = 読み込み中…
about-version = バージョン
about-server = ライセンスサーバー
about-server-none = 未設定
about-provider = ライセンスサービス
about-provider-demo = このコンピューター上のデモサーバー
about-provider-none = なし
about-files = ファイル
about-log-dir = ログフォルダー
    .copy = ログフォルダーのパスをコピー
about-state-dir = 状態フォルダー
    .copy = 状態フォルダーのパスをコピー
about-lease-file = オフラインライセンスのファイル
    .copy = オフラインライセンスのファイルのパスをコピー
about-copy-failed = コピーできませんでした。パスを選択してコピーしてください。
about-open-logs = ログフォルダーを開く
    .busy = 開いています…
# $path: the log folder.
about-open-failed = Keyslotはここでファイルマネージャーを開けませんでした。ログは{ $path }にあります。パスをコピーして、ご自身で開いてください。

## Without internet: Activate's "This computer has no internet" and License's
## "Renew offline" open the offline request panel (a request code for the
## vendor's offline page, then the license file it gives back, imported)

activate-no-internet = このコンピューターはインターネットに接続していません
activate-no-internet-needs-key = 先にライセンスキーを入力してください。リクエストコードはそのキーに対して作成されます。
license-activated-offline = オフラインでアクティベート済み
    .detail = ベンダーのオフラインページで発行されたライセンスファイルによるものです。
license-renew-offline = オフラインで更新
offline-activate-title = インターネットなしでアクティベート
offline-renew-title = インターネットなしで更新
offline-making = リクエストコードを作成中…
# The QR code's text alternative: the code it holds is written out below it.
offline-qr = オフラインページのアドレスとこのコンピューターのリクエストコードを含む QR コード（同じコードを下にも表示しています）
# $page: the offline page's address.
offline-step-1 = スマートフォンで QR コードを読み取るか、インターネットに接続できる別のコンピューターで { $page } を開きます。
offline-step-2 = リクエストコードが入力されていなければ、そのページで入力して送信します。
offline-step-3 = ページで受け取ったライセンスファイルをこのコンピューターに持ち帰り、ここでインポートします。
offline-code-label = リクエストコード
# $date: a date and time.
offline-code-until = オフラインページは { $date } までこのコードを受け付けます。
offline-save = ファイルに保存…
    .busy = 保存中…
offline-saved = 保存しました。
# The title of the system's save dialog.
offline-save-title = リクエストコードを保存
offline-copy-failed = コピーできませんでした。コードを選択して手動でコピーしてください。
offline-import-title = ライセンスをインポート
offline-import-label = ライセンスファイル
offline-import-hint = ライセンスファイルのテキストをすべて貼り付けるか、ファイルを選択してください。
offline-import-button = インポート
    .busy = インポート中…
offline-choose-file = ファイルを選択…
# The title of the system's open dialog.
offline-choose-file-title = ライセンスファイルを選択
offline-close = 閉じる

# エラーカタログ以外のコアの文言（原文: locales/en/core.ftl）。

## 言語

language-name = 日本語

## 日付と期間

weekday-short = { $weekday ->
        [1] 月
        [2] 火
        [3] 水
        [4] 木
        [5] 金
        [6] 土
       *[7] 日
    }
month-short = { $month ->
        [1] 1月
        [2] 2月
        [3] 3月
        [4] 4月
        [5] 5月
        [6] 6月
        [7] 7月
        [8] 8月
        [9] 9月
        [10] 10月
        [11] 11月
       *[12] 12月
    }
date = { $year }年{ $month }{ $day }日（{ $weekday }）
time-span = { $unit ->
        [days] { $count }日
        [hours] { $count }時間
        [minutes] { $count }分
       *[seconds] { $count }秒
    }

## オフラインライセンス（`keyslot check`）

lease-valid = ライセンス認証済み：{ $until }までオフラインで使えます。
lease-grace = このライセンスを使い続けるには、{ $left }以内（{ $until }まで）にインターネットに接続してください。
lease-licensed = ライセンス認証済みです。

## ライセンスサーバーが利用枠を解放する場所

free-seat-here = 利用枠は Keyslot の「デバイス」ページで解放できます（または `keyslot devices` の後に `keyslot free ID`）。
free-seat-geckoguard = 提供元のカスタマーポータルでデバイスを解放してください。ポータルにサインインし、ライセンスのデバイス（ハードウェアID）をリセットします。
free-seat-appauth = このライセンスは提供元によってデバイスに紐付けられています。別のデバイスに移すには、提供元のサポートに紐付けのリセットを依頼してください。

## サポートページの次の手順：原因を示すもの

evidence-keychain = キーチェーンが応答しませんでした
evidence-unreachable = { $server } が応答しませんでした
evidence-check-answered = { $server } の確認結果は { $code } でした
evidence-clock-refused = サーバーがこのコンピューターの時刻を拒否しました
evidence-clock-ahead = このコンピューターの時計はサーバーより { $secs } 秒進んでいます
evidence-clock-behind = このコンピューターの時計はサーバーより { $secs } 秒遅れています
evidence-last-failure = { $times ->
        [1] { $when } に { $code }
       *[other] { $code } が { $times } 回、最後は { $when }
    }

## デモキー（「デモキーを試す」）

demo-key-ks-demo-free-seat = 利用枠3、空き1
demo-key-ks-demo-all-in-use = 利用枠3、すべて使用中
demo-key-ks-demo-suspended = 一時停止中
demo-key-ks-demo-revoked = 取り消し済み
demo-key-ks-demo-expired = 期限切れ

## エラーの下に表示するコマンドラインの行

error-retry-after = { $left }後にもう一度お試しください。
error-clock-fast = このコンピューターの時計は{ $span }進んでいます。
error-clock-slow = このコンピューターの時計は{ $span }遅れています。

## Offline activation (a request code carried to the vendor's offline page)
offline-unsupported = このライセンスサーバーにはオフラインページがありません。このコンピューターがインターネットに接続しているときにアクティベートするか、ベンダーにお問い合わせください。

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace CrmBridge.Alerts.Channels;

/// <summary>
/// DingTalk (钉钉) custom robot: <c>{"msgtype":"markdown","markdown":{"title","text"}}</c>. With a 加签 secret the URL gets
/// <c>&amp;timestamp=</c> (ms) and <c>&amp;sign=</c> = url-encode(base64(HmacSHA256(key: secret, data: timestamp + "\n" + secret))).
/// It answers <c>{"errcode":0,"errmsg":"ok"}</c>.
/// </summary>
internal sealed class DingTalkChannel(IHttpClientFactory http, Uri url, string? secret, TimeProvider time) : IAlertChannel
{
    public string Name => "DingTalk";

    public Task SendAsync(Alert alert, CancellationToken cancellationToken) =>
        WebhookPoster.PostAsync(http.CreateClient(WebhookPoster.ClientName), Name, SignedUrl(url, secret, time.GetUtcNow()), Body(alert), "errcode", cancellationToken);

    /// <summary>The request body.</summary>
    public static JsonObject Body(Alert alert) => new()
    {
        ["msgtype"] = "markdown",
        ["markdown"] = new JsonObject { ["title"] = alert.Headline, ["text"] = AlertText.Markdown(alert) },
    };

    /// <summary>The webhook URL with <c>timestamp</c> and <c>sign</c> appended (unchanged without a secret).</summary>
    public static Uri SignedUrl(Uri url, string? secret, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return url;
        }

        var timestamp = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var sign = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "\n" + secret)));
        var separator = string.IsNullOrEmpty(url.Query) ? "?" : "&";
        return new Uri($"{url}{separator}timestamp={timestamp}&sign={Uri.EscapeDataString(sign)}");
    }
}

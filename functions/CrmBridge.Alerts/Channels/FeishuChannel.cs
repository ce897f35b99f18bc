using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace CrmBridge.Alerts.Channels;

/// <summary>
/// Feishu/Lark (飞书) custom bot: an interactive card (<c>msg_type: interactive</c>, red or green header, lark_md body).
/// With a signature secret the body carries <c>timestamp</c> (seconds) and <c>sign</c> =
/// base64(HmacSHA256(key: timestamp + "\n" + secret, data: empty)). It answers <c>{"code":0,"msg":"success"}</c>.
/// </summary>
internal sealed class FeishuChannel(IHttpClientFactory http, Uri url, string? secret, TimeProvider time) : IAlertChannel
{
    public string Name => "Feishu";

    public Task SendAsync(Alert alert, CancellationToken cancellationToken) =>
        WebhookPoster.PostAsync(http.CreateClient(WebhookPoster.ClientName), Name, url, Body(alert, secret, time.GetUtcNow()), "code", cancellationToken);

    /// <summary>The request body.</summary>
    public static JsonObject Body(Alert alert, string? secret, DateTimeOffset now)
    {
        var lines = new StringBuilder(alert.Text).Append('\n');
        foreach (var fact in AlertText.Facts(alert))
        {
            lines.Append("**").Append(fact.Key).Append("**: ").Append(fact.Value).Append('\n');
        }

        var body = new JsonObject();
        if (!string.IsNullOrEmpty(secret))
        {
            var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            body["timestamp"] = timestamp;
            body["sign"] = Sign(timestamp, secret);
        }

        body["msg_type"] = "interactive";
        body["card"] = new JsonObject
        {
            ["header"] = new JsonObject
            {
                ["title"] = new JsonObject { ["tag"] = "plain_text", ["content"] = alert.Headline },
                ["template"] = alert.Recovery ? "green" : "red",
            },
            ["elements"] = new JsonArray
            {
                new JsonObject { ["tag"] = "div", ["text"] = new JsonObject { ["tag"] = "lark_md", ["content"] = lines.ToString().TrimEnd() } },
            },
        };
        return body;
    }

    /// <summary>Feishu's signature: the key is timestamp + "\n" + secret, the data is empty.</summary>
    public static string Sign(string timestamp, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(timestamp + "\n" + secret), Array.Empty<byte>()));
}

using System.Text.Json.Nodes;

namespace CrmBridge.Alerts.Channels;

/// <summary>WeCom (企业微信) group robot: <c>{"msgtype":"markdown","markdown":{"content":…}}</c>; it answers <c>{"errcode":0,"errmsg":"ok"}</c>.</summary>
internal sealed class WeComChannel(IHttpClientFactory http, Uri url) : IAlertChannel
{
    /// <summary>WeCom's limit on markdown content, in UTF-8 bytes.</summary>
    public const int MaxContentBytes = 4096;

    public string Name => "WeCom";

    public Task SendAsync(Alert alert, CancellationToken cancellationToken) =>
        WebhookPoster.PostAsync(http.CreateClient(WebhookPoster.ClientName), Name, url, Body(alert), "errcode", cancellationToken);

    /// <summary>The request body; the headline coloured with WeCom's <c>font color</c> (warning or info).</summary>
    public static JsonObject Body(Alert alert)
    {
        var color = alert.Recovery ? "info" : "warning";
        var content = $"**<font color=\"{color}\">{alert.Headline}</font>**\n\n" + AlertText.MarkdownBody(alert);
        while (System.Text.Encoding.UTF8.GetByteCount(content) > MaxContentBytes)
        {
            content = content[..(content.Length * 9 / 10)];
        }

        return new JsonObject { ["msgtype"] = "markdown", ["markdown"] = new JsonObject { ["content"] = content } };
    }
}

using System.Text.Json.Nodes;

namespace CrmBridge.Alerts.Channels;

/// <summary>
/// Microsoft Teams: a message with one Adaptive Card attachment (headline, text, FactSet), the body both a Workflows
/// "Send webhook alerts to a channel" flow and a classic incoming webhook accept.
/// </summary>
internal sealed class TeamsChannel(IHttpClientFactory http, Uri url) : IAlertChannel
{
    public string Name => "Teams";

    public Task SendAsync(Alert alert, CancellationToken cancellationToken) =>
        WebhookPoster.PostAsync(http.CreateClient(WebhookPoster.ClientName), Name, url, Body(alert), null, cancellationToken);

    /// <summary>The request body.</summary>
    public static JsonObject Body(Alert alert)
    {
        var facts = new JsonArray();
        foreach (var fact in AlertText.Facts(alert))
        {
            facts.Add(new JsonObject { ["title"] = fact.Key, ["value"] = fact.Value });
        }

        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = new JsonArray
            {
                new JsonObject
                {
                    ["type"] = "TextBlock", ["text"] = alert.Headline, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true,
                    ["color"] = alert.Recovery ? "Good" : "Attention",
                },
                new JsonObject { ["type"] = "TextBlock", ["text"] = alert.Text, ["wrap"] = true },
                new JsonObject { ["type"] = "FactSet", ["facts"] = facts },
            },
        };
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["contentUrl"] = null, ["content"] = card },
            },
        };
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Alerts.Channels;

/// <summary>Posts a JSON body to a chat webhook and reads the service's answer envelope.</summary>
internal static class WebhookPoster
{
    /// <summary>The named HTTP client every webhook channel uses (handler lifetime from the factory).</summary>
    public const string ClientName = "CrmBridge.Alerts";

    /// <summary>
    /// Posts <paramref name="body"/>; a non-2xx status, or an answer whose <paramref name="codeField"/> is not 0
    /// (WeCom and DingTalk <c>errcode</c>, Feishu <c>code</c>; they answer HTTP 200 with an error code), fails.
    /// </summary>
    public static async Task PostAsync(HttpClient client, string channel, Uri url, JsonObject body, string? codeField, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.PostAsJsonAsync(url, body, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new AlertDeliveryException($"Alert channel {channel}: {url.Host} could not be reached ({ex.Message}); check Alerts:{channel}:WebhookUrl and the network.", ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new AlertDeliveryException($"Alert channel {channel}: HTTP {(int)response.StatusCode} from {url.Host}: {Shorten(text)}; check Alerts:{channel}:WebhookUrl.");
            }

            if (codeField is not null && Code(text, codeField) is { } code && code != 0)
            {
                throw new AlertDeliveryException($"Alert channel {channel}: {url.Host} refused the message ({codeField} {code}: {Shorten(text)}); check the webhook URL, its secret and the bot's security settings.");
            }
        }
    }

    private static long? Code(string text, string field)
    {
        try
        {
            return JsonNode.Parse(text)?[field]?.GetValue<long>();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}

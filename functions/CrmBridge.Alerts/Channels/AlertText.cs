using System.Globalization;
using System.Text;

namespace CrmBridge.Alerts.Channels;

/// <summary>Renders an alert as Markdown or plain text, shared by the channels that take text.</summary>
internal static class AlertText
{
    /// <summary>Markdown: bold headline, the text, one "- **name**: value" line per fact.</summary>
    public static string Markdown(Alert alert) => "### " + alert.Headline + "\n\n" + MarkdownBody(alert);

    /// <summary>Markdown without the headline: the text, one "- **name**: value" line per fact.</summary>
    public static string MarkdownBody(Alert alert)
    {
        var text = new StringBuilder();
        text.Append(alert.Text).Append("\n\n");
        foreach (var fact in Facts(alert))
        {
            text.Append("- **").Append(fact.Key).Append("**: ").Append(fact.Value).Append('\n');
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>Plain text: headline, text, one "name: value" line per fact.</summary>
    public static string Plain(Alert alert)
    {
        var text = new StringBuilder();
        text.Append(alert.Headline).Append('\n').Append(alert.Text).Append('\n');
        foreach (var fact in Facts(alert))
        {
            text.Append(fact.Key).Append(": ").Append(fact.Value).Append('\n');
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>The alert's facts plus when it was seen and how many alerts the rate limit held back.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Facts(Alert alert)
    {
        foreach (var fact in alert.Facts)
        {
            yield return fact;
        }

        yield return new("Seen at", alert.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        if (alert.Suppressed > 0)
        {
            yield return new("Held back", $"{alert.Suppressed} further alert(s) in the last hour (rate limit)");
        }
    }
}

using CrmBridge.Alerts.Channels;
using Microsoft.Extensions.Options;

namespace CrmBridge.Alerts;

/// <summary>The channels <see cref="AlertsOptions"/> turns on (a webhook URL, or an SMTP host and recipients).</summary>
public static class AlertChannels
{
    /// <summary>Builds the configured channels.</summary>
    /// <param name="options">The options.</param>
    /// <param name="http">The HTTP client factory (named client <c>CrmBridge.Alerts</c>).</param>
    /// <param name="time">The clock (signatures carry timestamps).</param>
    /// <returns>The channels, possibly none.</returns>
    public static IReadOnlyList<IAlertChannel> Create(IOptions<AlertsOptions> options, IHttpClientFactory http, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        var channels = new List<IAlertChannel>();
        if (o.Teams.WebhookUrl is { } teams)
        {
            channels.Add(new TeamsChannel(http, teams));
        }

        if (o.WeCom.WebhookUrl is { } wecom)
        {
            channels.Add(new WeComChannel(http, wecom));
        }

        if (o.DingTalk.WebhookUrl is { } ding)
        {
            channels.Add(new DingTalkChannel(http, ding, o.DingTalk.Secret, time));
        }

        if (o.Feishu.WebhookUrl is { } feishu)
        {
            channels.Add(new FeishuChannel(http, feishu, o.Feishu.Secret, time));
        }

        if (!string.IsNullOrWhiteSpace(o.Email.Host) && !string.IsNullOrWhiteSpace(o.Email.To))
        {
            channels.Add(new EmailChannel(o.Email));
        }

        return channels;
    }
}

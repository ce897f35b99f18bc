using Microsoft.Extensions.Logging;

namespace CrmBridge.Alerts;

/// <summary>Source-generated log messages of the alerts (ids and codes, never personal data).</summary>
internal static partial class AlertsLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Alert {Key} sent to {Channel} (recovery: {Recovery})")]
    public static partial void Sent(ILogger logger, string key, string channel, bool recovery);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Alert {Key} not delivered to {Channel}")]
    public static partial void NotSent(ILogger logger, string key, string channel, Exception exception);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Alert rule {Rule} could not be evaluated")]
    public static partial void RuleFailed(ILogger logger, string rule, Exception exception);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Alerts: no channel configured (set Alerts:Teams:WebhookUrl, Alerts:WeCom:WebhookUrl, Alerts:DingTalk:WebhookUrl, Alerts:Feishu:WebhookUrl or Alerts:Email:Host and :To)")]
    public static partial void NoChannel(ILogger logger);
}

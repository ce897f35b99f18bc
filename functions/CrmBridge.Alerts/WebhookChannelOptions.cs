namespace CrmBridge.Alerts;

/// <summary>A chat webhook channel; it is on when <see cref="WebhookUrl"/> is set.</summary>
public sealed class WebhookChannelOptions
{
    /// <summary>Gets or sets the webhook URL the service gave you (a secret: set it from configuration or Key Vault).</summary>
    /// <value>Default none (channel off).</value>
    public Uri? WebhookUrl { get; set; }

    /// <summary>Gets or sets the signing secret (DingTalk 加签, Feishu/Lark signature verification), when the bot has one.</summary>
    /// <value>Default none (unsigned).</value>
    public string? Secret { get; set; }
}

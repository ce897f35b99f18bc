using System.Text;

namespace CrmBridge.Alerts.Tests.Fakes;

/// <summary>One message the <see cref="SmtpSink"/> received (envelope and raw DATA).</summary>
internal sealed record SmtpMessage(string From, IReadOnlyList<string> To, string Data)
{
    /// <summary>Gets the body, decoded when it was sent base64 (single-part messages only).</summary>
    public string Body
    {
        get
        {
            var split = Data.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var body = Data[(split + 4)..].Trim();
            return Data.Contains("Content-Transfer-Encoding: base64", StringComparison.OrdinalIgnoreCase)
                ? Encoding.UTF8.GetString(Convert.FromBase64String(body.Replace("\r\n", "", StringComparison.Ordinal)))
                : body;
        }
    }
}

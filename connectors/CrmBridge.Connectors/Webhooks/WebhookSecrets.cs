using System.Security.Cryptography;
using System.Text;

namespace CrmBridge.Connectors.Webhooks;

/// <summary>Secret comparison for webhook authentication.</summary>
public static class WebhookSecrets
{
    /// <summary>Compares a presented secret with the expected one in constant time (no early exit on the first differing byte).</summary>
    /// <param name="presented">The value the caller sent, or <see langword="null"/>.</param>
    /// <param name="expected">The configured secret.</param>
    /// <returns><see langword="true"/> when both are present and equal.</returns>
    public static bool Matches(string? presented, string? expected)
    {
        if (presented is null || string.IsNullOrEmpty(expected))
        {
            return false;
        }

        // Hash both sides so the comparison length never depends on the presented value.
        var a = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>
/// The signatures of ERP-FACTS §1.2: the <c>LoginBySign</c> sign and the Python SDK's <c>X-Api-*</c> / <c>X-Kd-*</c> headers.
/// </summary>
internal static class KingdeeSigner
{
    // The SDK's XOR key for deriving the client secret from the AppID suffix [PYSDK encode_util.py].
    private const string ClientSecretKey = "0054f397c6234378b09ca7d3e5debce7";

    /// <summary>Lower-case hex SHA-256 of acctId, username, appId, appSecret and timestamp sorted ascending (ordinal) and concatenated.</summary>
    public static string LoginSign(string acctId, string username, string appId, string appSecret, string timestamp)
    {
        var parts = new[] { acctId, username, appId, appSecret, timestamp };
        Array.Sort(parts, StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(parts))));
    }

    /// <summary>Builds the signature headers for one POST to <paramref name="path"/> (the URL path including the site's virtual directory).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Headers(string appId, string appSecret, string acctId, string username, int lcid, string orgNumber, string path, DateTimeOffset now)
    {
        var separator = appId.IndexOf('_', StringComparison.Ordinal);
        var clientId = separator > 0 ? appId[..separator] : appId;
        var timestamp = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var nonce = timestamp; // the Python SDK sends the timestamp as nonce; the server did not check it [MCP]
        var clientSecret = ClientSecret(separator > 0 ? appId[(separator + 1)..] : string.Empty);
        var canonical = "POST\n" + Uri.EscapeDataString(path) + "\n\nx-api-nonce:" + nonce + "\nx-api-timestamp:" + timestamp + "\n";
        var appData = $"{acctId},{username},{lcid.ToString(System.Globalization.CultureInfo.InvariantCulture)},{orgNumber}";
        return
        [
            new("X-Api-ClientID", clientId),
            new("X-Api-Auth-Version", "2.0"),
            new("x-api-timestamp", timestamp),
            new("x-api-nonce", nonce),
            new("x-api-signheaders", "x-api-timestamp,x-api-nonce"),
            new("X-Api-Signature", HmacHexBase64(clientSecret, canonical)),
            new("X-Kd-Appkey", appId),
            new("X-Kd-Appdata", Convert.ToBase64String(Encoding.UTF8.GetBytes(appData))),
            new("X-Kd-Signature", HmacHexBase64(appSecret, appId + appData)),
        ];
    }

    /// <summary><c>base64(base64decode(suffix) XOR utf8(key))</c>; an undecodable suffix yields an empty secret (the server then refuses).</summary>
    public static string ClientSecret(string appIdSuffix)
    {
        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(appIdSuffix);
        }
        catch (FormatException)
        {
            return string.Empty;
        }

        var key = Encoding.UTF8.GetBytes(ClientSecretKey);
        for (var i = 0; i < raw.Length; i++)
        {
            raw[i] ^= key[i % key.Length];
        }

        return Convert.ToBase64String(raw);
    }

    private static string HmacHexBase64(string key, string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(text)))));
}

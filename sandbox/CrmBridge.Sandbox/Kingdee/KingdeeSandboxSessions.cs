using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace CrmBridge.Sandbox.Kingdee;

/// <summary>Sessions with a sliding TTL, and the checks of the three sign-in modes (ERP-FACTS §1.2).</summary>
internal sealed class KingdeeSandboxSessions(KingdeeSandboxOptions options)
{
    private const string ClientSecretKey = "0054f397c6234378b09ca7d3e5debce7";
    private readonly ConcurrentDictionary<string, DateTimeOffset> _sessions = new(StringComparer.Ordinal);
    private long _logins;

    public long Logins => Interlocked.Read(ref _logins);

    public string Create(bool login = true)
    {
        if (login)
        {
            Interlocked.Increment(ref _logins);
        }

        var id = Guid.NewGuid().ToString("N")[..24];
        _sessions[id] = options.TimeProvider.GetUtcNow() + options.SessionTtl;
        return id;
    }

    /// <summary>Checks and touches a session id.</summary>
    public bool Touch(string? id)
    {
        var now = options.TimeProvider.GetUtcNow();
        if (id is null || !_sessions.TryGetValue(id, out var expires))
        {
            return false;
        }

        if (expires <= now)
        {
            _sessions.TryRemove(id, out _);
            return false;
        }

        _sessions[id] = now + options.SessionTtl;
        return true;
    }

    public void ExpireAll() => _sessions.Clear();

    public bool CheckSign(string acctId, string user, string appId, string timestamp, string sign)
    {
        var parts = new[] { acctId, user, appId, options.AppSecret, timestamp };
        Array.Sort(parts, StringComparer.Ordinal);
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(parts))));
        return string.Equals(expected, sign, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Checks the X-Api-* / X-Kd-* headers of a request to <paramref name="path"/>; skew and nonce reuse are not checked (as observed).</summary>
    public bool CheckSignatureHeaders(Func<string, string?> header, string path)
    {
        var appId = options.AppId;
        var separator = appId.IndexOf('_', StringComparison.Ordinal);
        var timestamp = header("x-api-timestamp");
        var nonce = header("x-api-nonce");
        var appData = header("X-Kd-Appdata");
        if (timestamp is null || nonce is null || appData is null || !string.Equals(header("X-Kd-Appkey"), appId, StringComparison.Ordinal)
            || !string.Equals(header("X-Api-ClientID"), appId[..Math.Max(separator, 0)], StringComparison.Ordinal))
        {
            return false;
        }

        string data;
        try
        {
            data = Encoding.UTF8.GetString(Convert.FromBase64String(appData));
        }
        catch (FormatException)
        {
            return false;
        }

        var fields = data.Split(',');
        if (fields.Length < 2 || fields[0] != options.AcctId || fields[1] != options.Username)
        {
            return false;
        }

        var canonical = "POST\n" + Uri.EscapeDataString(path) + "\n\nx-api-nonce:" + nonce + "\nx-api-timestamp:" + timestamp + "\n";
        return header("X-Api-Signature") == Hmac(ClientSecret(appId[(separator + 1)..]), canonical)
            && header("X-Kd-Signature") == Hmac(options.AppSecret, appId + data);
    }

    private static string ClientSecret(string suffix)
    {
        var raw = Convert.FromBase64String(suffix);
        var key = Encoding.UTF8.GetBytes(ClientSecretKey);
        for (var i = 0; i < raw.Length; i++)
        {
            raw[i] ^= key[i % key.Length];
        }

        return Convert.ToBase64String(raw);
    }

    private static string Hmac(string key, string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(text)))));
}

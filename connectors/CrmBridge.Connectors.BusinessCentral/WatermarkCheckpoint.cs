using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>
/// The change-poll checkpoint: the newest <c>lastModifiedDateTime</c> seen (<see cref="Watermark"/>), short hashes of the
/// (id, lastModifiedDateTime) pairs already returned within the overlap window (<see cref="Seen"/>), and while a poll is
/// paging, the next link and what this poll has seen so far. Serialized as <c>bc1:</c> + base64url(JSON).
/// </summary>
internal sealed record WatermarkCheckpoint
{
    private const string Prefix = "bc1:";

    /// <summary>The most seen entries kept; beyond it the oldest are dropped and may be returned again (the ledger drops repeats).</summary>
    public const int MaxSeen = 1000;

    [JsonPropertyName("w")]
    public DateTimeOffset? Watermark { get; init; }

    [JsonPropertyName("s")]
    public List<string> Seen { get; init; } = [];

    [JsonPropertyName("n")]
    public string? Next { get; init; }

    [JsonPropertyName("m")]
    public DateTimeOffset? Newest { get; init; }

    [JsonPropertyName("p")]
    public List<string> PollSeen { get; init; } = [];

    public static WatermarkCheckpoint? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var json = Encoding.UTF8.GetString(Convert.FromBase64String(text[Prefix.Length..].Replace('-', '+').Replace('_', '/') + Padding(text.Length - Prefix.Length)));
            return JsonSerializer.Deserialize<WatermarkCheckpoint>(json);
        }
        catch (Exception error) when (error is FormatException or JsonException)
        {
            return null;
        }
    }

    public override string ToString()
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(this);
        return Prefix + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Gets the seen entry for a record version: an 8-character hash and the instant in Unix milliseconds.</summary>
    /// <param name="id">The record id.</param>
    /// <param name="modified">The record's lastModifiedDateTime.</param>
    /// <returns>The entry.</returns>
    public static string Entry(string id, DateTimeOffset modified) =>
        Hash(id, modified) + "@" + modified.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    public static string HashOf(string entry) => entry[..entry.IndexOf('@', StringComparison.Ordinal)];

    public static long InstantOf(string entry) => long.Parse(entry[(entry.IndexOf('@', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);

    /// <summary>Keeps the entries at or after <paramref name="from"/>, newest last, at most <see cref="MaxSeen"/>.</summary>
    /// <param name="entries">The entries.</param>
    /// <param name="from">The oldest instant kept.</param>
    /// <returns>The pruned list.</returns>
    public static List<string> Prune(IEnumerable<string> entries, DateTimeOffset from)
    {
        var floor = from.ToUnixTimeMilliseconds();
        var kept = entries.Distinct(StringComparer.Ordinal).Where(e => InstantOf(e) >= floor).OrderBy(InstantOf).ToList();
        return kept.Count > MaxSeen ? kept[^MaxSeen..] : kept;
    }

    private static string Hash(string id, DateTimeOffset modified)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(id.ToLowerInvariant() + "|" + modified.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));
        return Convert.ToBase64String(digest, 0, 6).Replace('+', '-').Replace('/', '_');
    }

    private static string Padding(int length) => (length % 4) switch { 2 => "==", 3 => "=", _ => string.Empty };
}

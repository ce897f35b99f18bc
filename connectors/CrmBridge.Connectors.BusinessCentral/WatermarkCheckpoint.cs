using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>
/// The change-poll checkpoint: the newest <c>lastModifiedDateTime</c> seen (<see cref="Watermark"/>), the (id,
/// lastModifiedDateTime) pairs already returned within the overlap window (<see cref="Seen"/>, as 6-byte hashes with the
/// instant), and while a poll is paging, the next link and what this poll has seen so far. Serialized as <c>bc1:</c> +
/// base64url(JSON), the seen entries packed as 14 bytes each, so 5,000 of them take about 93,000 characters.
/// </summary>
internal sealed record WatermarkCheckpoint
{
    /// <summary>The most seen entries kept; beyond it the oldest are dropped and may be returned again (the ledger drops repeats).</summary>
    public const int MaxSeen = 5000;

    private const string Prefix = "bc1:";
    private const int HashBytes = 6;
    private const int EntryBytes = HashBytes + sizeof(long);

    public DateTimeOffset? Watermark { get; init; }

    /// <summary>Gets the entries (<c>hash@unixMilliseconds</c>) returned by earlier polls.</summary>
    public List<string> Seen { get; init; } = [];

    public string? Next { get; init; }

    public DateTimeOffset? Newest { get; init; }

    /// <summary>Gets the entries the current (paging) poll has seen.</summary>
    public List<string> PollSeen { get; init; } = [];

    public static WatermarkCheckpoint? Parse(string? text)
    {
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var wire = JsonSerializer.Deserialize<Wire>(text[Prefix.Length..]);
            return wire is null ? null : new WatermarkCheckpoint
            {
                Watermark = wire.W, Next = wire.N, Newest = wire.M, Seen = Unpack(wire.S), PollSeen = Unpack(wire.P),
            };
        }
        catch (Exception error) when (error is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }

    public override string ToString() =>
        Prefix + JsonSerializer.Serialize(new Wire(Watermark, Pack(Seen), Next, Newest, Pack(PollSeen)));

    /// <summary>Gets the seen entry for a record version: an 8-character hash and the instant in Unix milliseconds.</summary>
    /// <param name="id">The record id.</param>
    /// <param name="modified">The record's lastModifiedDateTime.</param>
    /// <returns>The entry.</returns>
    public static string Entry(string id, DateTimeOffset modified)
    {
        var ms = modified.ToUnixTimeMilliseconds();
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(id.ToLowerInvariant() + "|" + ms.ToString(CultureInfo.InvariantCulture)));
        return ToBase64Url(digest.AsSpan(0, HashBytes).ToArray()) + "@" + ms.ToString(CultureInfo.InvariantCulture);
    }

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

    private static string? Pack(List<string> entries)
    {
        if (entries.Count == 0)
        {
            return null;
        }

        var bytes = new byte[entries.Count * EntryBytes];
        for (var i = 0; i < entries.Count; i++)
        {
            FromBase64Url(HashOf(entries[i])).CopyTo(bytes, i * EntryBytes);
            BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan((i * EntryBytes) + HashBytes), InstantOf(entries[i]));
        }

        return Convert.ToBase64String(bytes);
    }

    private static List<string> Unpack(string? packed)
    {
        if (string.IsNullOrEmpty(packed))
        {
            return [];
        }

        var bytes = Convert.FromBase64String(packed);
        var entries = new List<string>(bytes.Length / EntryBytes);
        for (var at = 0; at + EntryBytes <= bytes.Length; at += EntryBytes)
        {
            var ms = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(at + HashBytes));
            entries.Add(ToBase64Url(bytes.AsSpan(at, HashBytes).ToArray()) + "@" + ms.ToString(CultureInfo.InvariantCulture));
        }

        return entries;
    }

    private static string ToBase64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s + (s.Length % 4) switch { 2 => "==", 3 => "=", _ => string.Empty });
    }

    /// <summary>The serialized shape (short names keep the checkpoint small).</summary>
    private sealed record Wire(
        [property: JsonPropertyName("w")] DateTimeOffset? W,
        [property: JsonPropertyName("s")] string? S,
        [property: JsonPropertyName("n")] string? N,
        [property: JsonPropertyName("m")] DateTimeOffset? M,
        [property: JsonPropertyName("p")] string? P);
}

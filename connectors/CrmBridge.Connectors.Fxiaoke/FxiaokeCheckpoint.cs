using System.Globalization;

namespace CrmBridge.Connectors.Fxiaoke;

/// <summary>
/// Where a change poll resumes. <see cref="Floor"/> is the watermark (epoch ms, inclusive): every edit stamped before it
/// was returned at its latest version; a new poll reads <c>last_modified_time GTE Floor</c>. Within one poll, pages
/// follow the keyset (<see cref="Cursor"/>, <see cref="AfterId"/>): <see cref="AfterId"/> <see langword="null"/> means every
/// record at <see cref="Cursor"/> was returned (continue with <c>GT Cursor</c>), otherwise records at exactly that millisecond
/// are still being drained in <c>_id</c> order. <see cref="Open"/>: the poll has read records of the platform's still-open
/// window, so the floor stays before them (see <see cref="ChangeWindow"/>). Serialised as
/// <c>v2:{floor}:{o|c}:{cursor}:{afterId}</c>; a <c>v1:{time}:{id}</c> checkpoint resumes from <c>time</c>, inclusive.
/// </summary>
/// <param name="Floor">The watermark in epoch milliseconds, or <see langword="null"/> before the first poll.</param>
/// <param name="Open">Whether the poll in progress has read records of the open window.</param>
/// <param name="Cursor">The last <c>last_modified_time</c> returned by the poll in progress, or <see langword="null"/> between polls.</param>
/// <param name="AfterId">The last <c>_id</c> returned at <see cref="Cursor"/> while draining ties, or <see langword="null"/>.</param>
internal sealed record FxiaokeCheckpoint(long? Floor, bool Open, long? Cursor, string? AfterId)
{
    private const string Prefix = "v2:";
    private const string LegacyPrefix = "v1:";

    /// <summary>Gets the checkpoint of a full initial sync.</summary>
    public static FxiaokeCheckpoint Initial { get; } = new(null, false, null, null);

    /// <summary>Gets whether ties at <see cref="Cursor"/> are still being drained.</summary>
    public bool DrainingTies => Cursor is not null && AfterId is not null;

    /// <summary>Parses a checkpoint; <see langword="null"/> gives <see cref="Initial"/>.</summary>
    /// <exception cref="FormatException">When the text is not a checkpoint this connector wrote.</exception>
    public static FxiaokeCheckpoint Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Initial;
        }

        if (text.StartsWith(LegacyPrefix, StringComparison.Ordinal))
        {
            // v1 kept the last time returned (and maybe an id within it): re-reading that millisecond is always safe.
            var rest = text[LegacyPrefix.Length..];
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            return new FxiaokeCheckpoint(Long(colon < 0 ? rest : rest[..colon]), false, null, null);
        }

        var parts = text.StartsWith(Prefix, StringComparison.Ordinal) ? text[Prefix.Length..].Split(':') : [];
        if (parts is not [var floor, "o" or "c", var cursor, var afterId])
        {
            throw new FormatException("not a fxiaoke checkpoint");
        }

        return new FxiaokeCheckpoint(Long(floor), parts[1] == "o", Long(cursor), afterId.Length == 0 ? null : afterId);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Prefix}{Text(Floor)}:{(Open ? "o" : "c")}:{Text(Cursor)}:{AfterId}";

    private static long? Long(string text) => text.Length == 0 ? null : long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static string Text(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}

using System.Globalization;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>
/// The checkpoint of a <c>modifiedon</c> watermark poll: <see cref="Floor"/> (inclusive; every edit before it was returned
/// at its latest version), whether the poll in progress has read Dataverse's still-open window (<see cref="Open"/>), and
/// the (modifiedon, id) keyset <see cref="Cursor"/>/<see cref="CursorId"/> that pages within one poll. Serialised as
/// <c>wm2:{floor}|{o|c}|{cursor}|{id}</c>; a <c>wm:{modifiedon}|{id}</c> checkpoint resumes from its time, inclusive.
/// </summary>
/// <param name="Floor">The watermark, or <see langword="null"/> before the first poll.</param>
/// <param name="Open">Whether the poll in progress has read records of the open window.</param>
/// <param name="Cursor">The modifiedon of the last row returned by the poll in progress, or <see langword="null"/> between polls.</param>
/// <param name="CursorId">The id of that row.</param>
internal sealed record DataverseWatermark(DateTimeOffset? Floor, bool Open, DateTimeOffset? Cursor, string? CursorId)
{
    /// <summary>The prefix of the checkpoints this type writes.</summary>
    public const string Prefix = "wm2:";

    private const string LegacyPrefix = "wm:";

    /// <summary>Whether <paramref name="checkpoint"/> is a watermark checkpoint (either version).</summary>
    public static bool IsWatermark(string checkpoint) =>
        checkpoint.StartsWith(Prefix, StringComparison.Ordinal) || checkpoint.StartsWith(LegacyPrefix, StringComparison.Ordinal);

    /// <summary>Parses a checkpoint; <see langword="null"/> starts from the beginning.</summary>
    /// <exception cref="FormatException">When the text is not a watermark checkpoint.</exception>
    public static DataverseWatermark Parse(string? checkpoint)
    {
        if (checkpoint is null)
        {
            return new DataverseWatermark(null, false, null, null);
        }

        if (checkpoint.StartsWith(LegacyPrefix, StringComparison.Ordinal))
        {
            // The old checkpoint held the last row returned: re-reading its second is always safe.
            return new DataverseWatermark(Time(checkpoint[LegacyPrefix.Length..].Split('|')[0]), false, null, null);
        }

        var parts = checkpoint.StartsWith(Prefix, StringComparison.Ordinal) ? checkpoint[Prefix.Length..].Split('|') : [];
        return parts is [var floor, "o" or "c", var cursor, var id]
            ? new DataverseWatermark(Time(floor), parts[1] == "o", Time(cursor), id.Length == 0 ? null : id)
            : throw new FormatException("not a watermark checkpoint");
    }

    /// <summary>Formats a time as the Web API's filter literal (UTC, whole seconds: modifiedon's resolution).</summary>
    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override string ToString() =>
        $"{Prefix}{(Floor is { } f ? Iso(f) : string.Empty)}|{(Open ? "o" : "c")}|{(Cursor is { } c ? Iso(c) : string.Empty)}|{CursorId}";

    private static DateTimeOffset? Time(string text) =>
        text.Length == 0 ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}

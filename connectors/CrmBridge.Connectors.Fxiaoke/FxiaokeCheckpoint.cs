using System.Globalization;

namespace CrmBridge.Connectors.Fxiaoke;

/// <summary>
/// Where a change poll resumes: a (last_modified_time, _id) tuple. <see cref="AfterId"/> <see langword="null"/> means every
/// record at <see cref="Time"/> was returned (resume with <c>last_modified_time GT Time</c>); otherwise records at exactly
/// <see cref="Time"/> are still being drained in <c>_id</c> order after <see cref="AfterId"/>. Serialised as <c>v1:{time}:{id}</c>.
/// </summary>
/// <param name="Time">The watermark in epoch milliseconds, or <see langword="null"/> before the first record.</param>
/// <param name="AfterId">The last <c>_id</c> returned at <see cref="Time"/> while draining ties, or <see langword="null"/>.</param>
internal sealed record FxiaokeCheckpoint(long? Time, string? AfterId)
{
    private const string Prefix = "v1:";

    /// <summary>Gets the checkpoint of a full initial sync.</summary>
    public static FxiaokeCheckpoint Initial { get; } = new(null, null);

    /// <summary>Gets whether ties at <see cref="Time"/> are still being drained.</summary>
    public bool DrainingTies => Time is not null && AfterId is not null;

    /// <summary>Parses a checkpoint; <see langword="null"/> gives <see cref="Initial"/>.</summary>
    /// <exception cref="FormatException">When the text is not a checkpoint this connector wrote.</exception>
    public static FxiaokeCheckpoint Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Initial;
        }

        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new FormatException("not a fxiaoke checkpoint");
        }

        var rest = text[Prefix.Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        var timeText = colon < 0 ? rest : rest[..colon];
        var id = colon < 0 ? null : rest[(colon + 1)..];
        long? time = timeText.Length == 0 ? null : long.Parse(timeText, NumberStyles.Integer, CultureInfo.InvariantCulture);
        return new FxiaokeCheckpoint(time, string.IsNullOrEmpty(id) ? null : id);
    }

    /// <inheritdoc />
    public override string ToString() =>
        Prefix + (Time?.ToString(CultureInfo.InvariantCulture) ?? string.Empty) + (AfterId is null ? string.Empty : ":" + AfterId);
}

using System.Text.Json.Serialization;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>
/// Where a change poll of one form stands: the newest modification time read (<see cref="At"/>, server-local filter text),
/// the last primary key read at that time (tie-breaker for paging), and a fingerprint of every record read at that time,
/// so the still-open newest second can be read again without handing on records that did not change.
/// </summary>
internal sealed class KingdeeCursor
{
    [JsonPropertyName("w")]
    public string? At { get; set; }

    [JsonPropertyName("i")]
    public long LastPk { get; set; }

    [JsonPropertyName("s")]
    public Dictionary<string, string> Seen { get; set; } = new(StringComparer.Ordinal);
}

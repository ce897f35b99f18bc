using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmBridge.Connectors.Zoho;

/// <summary>
/// The opaque change checkpoint. A first sync pages through the module by id (<c>page</c> up to record 2000, then
/// <c>page_token</c>); it then switches to incremental mode, a keyset on (Modified_Time, id) through COQL, starting at the
/// server time the full scan began (minus one second). The keyset never skips records that share a second (ties are
/// ordered by id and resumed after the last id returned) and never returns a (record, version) twice: versions already
/// returned that the keyset has not yet passed are kept in <see cref="Seen"/>.
/// </summary>
internal sealed record ZohoCheckpoint
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Gets <c>full</c> (initial scan) or <c>inc</c> (incremental).</summary>
    [JsonPropertyName("m")]
    public string Mode { get; init; } = "full";

    /// <summary>Gets the next page of the full scan.</summary>
    [JsonPropertyName("p")]
    public int Page { get; init; } = 1;

    /// <summary>Gets the page_token for the next page of the full scan (needed beyond 2000 records).</summary>
    [JsonPropertyName("t")]
    public string? PageToken { get; init; }

    /// <summary>Gets the server time the full scan started (minus one second), the first incremental watermark.</summary>
    [JsonPropertyName("s")]
    public string? Start { get; init; }

    /// <summary>Gets the Modified_Time of the last record returned (incremental).</summary>
    [JsonPropertyName("w")]
    public string? Watermark { get; init; }

    /// <summary>Gets the id of the last record returned at <see cref="Watermark"/>, or <see langword="null"/> to include the whole second.</summary>
    [JsonPropertyName("a")]
    public string? AfterId { get; init; }

    /// <summary>Gets the <c>id@Modified_Time</c> pairs already returned that the keyset may meet again.</summary>
    [JsonPropertyName("seen")]
    public IReadOnlyList<string> Seen { get; init; } = [];

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static ZohoCheckpoint Parse(string text, string system)
    {
        try
        {
            var checkpoint = JsonSerializer.Deserialize<ZohoCheckpoint>(text, Json);
            if (checkpoint is { Mode: "full", Page: > 0 } or { Mode: "inc", Watermark: not null })
            {
                return checkpoint;
            }
        }
        catch (JsonException)
        {
        }

        throw new ConnectorException(system, ErrorKind.CheckpointExpired, "INVALID_CHECKPOINT", $"{system}: the change checkpoint is not one this connector wrote; a full resync is needed.");
    }
}

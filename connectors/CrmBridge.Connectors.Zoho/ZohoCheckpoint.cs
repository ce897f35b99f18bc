using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmBridge.Connectors.Zoho;

/// <summary>
/// The opaque change checkpoint. A first sync pages through the module by id (<c>page</c> up to record 2000, then
/// <c>page_token</c>); it then switches to incremental mode: COQL on <c>Modified_Time &gt;= Watermark</c>, paged within one
/// poll by a keyset on (Modified_Time, id). Modified_Time has one-second resolution, so the second the server is in (and
/// <see cref="ZohoConnectorOptions.ChangeOverlap"/> before it) is still open: the watermark never moves past a record read
/// while its second was open, and the next poll reads that second again (see <see cref="ChangeWindow"/>). The keyset
/// cursor (<see cref="Cursor"/>, <see cref="CursorId"/>) only carries one poll across pages. Each poll ends with a read
/// of the deleted-records API from <see cref="DeletedFloor"/> under the same open-window rule.
/// </summary>
internal sealed record ZohoCheckpoint
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault };

    /// <summary>Gets <c>full</c> (initial scan) or <c>inc</c> (incremental).</summary>
    [JsonPropertyName("m")]
    public string Mode { get; init; } = "full";

    /// <summary>Gets the next page of the full scan.</summary>
    [JsonPropertyName("p")]
    public int Page { get; init; } = 1;

    /// <summary>Gets the page_token for the next page of the full scan (needed beyond 2000 records).</summary>
    [JsonPropertyName("t")]
    public string? PageToken { get; init; }

    /// <summary>Gets the start of the window that was open when the full scan began, the first incremental watermark.</summary>
    [JsonPropertyName("s")]
    public string? Start { get; init; }

    /// <summary>
    /// Gets the incremental watermark: every edit with an earlier Modified_Time was returned at its latest version; the
    /// next poll reads from here, inclusive. (Checkpoints written before the open-window rule held the last version read
    /// here, a safe place to resume: their <c>a</c> and <c>seen</c> members are ignored.)
    /// </summary>
    [JsonPropertyName("w")]
    public string? Watermark { get; init; }

    /// <summary>Gets the Modified_Time of the last record returned by the poll in progress, or <see langword="null"/> between polls.</summary>
    [JsonPropertyName("c")]
    public string? Cursor { get; init; }

    /// <summary>Gets the id of the last record returned at <see cref="Cursor"/> by the poll in progress.</summary>
    [JsonPropertyName("ci")]
    public string? CursorId { get; init; }

    /// <summary>Gets whether the poll in progress has read records of the still-open window (the watermark stays before them).</summary>
    [JsonPropertyName("o")]
    public bool Open { get; init; }

    /// <summary>
    /// Gets the floor of the deletion poll (the deleted-records API has its own watermark, on <c>deleted_time</c>, one-second
    /// resolution): every deletion stamped before it was returned. <see langword="null"/> in checkpoints written before
    /// deletions were polled: the poll then starts from <see cref="Watermark"/>.
    /// </summary>
    [JsonPropertyName("d")]
    public string? DeletedFloor { get; init; }

    /// <summary>Gets the next page of the deletion read in progress, or 0 between deletion reads.</summary>
    [JsonPropertyName("dp")]
    public int DeletedPage { get; init; }

    /// <summary>Gets the closed edge (Zoho's clock minus the overlap) of the first page of the deletion read in progress.</summary>
    [JsonPropertyName("de")]
    public string? DeletedEdge { get; init; }

    /// <summary>
    /// Gets the versions the full scan returned final at or after <see cref="Start"/> (<see cref="ZohoKnownVersions"/>,
    /// packed): the polls after the scan list them again from <see cref="Start"/> and do not fetch them by id again.
    /// </summary>
    [JsonPropertyName("k")]
    public string? Known { get; init; }

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static ZohoCheckpoint Parse(string text, string system)
    {
        try
        {
            var checkpoint = JsonSerializer.Deserialize<ZohoCheckpoint>(text, Json);
            if (checkpoint is { Mode: "full", Page: > 0 } or { Mode: "inc", Watermark: not null, DeletedPage: >= 0 })
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

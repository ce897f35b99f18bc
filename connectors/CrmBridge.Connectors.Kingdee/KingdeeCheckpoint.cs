using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>The checkpoint of a form's change poll: its own cursor and one per linked form (orders: shipments, receivables).</summary>
internal sealed class KingdeeCheckpoint
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault };

    [JsonPropertyName("v")]
    public int Format { get; set; } = 1;

    [JsonPropertyName("m")]
    public KingdeeCursor Main { get; set; } = new();

    [JsonPropertyName("l")]
    public Dictionary<string, KingdeeCursor> Links { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Parses a checkpoint; <see langword="null"/> starts from the beginning.</summary>
    /// <exception cref="ConnectorException">CheckpointExpired when the text is not a checkpoint of this connector.</exception>
    public static KingdeeCheckpoint Parse(string? text, KingdeeConnectorOptions options, string entity)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new KingdeeCheckpoint();
        }

        try
        {
            var parsed = JsonSerializer.Deserialize<KingdeeCheckpoint>(text, Json);
            if (parsed is { Format: 1 })
            {
                parsed.Links = new Dictionary<string, KingdeeCursor>(parsed.Links ?? [], StringComparer.OrdinalIgnoreCase);
                return parsed;
            }
        }
        catch (JsonException)
        {
            // reported below
        }

        throw new ConnectorException(options.System, ErrorKind.CheckpointExpired, "INVALID_CHECKPOINT",
            $"{options.System}: the {entity} checkpoint is not a K3Cloud watermark; resync from the start.");
    }

    public KingdeeCursor Link(string name) => Links.TryGetValue(name, out var cursor) ? cursor : Links[name] = new KingdeeCursor();

    public override string ToString() => JsonSerializer.Serialize(this, Json);
}

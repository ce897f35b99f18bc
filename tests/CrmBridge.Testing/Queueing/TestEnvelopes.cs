using System.Text.Json.Nodes;
using CrmBridge.Connectors;
using CrmBridge.Pipeline.Queueing;

namespace CrmBridge.Testing.Queueing;

/// <summary>Envelopes and snapshots for the queue and claim-check contracts.</summary>
public static class TestEnvelopes
{
    /// <summary>Creates a minimal envelope with a unique id and record id.</summary>
    /// <param name="system">The source system.</param>
    /// <returns>The envelope.</returns>
    public static ChangeEnvelope New(string system = "zoho") => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        System = system,
        Entity = "Accounts",
        RecordId = "R-" + Guid.NewGuid().ToString("N")[..10],
        CorrelationId = Guid.NewGuid().ToString("N"),
        FirstSeen = new DateTimeOffset(2026, 11, 27, 9, 30, 15, TimeSpan.Zero),
    };

    /// <summary>Creates an envelope with every field set (snapshot included).</summary>
    /// <returns>The envelope.</returns>
    public static ChangeEnvelope Full() => New("dataverse") with
    {
        Entity = "salesorders",
        Operation = ChangeOperation.Delete,
        SourceVersion = "W/\"470867\"",
        Attempt = 3,
        Deferrals = 2,
        FirstSeen = new DateTimeOffset(2026, 11, 27, 10, 11, 12, 345, TimeSpan.FromHours(8)),
        Snapshot = new JsonObject { ["name"] = "Order 纷享 #1", ["total"] = 12.5m, ["lines"] = new JsonArray(1, 2, 3) },
        Route = "dataverse-salesorder-to-erp",
        Origin = EnvelopeOrigins.Retry,
        History =
        [
            new AttemptNote(new DateTimeOffset(2026, 11, 27, 10, 12, 0, TimeSpan.Zero), "HTTP_503", "Service unavailable"),
            new AttemptNote(new DateTimeOffset(2026, 11, 27, 10, 13, 0, TimeSpan.Zero), "0x80072322", "Throttled"),
        ],
    };

    /// <summary>Creates a snapshot whose JSON is larger than <paramref name="bytes"/>.</summary>
    /// <param name="bytes">The minimum size in bytes.</param>
    /// <returns>The snapshot.</returns>
    public static JsonObject LargeSnapshot(int bytes)
    {
        var snapshot = new JsonObject { ["id"] = Guid.NewGuid().ToString() };
        var lines = new JsonArray();
        for (var size = 0; size < bytes; size += 100)
        {
            lines.Add(new JsonObject { ["sku"] = $"SKU-{size:D8}", ["text"] = new string('x', 64) });
        }

        snapshot["lines"] = lines;
        return snapshot;
    }

    /// <summary>Serialises an envelope for comparison, ignoring the claim-check reference.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <returns>Comparable JSON text.</returns>
    public static string Comparable(ChangeEnvelope envelope) => EnvelopeCodec.Serialize(envelope with { SnapshotRef = null });
}

using System.Globalization;
using System.Text.Json.Nodes;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Stage;

namespace CrmBridge.Pipeline.StatusWriteback;

/// <summary>
/// Builds the fields a status write sends: synced sets status, ERP number and sync time and clears the error; failed sets
/// status and the reason (cut to <see cref="SyncStatusFields.ErrorMaxLength"/>); pending sets only the status. Fields the
/// route does not name are left out.
/// </summary>
internal static class StatusDocument
{
    /// <summary>Builds the fields to write and their hash without the time (the same outcome twice hashes the same).</summary>
    /// <param name="fields">The route's status fields.</param>
    /// <param name="update">The outcome.</param>
    /// <returns>The document (empty when nothing applies) and its hash.</returns>
    public static (JsonObject Document, string Hash) Build(SyncStatusFields fields, SyncStatusUpdate update)
    {
        var document = new JsonObject();
        Set(document, fields.Status, Text(update.Kind));
        switch (update.Kind)
        {
            case SyncStatusKind.Synced:
                if (update.ErpNumber is not null)
                {
                    Set(document, fields.ErpNumber, update.ErpNumber);
                }

                Set(document, fields.Error, null);
                break;
            case SyncStatusKind.Failed:
                Set(document, fields.Error, Cut(update.Error ?? "", fields.ErrorMaxLength));
                break;
        }

        var hash = ContentHasher.Hash(document);
        if (update.Kind == SyncStatusKind.Synced && fields.SyncedAt is { } syncedAt)
        {
            document[syncedAt] = Time(update.At, fields.TimeFormat);
        }

        return (document, hash);
    }

    /// <summary>Gets the text written for a status.</summary>
    public static string Text(SyncStatusKind kind) => kind.ToString().ToLowerInvariant();

    private static JsonNode Time(DateTimeOffset at, string format)
    {
        var utc = at.ToUniversalTime();
        var seconds = utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond));
        return format == "epochMillis"
            ? JsonValue.Create(seconds.ToUnixTimeMilliseconds())
            : JsonValue.Create(seconds.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture));
    }

    private static void Set(JsonObject document, string? field, string? value)
    {
        if (field is not null)
        {
            document[field] = value is null ? null : JsonValue.Create(value);
        }
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

using System.Text.Json.Nodes;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Mappings.Loading;

namespace CrmBridge.Mappings.Compilation;

/// <summary>
/// <c>syncStatus:</c> — the source-record fields that receive the sync outcome. A status field must be neither read by the
/// mapping (its own write would then change the mapped content and sync again: an echo loop) nor named twice.
/// </summary>
internal sealed partial class MappingCompiler
{
    private static readonly string[] StatusMembers = ["status", "erpNumber", "syncedAt", "error"];

    private SyncStatusFields? CompileSyncStatus(JsonObject root)
    {
        if (root["syncStatus"] is not JsonObject config)
        {
            return null;
        }

        var read = new List<(string Path, string Pointer)>();
        CollectReads(root, read);
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in StatusMembers)
        {
            if (Text(config, member) is not { Length: > 0 } field)
            {
                continue;
            }

            var at = SourceMap.Child("/syncStatus", member);
            if (named.TryGetValue(field, out var other))
            {
                Error(at, $"syncStatus.{member} '{field}' is also syncStatus.{other}: give each outcome its own field");
                continue;
            }

            named[field] = member;
            var clash = read.FirstOrDefault(r => r.Path == field || r.Path.StartsWith(field + ".", StringComparison.Ordinal));
            if (clash.Path is not null)
            {
                Error(at, $"syncStatus.{member} '{field}' is read by the mapping at line {_map.LineOf(clash.Pointer)}: a status field must not be mapped (each status write would sync again); name a field of its own");
            }
        }

        return new SyncStatusFields
        {
            Status = Text(config, "status"),
            ErpNumber = Text(config, "erpNumber"),
            SyncedAt = Text(config, "syncedAt"),
            Error = Text(config, "error"),
            TimeFormat = Text(config, "timeFormat") ?? "iso",
            ErrorMaxLength = config["errorMaxLength"] is JsonValue max && max.TryGetValue(out decimal length) && length >= 20 ? (int)Math.Min(length, 100000) : 2000,
            PendingOnRetry = config["pendingOnRetry"] is JsonValue pending && pending.TryGetValue(out bool on) && on,
        };
    }

    /// <summary>Collects the top-level source paths a mapping reads: key, version, filter and field rules (not collection items).</summary>
    private static void CollectReads(JsonObject root, List<(string Path, string Pointer)> read)
    {
        if (root["key"] is JsonObject key && Text(key, "source") is { } keySource)
        {
            read.Add((keySource, "/key/source"));
        }

        if (Text(root, "version") is { } version)
        {
            read.Add((version, "/version"));
        }

        CollectRuleReads(root["filter"], "/filter", read);
        CollectRuleReads(root["fields"], "/fields", read);
    }

    private static void CollectRuleReads(JsonNode? node, string pointer, List<(string Path, string Pointer)> read)
    {
        switch (node)
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    CollectRuleReads(array[i], $"{pointer}/{i}", read);
                }

                break;
            case JsonObject rule:
                foreach (var (name, value) in rule)
                {
                    var at = SourceMap.Child(pointer, name);
                    if (name is "from" or "field" && value is JsonValue v && v.TryGetValue(out string? path))
                    {
                        read.Add((path, at));
                    }
                    else if (name is "coalesce" or "concat" && value is JsonArray parts)
                    {
                        foreach (var part in parts.OfType<JsonValue>())
                        {
                            if (part.TryGetValue(out string? text) && (name == "coalesce" || (text.StartsWith('$') && !text.StartsWith("$$", StringComparison.Ordinal))))
                            {
                                read.Add((name == "coalesce" ? text : text[1..], at));
                            }
                        }
                    }
                    else if (name is not ("map" or "value" or "default" or "else"))
                    {
                        CollectRuleReads(value, at, read);
                    }
                }

                break;
        }
    }
}

using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Staging;

/// <summary>What the ERP decided about one staged row.</summary>
internal sealed record StagingErpVerdict(StagingErpOutcome Outcome, string? ErpId = null, string? ErpNumber = null, string? Code = null, string? Message = null)
{
    public static StagingErpVerdict Accepted(string erpId, string erpNumber) => new(StagingErpOutcome.Accepted, erpId, erpNumber);

    public static StagingErpVerdict Rejected(string code, string message) => new(StagingErpOutcome.Rejected, Code: code, Message: message);

    public static StagingErpVerdict Deferred(string message) => new(StagingErpOutcome.Deferred, Message: message);

    public static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;
}

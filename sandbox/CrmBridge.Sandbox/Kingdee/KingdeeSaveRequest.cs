using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Kingdee;

/// <summary>The settings of one Save model: <c>NeedUpDateFields</c>, <c>IsDeleteEntry</c>, <c>IsAutoSubmitAndAudit</c>, draft or not.</summary>
internal sealed record KingdeeSaveRequest(JsonObject Model, IReadOnlySet<string> NeedUpdateFields, bool IsDeleteEntry, bool AutoAudit, bool Draft);

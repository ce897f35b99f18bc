using System.Text.Json.Nodes;

namespace CrmBridge.Alerts.Tests.Fakes;

/// <summary>One request a local receiver got.</summary>
internal sealed record Received(string PathAndQuery, string ContentType, JsonObject Body);

using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>An HTTP answer of K3Cloud: status, parsed JSON body, and the cookies it set.</summary>
internal sealed record KingdeeHttpAnswer(int Status, JsonNode? Body, string Text, IReadOnlyDictionary<string, string> Cookies);

using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Zoho;

/// <summary>A successful (2xx) API response, or a write response whose <c>data</c> array carries per-record results.</summary>
/// <param name="Status">The HTTP status (204 = no content).</param>
/// <param name="Body">The parsed body, or <see langword="null"/> for 204.</param>
/// <param name="ServerDate">The response's Date header, when present.</param>
internal sealed record ZohoResponse(int Status, JsonNode? Body, DateTimeOffset? ServerDate);

using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>One request of a JSON <c>$batch</c>.</summary>
/// <param name="Id">The request id, unique in the batch; answers are matched by it.</param>
/// <param name="Method">GET, POST, PATCH or DELETE.</param>
/// <param name="Url">The URL relative to the API root (<c>companies(…)/customers</c>).</param>
/// <param name="Body">The JSON body, if any.</param>
/// <param name="IfMatch">The <c>If-Match</c> header, if any.</param>
internal sealed record BatchOperation(string Id, string Method, string Url, JsonObject? Body = null, string? IfMatch = null);

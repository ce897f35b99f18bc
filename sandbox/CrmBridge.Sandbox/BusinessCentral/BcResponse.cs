using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.BusinessCentral;

/// <summary>An emulated API answer.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The JSON body, or <see langword="null"/> (204).</param>
internal sealed record BcResponse(int Status, JsonObject? Body)
{
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static BcResponse Error(BcApiException error) => new(error.Status, new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = error.Code,
            ["message"] = $"{error.Message}  CorrelationId:  {Guid.NewGuid()}.",
        },
    });
}

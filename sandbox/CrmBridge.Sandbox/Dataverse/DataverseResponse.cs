using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Dataverse;

/// <summary>One Web API response, written to HTTP or into a <c>$batch</c> response part.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The JSON body, when any.</param>
public sealed record DataverseResponse(int Status, JsonNode? Body = null)
{
    /// <summary>Gets the response headers.</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Builds the error response Dataverse sends.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The response.</returns>
    public static DataverseResponse FromError(DataverseApiException error) =>
        new(error.Status, new JsonObject { ["error"] = new JsonObject { ["code"] = error.Code, ["message"] = error.Message } });

    /// <summary>Gets the reason phrase for the status line of batch parts.</summary>
    public string Reason => Status switch
    {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        404 => "Not Found",
        412 => "Precondition Failed",
        414 => "URI Too Long",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        _ => "Status",
    };
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>
/// Classifies Business Central error responses (<c>{"error":{"code","message"}}</c>, the message ending in
/// <c>CorrelationId: …</c>) by their documented codes first and the HTTP status second.
/// </summary>
internal static class BusinessCentralErrors
{
    /// <summary>A stale <c>If-Match</c> ("Another user has already changed the record."): re-read and retry.</summary>
    public const string EntityChanged = "Request_EntityChanged";

    /// <summary>A record with the same key exists (a create raced another one).</summary>
    public const string SameKeyExists = "Internal_EntityWithSameKeyExists";

    public static ConnectorException From(string system, int status, string body, TimeSpan? retryAfter, TimeSpan throttleBackoff)
    {
        var (code, message) = Parse(body);
        message ??= $"HTTP {status}";
        var kind = code switch
        {
            EntityChanged => ErrorKind.Transient,
            "Internal_RecordNotFound" or "BadRequest_NotFound" or "BadRequest_ResourceNotFound" => ErrorKind.NotFound,
            SameKeyExists or "Application_FieldValidationException" or "Application_DialogException" or "Internal_CompanyNotFound"
                or "Authentication_InvalidCredentials" => ErrorKind.Permanent,
            not null when code.StartsWith("BadRequest_", StringComparison.Ordinal) => ErrorKind.Permanent,
            _ => ConnectorErrors.Classify(status),
        };
        if (status == 429 && retryAfter is null)
        {
            // BC documents no Retry-After for 429 (it does for 502/503): back off by the configured amount.
            retryAfter = throttleBackoff;
        }

        return new ConnectorException(system, kind, code ?? $"HTTP_{status}", $"{system}: {message}", status, retryAfter);
    }

    /// <summary>Reads the code and message of an error envelope; both null when the body is not one.</summary>
    /// <param name="body">The body text.</param>
    /// <returns>The code and message.</returns>
    public static (string? Code, string? Message) Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            return JsonNode.Parse(body)?["error"] is JsonObject error ? (error["code"]?.ToString(), error["message"]?.ToString()) : (null, null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}

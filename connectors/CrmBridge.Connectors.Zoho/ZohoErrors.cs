using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Zoho;

/// <summary>Classifies Zoho error bodies (<c>{"code","details","message","status":"error"}</c>) into connector errors.</summary>
internal static class ZohoErrors
{
    /// <summary>
    /// Codes that mean the API credits of the rolling 24 h window are spent. Zoho's exact code for credit exhaustion is
    /// UNCONFIRMED in public docs: these plausible codes, or a 429 whose message mentions credits, count as quota.
    /// </summary>
    private static readonly HashSet<string> CreditCodes = new(StringComparer.OrdinalIgnoreCase) { "LIMIT_EXCEEDED", "API_LIMIT_EXCEEDED", "LIMIT_REACHED", "CREDITS_EXHAUSTED" };

    public static JsonNode? TryParse(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(content);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Builds the exception for a failed whole call.</summary>
    public static ConnectorException ForCall(ZohoConnectorOptions options, int status, JsonNode? body, TimeSpan? retryAfter)
    {
        var system = options.System;
        var code = body?["code"]?.ToString();
        var message = body?["message"]?.ToString() ?? $"HTTP {status}";
        var text = $"{system}: {code ?? "HTTP_" + status}: {message}";
        if (status == 429)
        {
            var credits = (code is not null && CreditCodes.Contains(code)) || message.Contains("credit", StringComparison.OrdinalIgnoreCase);
            return credits
                ? new ConnectorException(system, ErrorKind.QuotaExhausted, code ?? "LIMIT_EXCEEDED", text, status, retryAfter ?? options.CreditExhaustedDelay)
                : new ConnectorException(system, ErrorKind.Throttled, code ?? "TOO_MANY_REQUESTS", text, status, retryAfter ?? options.ThrottleDelay);
        }

        if (status == 401 && code == "INVALID_TOKEN")
        {
            // Still rejected after one refresh: transient (clock skew, revoked and re-issued grants), retried with backoff.
            return new ConnectorException(system, ErrorKind.Transient, code, text, status, retryAfter);
        }

        return ConnectorErrors.FromStatus(system, status, code, text, retryAfter);
    }

    /// <summary>Builds the error of one record of a write call.</summary>
    public static ConnectorException ForRecord(string system, JsonObject item)
    {
        var code = item["code"]?.ToString() ?? "UNKNOWN";
        var message = item["message"]?.ToString() ?? "record rejected";
        var details = item["details"] as JsonObject;
        var field = details?["api_name"]?.ToString();
        var text = field is null ? $"{system}: {code}: {message}" : $"{system}: {code}: {message} (field {field})";
        var kind = code switch
        {
            "INVALID_DATA" when field == "id" => ErrorKind.NotFound,
            "INTERNAL_ERROR" => ErrorKind.Transient,
            _ => ErrorKind.Permanent,
        };
        return new ConnectorException(system, kind, code, text);
    }
}

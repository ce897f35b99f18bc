using CrmBridge.Pipeline.Queueing;
using Microsoft.AspNetCore.Mvc;

namespace CrmBridge.Functions.Http;

/// <summary>JSON responses of the HTTP functions (camelCase, enums as text, as the envelopes).</summary>
internal static class ApiResults
{
    /// <summary>Creates a JSON response.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="value">The body.</param>
    /// <returns>The result.</returns>
    public static JsonResult Json(int status, object? value) => new(value, EnvelopeCodec.JsonOptions) { StatusCode = status };

    /// <summary>Creates an error response <c>{"error": "..."}</c>.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="error">What was wrong (never a secret or personal data).</param>
    /// <returns>The result.</returns>
    public static JsonResult Error(int status, string error) => Json(status, new ErrorBody(error));

    /// <summary>The body of an error response.</summary>
    /// <param name="Error">What was wrong.</param>
    internal sealed record ErrorBody(string Error);
}

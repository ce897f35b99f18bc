using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CrmBridge.Sandbox.Dataverse;

/// <summary>The HTTP surface: token endpoint, authentication, faults, service protection, then the Web API.</summary>
public sealed partial class DataverseSandbox
{
    private void Map(WebApplication app)
    {
        app.MapPost("/{tenant}/oauth2/v2.0/token", IssueTokenAsync);
        app.Map("/api/data/v9.2/{**rest}", ServeAsync);
    }

    private async Task IssueTokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        if (form["grant_type"] != "client_credentials")
        {
            await WriteJsonAsync(context, 400, new JsonObject { ["error"] = "unsupported_grant_type", ["error_description"] = "AADSTS70003: grant_type must be client_credentials." }).ConfigureAwait(false);
            return;
        }

        if (form["client_id"] != _options.ClientId || form["client_secret"] != _options.ClientSecret)
        {
            await WriteJsonAsync(context, 401, new JsonObject { ["error"] = "invalid_client", ["error_description"] = "AADSTS7000215: Invalid client secret provided." }).ConfigureAwait(false);
            return;
        }

        if (!form["scope"].ToString().EndsWith("/.default", StringComparison.Ordinal))
        {
            await WriteJsonAsync(context, 400, new JsonObject { ["error"] = "invalid_scope", ["error_description"] = "AADSTS70011: The scope must be '{resource}/.default'." }).ConfigureAwait(false);
            return;
        }

        var token = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        _tokens[token] = _options.TimeProvider.GetUtcNow() + _options.TokenLifetime;
        Interlocked.Increment(ref _tokensIssued);
        var seconds = (int)_options.TokenLifetime.TotalSeconds;
        await WriteJsonAsync(context, 200, new JsonObject { ["token_type"] = "Bearer", ["expires_in"] = seconds, ["ext_expires_in"] = seconds, ["access_token"] = token }).ConfigureAwait(false);
    }

    private async Task ServeAsync(HttpContext context)
    {
        // The Date header follows the sandbox clock, as Dataverse's follows its own (watermark polls tell the open second by it).
        context.Response.Headers.Date = _options.TimeProvider.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        var length = DataverseUrlLimits.AbsoluteLength(context.Features.Get<IHttpRequestFeature>()!.RawTarget, ApiAddress);
        if (length > DataverseUrlLimits.MaxUrlLength)
        {
            await WriteJsonAsync(context, 414, DataverseResponse.FromError(DataverseUrlLimits.TooLong(length, DataverseUrlLimits.MaxUrlLength)).Body!).ConfigureAwait(false);
            return;
        }

        var auth = context.Request.Headers.Authorization.ToString();
        if (!auth.StartsWith("Bearer ", StringComparison.Ordinal) || !_tokens.TryGetValue(auth[7..], out var expires) || expires <= _options.TimeProvider.GetUtcNow())
        {
            context.Response.Headers.WWWAuthenticate = $"Bearer authorization_uri={BaseAddress}common/oauth2/authorize";
            context.Response.StatusCode = 401;
            return;
        }

        if (Faults.Next() is { } fault && await ApplyFaultAsync(context, fault).ConfigureAwait(false))
        {
            return;
        }

        var throttled = _protection.Enter();

        // Service protection reports what is left on every answer (api-limits: "x-ms-ratelimit-burst-remaining-xrm-requests").
        if (_protection.Remaining is { } left)
        {
            context.Response.Headers["x-ms-ratelimit-burst-remaining-xrm-requests"] = left.ToString(CultureInfo.InvariantCulture);
        }

        if (throttled is not null)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(throttled.Value.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            await WriteJsonAsync(context, 429, DataverseResponse.FromError(throttled.Value.Error).Body!).ConfigureAwait(false);
            return;
        }

        try
        {
            if (_options.RequestDelay > TimeSpan.Zero)
            {
                await Task.Delay(_options.RequestDelay, context.RequestAborted).ConfigureAwait(false);
            }

            await ServeApiAsync(context).ConfigureAwait(false);
        }
        finally
        {
            _protection.Exit();
        }
    }

    private async Task ServeApiAsync(HttpContext context)
    {
        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var path = context.Request.Path.Value!["/api/data/v9.2/".Length..] + context.Request.QueryString.Value;
        var request = new DataverseRequest(context.Request.Method, path, headers, body);
        var correlation = Guid.TryParse(request.Header("x-ms-correlation-request-id"), out var c) ? c : Guid.NewGuid();
        context.Response.Headers["OData-Version"] = "4.0";
        if (path.StartsWith("$batch", StringComparison.Ordinal) && request.Method == "POST")
        {
            IReadOnlyList<BatchPart> parts;
            try
            {
                parts = DataverseBatchParser.Parse(context.Request.ContentType, body);
            }
            catch (DataverseApiException error)
            {
                await WriteJsonAsync(context, error.Status, DataverseResponse.FromError(error).Body!).ConfigureAwait(false);
                return;
            }

            var continueOnError = request.Prefers("odata.continue-on-error");
            var (contentType, text, status) = _batch.Execute(parts, continueOnError, _options.ApplicationUserId, correlation);
            if (continueOnError)
            {
                context.Response.Headers["Preference-Applied"] = "odata.continue-on-error";
            }

            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var response = _api.Handle(request, _options.ApplicationUserId, correlation);
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (response.Body is null)
        {
            context.Response.StatusCode = response.Status;
            return;
        }

        await WriteJsonAsync(context, response.Status, response.Body).ConfigureAwait(false);
    }

    private static async Task<bool> ApplyFaultAsync(HttpContext context, SandboxFault fault)
    {
        switch (fault.Kind)
        {
            case SandboxFaultKind.Throttle:
                context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(fault.Delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await WriteJsonAsync(context, 429, DataverseResponse.FromError(new DataverseApiException(429, "0x80072322",
                    "Number of requests exceeded the limit of 6000 over time window of 300 seconds.")).Body!).ConfigureAwait(false);
                return true;
            case SandboxFaultKind.ServerError:
                await WriteJsonAsync(context, 500, DataverseResponse.FromError(new DataverseApiException(500, "0x80040216", "An unexpected error occurred.")).Body!).ConfigureAwait(false);
                return true;
            case SandboxFaultKind.DropConnection:
                context.Abort();
                return true;
            default:
                await Task.Delay(fault.Delay, context.RequestAborted).ConfigureAwait(false);
                return false;
        }
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; odata.metadata=minimal";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }
}

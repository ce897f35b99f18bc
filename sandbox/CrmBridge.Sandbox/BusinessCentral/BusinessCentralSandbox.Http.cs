using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Sandbox.BusinessCentral;

/// <summary>The HTTP surface: token endpoint, bearer check, faults, per-user limits, then the API, $batch and subscriptions.</summary>
public sealed partial class BusinessCentralSandbox
{
    private void Map(WebApplication app)
    {
        app.MapPost("/{tenant}/oauth2/v2.0/token", IssueTokenAsync);
        app.Map("/v2.0/{environment}/{**rest}", ServeAsync);
    }

    private async Task IssueTokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        if (form["grant_type"] != "client_credentials")
        {
            await WriteAsync(context, 400, new JsonObject { ["error"] = "unsupported_grant_type", ["error_description"] = "AADSTS70003: grant_type must be client_credentials." }).ConfigureAwait(false);
            return;
        }

        if (form["client_id"] != _options.ClientId || form["client_secret"] != _options.ClientSecret)
        {
            await WriteAsync(context, 401, new JsonObject { ["error"] = "invalid_client", ["error_description"] = "AADSTS7000215: Invalid client secret provided." }).ConfigureAwait(false);
            return;
        }

        if (form["scope"] != "https://api.businesscentral.dynamics.com/.default")
        {
            await WriteAsync(context, 400, new JsonObject { ["error"] = "invalid_scope", ["error_description"] = "AADSTS70011: The scope must be 'https://api.businesscentral.dynamics.com/.default'." }).ConfigureAwait(false);
            return;
        }

        var token = Convert.ToBase64String(Guid.NewGuid().ToByteArray()) + Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        _tokens[token] = _options.TimeProvider.GetUtcNow() + _options.TokenLifetime;
        var seconds = (int)_options.TokenLifetime.TotalSeconds;
        await WriteAsync(context, 200, new JsonObject { ["token_type"] = "Bearer", ["expires_in"] = seconds, ["ext_expires_in"] = seconds, ["access_token"] = token }).ConfigureAwait(false);
    }

    private async Task ServeAsync(HttpContext context)
    {
        var auth = context.Request.Headers.Authorization.ToString();
        if (!auth.StartsWith("Bearer ", StringComparison.Ordinal) || !_tokens.TryGetValue(auth[7..], out var expires) || expires <= _options.TimeProvider.GetUtcNow())
        {
            context.Response.Headers.WWWAuthenticate = "Bearer authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\"";
            await WriteAsync(context, 401, BcResponse.Error(new BcApiException(401, "Authentication_InvalidCredentials", "The server has rejected the client credentials.")).Body!).ConfigureAwait(false);
            return;
        }

        if (Faults.Next() is { } fault && await ApplyFaultAsync(context, fault).ConfigureAwait(false))
        {
            return;
        }

        if (await _limits.EnterAsync(context.RequestAborted).ConfigureAwait(false) is { } refused)
        {
            if (refused.RetryAfter is { } wait)
            {
                context.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }

            await WriteAsync(context, refused.Status, BcResponse.Error(new BcApiException(refused.Status, refused.Code, refused.Message)).Body!).ConfigureAwait(false);
            return;
        }

        try
        {
            if (_options.RequestDelay > TimeSpan.Zero)
            {
                await Task.Delay(_options.RequestDelay, context.RequestAborted).ConfigureAwait(false);
            }

            var response = await DispatchAsync(context).ConfigureAwait(false);
            foreach (var (name, value) in response.Headers)
            {
                context.Response.Headers[name] = value;
            }

            if (response.Body is null)
            {
                context.Response.StatusCode = response.Status;
                return;
            }

            await WriteAsync(context, response.Status, response.Body).ConfigureAwait(false);
        }
        finally
        {
            _limits.Exit();
        }
    }

    private async Task<BcResponse> DispatchAsync(HttpContext context)
    {
        var rest = context.Request.Path.Value!;
        rest = rest[(rest.IndexOf('/', "/v2.0/".Length) + 1)..];
        JsonObject? body = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject;
            }
            catch (JsonException)
            {
                return BcResponse.Error(new BcApiException(400, "BadRequest_InvalidRequestBody", "The request body is not valid JSON."));
            }
        }

        var (path, query) = BcRequest.Split(rest + context.Request.QueryString.Value);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var custom = _options.TrackingApiPath.Trim('/') + "/";
        if (path.StartsWith(custom, StringComparison.Ordinal))
        {
            lock (_store.Gate)
            {
                return _api.Tracking(new BcRequest(context.Request.Method, path[custom.Length..], query, headers, body));
            }
        }

        const string standard = "api/v2.0/";
        if (!path.StartsWith(standard, StringComparison.Ordinal))
        {
            return BcResponse.Error(new BcApiException(404, "BadRequest_NotFound", $"The request URI '{path}' is not valid."));
        }

        path = path[standard.Length..];
        var request = new BcRequest(context.Request.Method, path, query, headers, body);
        if (path.StartsWith("subscriptions", StringComparison.Ordinal))
        {
            return await SubscriptionAsync(request, context.RequestAborted).ConfigureAwait(false);
        }

        var changes = new List<BcChange>();
        BcResponse response;
        lock (_store.Gate)
        {
            response = path == "$batch" && request.Method == "POST"
                ? _batch.Execute(body, string.Equals(request.Header("Isolation"), "snapshot", StringComparison.OrdinalIgnoreCase), changes)
                : _api.Handle(request, changes);
        }

        _subscriptions.Publish(changes);
        return response;
    }

    private Task<BcResponse> SubscriptionAsync(BcRequest r, CancellationToken cancellationToken)
    {
        var open = r.Path.IndexOf('(', StringComparison.Ordinal);
        var id = open < 0 ? null : r.Path[(open + 1)..].TrimEnd(')').Trim('\'');
        return (id, r.Method) switch
        {
            (null, "GET") => Task.FromResult(_subscriptions.Get(null)),
            (null, "POST") => _subscriptions.CreateAsync(r.Body, cancellationToken),
            (not null, "GET") => Task.FromResult(_subscriptions.Get(id)),
            (not null, "PATCH") => _subscriptions.UpdateAsync(id, r.Header("If-Match"), r.Body, cancellationToken),
            (not null, "DELETE") => Task.FromResult(_subscriptions.Delete(id)),
            _ => Task.FromResult(BcResponse.Error(new BcApiException(405, "BadRequest_MethodNotAllowed", $"'{r.Method}' requests for subscriptions are not allowed."))),
        };
    }

    private static async Task<bool> ApplyFaultAsync(HttpContext context, SandboxFault fault)
    {
        switch (fault.Kind)
        {
            case SandboxFaultKind.Throttle:
                // BC documents no Retry-After for 429.
                await WriteAsync(context, 429, BcResponse.Error(new BcApiException(429, "Application_TooManyRequests", "Too many requests. Please wait and try again.")).Body!).ConfigureAwait(false);
                return true;
            case SandboxFaultKind.ServerError:
                context.Response.Headers.RetryAfter = ((int)fault.Delay.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await WriteAsync(context, 503, BcResponse.Error(new BcApiException(503, "Application_ServiceUnavailable", "The service is temporarily unavailable.")).Body!).ConfigureAwait(false);
                return true;
            case SandboxFaultKind.DropConnection:
                context.Abort();
                return true;
            default:
                await Task.Delay(fault.Delay, context.RequestAborted).ConfigureAwait(false);
                return false;
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(), Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
    }
}

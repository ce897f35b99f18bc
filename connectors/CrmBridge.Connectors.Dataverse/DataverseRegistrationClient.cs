using System.Text;
using System.Text.Json.Nodes;
using CrmBridge.Connectors.Json;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>
/// The few Web API calls registration needs, through the connector's <see cref="DataverseHttp"/> (same token cache,
/// concurrency limit and 401 refresh). Failures become <see cref="ConnectorException"/>s whose message says what was
/// being done and, for a missing privilege (403, <c>0x80040220</c>), what the admin has to grant.
/// </summary>
internal sealed class DataverseRegistrationClient
{
    private readonly DataverseHttp _http;
    private readonly string _system;

    public DataverseRegistrationClient(DataverseHttp http, string system)
    {
        _http = http;
        _system = system;
    }

    public async Task<JsonObject> GetAsync(string relative, string doing, CancellationToken cancellationToken)
    {
        var reply = await _http.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, new Uri(_http.ApiRoot, relative)), cancellationToken).ConfigureAwait(false);
        return reply.IsSuccess ? reply.Json() ?? [] : throw Fail(reply, doing);
    }

    public async Task<List<JsonObject>> ListAsync(string relative, string doing, CancellationToken cancellationToken) =>
        ((await GetAsync(relative, doing, cancellationToken).ConfigureAwait(false))["value"] as JsonArray ?? []).OfType<JsonObject>().ToList();

    /// <summary>Creates a row (or a column definition) and returns the id at the end of <c>OData-EntityId</c>.</summary>
    public async Task<Guid> PostAsync(string relative, JsonObject body, string doing, string? solution, CancellationToken cancellationToken)
    {
        var reply = await SendAsync(HttpMethod.Post, relative, body, doing, solution, cancellationToken).ConfigureAwait(false);
        var entityId = reply.Header("OData-EntityId") ?? string.Empty;
        var open = entityId.LastIndexOf('(');
        return open >= 0 && Guid.TryParse(entityId.AsSpan(open + 1).TrimEnd(')'), out var id) ? id : Guid.Empty;
    }

    public Task PatchAsync(string relative, JsonObject body, string doing, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, relative, body, doing, null, cancellationToken);

    public async Task DeleteAsync(string relative, string doing, CancellationToken cancellationToken)
    {
        var reply = await _http.SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, new Uri(_http.ApiRoot, relative)), cancellationToken).ConfigureAwait(false);
        if (!reply.IsSuccess && reply.Status != 404)
        {
            throw Fail(reply, doing);
        }
    }

    /// <summary>Calls the WhoAmI function: the systemuserid of the user the connector authenticates as.</summary>
    public async Task<Guid> WhoAmIAsync(CancellationToken cancellationToken)
    {
        var answer = await GetAsync("WhoAmI", "WhoAmI", cancellationToken).ConfigureAwait(false);
        return Guid.TryParse(answer["UserId"]?.ToString(), out var id)
            ? id
            : throw new ConnectorException(_system, ErrorKind.Permanent, "WHOAMI", $"{_system}: WhoAmI answered without a UserId.");
    }

    private async Task<ConnectorReply> SendAsync(HttpMethod method, string relative, JsonObject body, string doing, string? solution, CancellationToken cancellationToken)
    {
        var json = body.ToJsonString();
        var reply = await _http.SendAsync(() =>
        {
            var request = new HttpRequestMessage(method, new Uri(_http.ApiRoot, relative)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            if (solution is not null)
            {
                request.Headers.TryAddWithoutValidation("MSCRM.SolutionUniqueName", solution);
            }

            return request;
        }, cancellationToken).ConfigureAwait(false);
        return reply.IsSuccess ? reply : throw Fail(reply, doing);
    }

    private ConnectorException Fail(ConnectorReply reply, string doing)
    {
        var error = _http.Error(reply, doing);
        var hint = reply.Status == 403 || error.ErrorCode == "0x80040220"
            ? " Give the application user a security role with that privilege (System Customizer has all the registration and column privileges; see docs/crm-install.md)."
            : string.Empty;
        var message = error.Message.StartsWith(_system + ": ", StringComparison.Ordinal) ? error.Message[(_system.Length + 2)..] : error.Message;
        return new ConnectorException(_system, error.Kind, error.ErrorCode, $"{_system}: {doing} failed: {message}{hint}", reply.Status, error.RetryAfter);
    }
}

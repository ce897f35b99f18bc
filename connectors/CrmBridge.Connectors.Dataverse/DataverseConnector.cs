using System.Text;
using System.Text.Json.Nodes;
using Azure.Core;
using Microsoft.Extensions.Logging;
using CrmBridge.Connectors.Entra;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>
/// The Dataverse Web API (OData v4, <c>/api/data/v9.2</c>) connector over HttpClient. The Dataverse.Client SDK
/// (ServiceClient) is not used: it is not available here; a ServiceClient adapter could implement the same port.
/// </summary>
internal sealed partial class DataverseConnector : ICrmConnector, IExactVersions
{
    /// <summary>The named HttpClient the registration configures.</summary>
    public const string HttpClientName = "CrmBridge.Dataverse";

    private const string FormattedValues = "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\"";

    private readonly DataverseHttp _http;
    private readonly DataverseIdReader _ids;
    private readonly DataverseOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConnectorHealthTracker? _health;

    public DataverseConnector(IHttpClientFactory httpClients, TokenCredential credential, DataverseOptions options, TimeProvider time, ILogger<DataverseConnector> logger, ConnectorHealthTracker? health = null)
    {
        _health = health;
        _options = options;
        _time = time;
        _logger = logger;
        _http = new DataverseHttp(httpClients, new EntraTokenCache(
            credential, options.EnvironmentUrl!.GetLeftPart(UriPartial.Authority) + "/.default", options.System, options.TokenRefreshMargin, time,
            expiresOn => DataverseLog.TokenAcquired(logger, options.System, expiresOn), health), options, time, logger);
        _ids = new DataverseIdReader(_http, options, logger);
    }

    public string System => _options.System;

    /// <summary>Gets the HTTP plumbing (token cache, concurrency limit), shared with registration.</summary>
    internal DataverseHttp Http => _http;

    private DataverseEntityOptions Entity(string entity) =>
        _options.Entities.TryGetValue(entity, out var options)
            ? options
            : throw new ConnectorException(System, ErrorKind.Permanent, "UNKNOWN_ENTITY", $"{System}: entity '{entity}' is not configured under Connectors:Dataverse:Entities.");

    private static string SelectQuery(DataverseEntityOptions entity, params string[] extra) =>
        entity.Select.Count == 0 ? string.Empty : "$select=" + string.Join(',', entity.Select.Append(entity.IdField).Concat(extra).Distinct(StringComparer.Ordinal));

    private HttpRequestMessage Get(string relative, params string[] preferences)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_http.ApiRoot, relative));
        request.Headers.TryAddWithoutValidation("Prefer", string.Join(", ", preferences.Append(FormattedValues)));
        return request;
    }

    private HttpRequestMessage Send(HttpMethod method, string relative, JsonObject? body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, new Uri(_http.ApiRoot, relative));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            request.Headers.TryAddWithoutValidation("Prefer", "return=representation");
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    /// <summary>Turns a row version into the ETag form (<c>W/"123"</c>); <c>*</c> and ETags pass unchanged.</summary>
    private static string? AsEtag(string? version) =>
        version is null or "*" || version.StartsWith("W/", StringComparison.Ordinal) ? version : $"W/\"{version.Trim('"')}\"";

    /// <summary>Extracts the row version from <c>@odata.etag</c> (<c>W/"470867"</c> → <c>470867</c>).</summary>
    private static string? VersionOf(string? etag) => etag is null ? null : etag.StartsWith("W/", StringComparison.Ordinal) ? etag[2..].Trim('"') : etag.Trim('"');

    private static JsonObject Clean(JsonObject record)
    {
        record.Remove("@odata.context");
        return record;
    }

    private string Relative(string link)
    {
        var root = _http.ApiRoot.ToString();
        return link.StartsWith(root, StringComparison.OrdinalIgnoreCase) ? link[root.Length..] : link;
    }
}

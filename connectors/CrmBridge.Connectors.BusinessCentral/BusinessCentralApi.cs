using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using CrmBridge.Connectors.Json;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>
/// What the connector's collaborators (reader, writer, batch writer, change feed) share: the HTTP layer, the resolved
/// company, the options, and the URL and record helpers of API v2.0.
/// </summary>
internal sealed class BusinessCentralApi
{
    public BusinessCentralApi(BusinessCentralHttp http, BusinessCentralCompany company, BusinessCentralOptions options, ILogger logger)
    {
        Http = http;
        Company = company;
        Options = options;
        Logger = logger;
    }

    public BusinessCentralHttp Http { get; }

    public BusinessCentralCompany Company { get; }

    public BusinessCentralOptions Options { get; }

    public ILogger Logger { get; }

    public string System => Options.System;

    public static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string? VersionOf(JsonObject record) => record["lastModifiedDateTime"]?.ToString();

    public static string? ETagOf(JsonObject record) => record["@odata.etag"]?.ToString();

    public static JsonObject Clean(JsonObject record)
    {
        record.Remove("@odata.context");
        return record;
    }

    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>Finds an entity set by name (case-insensitive) and returns its configured spelling.</summary>
    public (string Set, BusinessCentralEntityOptions Options) Entity(string entity)
    {
        foreach (var (name, options) in Options.Entities)
        {
            if (string.Equals(name, entity, StringComparison.OrdinalIgnoreCase))
            {
                return (name, options);
            }
        }

        throw Permanent("UNKNOWN_ENTITY", $"entity '{entity}' is not configured under {BusinessCentralOptions.SectionName}:Entities.");
    }

    public (string Set, BusinessCentralEntityOptions Options) Writable(string entity)
    {
        var (set, options) = Entity(entity);
        return options.Writable ? (set, options) : throw Permanent("NOT_WRITABLE", $"'{set}' is read only for the bridge (the API or {BusinessCentralOptions.SectionName}:Entities:{set}:Writable).");
    }

    public async Task<string> CompanyPathAsync(CancellationToken cancellationToken) =>
        $"companies({await Company.IdAsync(cancellationToken).ConfigureAwait(false)})/";

    public Uri Url(string relative) => new(Http.ApiRoot, relative);

    public Task<ConnectorReply> GetAsync(string relative, CancellationToken cancellationToken, int? maxPageSize = null) =>
        Http.SendAsync(
            () =>
            {
                var request = BusinessCentralHttp.Json(HttpMethod.Get, Url(relative), null);
                if (maxPageSize is { } size)
                {
                    request.Headers.TryAddWithoutValidation("Prefer", $"odata.maxpagesize={size}");
                }

                return request;
            },
            cancellationToken);

    /// <summary>Makes an absolute <c>@odata.nextLink</c> relative to the API root.</summary>
    public string Relative(string link)
    {
        var root = Http.ApiRoot.ToString();
        return link.StartsWith(root, StringComparison.OrdinalIgnoreCase) ? link[root.Length..] : link;
    }

    public ConnectorException Error(ConnectorReply reply, string entity) => Http.Error(reply, entity);

    public ConnectorException Permanent(string code, string message) => new(System, ErrorKind.Permanent, code, $"{System}: {message}");
}

using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Core;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>
/// The Business Central API v2.0 connector: customers and sales orders (with lines) written by the CRM's key, sales
/// shipments and invoices read, changes by <c>lastModifiedDateTime</c> polling. Every call goes to the company resolved
/// once from <c>GET companies</c>.
/// </summary>
internal sealed partial class BusinessCentralConnector : IErpConnector
{
    /// <summary>The named HttpClient the registration configures.</summary>
    public const string HttpClientName = "CrmBridge.BusinessCentral";

    private readonly BusinessCentralHttp _http;
    private readonly BusinessCentralCompany _company;
    private readonly BusinessCentralOptions _options;
    private readonly ILogger _logger;

    public BusinessCentralConnector(Func<HttpClient> client, TokenCredential credential, BusinessCentralOptions options, TimeProvider time, ILogger<BusinessCentralConnector> logger)
    {
        _options = options;
        _logger = logger;
        _http = new BusinessCentralHttp(client, new BusinessCentralTokenProvider(credential, options, time, logger), options, time, logger);
        _company = new BusinessCentralCompany(_http, options, logger);
    }

    public string System => _options.System;

    /// <summary>Gets the client-side request window (for tests and diagnostics).</summary>
    internal RequestWindowLimiter Window => _http.Window;

    /// <summary>Gets the HTTP layer, shared with the subscription manager.</summary>
    internal BusinessCentralHttp Http => _http;

    /// <summary>Gets the company resolver, shared with the subscription manager.</summary>
    internal BusinessCentralCompany Company => _company;

    /// <summary>Gets the company id, resolved on first use.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The id.</returns>
    public Task<string> CompanyIdAsync(CancellationToken cancellationToken) => _company.IdAsync(cancellationToken);

    private (string Set, BusinessCentralEntityOptions Options) Entity(string entity)
    {
        foreach (var (name, options) in _options.Entities)
        {
            if (string.Equals(name, entity, StringComparison.OrdinalIgnoreCase))
            {
                return (name, options);
            }
        }

        throw new ConnectorException(System, ErrorKind.Permanent, "UNKNOWN_ENTITY",
            $"{System}: entity '{entity}' is not configured under {BusinessCentralOptions.SectionName}:Entities.");
    }

    private async Task<string> CompanyPathAsync(CancellationToken cancellationToken) =>
        $"companies({await _company.IdAsync(cancellationToken).ConfigureAwait(false)})/";

    private Uri Url(string relative) => new(_http.ApiRoot, relative);

    private Task<BusinessCentralReply> GetAsync(string relative, CancellationToken cancellationToken, int? maxPageSize = null) =>
        _http.SendAsync(
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

    private static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string? VersionOf(JsonObject record) => record["lastModifiedDateTime"]?.ToString();

    private static string? ETagOf(JsonObject record) => record["@odata.etag"]?.ToString();

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

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private ConnectorException Permanent(string code, string message) => new(System, ErrorKind.Permanent, code, $"{System}: {message}");
}

using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>Resolves the configured company (id or name) from <c>GET companies</c> once and keeps its id.</summary>
internal sealed class BusinessCentralCompany
{
    private readonly BusinessCentralHttp _http;
    private readonly BusinessCentralOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _id;

    public BusinessCentralCompany(BusinessCentralHttp http, BusinessCentralOptions options, ILogger logger)
    {
        _http = http;
        _options = options;
        _logger = logger;
    }

    /// <summary>Gets the company id, resolving it on first use.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The id (GUID text).</returns>
    public async Task<string> IdAsync(CancellationToken cancellationToken)
    {
        if (_id is not null)
        {
            return _id;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_id is not null)
            {
                return _id;
            }

            var reply = await _http.SendAsync(() => BusinessCentralHttp.Json(HttpMethod.Get, new Uri(_http.ApiRoot, "companies"), null), cancellationToken).ConfigureAwait(false);
            if (!reply.IsSuccess || reply.Json()?["value"]?.AsArray() is not { } companies)
            {
                throw _http.Error(reply, "companies");
            }

            var wanted = _options.Company!.Trim();
            var match = companies.OfType<System.Text.Json.Nodes.JsonObject>().FirstOrDefault(c =>
                string.Equals(c["id"]?.ToString(), wanted, StringComparison.OrdinalIgnoreCase)
                || string.Equals(c["name"]?.ToString(), wanted, StringComparison.OrdinalIgnoreCase)
                || string.Equals(c["displayName"]?.ToString(), wanted, StringComparison.OrdinalIgnoreCase));
            if (match?["id"]?.ToString() is not { } id)
            {
                var names = string.Join(", ", companies.Select(c => $"'{c?["name"]}'"));
                throw new ConnectorException(_options.System, ErrorKind.Permanent, "COMPANY_NOT_FOUND",
                    $"{_options.System}: company '{wanted}' not found at {_http.ApiRoot}; set {BusinessCentralOptions.SectionName}:Company to one of {names} or its id.");
            }

            BusinessCentralLog.CompanyResolved(_logger, _options.System, id);
            return _id = id;
        }
        finally
        {
            _gate.Release();
        }
    }
}

using Azure.Core;
using Microsoft.Extensions.Logging;
using CrmBridge.Connectors.Entra;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>
/// The Business Central API v2.0 connector: customers and sales orders (with lines) written by the CRM's key, sales
/// shipments and invoices read, changes by <c>lastModifiedDateTime</c> polling. Every call goes to the company resolved
/// once from <c>GET companies</c>. The work is done by collaborators sharing one <see cref="BusinessCentralApi"/>:
/// <see cref="BusinessCentralReader"/>, <see cref="BusinessCentralWriter"/>, <see cref="BusinessCentralBatchWriter"/>
/// and <see cref="BusinessCentralChangeFeed"/>.
/// </summary>
internal sealed class BusinessCentralConnector : IErpConnector
{
    /// <summary>The named HttpClient the registration configures.</summary>
    public const string HttpClientName = "CrmBridge.BusinessCentral";

    private readonly BusinessCentralApi _api;
    private readonly BusinessCentralReader _reader;
    private readonly BusinessCentralWriter _writer;
    private readonly BusinessCentralBatchWriter _batchWriter;
    private readonly BusinessCentralChangeFeed _changes;

    public BusinessCentralConnector(Func<HttpClient> client, TokenCredential credential, BusinessCentralOptions options, TimeProvider time, ILogger<BusinessCentralConnector> logger, ConnectorHealthTracker? health = null)
    {
        Health = health;
        var http = new BusinessCentralHttp(client, new EntraTokenCache(
            credential, options.Scope, options.System, options.TokenRefreshMargin, time,
            expiresOn => BusinessCentralLog.TokenAcquired(logger, options.System, expiresOn), health), options, time, logger);
        _api = new BusinessCentralApi(http, new BusinessCentralCompany(http, options, logger), options, logger);
        var batch = new BusinessCentralBatchClient(_api);
        _reader = new BusinessCentralReader(_api);
        _writer = new BusinessCentralWriter(_api, batch);
        _batchWriter = new BusinessCentralBatchWriter(_api, _writer, batch);
        _changes = new BusinessCentralChangeFeed(_api, _reader);
    }

    public string System => _api.System;

    /// <summary>Gets the connection health tracker (shared with the subscription manager), or <see langword="null"/>.</summary>
    internal ConnectorHealthTracker? Health { get; }

    /// <summary>Gets the client-side request window (for tests and diagnostics).</summary>
    internal RequestWindowLimiter Window => _api.Http.Window;

    /// <summary>Gets the HTTP layer, shared with the subscription manager.</summary>
    internal BusinessCentralHttp Http => _api.Http;

    /// <summary>Gets the company resolver, shared with the subscription manager.</summary>
    internal BusinessCentralCompany Company => _api.Company;

    /// <summary>Gets the company id, resolved on first use.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The id.</returns>
    public Task<string> CompanyIdAsync(CancellationToken cancellationToken) => _api.Company.IdAsync(cancellationToken);

    public Task<SourceRecord?> GetAsync(string entity, string id, CancellationToken cancellationToken) => _reader.GetAsync(entity, id, cancellationToken);

    public Task<ChangePage> GetChangesAsync(string entity, string? checkpoint, CancellationToken cancellationToken) => _changes.GetChangesAsync(entity, checkpoint, cancellationToken);

    /// <summary>Follows a <c>collection</c> notification: every record of the entity modified after <paramref name="since"/>.</summary>
    /// <param name="entity">The entity set.</param>
    /// <param name="since">The instant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The changes with snapshots.</returns>
    public Task<IReadOnlyList<RecordChange>> QueryModifiedSinceAsync(string entity, DateTimeOffset since, CancellationToken cancellationToken) =>
        _changes.QueryModifiedSinceAsync(entity, since, cancellationToken);

    public Task<UpsertResult> UpsertAsync(UpsertRequest request, CancellationToken cancellationToken) => _writer.UpsertAsync(request, cancellationToken);

    public Task<IReadOnlyList<BatchItemResult>> UpsertBatchAsync(IReadOnlyList<UpsertRequest> requests, CancellationToken cancellationToken) =>
        _batchWriter.UpsertBatchAsync(requests, cancellationToken);

    public Task<bool> DeleteAsync(string entity, string id, CancellationToken cancellationToken) => _writer.DeleteAsync(entity, id, cancellationToken);
}

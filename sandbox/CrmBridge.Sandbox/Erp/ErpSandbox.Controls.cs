using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Erp;

/// <summary>The sandbox controls in C#: what the ERP's users do, and read-only views for demos and tests.</summary>
public sealed partial class ErpSandbox
{
    /// <summary>Ships an order: <c>status</c> SHIPPED (an INVOICED order stays INVOICED), <c>trackingNumber</c>, <c>carrier</c>, <c>shippedAt</c>.</summary>
    /// <param name="orderId">The ERP order id (<c>SO-000001</c>).</param>
    /// <param name="trackingNumber">The tracking number; default derived from the id (<c>TRK000001</c>).</param>
    /// <param name="carrier">The carrier; default <c>SF Express</c>.</param>
    /// <param name="cancellationToken">Unused (the store is in memory); kept for call-site symmetry.</param>
    /// <returns>The order after the change.</returns>
    /// <exception cref="KeyNotFoundException">No such order.</exception>
    /// <exception cref="InvalidOperationException">The order is cancelled.</exception>
    public Task<JsonObject> ShipOrderAsync(string orderId, string? trackingNumber = null, string? carrier = null, CancellationToken cancellationToken = default) =>
        Complete(Ship(orderId, trackingNumber, carrier));

    /// <summary>Invoices an order: <c>status</c> INVOICED, <c>invoiceNumber</c>, <c>invoicedAt</c>.</summary>
    /// <param name="orderId">The ERP order id.</param>
    /// <param name="invoiceNumber">The invoice number; default derived from the id (<c>INV-000001</c>).</param>
    /// <param name="cancellationToken">Unused; kept for call-site symmetry.</param>
    /// <returns>The order after the change.</returns>
    public Task<JsonObject> InvoiceOrderAsync(string orderId, string? invoiceNumber = null, CancellationToken cancellationToken = default) =>
        Complete(Invoice(orderId, invoiceNumber));

    /// <summary>Resolves a case: <c>status</c> RESOLVED, <c>resolution</c>, <c>resolvedAt</c>.</summary>
    /// <param name="caseId">The ERP case id (<c>AS-000001</c>).</param>
    /// <param name="resolution">The resolution text; default <c>Resolved by after-sales service.</c></param>
    /// <param name="cancellationToken">Unused; kept for call-site symmetry.</param>
    /// <returns>The case after the change.</returns>
    public Task<JsonObject> ResolveCaseAsync(string caseId, string? resolution = null, CancellationToken cancellationToken = default) =>
        Complete(Resolve(caseId, resolution));

    /// <summary>Creates or updates a record directly, as the API's upsert does (for seeding ERP-side data).</summary>
    /// <param name="entity">The entity (<see cref="ErpEntities"/>).</param>
    /// <param name="externalId">The external id.</param>
    /// <param name="data">The fields.</param>
    /// <param name="cancellationToken">Unused; kept for call-site symmetry.</param>
    /// <returns>The record after the write.</returns>
    /// <exception cref="InvalidOperationException">The record is invalid (the message names the field).</exception>
    public Task<JsonObject> UpsertRecordAsync(string entity, string externalId, JsonObject data, CancellationToken cancellationToken = default) =>
        Complete(_store.Upsert(entity, externalId, data, ifMatch: null));

    /// <summary>Counts the records of one entity.</summary>
    /// <param name="entity">The entity.</param>
    /// <returns>The count (0 for an unknown entity).</returns>
    public int Count(string entity) => _store.Count(entity);

    /// <summary>Counts the records of every entity.</summary>
    /// <returns>Entity → count, for <c>customers</c>, <c>salesOrders</c> and <c>cases</c>.</returns>
    public IReadOnlyDictionary<string, int> Counts() => ErpEntities.All.ToDictionary(e => e, _store.Count, StringComparer.Ordinal);

    /// <summary>Lists the ids of one entity's records, in id order.</summary>
    /// <param name="entity">The entity.</param>
    /// <returns>The ids.</returns>
    public IReadOnlyList<string> ListIds(string entity) => _store.ListIds(entity);

    /// <summary>Lists copies of one entity's records, in id order.</summary>
    /// <param name="entity">The entity.</param>
    /// <returns>The records.</returns>
    public IReadOnlyList<JsonObject> ListRecords(string entity) => _store.List(entity);

    /// <summary>Gets a copy of a record by id.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="id">The ERP id.</param>
    /// <returns>The record, or <see langword="null"/>.</returns>
    public JsonObject? GetRecord(string entity, string id) => _store.Get(entity, id);

    /// <summary>Gets a copy of a record by external id (the CRM id).</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="externalId">The external id.</param>
    /// <returns>The record, or <see langword="null"/>.</returns>
    public JsonObject? FindByExternalId(string entity, string externalId) => _store.GetByExternalId(entity, externalId);

    internal ErpWriteOutcome Ship(string orderId, string? trackingNumber, string? carrier) =>
        _store.Update(ErpEntities.SalesOrders, orderId, ErpControls.Ship(
            trackingNumber ?? ErpControls.DefaultNumber("TRK", orderId), carrier ?? "SF Express", ErpStore.Timestamp(_options.TimeProvider)));

    internal ErpWriteOutcome Invoice(string orderId, string? invoiceNumber) =>
        _store.Update(ErpEntities.SalesOrders, orderId, ErpControls.Invoice(
            invoiceNumber ?? ErpControls.DefaultNumber("INV-", orderId), ErpStore.Timestamp(_options.TimeProvider)));

    internal ErpWriteOutcome Resolve(string caseId, string? resolution) =>
        _store.Update(ErpEntities.Cases, caseId, ErpControls.Resolve(
            resolution ?? "Resolved by after-sales service.", ErpStore.Timestamp(_options.TimeProvider)));

    private static Task<JsonObject> Complete(ErpWriteOutcome outcome) => outcome.Error switch
    {
        null => Task.FromResult(outcome.Record!),
        { Status: 404 } e => Task.FromException<JsonObject>(new KeyNotFoundException(e.Message)),
        var e => Task.FromException<JsonObject>(new InvalidOperationException($"{e.Code} {e.Field}: {e.Message}")),
    };
}

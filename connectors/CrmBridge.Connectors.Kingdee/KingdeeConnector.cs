using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>
/// The Kingdee K3Cloud (金蝶云星空) ERP connector. Records are identified by their number (<c>FNumber</c> / <c>FBillNo</c>);
/// upserts find the record by the form's key field and Save it (K3Cloud has no upsert); reads are ExecuteBillQuery.
/// See docs/kingdee.md.
/// </summary>
internal sealed class KingdeeConnector : IErpConnector
{
    private readonly KingdeeConnectorOptions _options;
    private readonly KingdeeRecords _records;
    private readonly KingdeeWriter _writer;
    private readonly KingdeeChangeReader _changes;
    private readonly KingdeeLifecycle _lifecycle;
    private readonly KingdeeClock _clock;
    private readonly ILogger _logger;

    public KingdeeConnector(IOptions<KingdeeConnectorOptions> options, KingdeeRecords records, KingdeeWriter writer, KingdeeChangeReader changes, KingdeeLifecycle lifecycle, KingdeeClock clock, ILogger<KingdeeConnector> logger)
    {
        _options = options.Value;
        _records = records;
        _writer = writer;
        _changes = changes;
        _lifecycle = lifecycle;
        _clock = clock;
        _logger = logger;
    }

    /// <inheritdoc />
    public string System => _options.System;

    /// <inheritdoc />
    public async Task<SourceRecord?> GetAsync(string entity, string id, CancellationToken cancellationToken)
    {
        var form = Form(entity);
        var found = await _records.ReadAsync(form, $"{form.Options.NumberField} = {KingdeeJson.Quote(id)}", cancellationToken).ConfigureAwait(false);
        if (found.Count == 0)
        {
            return null;
        }

        var record = found[0];
        if (string.Equals(entity, _options.OrderEntity, StringComparison.OrdinalIgnoreCase) && _options.OrderLinks.Count > 0)
        {
            await _changes.EnrichAsync(form, [record], cancellationToken).ConfigureAwait(false);
        }

        var version = _clock.Version(KingdeeJson.Text(record[form.Options.ModifyDateField]));
        return new SourceRecord(id, record, version);
    }

    /// <inheritdoc />
    public Task<ChangePage> GetChangesAsync(string entity, string? checkpoint, CancellationToken cancellationToken) =>
        _changes.ReadAsync(Form(entity), checkpoint, cancellationToken);

    /// <inheritdoc />
    public async Task<UpsertResult> UpsertAsync(UpsertRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = (await _writer.WriteAsync(Form(request.Entity), [request], cancellationToken).ConfigureAwait(false))[0];
        return result.Error is { } error ? throw error : result.Result!;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<BatchItemResult>> UpsertBatchAsync(IReadOnlyList<UpsertRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<BatchItemResult>>([]);
        }

        var entity = requests[0].Entity;
        if (requests.Any(r => !string.Equals(r.Entity, entity, StringComparison.Ordinal)))
        {
            throw new ArgumentException("All requests of a batch must target the same entity.", nameof(requests));
        }

        return _writer.WriteAsync(Form(entity), requests, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAsync(string entity, string id, CancellationToken cancellationToken)
    {
        var form = Form(entity);
        var o = form.Options;
        var found = await _records.ReadAsync(new KingdeeForm(entity, new KingdeeFormOptions
        {
            FormId = form.FormId, PkField = o.PkField, NumberField = o.NumberField, KeyField = o.KeyField,
            ModifyDateField = o.ModifyDateField, DocumentStatusField = o.DocumentStatusField,
        }), $"{o.NumberField} = {KingdeeJson.Quote(id)}", cancellationToken).ConfigureAwait(false);
        if (found.Count == 0)
        {
            KingdeeLog.Deleted(_logger, System, form.FormId, id, false);
            return false;
        }

        var pk = KingdeeJson.Text(found[0][o.PkField])!;
        if (form.HasLifecycle && KingdeeJson.Text(found[0][o.DocumentStatusField!]) is "C")
        {
            if (!o.UnAuditToUpdate)
            {
                throw KingdeeErrors.Permanent(_options, "K3_AUDITED",
                    $"{form.Noun} {id} is audited in K3Cloud and cannot be deleted by the bridge ({KingdeeConnectorOptions.SectionName}:Forms:{entity}:UnAuditToUpdate is false); delete it in K3Cloud.");
            }

            await ThrowFirstAsync(await _lifecycle.RunAsync("UnAudit", form, [pk], cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }

        await ThrowFirstAsync(await _lifecycle.RunAsync("Delete", form, [pk], cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        KingdeeLog.Deleted(_logger, System, form.FormId, id, true);
        return true;
    }

    private static Task ThrowFirstAsync(Dictionary<int, ConnectorException> failures) =>
        failures.Count == 0 ? Task.CompletedTask : Task.FromException(failures.Values.First());

    private KingdeeForm Form(string entity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entity);
        return new KingdeeForm(entity, _options.GetForm(entity));
    }
}

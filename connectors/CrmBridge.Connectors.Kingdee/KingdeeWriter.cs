using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>
/// Upserts by a key field K3Cloud knows nothing about: find the bills by key with ExecuteBillQuery, un-audit the audited
/// ones when allowed, then one <c>Save</c> (or <c>BatchSave</c>) carrying <c>FID</c> + entry <c>FEntryID</c>s +
/// <c>NeedUpDateFields</c> for updates and no pk for creates, then Submit/Audit as configured, then one query for the new
/// modification times (the versions the change poller will see, so the echo of this write is recognised).
/// </summary>
internal sealed class KingdeeWriter
{
    private readonly KingdeeApiClient _api;
    private readonly KingdeeQuery _query;
    private readonly KingdeeLifecycle _lifecycle;
    private readonly KingdeeKeyLocks _locks;
    private readonly KingdeeVersions _versions;
    private readonly KingdeeClock _clock;
    private readonly ILogger _logger;

    public KingdeeWriter(KingdeeApiClient api, KingdeeQuery query, KingdeeLifecycle lifecycle, KingdeeKeyLocks locks, KingdeeVersions versions, KingdeeClock clock, ILogger<KingdeeWriter> logger)
    {
        _clock = clock;
        _api = api;
        _query = query;
        _lifecycle = lifecycle;
        _locks = locks;
        _versions = versions;
        _logger = logger;
    }

    private KingdeeConnectorOptions Options => _api.Options;

    public async Task<IReadOnlyList<BatchItemResult>> WriteAsync(KingdeeForm form, IReadOnlyList<UpsertRequest> requests, CancellationToken cancellationToken)
    {
        var items = requests.Select((r, i) => new KingdeeWriteItem(i, r)).ToList();
        foreach (var item in items)
        {
            CheckKey(form, item);
        }

        // A key twice in one batch: the last request wins, the earlier ones report its result.
        var leaders = items.Where(i => i.Pending).GroupBy(i => i.Request.KeyValue, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var calls = 0;
        using (await _locks.AcquireAsync(form.FormId, leaders.Select(l => l.Request.KeyValue), cancellationToken).ConfigureAwait(false))
        {
            foreach (var chunk in leaders.Chunk(Options.BatchSize))
            {
                calls += await WriteChunkAsync(form, chunk, cancellationToken).ConfigureAwait(false);
            }
        }

        var results = new List<BatchItemResult>(items.Count);
        foreach (var item in items)
        {
            var leader = item.Pending ? leaders.First(l => l.Request.KeyValue == item.Request.KeyValue) : item;
            results.Add(leader.Error is { } error
                ? new BatchItemResult(item.Index, null, error)
                : new BatchItemResult(item.Index, new UpsertResult(leader.Number!, leader.Existing is null, leader.Version), null));
        }

        KingdeeLog.Saved(_logger, Options.System, form.FormId, results.Count(r => r.Succeeded), results.Count(r => !r.Succeeded), calls);
        return results;
    }

    private void CheckKey(KingdeeForm form, KingdeeWriteItem item)
    {
        if (!string.Equals(item.Request.KeyField, form.Options.KeyField, StringComparison.OrdinalIgnoreCase))
        {
            item.Error = KingdeeErrors.Permanent(Options, "UNSUPPORTED_KEY",
                $"{form.Entity} is found by '{form.Options.KeyField}', not '{item.Request.KeyField}': make the mapping's key.target and {KingdeeConnectorOptions.SectionName}:Forms:{form.Entity}:KeyField agree.");
        }
        else if (string.IsNullOrEmpty(item.Request.KeyValue))
        {
            item.Error = KingdeeErrors.Permanent(Options, "VALIDATION", $"{form.Entity} write without a key value.");
        }
    }

    private async Task<int> WriteChunkAsync(KingdeeForm form, KingdeeWriteItem[] chunk, CancellationToken cancellationToken)
    {
        var calls = 1;
        await FindAsync(form, chunk, cancellationToken).ConfigureAwait(false);
        foreach (var item in chunk.Where(i => i.Pending && i.Existing is { Row: { } row } && KingdeeUnchanged.IsSame(form, i.Request.Data, row)))
        {
            item.Unchanged = true;
            item.Version = _clock.Version(item.Existing!.ModifyDate);
        }

        calls += await UnAuditAsync(form, chunk, cancellationToken).ConfigureAwait(false);
        var toSave = chunk.Where(i => i.Pending && !i.Unchanged).ToList();
        if (toSave.Count == 0)
        {
            return calls;
        }

        foreach (var item in toSave)
        {
            item.Model = KingdeeModelBuilder.Build(form, item);
        }

        var saver = new KingdeeSaveCall(_api, form);
        await saver.SaveAsync(toSave, cancellationToken).ConfigureAwait(false);
        calls++;
        calls += await AfterSaveAsync(form, chunk, cancellationToken).ConfigureAwait(false);
        var saved = chunk.Where(i => i.Pending && !i.Unchanged && i.Pk is not null).ToList();
        if (saved.Count > 0)
        {
            var versions = await _versions.ReadAsync(form, saved.Select(i => i.Pk!).ToList(), cancellationToken).ConfigureAwait(false);
            foreach (var item in saved)
            {
                item.Version = versions.GetValueOrDefault(item.Pk!);
            }

            calls++;
        }

        return calls;
    }

    private async Task FindAsync(KingdeeForm form, KingdeeWriteItem[] chunk, CancellationToken cancellationToken)
    {
        var o = form.Options;
        var keys = new List<string> { o.PkField, o.NumberField, o.KeyField, o.ModifyDateField };
        if (form.HasLifecycle)
        {
            keys.Add(o.DocumentStatusField!);
        }

        if (form.HasEntries)
        {
            keys.Add(form.EntryIdKey);
            keys.Add(form.EntrySeqKey);
        }

        keys.AddRange(KingdeeUnchanged.Keys(form, chunk.Select(i => i.Request.Data)).Where(k => !keys.Contains(k, StringComparer.OrdinalIgnoreCase)));
        var filter = KingdeeQuery.In(o.KeyField, chunk.Select(i => i.Request.KeyValue));
        var rows = await _query.AllAsync(form.FormId, keys, filter, KingdeeRecords.OrderBy(form), cancellationToken).ConfigureAwait(false);
        var found = rows.GroupBy(r => KingdeeJson.Text(r[o.KeyField]) ?? string.Empty, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var item in chunk)
        {
            if (!found.TryGetValue(item.Request.KeyValue, out var matches))
            {
                continue;
            }

            var bills = matches.GroupBy(r => KingdeeJson.Text(r[o.PkField]) ?? string.Empty).ToList();
            if (bills.Count > 1)
            {
                item.Error = KingdeeErrors.Permanent(Options, "DUPLICATE_KEY",
                    $"{bills.Count} {form.Noun} records ({string.Join(", ", bills.Select(b => KingdeeJson.Text(b.First()[o.NumberField])))}) carry {o.KeyField}={item.Request.KeyValue}: delete or re-key the duplicates in K3Cloud (a unique index on {o.KeyField} prevents this), then replay.");
                continue;
            }

            var first = bills[0].First();
            var entryIds = form.HasEntries
                ? bills[0].Select(r => KingdeeJson.Long(r[form.EntryIdKey]) ?? 0).Where(id => id > 0).ToList()
                : [];
            item.Existing = new KingdeeExisting(bills[0].Key, KingdeeJson.Text(first[o.NumberField]) ?? bills[0].Key,
                form.HasLifecycle ? KingdeeJson.Text(first[o.DocumentStatusField!]) : null, entryIds)
            {
                ModifyDate = KingdeeJson.Text(first[o.ModifyDateField]),
                Row = form.HasEntries ? null : first, // lines are not compared: a bill with lines is always saved
            };
            item.Pk = item.Existing.Pk;
            item.Number = item.Existing.Number;
        }
    }

    private async Task<int> UnAuditAsync(KingdeeForm form, KingdeeWriteItem[] chunk, CancellationToken cancellationToken)
    {
        var audited = chunk.Where(i => i.Pending && !i.Unchanged && i.Existing is { IsAudited: true }).ToList();
        if (audited.Count == 0)
        {
            return 0;
        }

        if (!form.Options.UnAuditToUpdate)
        {
            foreach (var item in audited)
            {
                item.Error = KingdeeErrors.Permanent(Options, "K3_AUDITED",
                    $"{form.Noun} {item.Existing!.Number} is audited in K3Cloud; the bridge may not un-audit it ({KingdeeConnectorOptions.SectionName}:Forms:{form.Entity}:UnAuditToUpdate is false). Un-audit it in K3Cloud, or allow un-audit, then replay this dead letter.");
            }

            return 0;
        }

        foreach (var item in audited)
        {
            KingdeeLog.UnAuditing(_logger, Options.System, form.FormId, item.Existing!.Number);
        }

        var failures = await _lifecycle.RunAsync("UnAudit", form, audited.Select(i => i.Existing!.Pk).ToList(), cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < audited.Count; i++)
        {
            if (failures.TryGetValue(i, out var error))
            {
                audited[i].Error = error;
            }
            else
            {
                audited[i].UnAudited = true;
            }
        }

        return 1;
    }

    private async Task<int> AfterSaveAsync(KingdeeForm form, KingdeeWriteItem[] chunk, CancellationToken cancellationToken)
    {
        var mode = form.Options.AfterSave;
        var calls = 0;
        if (mode == KingdeeAfterSave.AutoSubmitAndAudit)
        {
            return calls; // the save itself submitted and audited, un-audited bills included
        }

        foreach (var operation in new[] { "Submit", "Audit" })
        {
            // Un-audited bills go back through Submit and Audit whatever the mode: they were audited before this write.
            var due = chunk.Where(i => i.Pending && !i.Unchanged && i.Pk is not null
                && (i.UnAudited || mode == KingdeeAfterSave.SubmitAndAudit || (mode == KingdeeAfterSave.Submit && operation == "Submit"))).ToList();
            if (due.Count == 0)
            {
                continue;
            }

            calls++;
            var failures = await _lifecycle.RunAsync(operation, form, due.Select(i => i.Pk!).ToList(), cancellationToken).ConfigureAwait(false);
            foreach (var (position, error) in failures)
            {
                due[position].Error = error;
            }
        }

        return calls;
    }
}

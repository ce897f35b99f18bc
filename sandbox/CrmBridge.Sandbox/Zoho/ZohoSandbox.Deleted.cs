using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Sandbox.Zoho;

/// <summary>
/// The recycle bin and <c>GET /crm/{version}/{module}/deleted</c> as Zoho documents it: <c>type</c> all (default) /
/// recycle / permanent, <c>page</c> and <c>per_page</c> (≤200) by position, the <c>If-Modified-Since</c> header (deletions
/// stamped strictly after it, whole seconds), newest first, and 204 No Content with an empty body when nothing matches.
/// </summary>
public sealed partial class ZohoSandbox
{
    private static readonly string[] DeletedTypes = ["all", "recycle", "permanent"];

    /// <summary>Deletes a recycle-bin record permanently, as a user purging it would (its entry becomes <c>permanent</c>, stamped now).</summary>
    /// <param name="module">The module API name.</param>
    /// <param name="id">The record id.</param>
    /// <returns><see langword="true"/> when it was in the bin and is now deleted permanently.</returns>
    public bool PurgeRecord(string module, string id)
    {
        lock (_gate)
        {
            var entry = Store(module).Deleted.FindLast(e => e.Id.ToString(CultureInfo.InvariantCulture) == id && !e.Permanent);
            return entry is not null && Purge(entry);
        }
    }

    /// <summary>Empties a module's recycle bin: every entry becomes a permanent deletion stamped now.</summary>
    /// <param name="module">The module API name.</param>
    /// <returns>How many records were purged.</returns>
    public int EmptyRecycleBin(string module)
    {
        lock (_gate)
        {
            return Store(module).Deleted.Where(e => !e.Permanent).ToList().Count(Purge);
        }
    }

    /// <summary>Counts a module's deleted-records entries (recycle bin and permanent).</summary>
    /// <param name="module">The module API name.</param>
    /// <returns>The count.</returns>
    public int CountDeleted(string module)
    {
        lock (_gate)
        {
            return Store(module).Deleted.Count;
        }
    }

    /// <summary>Deletes a record into the recycle bin, stamped with the sandbox clock. Caller holds <see cref="_gate"/>.</summary>
    private bool Recycle(string module, ZohoModuleStore store, string id, string user)
    {
        if (!long.TryParse(id, CultureInfo.InvariantCulture, out var n) || store.Find(n) is not { } record || !store.Remove(n))
        {
            return false;
        }

        var displayField = ZohoModuleSchema.MandatoryFields(module) is [var first, ..] ? first : "Name";
        store.Deleted.Add(new ZohoDeletedEntry(record, displayField, User(user), Now()));
        return true;
    }

    private bool Purge(ZohoDeletedEntry entry)
    {
        entry.Permanent = true;
        entry.DeletedTime = Now();
        return true;
    }

    private async Task HandleDeletedAsync(HttpContext context, string module)
    {
        var query = context.Request.Query;
        if (!TryModule(module, out var store))
        {
            await ZohoSandboxJson.ErrorAsync(context, 400, "INVALID_MODULE", "the module name given seems to be invalid").ConfigureAwait(false);
            return;
        }

        var type = query["type"].ToString() is { Length: > 0 } t ? t : "all";
        var page = query["page"].ToString() is { Length: > 0 } p ? (int.TryParse(p, CultureInfo.InvariantCulture, out var pn) ? pn : 0) : 1;
        var perPage = query["per_page"].ToString() is { Length: > 0 } pp ? (int.TryParse(pp, CultureInfo.InvariantCulture, out var ppn) ? ppn : 0) : 200;
        var invalid = !DeletedTypes.Contains(type) ? "type" : page < 1 ? "page" : perPage is < 1 or > 200 ? "per_page" : null;
        if (invalid is not null)
        {
            await ZohoSandboxJson.ErrorAsync(context, 400, "INVALID_DATA", "invalid data", new JsonObject { ["param"] = invalid }).ConfigureAwait(false);
            return;
        }

        long? since = DateTimeOffset.TryParse(context.Request.Headers.IfModifiedSince.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var ims)
            ? ims.ToUnixTimeSeconds()
            : null;
        List<JsonObject> slice;
        lock (_gate)
        {
            slice = store.Deleted
                .Where(e => type == "all" || e.Permanent == (type == "permanent"))
                .Where(e => since is null || e.DeletedTime.ToUnixTimeSeconds() > since)
                .OrderByDescending(e => e.DeletedTime).ThenByDescending(e => e.Id)
                .Skip((page - 1) * perPage).Take(perPage + 1)
                .Select(e => e.ToJson()).ToList();
        }

        if (slice.Count == 0)
        {
            // Zoho answers an empty list with 204 No Content and no body at all.
            context.Response.StatusCode = 204;
            return;
        }

        var more = slice.Count > perPage;
        var data = new JsonArray([.. slice.Take(perPage)]);
        await ZohoSandboxJson.WriteAsync(context, 200, new JsonObject
        {
            ["data"] = data,
            ["info"] = new JsonObject { ["per_page"] = perPage, ["count"] = data.Count, ["page"] = page, ["more_records"] = more },
        }).ConfigureAwait(false);
    }
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Kingdee;

/// <summary>
/// The emulated tenant's bills, per form, in memory and thread-safe: primary keys from 100001, entry ids from 200001, numbers
/// from each form's coding rule (<c>XSDD000001</c>), server-local times to the second, lifecycle Z/A/B/C/D.
/// </summary>
internal sealed partial class KingdeeBillStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (KingdeeSandboxForm Form, SortedDictionary<long, JsonObject> Bills)> _forms = new(StringComparer.OrdinalIgnoreCase);
    private readonly KingdeeSandboxOptions _options;
    private readonly TimeZoneInfo _zone;
    private long _nextPk = 100_000;
    private long _nextEntryId = 200_000;
    private readonly Dictionary<string, long> _numbers = new(StringComparer.OrdinalIgnoreCase);

    public KingdeeBillStore(KingdeeSandboxOptions options)
    {
        _options = options;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        foreach (var form in KingdeeSandboxForm.Standard(options.CaseFormId))
        {
            _forms[form.FormId] = (form, new SortedDictionary<long, JsonObject>());
        }
    }

    public KingdeeSandboxForm? Form(string formId) => _forms.TryGetValue(formId, out var f) ? f.Form : null;

    /// <summary>The server's local time now, without offset: <c>2026-11-28T13:05:09.583</c> (or to the second, see <see cref="KingdeeSandboxOptions.WholeSecondTimes"/>).</summary>
    public string Now() => TimeZoneInfo.ConvertTimeFromUtc(_options.TimeProvider.GetUtcNow().UtcDateTime, _zone)
        .ToString(_options.WholeSecondTimes ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public JsonObject? FindByNumber(string formId, string number)
    {
        lock (_gate)
        {
            var (form, bills) = _forms[formId];
            return bills.Values.FirstOrDefault(b => string.Equals(KingdeeSandboxJson.Text(KingdeeSandboxJson.Get(b, form.NumberField)), number, StringComparison.OrdinalIgnoreCase));
        }
    }

    public JsonObject? Find(string formId, long pk)
    {
        lock (_gate)
        {
            return _forms.TryGetValue(formId, out var f) && f.Bills.TryGetValue(pk, out var bill) ? (JsonObject)bill.DeepClone() : null;
        }
    }

    /// <summary>Copies of every bill of a form, in primary-key order.</summary>
    public List<JsonObject> All(string formId)
    {
        lock (_gate)
        {
            return _forms.TryGetValue(formId, out var f) ? f.Bills.Values.Select(b => (JsonObject)b.DeepClone()).ToList() : [];
        }
    }

    public int Count(string formId)
    {
        lock (_gate)
        {
            return _forms.TryGetValue(formId, out var f) ? f.Bills.Count : 0;
        }
    }

    /// <summary>Runs a change on the live bills under the store's lock (controls and operations).</summary>
    public T Locked<T>(Func<T> action)
    {
        lock (_gate)
        {
            return action();
        }
    }

    /// <summary>Gets the live bill (call inside <see cref="Locked{T}"/> only).</summary>
    public JsonObject Live(string formId, long pk) => _forms[formId].Bills[pk];

    /// <summary>Gets the live bills of a form in pk order (call inside <see cref="Locked{T}"/> only).</summary>
    public IEnumerable<JsonObject> LiveAll(string formId) => _forms.TryGetValue(formId, out var f) ? f.Bills.Values : [];

    /// <summary>Adds a bill as a K3Cloud user would (seeding, pushed bills): assigns pk, number, entry ids, times, status.</summary>
    public JsonObject Insert(string formId, JsonObject bill, string status)
    {
        lock (_gate)
        {
            var (form, bills) = _forms[formId];
            var pk = ++_nextPk;
            bill[form.PkField] = pk;
            if (string.IsNullOrWhiteSpace(KingdeeSandboxJson.Text(KingdeeSandboxJson.Get(bill, form.NumberField))))
            {
                KingdeeSandboxJson.Set(bill, form.NumberField, NewNumber(form));
            }

            NumberEntries(form, bill);
            var now = Now();
            bill["FCreateDate"] = now;
            bill["FModifyDate"] = now;
            bill["FDocumentStatus"] = status;
            bill["FForbidStatus"] ??= "A";
            bills[pk] = bill;
            return (JsonObject)bill.DeepClone();
        }
    }

    private string NewNumber(KingdeeSandboxForm form)
    {
        var next = _numbers.GetValueOrDefault(form.FormId) + 1;
        _numbers[form.FormId] = next;
        return form.NumberPrefix + next.ToString("D6", CultureInfo.InvariantCulture);
    }

    private void NumberEntries(KingdeeSandboxForm form, JsonObject bill)
    {
        if (form.EntryKey is null || KingdeeSandboxJson.Get(bill, form.EntryKey) is not JsonArray entries)
        {
            return;
        }

        var seq = 0;
        foreach (var entry in entries.OfType<JsonObject>())
        {
            if (KingdeeSandboxJson.Long(KingdeeSandboxJson.Get(entry, "FEntryID")) <= 0)
            {
                KingdeeSandboxJson.Set(entry, "FEntryID", ++_nextEntryId);
            }

            KingdeeSandboxJson.Set(entry, "FSeq", ++seq);
        }
    }
}

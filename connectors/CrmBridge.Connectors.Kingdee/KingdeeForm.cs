namespace CrmBridge.Connectors.Kingdee;

/// <summary>A form's effective settings: options plus the field keys every query asks for.</summary>
internal sealed class KingdeeForm
{
    public KingdeeForm(string entity, KingdeeFormOptions options)
    {
        Entity = entity;
        Options = options;
        FormId = string.IsNullOrWhiteSpace(options.FormId) ? entity : options.FormId;
        HeaderKeys = Distinct(new[] { options.PkField, options.NumberField, options.KeyField, options.ModifyDateField, options.DocumentStatusField }
            .Concat(KingdeeFormDefaults.HeaderFields(FormId)).Concat(options.FieldKeys));
        EntryKeys = HasEntries
            ? Distinct(new[] { EntryIdKey, EntrySeqKey }.Concat(KingdeeFormDefaults.EntryFields(FormId)).Concat(options.EntryFieldKeys))
            : [];
        Noun = options.Noun ?? FormId;
    }

    public string Entity { get; }

    public string FormId { get; }

    public KingdeeFormOptions Options { get; }

    public string Noun { get; }

    public bool HasEntries => !string.IsNullOrWhiteSpace(Options.EntryKey);

    /// <summary>Gets the query key of the entry id: <c>&lt;EntryKey&gt;_FEntryID</c>.</summary>
    public string EntryIdKey => Options.EntryKey + "_FEntryID";

    /// <summary>Gets the query key of the entry line number: <c>&lt;EntryKey&gt;_FSeq</c>.</summary>
    public string EntrySeqKey => Options.EntryKey + "_FSeq";

    public IReadOnlyList<string> HeaderKeys { get; }

    public IReadOnlyList<string> EntryKeys { get; }

    public bool HasLifecycle => !string.IsNullOrWhiteSpace(Options.DocumentStatusField);

    private static string[] Distinct(IEnumerable<string?> keys) =>
        keys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
}

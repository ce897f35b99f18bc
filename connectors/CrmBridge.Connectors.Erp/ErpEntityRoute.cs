namespace CrmBridge.Connectors.Erp;

/// <summary>The resolved URLs and field names of one entity.</summary>
internal sealed record ErpEntityRoute(string Entity, ErpEntityOptions Options)
{
    private string BasePath => (Options.Path ?? $"api/{Entity}").Trim('/');

    public string FeedEntity => Options.FeedEntity ?? Entity;

    public bool HasBatch => !string.IsNullOrWhiteSpace(Options.BatchPath);

    public string UpsertUri(string key) => Expand(Options.UpsertPath, key: key);

    public string RecordUri(string id) => Expand(Options.RecordPath, id: id);

    public string BatchUri() => Expand(Options.BatchPath!);

    private string Expand(string template, string? key = null, string? id = null) =>
        template.Replace("{path}", BasePath, StringComparison.Ordinal)
            .Replace("{key}", Uri.EscapeDataString(key ?? string.Empty), StringComparison.Ordinal)
            .Replace("{id}", Uri.EscapeDataString(id ?? string.Empty), StringComparison.Ordinal)
            .TrimStart('/');
}

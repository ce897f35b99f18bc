namespace CrmBridge.Connectors.Kingdee;

/// <summary>A record found by its key before a save: primary key, number, document status and entry ids in line order.</summary>
internal sealed record KingdeeExisting(string Pk, string Number, string? Status, IReadOnlyList<long> EntryIds)
{
    public bool IsAudited => string.Equals(Status, "C", StringComparison.OrdinalIgnoreCase);
}

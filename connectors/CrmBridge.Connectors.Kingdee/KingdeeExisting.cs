namespace CrmBridge.Connectors.Kingdee;

/// <summary>A record found by its key before a save: primary key, number, document status and entry ids in line order.</summary>
internal sealed record KingdeeExisting(string Pk, string Number, string? Status, IReadOnlyList<long> EntryIds)
{
    /// <summary>Gets the modification time read with it.</summary>
    public string? ModifyDate { get; init; }

    /// <summary>Gets the header values read with it (for recognising a write that changes nothing), when comparable.</summary>
    public System.Text.Json.Nodes.JsonObject? Row { get; init; }

    public bool IsAudited => string.Equals(Status, "C", StringComparison.OrdinalIgnoreCase);
}

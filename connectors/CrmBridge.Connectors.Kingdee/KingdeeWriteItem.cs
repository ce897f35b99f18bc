using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>The working state of one request of a save: what was found, the model sent, and the outcome so far.</summary>
internal sealed class KingdeeWriteItem(int index, UpsertRequest request)
{
    public int Index { get; } = index;

    public UpsertRequest Request { get; } = request;

    public KingdeeExisting? Existing { get; set; }

    public bool UnAudited { get; set; }

    /// <summary>Gets or sets whether the record already holds the document's values (nothing is sent).</summary>
    public bool Unchanged { get; set; }

    public JsonObject? Model { get; set; }

    public string? Pk { get; set; }

    public string? Number { get; set; }

    public string? Version { get; set; }

    public ConnectorException? Error { get; set; }

    public bool Pending => Error is null;
}

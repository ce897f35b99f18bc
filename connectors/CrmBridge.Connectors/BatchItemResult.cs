namespace CrmBridge.Connectors;

/// <summary>The result for one request of a batch upsert: either a result or an error, never both.</summary>
/// <param name="Index">The request's position in the batch.</param>
/// <param name="Result">The upsert result on success.</param>
/// <param name="Error">The classified error on failure; the other items of the batch are unaffected.</param>
public sealed record BatchItemResult(int Index, UpsertResult? Result, ConnectorException? Error)
{
    /// <summary>Gets whether this item succeeded.</summary>
    public bool Succeeded => Result is not null && Error is null;
}

namespace CrmBridge.Mappings.Abstractions;

/// <summary>
/// The fields on a route's source record that receive the sync outcome (<c>syncStatus:</c> in the mapping file). Every
/// field is optional; the pipeline writes only those named. See <c>docs/sync-status.md</c>.
/// </summary>
public sealed record SyncStatusFields
{
    /// <summary>Gets the field that receives <c>synced</c>, <c>failed</c> or <c>pending</c>.</summary>
    public string? Status { get; init; }

    /// <summary>Gets the field that receives the target's record id or number (for example the ERP order number).</summary>
    public string? ErpNumber { get; init; }

    /// <summary>Gets the field that receives the time of the last successful sync.</summary>
    public string? SyncedAt { get; init; }

    /// <summary>Gets the field that receives the reason of a failure in plain words (the dead letter's text); cleared on success.</summary>
    public string? Error { get; init; }

    /// <summary>Gets how <see cref="SyncedAt"/> is written: <c>iso</c> (default, ISO 8601 UTC) or <c>epochMillis</c> (a JSON number).</summary>
    /// <value>Default <c>iso</c>.</value>
    public string TimeFormat { get; init; } = "iso";

    /// <summary>Gets the most characters written to <see cref="Error"/> (longer reasons are cut, ending in …).</summary>
    /// <value>Default 2,000.</value>
    public int ErrorMaxLength { get; init; } = 2000;

    /// <summary>Gets whether <c>pending</c> is written while a transient failure is retried (off by default: one more write per retried record).</summary>
    public bool PendingOnRetry { get; init; }

    /// <summary>Gets the field names configured, in the order status, ERP number, synced at, error.</summary>
    public IEnumerable<string> Fields => new[] { Status, ErpNumber, SyncedAt, Error }.OfType<string>();
}

using System.ComponentModel.DataAnnotations;
using Azure.Core;

namespace CrmBridge.Pipeline.AzureStorage;

/// <summary>
/// Options of the Azure Storage adapter (queue, tables, claim-check blobs), bound from <c>Storage:Azure</c>. Give either
/// <see cref="ConnectionString"/> (Azurite: <c>UseDevelopmentStorage=true</c>) or the three service URIs, which use a
/// <see cref="TokenCredential"/> (managed identity in Azure).
/// </summary>
public sealed class AzureStorageOptions : IValidatableObject
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Storage:Azure";

    /// <summary>Gets or sets the storage connection string (a secret: configuration or Key Vault only).</summary>
    /// <value>Default none.</value>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets the queue endpoint for identity-based access, e.g. <c>https://acct.queue.core.windows.net</c>.</summary>
    /// <value>Default none.</value>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>Gets or sets the blob endpoint for identity-based access, e.g. <c>https://acct.blob.core.windows.net</c>.</summary>
    /// <value>Default none.</value>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>Gets or sets the table endpoint for identity-based access, e.g. <c>https://acct.table.core.windows.net</c>.</summary>
    /// <value>Default none.</value>
    public Uri? TableServiceUri { get; set; }

    /// <summary>Gets or sets the client id of a user-assigned managed identity (used when no credential is given).</summary>
    /// <value>Default none (system-assigned identity or developer sign-in via DefaultAzureCredential).</value>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>
    /// Gets or sets the credential for the service URIs. When null, a <see cref="TokenCredential"/> registered in the
    /// container is used, else <c>DefaultAzureCredential</c>. Not bound from configuration.
    /// </summary>
    /// <value>Default none.</value>
    public TokenCredential? Credential { get; set; }

    /// <summary>Gets or sets the work queue name (the poison queue is <c>{QueueName}-poison</c>).</summary>
    /// <value>Default <c>crmbridge-changes</c>.</value>
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,54}[a-z0-9]$", ErrorMessage = "QueueName: 3-56 lowercase letters, digits and single hyphens.")]
    public string QueueName { get; set; } = "crmbridge-changes";

    /// <summary>Gets or sets the prefix of the state tables (<c>{prefix}checkpoints</c>, <c>{prefix}ledger</c>, …).</summary>
    /// <value>Default <c>crmbridge</c>.</value>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,40}$", ErrorMessage = "TablePrefix: a letter then up to 40 letters or digits.")]
    public string TablePrefix { get; set; } = "crmbridge";

    /// <summary>Gets or sets the blob container of claim-checked snapshots.</summary>
    /// <value>Default <c>crmbridge-claims</c>.</value>
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "ClaimCheckContainer: 3-63 lowercase letters, digits and single hyphens.")]
    public string ClaimCheckContainer { get; set; } = "crmbridge-claims";

    /// <summary>Gets or sets the blob container of the admin page's Data Protection key ring (docs/admin.md).</summary>
    /// <value>Default <c>crmbridge-keys</c>.</value>
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "KeyRingContainer: 3-63 lowercase letters, digits and single hyphens.")]
    public string KeyRingContainer { get; set; } = "crmbridge-keys";

    /// <summary>Gets or sets how many counter rows each (system, entity, route, outcome) spreads over in the sync-log table.</summary>
    /// <value>Default 8: concurrent workers rarely update the same row, so optimistic-concurrency retries stay rare.</value>
    [Range(1, 64)]
    public int SyncLogShards { get; set; } = 8;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var hasUris = QueueServiceUri is not null && BlobServiceUri is not null && TableServiceUri is not null;
        if (string.IsNullOrWhiteSpace(ConnectionString) && !hasUris)
        {
            yield return new ValidationResult(
                "Storage:Azure needs a ConnectionString, or QueueServiceUri, BlobServiceUri and TableServiceUri (managed identity).",
                [nameof(ConnectionString), nameof(QueueServiceUri)]);
        }
    }
}

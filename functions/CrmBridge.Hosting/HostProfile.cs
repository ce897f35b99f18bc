using CrmBridge.Pipeline.AzureStorage;

namespace CrmBridge.Hosting;

/// <summary>What differs between the hosts that share this module; everything else is read from configuration.</summary>
public sealed class HostProfile
{
    /// <summary>Gets the profile of the standalone host (<c>crmbridge run</c>): SQLite unless Azure is configured, paths relative to the working directory.</summary>
    public static HostProfile Standalone { get; } = new();

    /// <summary>
    /// Gets or sets the one storage provider this host runs on, regardless of <c>Storage:Provider</c> (the Functions app:
    /// <see cref="StorageProviders.Azure"/>, the account its triggers use).
    /// </summary>
    /// <value>Default <see langword="null"/>: chosen by <see cref="StorageProviders.Resolve"/> (SQLite unless Azure is configured).</value>
    public string? StorageProvider { get; init; }

    /// <summary>Gets or sets the folder a relative <c>Mappings:Path</c> is resolved against.</summary>
    /// <value>Default <see langword="null"/>: the working directory.</value>
    public string? ContentRoot { get; init; }

    /// <summary>
    /// Gets or sets whether the host runs the alert loop as a hosted service (the standalone host); the Functions app runs
    /// <c>AlertEngine</c> from its <c>Alerts</c> timer function instead.
    /// </summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool AlertWorker { get; init; } = true;

    /// <summary>Gets or sets further Azure Storage settings applied after <c>Storage:Azure</c> (the Functions app fills them from <c>AzureWebJobsStorage</c>).</summary>
    /// <value>Default <see langword="null"/>.</value>
    public Action<AzureStorageOptions>? ConfigureAzureStorage { get; init; }
}

using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Pipeline.State;

/// <summary>Registration shared by the storage adapters.</summary>
public static class SyncStateStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers a state store as <see cref="ISyncStateStore"/> and as each of its small ports (checkpoints, ledger,
    /// cross-references, echoes, dead letters, sync log), all resolving to the same singleton.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="factory">Creates the store.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddSyncStateStore(this IServiceCollection services, Func<IServiceProvider, ISyncStateStore> factory)
    {
        services.AddSingleton(factory);
        services.AddSingleton<ICheckpointStore>(sp => sp.GetRequiredService<ISyncStateStore>());
        services.AddSingleton<ISyncLedger>(sp => sp.GetRequiredService<ISyncStateStore>());
        services.AddSingleton<ICrossReferenceStore>(sp => sp.GetRequiredService<ISyncStateStore>());
        services.AddSingleton<IWriteEchoStore>(sp => sp.GetRequiredService<ISyncStateStore>());
        services.AddSingleton<IDeadLetterStore>(sp => sp.GetRequiredService<ISyncStateStore>());
        services.AddSingleton<ISyncLog>(sp => sp.GetRequiredService<ISyncStateStore>());
        services.AddSingleton<IRecordLeaseStore>(sp => sp.GetRequiredService<ISyncStateStore>());
        return services;
    }
}

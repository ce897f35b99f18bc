using CrmBridge.Pipeline.State;
using Xunit;

namespace CrmBridge.Testing.State;

/// <summary>What a state adapter's test project provides to run <see cref="SyncStateStoreContract{TFixture}"/>.</summary>
public interface ISyncStateStoreFixture : IAsyncLifetime
{
    /// <summary>Creates a fresh, empty, initialized store (own file or own tables); the fixture deletes it when disposed.</summary>
    /// <param name="timeProvider">The clock the store stamps checkpoints with.</param>
    /// <returns>The store.</returns>
    Task<ISyncStateStore> CreateStoreAsync(TimeProvider timeProvider);
}

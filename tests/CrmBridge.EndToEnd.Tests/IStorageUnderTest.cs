using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.EndToEnd.Tests;

/// <summary>One storage adapter the end-to-end scenarios run on (SQLite file or Azure Storage on Azurite).</summary>
public interface IStorageUnderTest : IAsyncDisposable
{
    /// <summary>Registers the adapter with names unique to this test, so hosts built for the same test share the storage.</summary>
    /// <param name="services">The services.</param>
    void Register(IServiceCollection services);
}

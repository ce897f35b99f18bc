using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Hosting;

namespace CrmBridge.Pipeline.Hosting;

/// <summary>Creates the state store's tables before the workers start (registered first, so it runs first).</summary>
public sealed class StateStoreInitializer : IHostedService
{
    private readonly ISyncStateStore _state;

    /// <summary>Initializes a new instance of the <see cref="StateStoreInitializer"/> class.</summary>
    /// <param name="state">The state store.</param>
    public StateStoreInitializer(ISyncStateStore state) => _state = state;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => _state.InitializeAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

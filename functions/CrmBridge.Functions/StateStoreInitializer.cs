using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Hosting;

namespace CrmBridge.Functions;

/// <summary>Creates the state tables at worker start-up, so a missing permission or account fails loudly and early.</summary>
/// <param name="state">The state store.</param>
internal sealed class StateStoreInitializer(ISyncStateStore state) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => state.InitializeAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmBridge.Testing.EndToEnd;

/// <summary>Starts a provider's hosted services as a host does, and stops those it started in reverse order.</summary>
/// <param name="services">The provider whose <see cref="IHostedService"/>s to run.</param>
public sealed class HostedServices(IServiceProvider services)
{
    private readonly List<IHostedService> _started = [];

    /// <summary>Starts every hosted service in registration order.</summary>
    /// <returns>A task that completes when all have started.</returns>
    public async Task StartAsync()
    {
        foreach (var service in services.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
            _started.Add(service);
        }
    }

    /// <summary>Stops the started services, last started first; a second call stops nothing.</summary>
    /// <returns>A task that completes when all have stopped.</returns>
    public async Task StopAsync()
    {
        foreach (var service in Enumerable.Reverse(_started))
        {
            await service.StopAsync(CancellationToken.None);
        }

        _started.Clear();
    }
}

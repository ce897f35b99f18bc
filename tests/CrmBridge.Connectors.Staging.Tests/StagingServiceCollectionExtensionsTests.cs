using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CrmBridge.Connectors.Staging.Tests;

/// <summary>Registration: one connector behind every port, disposable both ways.</summary>
public sealed class StagingServiceCollectionExtensionsTests
{
    private static ServiceProvider Build() => new ServiceCollection().AddLogging()
        .AddCrmBridgeStagingConnector(configure: o => o.ConnectionString = "Host=127.0.0.1;Port=1;Username=nobody")
        .BuildServiceProvider();

    [Fact]
    public void AddCrmBridgeStagingConnector_Resolved_OneConnectorBehindEveryPort()
    {
        using var provider = Build();

        var connector = provider.GetRequiredService<IErpConnector>();

        Assert.Same(connector, Assert.Single(provider.GetServices<IConnector>()));
        Assert.Same(connector, Assert.Single(provider.GetServices<IRejectionFeed>()));
        Assert.Equal("staging", connector.System);
        Assert.NotNull(provider.GetRequiredService<IStagingSchema>());
    }

    [Fact]
    public void Dispose_SynchronouslyAfterUse_DoesNotThrow()
    {
        var provider = Build();
        provider.GetRequiredService<IErpConnector>();

        var error = Record.Exception(provider.Dispose);

        Assert.Null(error);
    }
}

using CrmBridge.Connectors.Webhooks;
using CrmBridge.Sandbox.Zoho;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrmBridge.Connectors.Zoho.Tests;

/// <summary>A Zoho sandbox on loopback plus a connector (built through the registration extension) pointed at it.</summary>
internal sealed class ZohoTestEnvironment : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ZohoTestEnvironment(ZohoSandbox sandbox, ServiceProvider services)
    {
        Sandbox = sandbox;
        _services = services;
    }

    public ZohoSandbox Sandbox { get; }

    public IConnector Connector => _services.GetRequiredService<IConnector>();

    public IWebhookReceiver Receiver => _services.GetRequiredService<IWebhookReceiver>();

    public ZohoNotificationSubscriber Subscriber => _services.GetRequiredService<ZohoNotificationSubscriber>();

    internal ZohoTokenProvider Tokens => _services.GetRequiredService<ZohoTokenProvider>();

    internal ZohoConnectorOptions Options => _services.GetRequiredService<IOptions<ZohoConnectorOptions>>().Value;

    /// <summary>Gets what the connection health tracker of <c>zoho</c> saw so far.</summary>
    public ConnectorHealth Health => _services.GetRequiredService<ConnectionHealthRegistry>().For("zoho").Snapshot();

    public static async Task<ZohoTestEnvironment> StartAsync(
        Action<ZohoSandboxOptions>? sandbox = null,
        Action<ZohoConnectorOptions>? connector = null,
        TimeProvider? connectorTime = null)
    {
        var sandboxOptions = new ZohoSandboxOptions();
        sandbox?.Invoke(sandboxOptions);
        var zoho = await ZohoSandbox.StartAsync(sandboxOptions, CancellationToken.None);
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        if (connectorTime is not null)
        {
            services.AddSingleton(connectorTime);
        }

        services.AddCrmBridgeZohoConnector(configure: o =>
        {
            o.AccountsUrl = zoho.BaseAddress;
            o.ClientId = sandboxOptions.ClientId;
            o.ClientSecret = sandboxOptions.ClientSecret;
            o.RefreshToken = sandboxOptions.RefreshToken;
            o.RequestTimeout = TimeSpan.FromSeconds(20);
            connector?.Invoke(o);
        });
        return new ZohoTestEnvironment(zoho, services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }));
    }

    public static string NewKey() => "T-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}

using CrmBridge.Connectors.Fxiaoke;
using CrmBridge.Sandbox.Fxiaoke;
using CrmBridge.Testing.Http;

namespace CrmBridge.Connectors.Fxiaoke.Tests;

/// <summary>A running Fxiaoke sandbox on loopback and a connector pointed at it.</summary>
internal sealed class FxiaokeTestHost : IAsyncDisposable
{
    private FxiaokeTestHost(FxiaokeSandbox sandbox, FxiaokeConnector connector, FxiaokeOptions options)
    {
        Sandbox = sandbox;
        Connector = connector;
        Options = options;
    }

    public FxiaokeSandbox Sandbox { get; }

    public FxiaokeConnector Connector { get; }

    public FxiaokeOptions Options { get; }

    public static async Task<FxiaokeTestHost> StartAsync(
        Action<FxiaokeSandboxOptions>? sandbox = null, Action<FxiaokeOptions>? connector = null, TimeProvider? connectorTime = null)
    {
        var sandboxOptions = new FxiaokeSandboxOptions();
        sandbox?.Invoke(sandboxOptions);
        var running = await FxiaokeSandbox.StartAsync(sandboxOptions, CancellationToken.None);
        var options = ConnectorOptions(running);
        connector?.Invoke(options);
        return new FxiaokeTestHost(running, new FxiaokeConnector(options, TestHttpClients.Factory, connectorTime), options);
    }

    public static FxiaokeOptions ConnectorOptions(FxiaokeSandbox sandbox) => new()
    {
        BaseUrl = sandbox.BaseAddress,
        AppId = sandbox.Options.AppId,
        AppSecret = sandbox.Options.AppSecret,
        PermanentCode = sandbox.Options.PermanentCode,
        CurrentOpenUserId = "FSUID_BRIDGE",
        ChangeDetectionLag = TimeSpan.Zero,
    };

    public async ValueTask DisposeAsync()
    {
        Connector.Dispose();
        await Sandbox.DisposeAsync();
    }
}

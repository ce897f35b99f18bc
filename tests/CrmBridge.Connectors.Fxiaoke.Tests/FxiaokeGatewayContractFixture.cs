using CrmBridge.Sandbox.Fxiaoke;

namespace CrmBridge.Connectors.Fxiaoke.Tests;

/// <summary>The contract fixture with server errors rendered as HTTP 503 from the gateway instead of errorCode -1.</summary>
public sealed class FxiaokeGatewayContractFixture : FxiaokeContractFixture
{
    protected override FxiaokeServerErrorShape ServerErrorShape => FxiaokeServerErrorShape.GatewayHttp503;
}

using CrmBridge.Testing.Connectors;

namespace CrmBridge.Connectors.Fxiaoke.Tests;

/// <summary>The shared connector contract with gateway HTTP 503 server errors.</summary>
public sealed class FxiaokeConnectorGatewayContractTests(FxiaokeGatewayContractFixture fixture) : ConnectorContract<FxiaokeGatewayContractFixture>(fixture);

using CrmBridge.Testing.Connectors;

namespace CrmBridge.Connectors.Fxiaoke.Tests;

/// <summary>The shared connector contract against the Fxiaoke sandbox over loopback HTTP (errorCode-based faults).</summary>
public sealed class FxiaokeConnectorContractTests(FxiaokeContractFixture fixture) : ConnectorContract<FxiaokeContractFixture>(fixture);

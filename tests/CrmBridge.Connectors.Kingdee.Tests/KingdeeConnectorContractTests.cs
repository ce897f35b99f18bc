using CrmBridge.Testing.Connectors;

namespace CrmBridge.Connectors.Kingdee.Tests;

/// <summary>The shared connector contract, run against the K3Cloud sandbox over loopback HTTP (MsgCode 14 = throttled, HTTP 500 = transient).</summary>
public sealed class KingdeeConnectorContractTests(KingdeeConnectorFixture fixture) : ConnectorContract<KingdeeConnectorFixture>(fixture);

using CrmBridge.Testing.Connectors;

namespace CrmBridge.Connectors.Erp.Tests;

/// <summary>The shared connector contract, run against the reference ERP sandbox over loopback HTTP.</summary>
public sealed class ErpConnectorContractTests(ErpConnectorFixture fixture) : ConnectorContract<ErpConnectorFixture>(fixture);

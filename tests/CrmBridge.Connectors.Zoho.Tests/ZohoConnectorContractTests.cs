using CrmBridge.Testing.Connectors;

namespace CrmBridge.Connectors.Zoho.Tests;

public sealed class ZohoConnectorContractTests(ZohoContractFixture fixture) : ConnectorContract<ZohoContractFixture>(fixture);

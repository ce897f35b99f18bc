using CrmBridge.Testing.Connectors;

namespace CrmBridge.Connectors.BusinessCentral.Tests;

public sealed class BusinessCentralConnectorContractTests(BusinessCentralFixture fixture) : ConnectorContract<BusinessCentralFixture>(fixture);

using CrmBridge.Testing.Connectors;

namespace CrmBridge.Connectors.Dataverse.Tests;

public sealed class DataverseConnectorContractTests(DataverseFixture fixture) : ConnectorContract<DataverseFixture>(fixture);

using CrmBridge.Testing.Connectors;

namespace CrmBridge.Connectors.Staging.Tests;

/// <summary>The shared connector contract, run against the staging tables on a real PostgreSQL with the ERP emulator's job.</summary>
public sealed class StagingConnectorContractTests(StagingConnectorFixture fixture) : ConnectorContract<StagingConnectorFixture>(fixture);

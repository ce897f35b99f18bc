using CrmBridge.Testing.State;

namespace CrmBridge.Pipeline.AzureStorage.Tests;

public sealed class AzureTableSyncStateStoreTests(AzureTableSyncStateStoreFixture fixture) : SyncStateStoreContract<AzureTableSyncStateStoreFixture>(fixture);

namespace CrmBridge.EndToEnd.Tests;

public sealed class AzureStorageEndToEndTests : EndToEndScenarios<AzureStorageUnderTest>;

using CrmBridge.Testing.Queueing;

namespace CrmBridge.Pipeline.AzureStorage.Tests;

public sealed partial class AzureStorageWorkQueueTests(AzureStorageWorkQueueFixture fixture) : WorkQueueContract<AzureStorageWorkQueueFixture>(fixture);

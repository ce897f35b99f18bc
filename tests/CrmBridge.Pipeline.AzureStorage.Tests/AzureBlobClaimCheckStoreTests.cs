using CrmBridge.Testing.Queueing;

namespace CrmBridge.Pipeline.AzureStorage.Tests;

public sealed class AzureBlobClaimCheckStoreTests(AzureBlobClaimCheckStoreFixture fixture) : ClaimCheckStoreContract<AzureBlobClaimCheckStoreFixture>(fixture);

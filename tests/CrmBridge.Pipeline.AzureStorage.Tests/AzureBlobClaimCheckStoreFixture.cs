using Azure.Storage.Blobs;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Testing.Queueing;

namespace CrmBridge.Pipeline.AzureStorage.Tests;

/// <summary>A claim-check store on a unique container, deleted afterwards.</summary>
public sealed class AzureBlobClaimCheckStoreFixture : IClaimCheckStoreFixture
{
    private readonly BlobContainerClient _container = Azurite.Blobs.GetBlobContainerClient(Azurite.UniqueName("claims-"));

    public IClaimCheckStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Azurite.EnsureReachableAsync();
        Store = new AzureBlobClaimCheckStore(_container, TimeProvider.System);
    }

    public async Task DisposeAsync() => await _container.DeleteIfExistsAsync();
}

using System.Collections.Concurrent;
using Azure.Storage.Blobs;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Testing.Queueing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmBridge.Pipeline.AzureStorage.Tests;

/// <summary>Unique queues (and their poison queues) and one unique claim-check container per test class, all deleted afterwards.</summary>
public sealed class AzureStorageWorkQueueFixture : IWorkQueueFixture
{
    private readonly ConcurrentBag<string> _queues = [];
    private readonly BlobContainerClient _container = Azurite.Blobs.GetBlobContainerClient(Azurite.UniqueName("claims-"));

    public IClaimCheckStore ClaimChecks { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Azurite.EnsureReachableAsync();
        ClaimChecks = new AzureBlobClaimCheckStore(_container, TimeProvider.System);
    }

    public Task<IWorkQueue> CreateQueueAsync() => Task.FromResult<IWorkQueue>(CreateQueue(Azurite.UniqueName("q-")));

    internal AzureStorageWorkQueue CreateQueue(string name)
    {
        _queues.Add(name);
        return new AzureStorageWorkQueue(Azurite.Queues.GetQueueClient(name), Azurite.Queues.GetQueueClient(name + "-poison"),
            new EnvelopeCodec(ClaimChecks), NullLogger<AzureStorageWorkQueue>.Instance);
    }

    public async Task DisposeAsync()
    {
        foreach (var name in _queues)
        {
            await Azurite.Queues.GetQueueClient(name).DeleteIfExistsAsync();
            await Azurite.Queues.GetQueueClient(name + "-poison").DeleteIfExistsAsync();
        }

        await _container.DeleteIfExistsAsync();
    }
}

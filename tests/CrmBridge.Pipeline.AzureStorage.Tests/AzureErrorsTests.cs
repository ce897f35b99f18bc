using Azure.Storage.Queues;
using CrmBridge.Connectors;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Testing.Queueing;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.AzureStorage.Tests;

public sealed class AzureErrorsTests
{
    [Fact]
    public async Task RunAsync_StorageUnreachable_ThrowsTransientConnectorException()
    {
        // Port 9 (discard) is closed on loopback: the connection is refused at once.
        var options = Azurite.NoRetry(new QueueClientOptions());
        var dead = new QueueClient(new Uri("http://127.0.0.1:9/devstoreaccount1/nowhere"), options);
        var queue = new AzureStorageWorkQueue(dead, dead, new EnvelopeCodec(Mock.Of<IClaimCheckStore>()), NullLogger<AzureStorageWorkQueue>.Instance);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => queue.EnqueueAsync(TestEnvelopes.New(), TimeSpan.Zero, CancellationToken.None));

        Assert.Equal((AzureErrors.System, ErrorKind.Transient), (error.System, error.Kind));
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task RunAsync_ServiceRejectsTheRequest_ThrowsPermanentWithTheServiceErrorCode()
    {
        var store = new AzureBlobClaimCheckStore(Azurite.Blobs.GetBlobContainerClient("Invalid_Container_Name"), TimeProvider.System);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => store.PutAsync(new byte[] { 1 }, CancellationToken.None));

        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Equal(400, error.HttpStatus);
        Assert.False(string.IsNullOrEmpty(error.ErrorCode));
    }
}

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

    [Fact]
    public void Wrap_AzuriteRejectsTheApiVersion_TellsToSkipTheVersionCheck()
    {
        var rejected = new Azure.RequestFailedException(400, "The API version 2026-06-06 is not supported by Azurite.", "InvalidHeaderValue", null);

        var error = AzureErrors.Wrap("send message", rejected);

        Assert.Equal(("InvalidHeaderValue", ErrorKind.Permanent), (error.ErrorCode, error.Kind));
        Assert.Contains("--skipApiVersionCheck", error.Message);
    }

    [Theory]
    [InlineData(503, ErrorKind.Throttled)]
    [InlineData(500, ErrorKind.Transient)]
    [InlineData(404, ErrorKind.NotFound)]
    [InlineData(403, ErrorKind.Permanent)]
    public void Wrap_Status_IsClassified(int status, ErrorKind expected)
    {
        var error = AzureErrors.Wrap("x", new Azure.RequestFailedException(status, "failed", null, null));

        Assert.Equal((expected, $"HTTP_{status}"), (error.Kind, error.ErrorCode));
    }
}

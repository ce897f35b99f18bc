using Azure;
using Azure.Storage.Blobs;
using CrmBridge.Pipeline.Queueing;

namespace CrmBridge.Pipeline.AzureStorage;

/// <summary>
/// Claim checks as block blobs named <c>yyyy/MM/dd/{guid}.json</c> in one container. The date prefix lets a lifecycle
/// rule delete the rare orphan (a message dead-lettered by the Functions host after its poison handling) by age.
/// </summary>
internal sealed class AzureBlobClaimCheckStore : IClaimCheckStore
{
    private readonly BlobContainerClient _container;
    private readonly TimeProvider _time;
    private Task? _creating;

    public AzureBlobClaimCheckStore(BlobContainerClient container, TimeProvider time)
    {
        _container = container;
        _time = time;
    }

    public async Task<string> PutAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var reference = $"{_time.GetUtcNow():yyyy'/'MM'/'dd}/{Guid.NewGuid():N}.json";
        await AzureErrors.RunAsync("upload claim check", () =>
            _container.GetBlobClient(reference).UploadAsync(new BinaryData(payload), overwrite: false, cancellationToken)).ConfigureAwait(false);
        return reference;
    }

    public async Task<byte[]?> GetAsync(string reference, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var content = await _container.GetBlobClient(reference).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToArray();
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
        catch (RequestFailedException exception)
        {
            throw AzureErrors.Wrap("download claim check", exception);
        }
    }

    public async Task DeleteAsync(string reference, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await AzureErrors.RunAsync("delete claim check", () => _container.GetBlobClient(reference).DeleteIfExistsAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var creating = _creating ??= AzureErrors.RunAsync("create container", () => _container.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None));
        try
        {
            await creating.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (creating.IsFaulted)
        {
            _creating = null;
            throw;
        }
    }
}

using System.Globalization;
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

    public async Task<int> PurgeAsync(DateTimeOffset storedBefore, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var deleted = 0;
        await AzureErrors.RunAsync("purge claim checks", async () =>
        {
            // The name's date (the store's clock) decides, so whole days go: a blob from the cut-off's own day stays.
            await foreach (var blob in _container.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var stored = DateTimeOffset.TryParseExact(blob.Name.Length >= 10 ? blob.Name[..10] : string.Empty, "yyyy'/'MM'/'dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var day)
                    ? day.AddDays(1)
                    : blob.Properties.CreatedOn ?? DateTimeOffset.MaxValue;
                if (stored <= storedBefore && (await _container.GetBlobClient(blob.Name).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value)
                {
                    deleted++;
                }
            }

            return deleted;
        }).ConfigureAwait(false);
        return deleted;
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

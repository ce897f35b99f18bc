using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace CrmBridge.Pipeline.AzureStorage;

/// <summary>The three service clients, built from a connection string or from service URIs plus a token credential.</summary>
internal sealed class AzureStorageClients
{
    public AzureStorageClients(AzureStorageOptions options, TokenCredential? registeredCredential)
    {
        // Base64 matches the Functions host's default messageEncoding, so a QueueTrigger reads what this adapter writes.
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            Queues = new QueueServiceClient(options.ConnectionString, queueOptions);
            Blobs = new BlobServiceClient(options.ConnectionString);
            Tables = new TableServiceClient(options.ConnectionString);
            return;
        }

        var credential = options.Credential ?? registeredCredential
            ?? new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = options.ManagedIdentityClientId });
        Queues = new QueueServiceClient(Required(options.QueueServiceUri, nameof(options.QueueServiceUri)), credential, queueOptions);
        Blobs = new BlobServiceClient(Required(options.BlobServiceUri, nameof(options.BlobServiceUri)), credential);
        Tables = new TableServiceClient(Required(options.TableServiceUri, nameof(options.TableServiceUri)), credential);
    }

    public QueueServiceClient Queues { get; }

    public BlobServiceClient Blobs { get; }

    public TableServiceClient Tables { get; }

    private static Uri Required(Uri? uri, string name) =>
        uri ?? throw new InvalidOperationException($"Storage:Azure:{name} is required when no ConnectionString is configured.");
}

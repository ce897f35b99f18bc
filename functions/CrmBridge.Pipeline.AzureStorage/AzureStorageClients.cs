using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrmBridge.Pipeline.AzureStorage;

/// <summary>The three service clients, built from a connection string or from service URIs plus a token credential.</summary>
internal sealed class AzureStorageClients
{
    public AzureStorageClients(AzureStorageOptions options, TokenCredential? registeredCredential, ILogger? logger = null)
    {
        // Base64 matches the Functions host's default messageEncoding, so a QueueTrigger reads what this adapter writes.
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        queueOptions.MessageDecodingFailed += args => PoisonUndecodableAsync(args, logger ?? NullLogger.Instance);
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

    // A message that is not base64 (written by another tool) would otherwise fail every receive of the queue: park it
    // in the poison queue, unchanged, as the Functions host does.
    private async Task PoisonUndecodableAsync(QueueMessageDecodingFailedEventArgs args, ILogger logger)
    {
        if (args.ReceivedMessage is not { } message)
        {
            return;
        }

        var poison = Queues.GetQueueClient(args.Queue.Name + "-poison");
        AzureStorageLog.Poisoned(logger, null, message.MessageId, args.Queue.Name, poison.Name);
        if (args.IsRunningSynchronously)
        {
            poison.CreateIfNotExists(cancellationToken: args.CancellationToken);
            poison.SendMessage(message.Body, null, TimeSpan.FromSeconds(-1), args.CancellationToken);
            args.Queue.DeleteMessage(message.MessageId, message.PopReceipt, args.CancellationToken);
            return;
        }

        await poison.CreateIfNotExistsAsync(cancellationToken: args.CancellationToken).ConfigureAwait(false);
        await poison.SendMessageAsync(message.Body, null, TimeSpan.FromSeconds(-1), args.CancellationToken).ConfigureAwait(false);
        await args.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, args.CancellationToken).ConfigureAwait(false);
    }

    private static Uri Required(Uri? uri, string name) =>
        uri ?? throw new InvalidOperationException($"Storage:Azure:{name} is required when no ConnectionString is configured.");
}

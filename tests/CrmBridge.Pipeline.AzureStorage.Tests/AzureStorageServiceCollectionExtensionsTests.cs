using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using CrmBridge.Testing.Queueing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace CrmBridge.Pipeline.AzureStorage.Tests;

public sealed class AzureStorageServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddCrmBridgeAzureStorage_FromConfiguration_WiresOneWorkingStore()
    {
        await Azurite.EnsureReachableAsync();
        var queueName = Azurite.UniqueName("di-");
        var prefix = Azurite.UniqueName("di");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Azure:ConnectionString"] = Azurite.ConnectionString,
            ["Storage:Azure:QueueName"] = queueName,
            ["Storage:Azure:TablePrefix"] = prefix,
            ["Storage:Azure:ClaimCheckContainer"] = queueName,
        }).Build();
        await using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddCrmBridgeAzureStorage().BuildServiceProvider();
        var state = provider.GetRequiredService<ISyncStateStore>();
        try
        {
            var queue = provider.GetRequiredService<IWorkQueue>();
            await state.InitializeAsync(CancellationToken.None);
            await queue.EnqueueAsync(TestEnvelopes.New() with { Snapshot = TestEnvelopes.LargeSnapshot(70 * 1024) }, TimeSpan.Zero, CancellationToken.None);
            var message = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromMinutes(1), CancellationToken.None));
            await queue.CompleteAsync(message, CancellationToken.None);

            Assert.NotNull(message.Envelope.Snapshot);
            Assert.Same(state, provider.GetRequiredService<IDeadLetterStore>());
            Assert.Same(state, provider.GetRequiredService<ICheckpointStore>());
            Assert.Same(state, provider.GetRequiredService<ISyncLog>());
            Assert.NotNull(provider.GetRequiredService<EnvelopeCodec>());
            var tables = await Azurite.Tables.QueryAsync(t => t.Name.CompareTo(prefix) >= 0 && t.Name.CompareTo(prefix + "~") < 0).ToListAsync();
            Assert.Equal(7, tables.Count);
        }
        finally
        {
            await Azurite.Queues.GetQueueClient(queueName).DeleteIfExistsAsync();
            await Azurite.Queues.GetQueueClient(queueName + "-poison").DeleteIfExistsAsync();
            await Azurite.Blobs.GetBlobContainerClient(queueName).DeleteIfExistsAsync();
            foreach (var table in new AzureStateTables(Azurite.Tables, prefix).All)
            {
                await table.DeleteAsync();
            }
        }
    }

    [Fact]
    public void AddCrmBridgeAzureStorage_NoConnectionStringNorUris_FailsValidation()
    {
        using var provider = new ServiceCollection().AddCrmBridgeAzureStorage().BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AzureStorageOptions>>().Value);

        Assert.Contains("ConnectionString", error.Message);
    }

    [Fact]
    public void AddCrmBridgeAzureStorage_InvalidQueueName_FailsValidation()
    {
        using var provider = new ServiceCollection()
            .AddCrmBridgeAzureStorage(o => (o.ConnectionString, o.QueueName) = (Azurite.ConnectionString, "Bad_Name"))
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AzureStorageOptions>>().Value);

        Assert.Contains("QueueName", error.Message);
    }
}

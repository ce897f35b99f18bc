using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using CrmBridge.Testing.Queueing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace CrmBridge.Pipeline.Sqlite.Tests;

public sealed class SqliteStorageServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task AddCrmBridgeSqliteStorage_FromConfiguration_WiresOneWorkingStore()
    {
        var path = _directory.NewFile();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Sqlite:Path"] = path,
            ["Storage:Sqlite:QueueName"] = "from-config",
        }).Build();
        await using (var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddCrmBridgeSqliteStorage().BuildServiceProvider())
        {
            var state = provider.GetRequiredService<ISyncStateStore>();
            var queue = provider.GetRequiredService<IWorkQueue>();
            await state.InitializeAsync(CancellationToken.None);
            await queue.EnqueueAsync(TestEnvelopes.New() with { Snapshot = TestEnvelopes.LargeSnapshot(70 * 1024) }, TimeSpan.Zero, CancellationToken.None);
            var message = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromMinutes(1), CancellationToken.None));

            Assert.NotNull(message.Envelope.Snapshot);
            Assert.Equal("from-config", ((SqliteWorkQueue)queue).QueueName);
            Assert.True(File.Exists(path));
            foreach (var port in new object[]
            {
                provider.GetRequiredService<ICheckpointStore>(), provider.GetRequiredService<ISyncLedger>(),
                provider.GetRequiredService<ICrossReferenceStore>(), provider.GetRequiredService<IWriteEchoStore>(),
                provider.GetRequiredService<IDeadLetterStore>(), provider.GetRequiredService<ISyncLog>(),
            })
            {
                Assert.Same(state, port);
            }

            Assert.NotNull(provider.GetRequiredService<EnvelopeCodec>());
        }
    }

    [Fact]
    public void AddCrmBridgeSqliteStorage_Defaults_AreDocumentedValues()
    {
        using var provider = new ServiceCollection().AddCrmBridgeSqliteStorage().BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<SqliteStorageOptions>>().Value;

        Assert.Equal(("crmbridge.db", "changes"), (options.Path, options.QueueName));
    }

    [Fact]
    public void AddCrmBridgeSqliteStorage_EmptyQueueName_FailsValidation()
    {
        using var provider = new ServiceCollection().AddCrmBridgeSqliteStorage(o => o.QueueName = "").BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SqliteStorageOptions>>().Value);

        Assert.Contains("QueueName", error.Message);
    }

    public void Dispose() => _directory.Dispose();
}

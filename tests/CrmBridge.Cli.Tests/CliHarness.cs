using System.Text.Json.Nodes;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Sqlite;
using CrmBridge.Pipeline.State;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Cli.Tests;

/// <summary>Runs the CLI in-process against a temporary SQLite store described by a temporary config file.</summary>
internal sealed class CliHarness : IDisposable
{
    private readonly DirectoryInfo _directory = System.IO.Directory.CreateTempSubdirectory("crmbridge-cli-");

    public CliHarness(JsonObject? extraConfig = null)
    {
        DatabasePath = Path.Combine(_directory.FullName, "bridge.db");
        var config = new JsonObject
        {
            ["Storage"] = new JsonObject { ["Provider"] = "Sqlite", ["Sqlite"] = new JsonObject { ["Path"] = DatabasePath } },
        };
        foreach (var (key, value) in extraConfig ?? [])
        {
            config[key] = value?.DeepClone();
        }

        ConfigPath = Path.Combine(_directory.FullName, "crmbridge.json");
        File.WriteAllText(ConfigPath, config.ToJsonString());
    }

    public string DatabasePath { get; }

    public string ConfigPath { get; }

    public string Folder => _directory.FullName;

    public static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Opens the same store the CLI uses, to arrange state for a test.</summary>
    public ServiceProvider OpenStore()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCrmBridgeSqliteStorage(o => o.Path = DatabasePath);
        return services.BuildServiceProvider();
    }

    public async Task<string> AddDeadLetterAsync(string recordId, string reason, string errorCode = DeadLetterCodes.MappingFailed)
    {
        await using var store = OpenStore();
        var state = store.GetRequiredService<ISyncStateStore>();
        await state.InitializeAsync(CancellationToken.None);
        var envelope = new ChangeEnvelope
        {
            Id = Guid.NewGuid().ToString("N"),
            System = "zoho",
            Entity = "Accounts",
            RecordId = recordId,
            CorrelationId = "corr-" + recordId,
            FirstSeen = DateTimeOffset.UnixEpoch,
        };
        return await state.AddDeadLetterAsync(new DeadLetter { Envelope = envelope, Route = "zoho-account-to-erp-customer", ErrorCode = errorCode, Reason = reason, FailedAt = DateTimeOffset.UnixEpoch }, CancellationToken.None);
    }

    /// <summary>Creates the store file, as 'crmbridge run' would (status refuses a store that does not exist).</summary>
    public async Task InitializeStoreAsync()
    {
        await using var store = OpenStore();
        await store.GetRequiredService<ISyncStateStore>().InitializeAsync(CancellationToken.None);
    }

    public async Task SaveCheckpointAsync(string system, string entity, string value)
    {
        await using var store = OpenStore();
        var state = store.GetRequiredService<ISyncStateStore>();
        await state.InitializeAsync(CancellationToken.None);
        await state.SaveCheckpointAsync(system, entity, value, null, CancellationToken.None);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
    }
}

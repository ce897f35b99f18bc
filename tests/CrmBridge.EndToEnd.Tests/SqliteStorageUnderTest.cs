using CrmBridge.Pipeline.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.EndToEnd.Tests;

/// <summary>The embedded SQLite adapter on a temporary file.</summary>
public sealed class SqliteStorageUnderTest : IStorageUnderTest
{
    private readonly string _directory = Directory.CreateTempSubdirectory("crmbridge-e2e-").FullName;

    public void Register(IServiceCollection services) =>
        services.AddCrmBridgeSqliteStorage(o => o.Path = Path.Combine(_directory, "bridge.db"));

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a disposed pool on a slow machine: the OS temp cleaner removes it.
        }

        return ValueTask.CompletedTask;
    }
}

namespace CrmBridge.Pipeline.Sqlite.Tests;

/// <summary>A unique temporary directory for database files, deleted with everything in it on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "crmbridge-sqlite-" + Guid.NewGuid().ToString("N"));

    public string NewFile() => System.IO.Path.Combine(Path, Guid.NewGuid().ToString("N")[..8] + ".db");

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

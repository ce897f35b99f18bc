namespace CrmBridge.Pipeline.Sqlite;

/// <summary>
/// An exclusive lock file next to the database (<c>FILE.consumer.lock</c>) that the consuming process holds for its
/// lifetime. The operating system drops it when the process ends, however it ends (SIGKILL included), so holding it
/// proves that no other consumer of this file is running and that leases not taken by this process are abandoned.
/// </summary>
internal sealed class SqliteConsumerLock : IDisposable
{
    private readonly FileStream _stream;

    private SqliteConsumerLock(FileStream stream) => _stream = stream;

    /// <summary>Tries to take the lock.</summary>
    /// <param name="databasePath">The database file's full path.</param>
    /// <returns>The lock, or <see langword="null"/> when another process (or another queue in this one) holds it.</returns>
    public static SqliteConsumerLock? TryAcquire(string databasePath)
    {
        try
        {
            var stream = new FileStream(databasePath + ".consumer.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            return new SqliteConsumerLock(stream);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}

using Microsoft.Data.Sqlite;

namespace CrmBridge.Pipeline.Sqlite;

/// <summary>One pending write of <see cref="SqliteDatabase"/>'s group commit: run inside a savepoint, completed after COMMIT.</summary>
internal abstract class SqliteWrite
{
    /// <summary>Gets whether the caller gave up (cancelled) before the write ran.</summary>
    public abstract bool IsAbandoned { get; }

    /// <summary>Runs the work and keeps its result until <see cref="Complete"/>.</summary>
    public abstract void Run(SqliteConnection connection);

    /// <summary>Hands the kept result to the caller (the batch committed).</summary>
    public abstract void Complete();

    /// <summary>Fails the caller.</summary>
    public abstract void Fail(Exception exception);
}

using CrmBridge.Connectors;

namespace CrmBridge.Pipeline.State;

/// <summary>Loop prevention: remembers the bridge's own writes so the change events they cause are dropped.</summary>
public interface IWriteEchoStore
{
    /// <summary>Remembers a write (replacing an earlier one for the same record).</summary>
    /// <param name="echo">The write.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    Task PutEchoAsync(WriteEcho echo, CancellationToken cancellationToken);

    /// <summary>Reads the last write the bridge made to a record.</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The write, or <see langword="null"/> when the bridge never wrote it.</returns>
    Task<WriteEcho?> GetEchoAsync(RecordRef record, CancellationToken cancellationToken);
}

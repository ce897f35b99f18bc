using Microsoft.Data.Sqlite;

namespace CrmBridge.Pipeline.Sqlite;

/// <summary>A pending write returning <typeparamref name="T"/>.</summary>
internal sealed class SqliteWriteOf<T> : SqliteWrite
{
    private readonly Func<SqliteConnection, T> _work;
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _registration;
    private T _result = default!;

    public SqliteWriteOf(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        _work = work;
        if (cancellationToken.CanBeCanceled)
        {
            // Disposed on completion: the host's long-lived stopping token must not collect one callback per write.
            _registration = cancellationToken.Register(() => _completion.TrySetCanceled(cancellationToken));
        }
    }

    public Task<T> Task => _completion.Task;

    public override bool IsAbandoned => _completion.Task.IsCompleted;

    public override void Run(SqliteConnection connection) => _result = _work(connection);

    public override void Complete()
    {
        _registration.Dispose();
        _completion.TrySetResult(_result);
    }

    public override void Fail(Exception exception)
    {
        _registration.Dispose();
        _completion.TrySetException(exception);
    }
}

using System.Data.Common;
using CrmBridge.Connectors.Staging.Dialects;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.Staging;

/// <summary>
/// Runs the dialect's statements on pooled connections and turns every database failure into a classified
/// <see cref="ConnectorException"/> (transient: timeouts, lock waits, deadlocks, lost connections; throttled: too many
/// connections; permanent: missing tables, permissions, invalid data).
/// </summary>
internal sealed class StagingDatabase : IAsyncDisposable, IDisposable
{
    private readonly DbDataSource _source;
    private readonly ILogger _logger;

    private readonly ConnectorHealthTracker? _health;

    public StagingDatabase(IStagingDialect dialect, StagingConnectorOptions options, ILogger logger, ConnectorHealthTracker? health = null)
    {
        _health = health;
        Dialect = dialect;
        Options = options;
        Tables = options.Tables;
        _logger = logger;
        _source = dialect.CreateDataSource(options);
    }

    public IStagingDialect Dialect { get; }

    public StagingConnectorOptions Options { get; }

    public StagingTables Tables { get; }

    public string System => Options.System;

    /// <summary>Runs <paramref name="work"/> on an open connection; failures become <see cref="ConnectorException"/>s.</summary>
    public async Task<T> RunAsync<T>(string what, Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var result = await work(connection, cancellationToken).ConfigureAwait(false);
            if (_health is { } health)
            {
                if (health.TokenState != AuthenticationState.Obtained)
                {
                    health.TokenObtained(null);
                }

                health.RecordSuccess();
            }

            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (Dialect.Classify(System, what, ex, Options) is { } error)
        {
            StagingConnectorLog.DatabaseFailed(_logger, System, what, error.ErrorCode, error.Kind);
            _health?.RecordFailure(error.ErrorCode, error.ErrorCode == "CONNECTION_REFUSED" ? $"{System}: {error.Message}" : null);
            throw error;
        }
    }

    public static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    public void Dispose() => _source.Dispose(); // containers disposed synchronously (using var provider) must not throw
}

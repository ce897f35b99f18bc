using System.Net.Sockets;
using Npgsql;

namespace CrmBridge.Connectors.Staging.Dialects;

/// <content>PostgreSQL error classification by SQLSTATE (https://www.postgresql.org/docs/current/errcodes-appendix.html).</content>
internal sealed partial class PostgresDialect
{
    public ConnectorException? Classify(string system, string what, Exception exception, StagingConnectorOptions options)
    {
        if (exception is PostgresException pg)
        {
            var message = $"{system}: {what}: PostgreSQL {pg.SqlState}: {pg.MessageText}";
            return pg.SqlState switch
            {
                "53300" => new ConnectorException(system, ErrorKind.Throttled, "TOO_MANY_CONNECTIONS",
                    message + " (the server refuses more connections; retried later)", retryAfter: options.BusyRetryAfter, innerException: pg),
                "55P03" => Transient("LOCK_TIMEOUT", message + $" (a lock was held longer than {StagingConnectorOptions.SectionName}:LockTimeout)", pg),
                "57014" => Transient("TIMEOUT", message, pg),
                "40001" or "40P01" => Transient("CONFLICT", message, pg),
                "42P01" or "3F000" => Permanent("SCHEMA_MISSING", message + " — create the tables with 'crmbridge staging init' (or have a DBA run 'crmbridge staging init --print')", pg),
                "42501" => Permanent("PERMISSION_DENIED", message + " — grant the bridge's database role access to the staging tables", pg),
                "28000" or "28P01" or "3D000" => Permanent("CONNECTION_REFUSED", message + $" — check {StagingConnectorOptions.SectionName}:ConnectionString", pg),
                _ when pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("53", StringComparison.Ordinal)
                    || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState.StartsWith("58", StringComparison.Ordinal)
                    || pg.SqlState.StartsWith("XX", StringComparison.Ordinal) || pg.IsTransient => Transient("DATABASE_UNAVAILABLE", message, pg),
                _ when pg.SqlState.StartsWith("22", StringComparison.Ordinal) || pg.SqlState.StartsWith("23", StringComparison.Ordinal) =>
                    Permanent("INVALID_DATA", message, pg),
                _ => Permanent("PG_" + pg.SqlState, message, pg),
            };
        }

        if (exception is NpgsqlException or SocketException or IOException or TimeoutException)
        {
            var timeout = exception is TimeoutException || exception.InnerException is TimeoutException;
            return Transient(timeout ? "TIMEOUT" : "NETWORK", $"{system}: {what}: {(timeout ? "the database did not answer in time" : "the database is unreachable")} ({exception.Message})", exception);
        }

        return null;

        ConnectorException Transient(string code, string message, Exception inner) => new(system, ErrorKind.Transient, code, message, innerException: inner);

        ConnectorException Permanent(string code, string message, Exception inner) => new(system, ErrorKind.Permanent, code, message, innerException: inner);
    }
}

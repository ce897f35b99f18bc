namespace CrmBridge.Connectors.Staging;

/// <summary>Creates the staging and outbox tables (<c>crmbridge staging init</c>) or prints their DDL for a DBA (<c>--print</c>).</summary>
public interface IStagingSchema
{
    /// <summary>Gets the DDL as one script; every statement is idempotent (<c>IF NOT EXISTS</c>).</summary>
    string Script { get; }

    /// <summary>Creates whatever is missing, in one transaction; safe to run repeatedly and from several hosts at once.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the tables exist.</returns>
    /// <exception cref="ConnectorException">When the database is unreachable or the role may not create them.</exception>
    Task CreateAsync(CancellationToken cancellationToken);
}

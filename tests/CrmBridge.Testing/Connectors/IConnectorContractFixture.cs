using CrmBridge.Connectors;
using Xunit;

namespace CrmBridge.Testing.Connectors;

/// <summary>What a connector test project provides to run the shared contract suite: a connector wired to a running sandbox.</summary>
public interface IConnectorContractFixture : IAsyncLifetime
{
    /// <summary>Gets the connector under test, talking over real HTTP to its sandbox on loopback.</summary>
    IConnector Connector { get; }

    /// <summary>Gets the entity and documents to use.</summary>
    ConnectorContractSpec Spec { get; }

    /// <summary>Makes the sandbox fail the next <paramref name="count"/> requests with <paramref name="kind"/>.</summary>
    /// <param name="kind">The fault.</param>
    /// <param name="count">How many requests fail.</param>
    /// <param name="retryAfter">The Retry-After the sandbox announces for throttling.</param>
    void InjectFault(FaultKind kind, int count, TimeSpan retryAfter);

    /// <summary>Removes any fault still pending.</summary>
    void ClearFaults();

    /// <summary>
    /// Lets an asynchronous system process what the connector wrote before its changes are read (the ERP job that picks up
    /// staging rows and answers in its outbox). Systems that apply writes at once need nothing: the default does nothing.
    /// </summary>
    /// <returns>A task that completes when the system has processed the writes so far.</returns>
    Task ProcessPendingAsync() => Task.CompletedTask;
}

using CrmBridge.Pipeline.Queueing;
using Xunit;

namespace CrmBridge.Testing.Queueing;

/// <summary>What a queue adapter's test project provides to run <see cref="WorkQueueContract{TFixture}"/>.</summary>
public interface IWorkQueueFixture : IAsyncLifetime
{
    /// <summary>Gets the claim-check store the fixture's queues put oversized snapshots in.</summary>
    IClaimCheckStore ClaimChecks { get; }

    /// <summary>Creates a fresh, empty, uniquely named queue; the fixture deletes it when disposed.</summary>
    /// <returns>The queue.</returns>
    Task<IWorkQueue> CreateQueueAsync();
}

using CrmBridge.Pipeline.Queueing;
using Xunit;

namespace CrmBridge.Testing.Queueing;

/// <summary>What a claim-check adapter's test project provides to run <see cref="ClaimCheckStoreContract{TFixture}"/>.</summary>
public interface IClaimCheckStoreFixture : IAsyncLifetime
{
    /// <summary>Gets the store under test (its container/table is deleted when the fixture is disposed).</summary>
    IClaimCheckStore Store { get; }
}

using CrmBridge.Connectors;
using Xunit;

namespace CrmBridge.Testing.Connectors;

/// <summary>
/// The contract every CRM and ERP connector passes against its sandbox over real HTTP, including the error paths:
/// throttling is retryable with Retry-After, server errors are transient, validation is permanent, unknown ids are not found.
/// Subclass it with one line per connector: <c>public sealed class ErpConnectorContractTests : ConnectorContract&lt;ErpFixture&gt;</c>.
/// </summary>
/// <typeparam name="TFixture">The fixture that starts the sandbox and builds the connector.</typeparam>
public abstract class ConnectorContract<TFixture> : IClassFixture<TFixture>
    where TFixture : class, IConnectorContractFixture
{
    /// <summary>Initializes a new instance of the <see cref="ConnectorContract{TFixture}"/> class.</summary>
    /// <param name="fixture">The fixture.</param>
    protected ConnectorContract(TFixture fixture)
    {
        Fixture = fixture;
        Fixture.ClearFaults();
    }

    /// <summary>Gets the fixture.</summary>
    protected TFixture Fixture { get; }

    private IConnector Connector => Fixture.Connector;

    private ConnectorContractSpec Spec => Fixture.Spec;

    private static string NewKey() => "CT-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    [Fact]
    public async Task UpsertAsync_NewKey_CreatesRecordReadableById()
    {
        var key = NewKey();
        var result = await Connector.UpsertAsync(new UpsertRequest(Spec.Entity, Spec.KeyField, key, Spec.NewRecord(key, "Contract Alpha")), CancellationToken.None);

        Assert.True(result.Created);
        Assert.False(string.IsNullOrWhiteSpace(result.Id));
        var read = await Connector.GetAsync(Spec.Entity, result.Id, CancellationToken.None);
        Assert.NotNull(read);
        Assert.Equal(result.Id, read.Id);
        Assert.Equal("Contract Alpha", read.Data[Spec.NameField]?.GetValue<string>());
    }

    [Fact]
    public async Task UpsertAsync_SameKeyTwice_UpdatesTheSameRecord()
    {
        var key = NewKey();
        var first = await Connector.UpsertAsync(new UpsertRequest(Spec.Entity, Spec.KeyField, key, Spec.NewRecord(key, "Contract Before")), CancellationToken.None);
        var second = await Connector.UpsertAsync(new UpsertRequest(Spec.Entity, Spec.KeyField, key, Spec.NewRecord(key, "Contract After")), CancellationToken.None);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Id, second.Id);
        var read = await Connector.GetAsync(Spec.Entity, first.Id, CancellationToken.None);
        Assert.Equal("Contract After", read?.Data[Spec.NameField]?.GetValue<string>());
    }

    [Fact]
    public async Task GetAsync_UnknownId_ReturnsNull()
    {
        var created = await Connector.UpsertAsync(new UpsertRequest(Spec.Entity, Spec.KeyField, NewKey(), Spec.NewRecord(NewKey(), "Contract Probe")), CancellationToken.None);
        var unknown = MutateId(created.Id);

        var read = await Connector.GetAsync(Spec.Entity, unknown, CancellationToken.None);

        Assert.Null(read);
    }

    [Fact]
    public async Task GetChangesAsync_FromCheckpoint_ReturnsLaterChangesOnly()
    {
        var baseline = await DrainAsync(null);
        var key = NewKey();
        var created = await Connector.UpsertAsync(new UpsertRequest(Spec.Entity, Spec.KeyField, key, Spec.NewRecord(key, "Contract Change")), CancellationToken.None);
        await ((IConnectorContractFixture)Fixture).ProcessPendingAsync();

        var after = await DrainAsync(baseline.Checkpoint);

        Assert.Contains(after.Changes, c => c.Id == created.Id && c.Operation == ChangeOperation.Upsert);
        Assert.DoesNotContain(baseline.Changes, c => c.Id == created.Id);
        // A poller may read its still-open time window again (a same-second edit must not be lost), but an unchanged
        // record never comes back with another version.
        var version = after.Changes.Last(c => c.Id == created.Id).Version;
        var again = await DrainAsync(after.Checkpoint);
        Assert.All(again.Changes.Where(c => c.Id == created.Id), c => Assert.Equal(version, c.Version));
    }

    [Fact]
    public async Task UpsertBatchAsync_OneInvalidItem_FailsOnlyThatItemAsPermanent()
    {
        var keys = new[] { NewKey(), NewKey(), NewKey() };
        var requests = new[]
        {
            new UpsertRequest(Spec.Entity, Spec.KeyField, keys[0], Spec.NewRecord(keys[0], "Batch One")),
            new UpsertRequest(Spec.Entity, Spec.KeyField, keys[1], Spec.InvalidRecord(keys[1])),
            new UpsertRequest(Spec.Entity, Spec.KeyField, keys[2], Spec.NewRecord(keys[2], "Batch Three")),
        };

        var results = await Connector.UpsertBatchAsync(requests, CancellationToken.None);

        Assert.Equal(3, results.Count);
        Assert.Equal([0, 1, 2], results.Select(r => r.Index));
        Assert.True(results[0].Succeeded);
        Assert.False(results[1].Succeeded);
        Assert.Equal(ErrorKind.Permanent, results[1].Error!.Kind);
        Assert.True(results[2].Succeeded);
        var third = await Connector.GetAsync(Spec.Entity, results[2].Result!.Id, CancellationToken.None);
        Assert.Equal("Batch Three", third?.Data[Spec.NameField]?.GetValue<string>());
    }

    [Fact]
    public async Task UpsertAsync_InvalidRecord_ThrowsPermanentWithCode()
    {
        var key = NewKey();

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            Connector.UpsertAsync(new UpsertRequest(Spec.Entity, Spec.KeyField, key, Spec.InvalidRecord(key)), CancellationToken.None));

        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.False(error.IsRetryable);
        Assert.False(string.IsNullOrWhiteSpace(error.ErrorCode));
        Assert.Equal(Connector.System, error.System);
    }

    [Fact]
    public async Task UpsertAsync_Throttled_ThrowsRetryableWithRetryAfter()
    {
        var key = NewKey();
        Fixture.InjectFault(FaultKind.Throttle, 50, TimeSpan.FromSeconds(7));
        try
        {
            var error = await Assert.ThrowsAsync<ConnectorException>(() =>
                Connector.UpsertAsync(new UpsertRequest(Spec.Entity, Spec.KeyField, key, Spec.NewRecord(key, "Throttled")), CancellationToken.None));

            Assert.True(error.IsRetryable);
            Assert.Contains(error.Kind, new[] { ErrorKind.Throttled, ErrorKind.Transient });
            Assert.NotNull(error.RetryAfter);
            Assert.True(error.RetryAfter >= TimeSpan.FromSeconds(1), $"Retry-After was {error.RetryAfter}");
        }
        finally
        {
            Fixture.ClearFaults();
        }
    }

    [Fact]
    public async Task GetAsync_ServerError_ThrowsTransient()
    {
        var created = await Connector.UpsertAsync(new UpsertRequest(Spec.Entity, Spec.KeyField, NewKey(), Spec.NewRecord(NewKey(), "Server Error")), CancellationToken.None);
        Fixture.InjectFault(FaultKind.ServerError, 50, TimeSpan.Zero);
        try
        {
            var error = await Assert.ThrowsAsync<ConnectorException>(() => Connector.GetAsync(Spec.Entity, created.Id, CancellationToken.None));

            Assert.Equal(ErrorKind.Transient, error.Kind);
            Assert.True(error.IsRetryable);
        }
        finally
        {
            Fixture.ClearFaults();
        }

        var recovered = await Connector.GetAsync(Spec.Entity, created.Id, CancellationToken.None);
        Assert.NotNull(recovered);
    }

    [Fact]
    public async Task DeleteAsync_ExistingThenUnknown_ReturnsTrueThenFalse()
    {
        if (!Spec.SupportsDelete)
        {
            // A connector without deletes must say so by throwing a permanent error, not by pretending.
            var ex = await Assert.ThrowsAsync<ConnectorException>(() => Connector.DeleteAsync(Spec.Entity, "x", CancellationToken.None));
            Assert.Equal(ErrorKind.Permanent, ex.Kind);
            return;
        }

        var key = NewKey();
        var created = await Connector.UpsertAsync(new UpsertRequest(Spec.Entity, Spec.KeyField, key, Spec.NewRecord(key, "To Delete")), CancellationToken.None);

        Assert.True(await Connector.DeleteAsync(Spec.Entity, created.Id, CancellationToken.None));
        Assert.Null(await Connector.GetAsync(Spec.Entity, created.Id, CancellationToken.None));
        Assert.False(await Connector.DeleteAsync(Spec.Entity, created.Id, CancellationToken.None));
    }

    /// <summary>Makes an id of the same shape that no record has (GUIDs stay GUIDs, numbers stay numbers).</summary>
    /// <param name="id">An existing id.</param>
    /// <returns>An unknown id.</returns>
    protected virtual string MutateId(string id) =>
        Guid.TryParse(id, out _) ? Guid.NewGuid().ToString()
        : long.TryParse(id, out var n) ? (n + 987_654_321L).ToString(System.Globalization.CultureInfo.InvariantCulture)
        : id + "-missing";

    private async Task<(IReadOnlyList<RecordChange> Changes, string? Checkpoint)> DrainAsync(string? checkpoint)
    {
        var all = new List<RecordChange>();
        for (var page = 0; page < 10_000; page++)
        {
            var result = await Connector.GetChangesAsync(Spec.Entity, checkpoint, CancellationToken.None);
            all.AddRange(result.Changes);
            checkpoint = result.NextCheckpoint ?? checkpoint;
            if (!result.HasMore)
            {
                return (all, checkpoint);
            }
        }

        throw new InvalidOperationException("GetChangesAsync never reported the end of the changes.");
    }
}

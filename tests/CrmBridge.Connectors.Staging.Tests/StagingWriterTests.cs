using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CrmBridge.Connectors.Staging.Tests;

/// <summary>Staging writes: re-staging only on change, error rows never reused silently, batches as single statements.</summary>
public sealed class StagingWriterTests
{
    private static UpsertRequest Customer(string key, string? name) =>
        new("customer", "externalId", key, name is null ? new JsonObject { ["phone"] = "+86 21 5555 0101" } : new JsonObject { ["name"] = name, ["city"] = "上海" });

    [Fact]
    public async Task UpsertBatchAsync_SamePayloadAgain_LeavesRowsUntouched()
    {
        await using var bed = await StagingTestBed.StartAsync();
        var requests = Enumerable.Range(0, 3).Select(i => Customer(StagingTestBed.NewKey(), $"Same {i}")).ToList();
        await bed.Connector.UpsertBatchAsync(requests, CancellationToken.None);
        Assert.Equal(3, (await bed.Erp.RunOnceAsync()).Accepted);
        var before = await bed.ScalarAsync<string>($"SELECT string_agg(batch_id::text || updated_at::text || status, ',' ORDER BY id) FROM {bed.Staging}");

        var again = await bed.Connector.UpsertBatchAsync(requests, CancellationToken.None);

        Assert.All(again, r => Assert.False(r.Result!.Created));
        Assert.Equal(requests.Select(r => r.KeyValue), again.Select(r => r.Result!.Id));
        Assert.Equal(before, await bed.ScalarAsync<string>($"SELECT string_agg(batch_id::text || updated_at::text || status, ',' ORDER BY id) FROM {bed.Staging}"));
        Assert.Equal(0, (await bed.Erp.RunOnceAsync()).Claimed);
    }

    [Fact]
    public async Task UpsertAsync_ChangedPayload_RestagesPendingAndKeepsErpIds()
    {
        await using var bed = await StagingTestBed.StartAsync();
        var key = StagingTestBed.NewKey();
        Assert.True((await bed.Connector.UpsertAsync(Customer(key, "Before"), CancellationToken.None)).Created);
        await bed.Erp.RunOnceAsync();
        var accepted = (await bed.Connector.GetAsync("customer", key, CancellationToken.None))!.Data["_staging"]!;

        var second = await bed.Connector.UpsertAsync(Customer(key, "After"), CancellationToken.None);

        Assert.False(second.Created);
        Assert.Equal(key, second.Id);
        var restaged = (await bed.Connector.GetAsync("customer", key, CancellationToken.None))!.Data;
        Assert.Equal("After", restaged["name"]!.GetValue<string>());
        Assert.Equal("pending", restaged["_staging"]!["status"]!.GetValue<string>());
        Assert.Equal(accepted["erpNumber"]!.GetValue<string>(), restaged["_staging"]!["erpNumber"]!.GetValue<string>());
        Assert.StartsWith("CUST", accepted["erpNumber"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, (await bed.Erp.RunOnceAsync()).Accepted);
        Assert.Equal("done", await bed.StatusAsync("customer", key));
    }

    [Fact]
    public async Task UpsertAsync_SamePayloadOnErrorRow_StaysError()
    {
        await using var bed = await StagingTestBed.StartAsync();
        var key = StagingTestBed.NewKey();
        await bed.Connector.UpsertAsync(Customer(key, null), CancellationToken.None);
        Assert.Equal(1, (await bed.Erp.RunOnceAsync()).Rejected);

        await bed.Connector.UpsertAsync(Customer(key, null), CancellationToken.None);

        Assert.Equal("error", await bed.StatusAsync("customer", key));
        Assert.Equal(0, (await bed.Erp.RunOnceAsync()).Claimed);
    }

    [Fact]
    public async Task UpsertAsync_ChangedPayloadOnErrorRow_ClearsErrorAndAttempts()
    {
        await using var bed = await StagingTestBed.StartAsync();
        var key = StagingTestBed.NewKey();
        await bed.Connector.UpsertAsync(Customer(key, null), CancellationToken.None);
        await bed.Erp.RunOnceAsync();

        await bed.Connector.UpsertAsync(Customer(key, "Fixed Name"), CancellationToken.None);

        var row = (await bed.Connector.GetAsync("customer", key, CancellationToken.None))!.Data["_staging"]!;
        Assert.Equal("pending", row["status"]!.GetValue<string>());
        Assert.Null(row["errorMessage"]);
        Assert.Equal(0, row["attempts"]!.GetValue<int>());
        Assert.Equal(1, (await bed.Erp.RunOnceAsync()).Accepted);
    }

    [Fact]
    public async Task UpsertBatchAsync_TwoThousandRowsBatchSizeThousand_TwoStatements()
    {
        await using var bed = await StagingTestBed.StartAsync();
        var requests = Enumerable.Range(0, 2000).Select(i => Customer(StagingTestBed.NewKey(), $"Bulk {i}")).ToList();
        var statements = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Npgsql", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                var text = activity.Tags.FirstOrDefault(t => t.Key is "db.query.text" or "db.statement").Value;
                if (text is not null && text.Contains(bed.Schema, StringComparison.Ordinal))
                {
                    lock (statements)
                    {
                        statements.Add(text);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var results = await bed.Connector.UpsertBatchAsync(requests, CancellationToken.None);

        Assert.All(results, r => Assert.True(r.Result!.Created));
        Assert.Equal(2, statements.Count);
        Assert.Equal(2000L, await bed.ScalarAsync<long>($"SELECT count(*) FROM {bed.Staging}"));
    }

    [Fact]
    public async Task UpsertBatchAsync_RepeatedKey_LastDocumentWinsForBoth()
    {
        await using var bed = await StagingTestBed.StartAsync();
        var key = StagingTestBed.NewKey();

        var results = await bed.Connector.UpsertBatchAsync([Customer(key, "First"), Customer(key, "Last")], CancellationToken.None);

        Assert.All(results, r => Assert.Equal(key, r.Result!.Id));
        var row = await bed.Connector.GetAsync("customer", key, CancellationToken.None);
        Assert.Equal("Last", row!.Data["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpsertAsync_KeyLongerThanColumn_ThrowsPermanent()
    {
        await using var bed = await StagingTestBed.StartAsync();

        var error = await Assert.ThrowsAsync<ConnectorException>(() => bed.Connector.UpsertAsync(Customer(new string('k', 101), "Long"), CancellationToken.None));

        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Equal("KEY_TOO_LONG", error.ErrorCode);
    }

    [Fact]
    public async Task UpsertAsync_TablesMissing_ThrowsPermanentNamingInit()
    {
        await using var bed = await StagingTestBed.StartAsync();
        await using var other = bed.BuildServices(new Dictionary<string, string?> { ["StagingTable"] = "not_created" });

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            other.GetRequiredService<IErpConnector>().UpsertAsync(Customer(StagingTestBed.NewKey(), "Nowhere"), CancellationToken.None));

        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Equal("SCHEMA_MISSING", error.ErrorCode);
        Assert.Contains("crmbridge staging init", error.Message, StringComparison.Ordinal);
    }
}

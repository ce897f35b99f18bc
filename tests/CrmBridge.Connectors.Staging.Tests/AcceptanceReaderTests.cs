using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace CrmBridge.Connectors.Staging.Tests;

/// <summary>ERP acceptances read through <see cref="IAcceptanceFeed"/> with the ERP's id and number, and acknowledged once.</summary>
public sealed class AcceptanceReaderTests
{
    private static async Task<(StagingTestBed Bed, string Customer)> AcceptedCustomerAsync()
    {
        var bed = await StagingTestBed.StartAsync();
        var customer = StagingTestBed.NewKey("C");
        await bed.Connector.UpsertAsync(Customer(customer, "Shenzhen Parts"), CancellationToken.None);
        Assert.Equal(1, (await bed.Erp.RunOnceAsync()).Accepted);
        return (bed, customer);
    }

    private static UpsertRequest Customer(string key, string name) => new("customer", "externalId", key, new JsonObject { ["name"] = name });

    private static IAcceptanceFeed Feed(IServiceProvider services) => services.GetRequiredService<IAcceptanceFeed>();

    [Fact]
    public async Task ReadAcceptancesAsync_ErpAcceptedRow_ReturnsKeyErpIdAndNumber()
    {
        var (bed, customer) = await AcceptedCustomerAsync();
        await using var _ = bed;

        var acceptance = Assert.Single(await Feed(bed.Services).ReadAcceptancesAsync(10, CancellationToken.None));

        Assert.Equal(new RecordRef("staging", "customer", customer), acceptance.Target);
        Assert.Equal(await bed.ScalarAsync<string>($"SELECT erp_id FROM {bed.Staging} WHERE business_key = @k", ("k", customer)), acceptance.AssignedId);
        Assert.StartsWith("CUST", acceptance.AssignedNumber, StringComparison.Ordinal);
        Assert.Equal(acceptance.AssignedNumber, await bed.ScalarAsync<string>($"SELECT erp_number FROM {bed.Staging} WHERE business_key = @k", ("k", customer)));
    }

    [Fact]
    public async Task ReadAcceptancesAsync_PendingAndRejectedRows_NotReturned()
    {
        await using var bed = await StagingTestBed.StartAsync();
        await bed.Connector.UpsertAsync(new UpsertRequest("customer", "externalId", StagingTestBed.NewKey("C"), new JsonObject { ["city"] = "Wuxi" }), CancellationToken.None);
        Assert.Equal(1, (await bed.Erp.RunOnceAsync()).Rejected);
        await bed.Connector.UpsertAsync(Customer(StagingTestBed.NewKey("C"), "Not yet booked"), CancellationToken.None);

        Assert.Empty(await Feed(bed.Services).ReadAcceptancesAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task AcknowledgeAcceptancesAsync_Acknowledged_NotReadAgainByAnyHost()
    {
        var (bed, _) = await AcceptedCustomerAsync();
        await using var _ = bed;
        await using var otherHost = bed.BuildServices();
        var read = await Feed(bed.Services).ReadAcceptancesAsync(10, CancellationToken.None);

        Assert.Equal(1, await Feed(bed.Services).AcknowledgeAcceptancesAsync(read, CancellationToken.None));

        Assert.Empty(await Feed(bed.Services).ReadAcceptancesAsync(10, CancellationToken.None));
        Assert.Empty(await Feed(otherHost).ReadAcceptancesAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAcceptancesAsync_ClaimedByAnotherHost_NotReturnedWithinLease()
    {
        var (bed, _) = await AcceptedCustomerAsync();
        await using var _ = bed;
        await using var otherHost = bed.BuildServices();

        var first = await Feed(bed.Services).ReadAcceptancesAsync(10, CancellationToken.None);
        var other = await Feed(otherHost).ReadAcceptancesAsync(10, CancellationToken.None);
        var again = await Feed(bed.Services).ReadAcceptancesAsync(10, CancellationToken.None);

        Assert.Single(first);
        Assert.Empty(other);
        Assert.Single(again); // the claiming host may read its own claim again (it stopped before recording)
        Assert.Equal(0, await Feed(otherHost).AcknowledgeAcceptancesAsync(first, CancellationToken.None)); // not its claim
    }

    [Fact]
    public async Task AcknowledgeAcceptancesAsync_RowRestagedMeanwhile_NotMarkedAndReadAfterTheErpAcceptsAgain()
    {
        var (bed, customer) = await AcceptedCustomerAsync();
        await using var _ = bed;
        var read = await Feed(bed.Services).ReadAcceptancesAsync(10, CancellationToken.None);
        await bed.Connector.UpsertAsync(Customer(customer, "Shenzhen Parts Co., Ltd."), CancellationToken.None);

        Assert.Equal(0, await Feed(bed.Services).AcknowledgeAcceptancesAsync(read, CancellationToken.None));
        Assert.Empty(await Feed(bed.Services).ReadAcceptancesAsync(10, CancellationToken.None)); // pending again: nothing accepted
        Assert.Equal(1, (await bed.Erp.RunOnceAsync()).Accepted);

        var again = Assert.Single(await Feed(bed.Services).ReadAcceptancesAsync(10, CancellationToken.None));
        Assert.Equal(read[0].AssignedNumber, again.AssignedNumber); // the ERP updated the customer it had booked
        Assert.Equal(1, await Feed(bed.Services).AcknowledgeAcceptancesAsync([again], CancellationToken.None));
    }

    [Fact]
    public async Task CreateAsync_Schema_AcceptanceClaimUsesThePartialIndex()
    {
        var (bed, _) = await AcceptedCustomerAsync();
        await using var _ = bed;

        await using var connection = new NpgsqlConnection(TestPostgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            SET enable_seqscan = off;
            EXPLAIN (FORMAT TEXT) SELECT id FROM {bed.Staging}
            WHERE status = 'done' AND (locked_by IS NULL OR locked_by <> 'crmbridge:recorded') ORDER BY id LIMIT 10
            """, connection);
        var plan = new System.Text.StringBuilder();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.AppendLine(reader.GetString(0));
            }
        }

        Assert.Contains("crm_to_erp_staging_accepted_ix", plan.ToString(), StringComparison.Ordinal);
    }
}

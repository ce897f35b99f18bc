using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CrmBridge.Connectors.Staging.Tests;

/// <summary>The DDL: printable without a database, idempotent, safe from several hosts at once.</summary>
public sealed class StagingSchemaTests
{
    [Fact]
    public void Script_CustomSchema_IdempotentDdlForBothTables()
    {
        var script = StagingDdl.Script(new StagingConnectorOptions { Schema = "erp_bridge" });

        Assert.Contains("CREATE TABLE IF NOT EXISTS \"erp_bridge\".\"crm_to_erp_staging\"", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE IF NOT EXISTS \"erp_bridge\".\"erp_outbox\"", script, StringComparison.Ordinal);
        Assert.Contains("UNIQUE (entity_type, business_key)", script, StringComparison.Ordinal);
        Assert.Contains("CHECK (status IN ('pending','processing','done','error','dead'))", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_ThreeHostsAtOnceThenAgain_Succeeds()
    {
        await using var bed = await StagingTestBed.StartAsync();
        await using var a = bed.BuildServices(new Dictionary<string, string?> { ["StagingTable"] = "stage2", ["OutboxTable"] = "outbox2" });
        await using var b = bed.BuildServices(new Dictionary<string, string?> { ["StagingTable"] = "stage2", ["OutboxTable"] = "outbox2" });

        await Task.WhenAll(new[] { a, b, a }.Select(p => p.GetRequiredService<IStagingSchema>().CreateAsync(CancellationToken.None)));
        await a.GetRequiredService<IStagingSchema>().CreateAsync(CancellationToken.None);

        Assert.Equal(2L, await bed.ScalarAsync<long>(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = @s AND table_name IN ('stage2', 'outbox2')", ("s", bed.Schema)));
    }
}

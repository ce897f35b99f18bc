using System.Text.Json.Nodes;
using Xunit;

namespace CrmBridge.Connectors.Dataverse.Tests.Registration;

/// <summary>The status columns through the sandbox's metadata API: created once, usable, never filtering attributes.</summary>
public sealed class DataverseStatusColumnsTests
{
    [Fact]
    public async Task EnsureAsync_Twice_CreatesTheFourColumnsPerTableOnce()
    {
        await using var bed = await RegistrationTestBed.StartAsync();

        var first = await bed.StatusColumns.EnsureAsync(["account", "salesorder"], "crmb", null, false, _ => { }, CancellationToken.None);
        var second = await bed.StatusColumns.EnsureAsync(["account", "salesorder"], "crmb", null, false, _ => { }, CancellationToken.None);

        Assert.Equal(8, first.Count(c => c.Action == "create"));
        Assert.All(second, c => Assert.Equal("unchanged", c.Action));
        Assert.Equal(["account.crmb_syncstatus", "account.crmb_erpnumber", "account.crmb_lastsyncedon", "account.crmb_syncerror"], first.Take(4).Select(c => c.Name));
    }

    [Fact]
    public async Task EnsureAsync_Created_ColumnsAcceptTheStatusValuesAndEnforceTheirLengths()
    {
        await using var bed = await RegistrationTestBed.StartAsync();
        await bed.StatusColumns.EnsureAsync(["salesorder"], "crmb", null, false, _ => { }, CancellationToken.None);
        var id = bed.Sandbox.Create("salesorders", new JsonObject { ["name"] = "SO status" });

        bed.Sandbox.Update("salesorders", id, new JsonObject
        {
            ["crmb_syncstatus"] = "synced", ["crmb_erpnumber"] = "SO-100042", ["crmb_lastsyncedon"] = "2026-11-28T08:00:00Z", ["crmb_syncerror"] = new string('x', 2000),
        });
        var tooLong = Assert.Throws<CrmBridge.Sandbox.Dataverse.DataverseApiException>(() => bed.Sandbox.Update("salesorders", id, new JsonObject { ["crmb_syncstatus"] = new string('s', 21) }));

        Assert.Equal("SO-100042", bed.Sandbox.Get("salesorders", id)!["crmb_erpnumber"]!.ToString());
        Assert.Equal("0x80044331", tooLong.Code);
    }

    [Fact]
    public async Task EnsureAsync_DryRun_CreatesNothing()
    {
        await using var bed = await RegistrationTestBed.StartAsync();

        var changes = await bed.StatusColumns.EnsureAsync(["incident"], "crmb", null, true, _ => { }, CancellationToken.None);
        var again = await bed.StatusColumns.EnsureAsync(["incident"], "crmb", null, true, _ => { }, CancellationToken.None);

        Assert.Equal(4, changes.Count(c => c.Action == "create"));
        Assert.Equal(4, again.Count(c => c.Action == "create"));
    }

    [Fact]
    public async Task EnsureAsync_MissingCreateAttributePrivilege_SaysWhatToGrant()
    {
        await using var bed = await RegistrationTestBed.StartAsync(o => o.DeniedPrivileges.Add("prvCreateAttribute"));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => bed.StatusColumns.EnsureAsync(["account"], "crmb", null, false, _ => { }, CancellationToken.None));

        Assert.Contains("creating column account.crmb_syncstatus failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing prvCreateAttribute privilege", error.Message, StringComparison.Ordinal);
        Assert.Contains("System Customizer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_Prefix_AreTheFourStatusColumns() =>
        Assert.Equal(["contoso_syncstatus", "contoso_erpnumber", "contoso_lastsyncedon", "contoso_syncerror"], DataverseStatusColumns.Names("contoso"));
}

namespace CrmBridge.Mappings.Tests;

/// <summary><c>syncStatus:</c> — the source-record fields that receive the sync outcome.</summary>
public sealed partial class MappingLoaderTests
{
    [Fact]
    public void LoadText_SyncStatus_CompilesEveryMemberOntoTheRoute()
    {
        var engine = TestMappings.Fields("""
            syncStatus: { status: Sync_Status, erpNumber: ERP_Number, syncedAt: Last_Synced_On, error: Sync_Error, timeFormat: epochMillis, errorMaxLength: 255, pendingOnRetry: true }
            fields:
              orderNumber: { from: Subject }
            """);

        var status = engine.Routes[0].SyncStatus;

        Assert.NotNull(status);
        Assert.Equal(("Sync_Status", "ERP_Number", "Last_Synced_On", "Sync_Error"), (status.Status, status.ErpNumber, status.SyncedAt, status.Error));
        Assert.Equal(("epochMillis", 255, true), (status.TimeFormat, status.ErrorMaxLength, status.PendingOnRetry));
    }

    [Fact]
    public void LoadText_SyncStatusWithOneMember_DefaultsTheRest()
    {
        var engine = TestMappings.Fields("syncStatus: { status: Sync_Status }\nfields:\n  orderNumber: { from: Subject }\n");

        var status = engine.Routes[0].SyncStatus!;

        Assert.Equal(["Sync_Status"], status.Fields);
        Assert.Equal(("iso", 2000, false), (status.TimeFormat, status.ErrorMaxLength, status.PendingOnRetry));
    }

    [Fact]
    public void LoadText_NoSyncStatus_RouteHasNone()
    {
        var engine = TestMappings.Fields("fields:\n  orderNumber: { from: Subject }\n");

        Assert.Null(engine.Routes[0].SyncStatus);
    }

    [Theory]
    [InlineData("syncStatus: { status: Sync_Status }\nfields:\n  s: { from: Sync_Status }\n", "test.yaml:5: syncStatus.status: syncStatus.status 'Sync_Status' is read by the mapping at line 7: a status field must not be mapped (each status write would sync again); name a field of its own")]
    [InlineData("syncStatus: { error: Err }\nfilter:\n  - { field: Err, exists: false }\n", "test.yaml:5: syncStatus.error: syncStatus.error 'Err' is read by the mapping at line 7: a status field must not be mapped (each status write would sync again); name a field of its own")]
    [InlineData("syncStatus: { erpNumber: Num }\nfields:\n  n: { concat: [\"$Num.x\", \"-\"] }\n", "test.yaml:5: syncStatus.erpNumber: syncStatus.erpNumber 'Num' is read by the mapping at line 7: a status field must not be mapped (each status write would sync again); name a field of its own")]
    [InlineData("syncStatus: { status: S, error: S }\n", "test.yaml:5: syncStatus.error: syncStatus.error 'S' is also syncStatus.status: give each outcome its own field")]
    [InlineData("syncStatus: { status: id }\n", "test.yaml:5: syncStatus.status: syncStatus.status 'id' is read by the mapping at line 4: a status field must not be mapped (each status write would sync again); name a field of its own")]
    [InlineData("syncStatus: { stat: S }\n", "test.yaml:5: syncStatus.stat: unknown rule 'stat' (see docs/mappings.md for the rules allowed here)")]
    [InlineData("syncStatus: { timeFormat: unix }\n", "test.yaml:5: syncStatus.timeFormat: must be one of: iso, epochMillis")]
    public void LoadText_BadSyncStatus_ReportsOneLineWithTheFix(string body, string expected)
    {
        var errors = TestMappings.Errors(TestMappings.Header + body).Select(d => d.ToString()).ToArray();

        Assert.Equal([expected], errors);
    }
}

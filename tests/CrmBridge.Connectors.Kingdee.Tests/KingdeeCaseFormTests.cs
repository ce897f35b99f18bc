using System.Text.Json.Nodes;
using Xunit;

namespace CrmBridge.Connectors.Kingdee.Tests;

/// <summary>Complaints go to a customer-specific form (K3Cloud has none as standard), configured by form id.</summary>
public sealed class KingdeeCaseFormTests
{
    private static readonly Dictionary<string, string?> CaseForm = new()
    {
        ["Forms:crmCases:FormId"] = "PAEZ_CRM_Case",
        ["Forms:crmCases:AfterSave"] = "SubmitAndAudit",
        ["Forms:crmCases:UnAuditToUpdate"] = "true",
        ["Forms:crmCases:FieldKeys:0"] = "F_PAEZ_Subject",
        ["Forms:crmCases:Noun"] = "complaint",
    };

    [Fact]
    public async Task UpsertAsync_CaseToConfiguredCustomForm_CreatesAuditedBillReadableByNumber()
    {
        await using var bed = await KingdeeTestBed.StartAsync(CaseForm);
        var customer = await bed.CustomerAsync();

        var result = await bed.Connector.UpsertAsync(new UpsertRequest("crmCases", "F_CRM_Id", "case-1", new JsonObject
        {
            ["F_PAEZ_Subject"] = "Damaged delivery",
            ["F_PAEZ_CustId"] = new JsonObject { ["FNumber"] = customer },
        }), CancellationToken.None);

        Assert.StartsWith("CASE", result.Id, StringComparison.Ordinal);
        var read = await bed.Connector.GetAsync("crmCases", result.Id, CancellationToken.None);
        Assert.Equal("Damaged delivery", read!.Data["F_PAEZ_Subject"]?.GetValue<string>());
        Assert.Equal("C", read.Data["FDocumentStatus"]?.GetValue<string>());
    }

    [Fact]
    public async Task UpsertAsync_CaseWithoutSubject_ThrowsPermanentNamingTheField()
    {
        await using var bed = await KingdeeTestBed.StartAsync(CaseForm);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => bed.Connector.UpsertAsync(
            new UpsertRequest("crmCases", "F_CRM_Id", "case-2", new JsonObject { ["F_PAEZ_Description"] = "no subject" }), CancellationToken.None));

        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Contains("F_PAEZ_Subject", error.Message, StringComparison.Ordinal);
    }
}

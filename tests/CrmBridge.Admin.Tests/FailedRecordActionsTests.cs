using System.Net;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CrmBridge.Admin.Tests;

/// <summary>Dismissing with a note is audited with who did it; rejected webhook input is listed apart from failed records.</summary>
public sealed class FailedRecordActionsTests(StandaloneAdminFixture admin) : IClassFixture<StandaloneAdminFixture>
{
    [Fact]
    public async Task Dismiss_WithNote_ClosesTheLetterAndAuditsWhoAndWhy()
    {
        var id = await FailAsync("acc-" + Guid.NewGuid().ToString("N")[..8]);
        using var client = new AdminClient(admin.Address);
        await client.SignInAsync(StandaloneAdminFixture.Key, "Zhao Lei");
        var token = await client.TokenAsync("failed/" + id);

        var (status, _, _) = await client.PostAsync($"failed/{id}/dismiss", new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["note"] = "test record, deleted in the CRM" });

        Assert.Equal(HttpStatusCode.SeeOther, status);
        Assert.Equal(DeadLetterStatus.Dismissed, (await admin.Services.GetRequiredService<DeadLetterService>().GetAsync(id, CancellationToken.None))!.Status);
        var audit = (await client.GetAsync("audit")).Body;
        Assert.Contains("Zhao Lei (key)", audit, StringComparison.Ordinal);
        Assert.Contains("test record, deleted in the CRM", audit, StringComparison.Ordinal);
        Assert.Contains(id, audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_RejectedInput_IsOnItsOwnTabOnly()
    {
        var failed = await FailAsync("acc-" + Guid.NewGuid().ToString("N")[..8]);
        var rejected = await admin.Services.GetRequiredService<DeadLetterService>()
            .RecordRejectedInputAsync("dataverse", EnvelopeOrigins.Webhook, "body is not JSON", "{not json", "corr-" + Guid.NewGuid().ToString("N"), CancellationToken.None);
        using var client = new AdminClient(admin.Address);
        await client.SignInAsync(StandaloneAdminFixture.Key);

        var failedTab = (await client.GetAsync("failed")).Body;
        var rejectedTab = (await client.GetAsync("failed?tab=rejected")).Body;

        Assert.Contains(failed, failedTab, StringComparison.Ordinal);
        Assert.DoesNotContain(rejected, failedTab, StringComparison.Ordinal);
        Assert.Contains(rejected, rejectedTab, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"replay-all\"", rejectedTab, StringComparison.Ordinal); // not replayable
    }

    private Task<string> FailAsync(string recordId)
    {
        var envelope = new ChangeEnvelope { Id = Guid.NewGuid().ToString("N"), System = "dataverse", Entity = "accounts", RecordId = recordId, CorrelationId = Guid.NewGuid().ToString("N") };
        return admin.Services.GetRequiredService<DeadLetterService>().RecordFailureAsync(
            envelope, "dataverse-account-to-erp-customer", DeadLetterCodes.MappingFailed, "address.country: not in map [NOT_IN_MAP]", [new AttemptNote(DateTimeOffset.UtcNow, DeadLetterCodes.MappingFailed, "not in map")], CancellationToken.None);
    }
}

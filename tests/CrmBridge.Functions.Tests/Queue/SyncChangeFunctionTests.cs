using System.Text.Json.Nodes;
using CrmBridge.Functions.Admin;
using CrmBridge.Functions.Queue;
using CrmBridge.Functions.Tests.Support;
using CrmBridge.Functions.Webhooks;
using CrmBridge.Pipeline.State;
using CrmBridge.Sandbox.Erp;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace CrmBridge.Functions.Tests.Queue;

/// <summary>
/// The whole Azure path with the real functions: webhook function → Azurite queue → the queue function invoked with the
/// dequeued message → the reference ERP sandbox holds the record.
/// </summary>
public sealed class SyncChangeFunctionTests(FunctionsAppFixture app) : IClassFixture<FunctionsAppFixture>
{
    [Fact]
    public async Task RunAsync_WebhookChange_EndsAsSyncedErpRecord()
    {
        var id = "acc-" + Guid.NewGuid().ToString("N")[..8];
        app.Crm.Put(id, new JsonObject { ["id"] = id, ["name"] = "  Contoso Ltd  " });

        await WebhookAsync(id, "corr-e2e-" + id);
        await RunQueuedAsync();

        var customer = app.Erp.FindByExternalId(ErpEntities.Customers, id);
        Assert.NotNull(customer);
        Assert.Equal("Contoso Ltd", customer["name"]!.GetValue<string>());
        Assert.Equal("STANDARD", customer["segment"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunAsync_WebhookChange_LogsDeliveryWithTheWebhookCorrelationId()
    {
        var id = "acc-" + Guid.NewGuid().ToString("N")[..8];
        var correlationId = "corr-flow-" + id;
        app.Crm.Put(id, new JsonObject { ["id"] = id, ["name"] = "Fabrikam" });

        await WebhookAsync(id, correlationId);
        await RunQueuedAsync();

        var synced = app.Logs.Entries.Where(e => e.Category.EndsWith(nameof(SyncChangeFunction), StringComparison.Ordinal) && Equals(e.Values.GetValueOrDefault("RecordId"), id)).ToList();
        Assert.NotEmpty(synced);
        Assert.All(synced, e => Assert.Equal(correlationId, e.Values["CorrelationId"]));
        Assert.Contains(synced, e => e.Message.Contains("Delivered 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_RecordFailingMapping_IsDeadLetteredAndReplaysAfterFix()
    {
        var id = "acc-" + Guid.NewGuid().ToString("N")[..8];
        app.Crm.Put(id, new JsonObject { ["id"] = id });
        await WebhookAsync(id, null);
        await RunQueuedAsync();

        var list = FunctionRequests.Json<IReadOnlyList<DeadLetter>>(
            await app.Create<DeadLettersFunction>().RunAsync(FunctionRequests.Get("system=testcrm"), CancellationToken.None), StatusCodes.Status200OK);
        var letter = Assert.Single(list, l => l.Envelope.RecordId == id);
        Assert.Null(app.Erp.FindByExternalId(ErpEntities.Customers, id));

        app.Crm.Put(id, new JsonObject { ["id"] = id, ["name"] = "Fixed name" });
        var replay = await app.Create<ReplayDeadLetterFunction>().RunAsync(FunctionRequests.Post(""), letter.Id, CancellationToken.None);
        FunctionRequests.Json<DeadLetterActionResult>(replay, StatusCodes.Status202Accepted);
        await RunQueuedAsync();

        Assert.Equal("Fixed name", app.Erp.FindByExternalId(ErpEntities.Customers, id)?["name"]?.GetValue<string>());
        var shown = FunctionRequests.Json<DeadLetter>(await app.Create<DeadLetterFunction>().RunAsync(FunctionRequests.Get(), letter.Id, CancellationToken.None), StatusCodes.Status200OK);
        Assert.Equal(DeadLetterStatus.Replayed, shown.Status);
    }

    [Fact]
    public async Task RunAsync_MessageThatIsNotAnEnvelope_IsDeadLetteredWithoutThrowing()
    {
        var marker = "garbage-" + Guid.NewGuid().ToString("N");
        await app.Queue.SendAsync("not json " + marker);
        var message = Assert.Single(await app.Queue.DrainAsync());

        await app.Create<SyncChangeFunction>().RunAsync(message.Text, FunctionRequests.QueueContext(message), CancellationToken.None);

        var letters = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<CrmBridge.Pipeline.Operations.DeadLetterService>(app.Services)
            .ListAsync(new DeadLetterQuery(System: "unknown"), CancellationToken.None);
        Assert.Contains(letters, l => l.ErrorCode == DeadLetterCodes.Poison && l.Envelope.Snapshot?.ToJsonString().Contains(marker, StringComparison.Ordinal) == true);
    }

    private async Task WebhookAsync(string id, string? correlationId)
    {
        var headers = new Dictionary<string, string> { [TestCrmWebhookReceiver.SecretHeader] = FunctionsAppFixture.CrmSecret };
        if (correlationId is not null)
        {
            headers["X-Correlation-Id"] = correlationId;
        }

        var result = await app.Create<SystemWebhookFunction>().RunAsync(
            FunctionRequests.Post($$"""{"entity":"accounts","ids":["{{id}}"]}""", headers), TestCrm.SystemName, CancellationToken.None);
        FunctionRequests.Json<WebhookResponse>(result, StatusCodes.Status202Accepted);
    }

    private async Task RunQueuedAsync()
    {
        var function = app.Create<SyncChangeFunction>();
        var messages = await app.Queue.DrainAsync();
        Assert.NotEmpty(messages);
        foreach (var message in messages)
        {
            await function.RunAsync(message.Text, FunctionRequests.QueueContext(message), CancellationToken.None);
        }
    }
}

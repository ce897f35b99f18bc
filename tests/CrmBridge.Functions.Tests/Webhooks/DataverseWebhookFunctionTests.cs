using System.Text.Json.Nodes;
using CrmBridge.Functions.Http;
using CrmBridge.Functions.Queue;
using CrmBridge.Functions.Tests.Support;
using CrmBridge.Functions.Webhooks;
using CrmBridge.Sandbox.Erp;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace CrmBridge.Functions.Tests.Webhooks;

/// <summary>
/// The Dataverse route end to end with real parts only: a RemoteExecutionContext for an account created in the Dataverse
/// sandbox → <see cref="DataverseWebhookFunction"/> → Azurite queue → <see cref="SyncChangeFunction"/> with the shipped
/// mapping → the reference ERP sandbox holds the customer.
/// </summary>
public sealed class DataverseWebhookFunctionTests(DataverseAppFixture app) : IClassFixture<DataverseAppFixture>
{
    private const string SecretHeader = "x-crmbridge-key"; // Connectors:Dataverse:WebhookHeaderName default

    [Fact]
    public async Task RunAsync_AccountCreated_EndsAsErpCustomer()
    {
        var name = "Northwind " + Guid.NewGuid().ToString("N")[..6];
        var id = app.Dataverse.Create("accounts", new JsonObject { ["name"] = "  " + name + "  ", ["accountnumber"] = "NW-" + Guid.NewGuid().ToString("N")[..6] });

        var result = await app.Create<DataverseWebhookFunction>().RunAsync(
            FunctionRequests.Post(Context(id), new Dictionary<string, string> { [SecretHeader] = DataverseAppFixture.WebhookSecret }), CancellationToken.None);

        Assert.Equal(1, FunctionRequests.Json<WebhookResponse>(result, StatusCodes.Status202Accepted).Enqueued);
        var function = app.Create<SyncChangeFunction>();
        foreach (var message in await app.Queue.DrainAsync())
        {
            await function.RunAsync(message.Text, FunctionRequests.QueueContext(message), CancellationToken.None);
        }

        var customer = app.Erp.FindByExternalId(ErpEntities.Customers, id.ToString());
        Assert.NotNull(customer);
        Assert.Equal(name, customer["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunAsync_WrongSecret_Returns401()
    {
        var result = await app.Create<DataverseWebhookFunction>().RunAsync(
            FunctionRequests.Post(Context(Guid.NewGuid()), new Dictionary<string, string> { [SecretHeader] = "wrong" }), CancellationToken.None);

        FunctionRequests.Json<ApiResults.ErrorBody>(result, StatusCodes.Status401Unauthorized);
        Assert.Empty(await app.Queue.DrainAsync());
    }

    [Fact]
    public async Task RunAsync_NotARemoteExecutionContext_Returns400()
    {
        var result = await app.Create<DataverseWebhookFunction>().RunAsync(
            FunctionRequests.Post("{\"hello\":", new Dictionary<string, string> { [SecretHeader] = DataverseAppFixture.WebhookSecret }), CancellationToken.None);

        FunctionRequests.Json<ApiResults.ErrorBody>(result, StatusCodes.Status400BadRequest);
    }

    // The shape Dataverse posts (RemoteExecutionContext), as documented; only what the receiver reads is filled in.
    private static string Context(Guid id)
    {
        var user = Guid.NewGuid().ToString();
        var target = new JsonObject
        {
            ["Attributes"] = new JsonArray(new JsonObject { ["key"] = "name", ["value"] = "x" }),
            ["Id"] = id.ToString(),
            ["LogicalName"] = "account",
        };
        return new JsonObject
        {
            ["CorrelationId"] = Guid.NewGuid().ToString(),
            ["Depth"] = 1,
            ["InitiatingUserId"] = user,
            ["InputParameters"] = new JsonArray(new JsonObject { ["key"] = "Target", ["value"] = target }),
            ["MessageName"] = "Create",
            ["PostEntityImages"] = new JsonArray(),
            ["PreEntityImages"] = new JsonArray(),
            ["PrimaryEntityId"] = id.ToString(),
            ["PrimaryEntityName"] = "account",
            ["UserId"] = user,
        }.ToJsonString();
    }
}

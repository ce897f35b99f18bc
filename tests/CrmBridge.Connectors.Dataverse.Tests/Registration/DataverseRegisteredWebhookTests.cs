using System.Text.Json.Nodes;
using CrmBridge.Connectors.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CrmBridge.Connectors.Dataverse.Tests.Registration;

/// <summary>
/// What the registration makes Dataverse (the sandbox) do: call the webhook only for registered steps, honour the Update
/// step's filtering attributes, carry the header secret and the versionnumber post image; and the receiver's own-user drop.
/// </summary>
public sealed class DataverseRegisteredWebhookTests
{
    [Fact]
    public async Task Sandbox_NothingRegistered_CallsNoWebhook()
    {
        await using var bed = await RegistrationTestBed.StartAsync();
        var id = bed.Sandbox.Create("accounts", new JsonObject { ["name"] = "Unregistered" });
        bed.Sandbox.Update("accounts", id, new JsonObject { ["name"] = "Still unregistered" });

        await bed.RegisterAsync(dryRun: true);
        bed.Sandbox.Update("accounts", id, new JsonObject { ["name"] = "After a dry run" });
        await Task.Delay(300);

        Assert.Empty(bed.Webhook.Calls);
    }

    [Fact]
    public async Task Sandbox_UnrelatedColumnUpdated_FiresNothing_MappedColumnUpdated_FiresTheUpdateStep()
    {
        await using var bed = await RegistrationTestBed.StartAsync();
        await bed.RegisterAsync();
        var id = bed.Sandbox.Create("accounts", new JsonObject { ["name"] = "Filtered" });
        await bed.Webhook.WaitForAsync(1);

        bed.Sandbox.Update("accounts", id, new JsonObject { ["description"] = "not mapped" });
        bed.Sandbox.Update("accounts", id, new JsonObject { ["telephone1"] = "+86 21 5555 0100" });
        var calls = await bed.Webhook.WaitForAsync(2);
        await Task.Delay(200);

        Assert.Equal(2, bed.Webhook.Calls.Count);
        Assert.Equal(["Create", "Update"], calls.Select(c => c.Headers["x-ms-dynamics-request-name"]));
        var update = JsonNode.Parse(calls[1].Body.Span)!;
        Assert.Equal("telephone1", update["InputParameters"]![0]!["value"]!["Attributes"]![0]!["key"]!.ToString());
    }

    [Fact]
    public async Task Sandbox_RegisteredWebhook_CarriesTheHeaderSecretAndAVersionnumberPostImage()
    {
        await using var bed = await RegistrationTestBed.StartAsync();
        await bed.RegisterAsync();

        var id = bed.Sandbox.Create("incidents", new JsonObject { ["title"] = "Broken pump" });
        var call = Assert.Single(await bed.Webhook.WaitForAsync(1));

        Assert.Equal(RegistrationTestBed.Secret, call.Headers["x-crmbridge-key"]);
        Assert.Empty(call.Query);
        var image = JsonNode.Parse(call.Body.Span)!["PostEntityImages"]![0]!;
        Assert.Equal("PostImage", image["key"]!.ToString());
        Assert.Equal("versionnumber", Assert.Single(image["value"]!["Attributes"]!.AsArray())!["key"]!.ToString());
        var receiver = bed.Services.GetServices<IWebhookReceiver>().OfType<DataverseWebhookReceiver>().Single();
        var result = receiver.Receive(call);
        Assert.Equal(202, result.StatusCode);
        var change = Assert.Single(Assert.Single(result.Notifications).Changes);
        Assert.Equal(id.ToString(), change.Id);
        Assert.Equal(bed.Sandbox.Get("incidents", id)!["versionnumber"]!.ToString(), change.Version);
    }

    [Fact]
    public async Task Sandbox_AfterUnregister_CallsNoWebhook()
    {
        await using var bed = await RegistrationTestBed.StartAsync();
        await bed.RegisterAsync();
        await bed.Registrar.UnregisterAsync(false, _ => { }, CancellationToken.None);

        bed.Sandbox.Create("accounts", new JsonObject { ["name"] = "After unregister" });
        await Task.Delay(300);

        Assert.Empty(bed.Webhook.Calls);
    }

    [Fact]
    public async Task Receive_OwnUserNotConfigured_DiscoversItWithWhoAmIAndDropsTheBridgesOwnWrites()
    {
        await using var bed = await RegistrationTestBed.StartAsync(connector: o => o.ApplicationUserId = null);
        await bed.RegisterAsync();
        var connector = bed.Services.GetRequiredService<DataverseConnector>();
        var receiver = bed.Services.GetServices<IWebhookReceiver>().OfType<DataverseWebhookReceiver>().Single();
        var self = bed.Services.GetRequiredService<DataverseApplicationUser>();
        var id = bed.Sandbox.Create("accounts", new JsonObject { ["name"] = "Own write", ["accountnumber"] = "OWN-1" });
        await bed.Webhook.WaitForAsync(1);

        // The bridge writes back (as the application user): the step fires, the receiver must drop that event.
        await connector.UpsertAsync(new UpsertRequest("accounts", "accountid", id.ToString(), new JsonObject { ["telephone1"] = "+86 10 5555 0199" }), CancellationToken.None);
        var calls = await bed.Webhook.WaitForAsync(2);
        Assert.Null(self.Id);
        receiver.Receive(calls[0]); // a human's change: accepted, and it starts the WhoAmI discovery
        await self.Discovery;

        var own = receiver.Receive(calls[1]);
        var human = receiver.Receive(calls[0]);

        Assert.Equal(bed.Sandbox.ApplicationUserId, self.Id);
        Assert.Empty(own.Notifications);
        Assert.Equal("caused by the bridge's own application user", own.IgnoredReason);
        Assert.Single(human.Notifications);
    }
}

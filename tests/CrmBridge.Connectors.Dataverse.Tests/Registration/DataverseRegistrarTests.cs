using System.Text.Json.Nodes;
using Xunit;

namespace CrmBridge.Connectors.Dataverse.Tests.Registration;

/// <summary>Registration against the Dataverse sandbox over loopback: create, re-run, dry-run, unregister, privileges.</summary>
public sealed class DataverseRegistrarTests
{
    [Fact]
    public async Task RegisterAsync_EmptyEnvironment_CreatesWebhookEndpointStepsAndPostImages()
    {
        await using var bed = await RegistrationTestBed.StartAsync();

        await bed.RegisterAsync();

        var endpoint = Assert.Single(bed.Sandbox.List("serviceendpoints", r => DataverseRegistrationNames.IsOurs(r["name"]?.ToString())));
        Assert.Equal(8, endpoint["contract"]!.GetValue<int>());
        Assert.Equal(5, endpoint["authtype"]!.GetValue<int>());
        Assert.Equal($"<settings><setting name=\"x-crmbridge-key\" value=\"{RegistrationTestBed.Secret}\" /></settings>", endpoint["authvalue"]!.GetValue<string>());
        Assert.Equal(bed.Webhook.Url.ToString(), endpoint["url"]!.GetValue<string>());
        var steps = bed.Sandbox.List("sdkmessageprocessingsteps", r => DataverseRegistrationNames.IsOurs(r["name"]?.ToString()));
        Assert.Equal(9, steps.Count);
        Assert.All(steps, s =>
        {
            Assert.Equal(1, s["mode"]!.GetValue<int>());
            Assert.Equal(40, s["stage"]!.GetValue<int>());
            Assert.Equal(endpoint["serviceendpointid"]!.ToString(), s["_eventhandler_value"]!.ToString());
        });
        var update = Assert.Single(steps, s => s["name"]!.ToString() == "CrmBridge: Update of salesorder");
        Assert.Equal("customerid,ordernumber,statecode,totalamount", update["filteringattributes"]!.GetValue<string>());
        Assert.Null(Assert.Single(steps, s => s["name"]!.ToString() == "CrmBridge: Create of salesorder")["filteringattributes"]);
        var images = bed.Sandbox.List("sdkmessageprocessingstepimages", r => DataverseRegistrationNames.IsOurs(r["name"]?.ToString()));
        Assert.Equal(6, images.Count); // Create and Update of three tables; a Delete has no post image
        Assert.All(images, i => Assert.Equal("versionnumber", i["attributes"]!.GetValue<string>()));
        Assert.Equal(3, images.Count(i => i["messagepropertyname"]!.ToString() == "Target"));
    }

    [Fact]
    public async Task RegisterAsync_RunTwiceWithChangedMappings_UpdatesFilteringAttributesWithoutDuplicates()
    {
        await using var bed = await RegistrationTestBed.StartAsync();
        await bed.RegisterAsync();
        bed.Changes.Clear();

        IReadOnlyList<DataverseStepTarget> changed = [.. RegistrationTestBed.DefaultTables.Take(2), new("incidents", "incident", ["description", "prioritycode", "title"])];
        await bed.RegisterAsync(changed);

        Assert.Equal(1, bed.Ours("serviceendpoints"));
        Assert.Equal(9, bed.Ours("sdkmessageprocessingsteps"));
        Assert.Equal(6, bed.Ours("sdkmessageprocessingstepimages"));
        var update = Assert.Single(bed.Sandbox.List("sdkmessageprocessingsteps", r => r["name"]!.ToString() == "CrmBridge: Update of incident"));
        Assert.Equal("description,prioritycode,title", update["filteringattributes"]!.GetValue<string>());
        Assert.Equal(["CrmBridge: Update of incident"], bed.Changes.Where(c => c is { Kind: "step", Action: "update" }).Select(c => c.Name));
        Assert.Equal(8, bed.Changes.Count(c => c is { Kind: "step", Action: "unchanged" }));
        Assert.DoesNotContain(bed.Changes, c => c.Action == "create");
    }

    [Fact]
    public async Task RegisterAsync_EntityDropped_DeletesOnlyItsSteps()
    {
        await using var bed = await RegistrationTestBed.StartAsync();
        await bed.RegisterAsync();

        await bed.RegisterAsync(RegistrationTestBed.DefaultTables.Take(2).ToList());

        Assert.Equal(6, bed.Ours("sdkmessageprocessingsteps"));
        Assert.Equal(0, bed.Sandbox.Count("sdkmessageprocessingsteps", r => r["name"]!.ToString().EndsWith(" of incident", StringComparison.Ordinal) && DataverseRegistrationNames.IsOurs(r["name"]!.ToString())));
        Assert.Equal(4, bed.Ours("sdkmessageprocessingstepimages"));
    }

    [Fact]
    public async Task RegisterAsync_DryRun_ListsTheActionsAndChangesNothing()
    {
        await using var bed = await RegistrationTestBed.StartAsync();
        var before = bed.Sandbox.RequestCount;

        var changes = await bed.RegisterAsync(dryRun: true);

        Assert.Equal(0, bed.Ours("serviceendpoints"));
        Assert.Equal(0, bed.Ours("sdkmessageprocessingsteps"));
        Assert.Equal(1 + 9 + 6, changes.Count(c => c.Action == "create"));
        Assert.StartsWith("would create serviceendpoint 'CrmBridge: webhook'", changes[0].ToLine(dryRun: true), StringComparison.Ordinal);
        Assert.True(bed.Sandbox.RequestCount - before < 10, "a dry run only reads");
    }

    [Fact]
    public async Task RegisterAsync_DryRunAfterRegister_ReportsUnchangedAndKeepsTheRows()
    {
        await using var bed = await RegistrationTestBed.StartAsync();
        await bed.RegisterAsync();
        var steps = bed.Sandbox.List("sdkmessageprocessingsteps").Select(s => s.ToJsonString()).Order().ToList();

        var changes = await bed.RegisterAsync(RegistrationTestBed.DefaultTables.Take(1).ToList(), dryRun: true);

        Assert.Equal(steps, bed.Sandbox.List("sdkmessageprocessingsteps").Select(s => s.ToJsonString()).Order().ToList());
        Assert.Equal(6, changes.Count(c => c is { Kind: "step", Action: "delete" }));
    }

    [Fact]
    public async Task UnregisterAsync_AfterRegister_RemovesExactlyWhatItCreatedAndLeavesForeignSteps()
    {
        // The sandbox seeds a hand-made registration (WebhookUrl): another endpoint with its own steps, not CrmBridge's.
        await using var capture = await WebhookCapture.StartAsync();
        await using var bed = await RegistrationTestBed.StartAsync(o => { o.WebhookUrl = capture.Url; o.WebhookKey = "k"; });
        var foreignSteps = bed.Sandbox.Count("sdkmessageprocessingsteps", _ => true);
        var foreignImages = bed.Sandbox.Count("sdkmessageprocessingstepimages", _ => true);
        await bed.RegisterAsync();

        var changes = await bed.Registrar.UnregisterAsync(false, _ => { }, CancellationToken.None);

        Assert.Equal(9, changes.Count(c => c is { Kind: "step", Action: "delete" }));
        Assert.Single(changes, c => c is { Kind: "serviceendpoint", Action: "delete" });
        Assert.Equal(foreignSteps, bed.Sandbox.Count("sdkmessageprocessingsteps", _ => true));
        Assert.Equal(foreignImages, bed.Sandbox.Count("sdkmessageprocessingstepimages", _ => true));
        Assert.Equal(1, bed.Sandbox.Count("serviceendpoints", _ => true));
        Assert.Empty(await bed.Registrar.UnregisterAsync(false, _ => { }, CancellationToken.None));
    }

    [Fact]
    public async Task UnregisterAsync_ForeignStepOnOurEndpoint_KeepsTheStepAndTheEndpoint()
    {
        await using var bed = await RegistrationTestBed.StartAsync();
        await bed.RegisterAsync();
        var endpoint = bed.Sandbox.List("serviceendpoints").Single()["serviceendpointid"]!.ToString();
        var ours = bed.Sandbox.List("sdkmessageprocessingsteps").First();
        bed.Sandbox.Create("sdkmessageprocessingsteps", new JsonObject
        {
            ["name"] = "Contoso audit: Update of account",
            ["mode"] = 1,
            ["stage"] = 40,
            ["sdkmessageid@odata.bind"] = $"/sdkmessages({ours["_sdkmessageid_value"]})",
            ["sdkmessagefilterid@odata.bind"] = $"/sdkmessagefilters({ours["_sdkmessagefilterid_value"]})",
            ["eventhandler_serviceendpoint@odata.bind"] = $"/serviceendpoints({endpoint})",
        });

        var changes = await bed.Registrar.UnregisterAsync(false, _ => { }, CancellationToken.None);

        Assert.Equal("Contoso audit: Update of account", Assert.Single(bed.Sandbox.List("sdkmessageprocessingsteps"))["name"]!.ToString());
        Assert.Single(bed.Sandbox.List("serviceendpoints"));
        Assert.Contains(changes, c => c is { Kind: "serviceendpoint", Action: "keep" });
    }

    [Fact]
    public async Task UnregisterAsync_DryRun_DeletesNothing()
    {
        await using var bed = await RegistrationTestBed.StartAsync();
        await bed.RegisterAsync();

        var changes = await bed.Registrar.UnregisterAsync(true, _ => { }, CancellationToken.None);

        Assert.Equal(10, changes.Count(c => c.Action == "delete"));
        Assert.Equal(9, bed.Ours("sdkmessageprocessingsteps"));
        Assert.Equal(1, bed.Ours("serviceendpoints"));
    }

    [Fact]
    public async Task RegisterAsync_MissingStepPrivilege_FailsWithOneLineNamingThePrivilegeAndTheFix()
    {
        await using var bed = await RegistrationTestBed.StartAsync(o => o.DeniedPrivileges.Add("prvCreateSdkMessageProcessingStep"));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => bed.RegisterAsync());

        Assert.Equal("0x80040220", error.ErrorCode);
        Assert.Contains("creating step 'CrmBridge: Create of account' failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing prvCreateSdkMessageProcessingStep privilege", error.Message, StringComparison.Ordinal);
        Assert.Contains("System Customizer", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task RegisterAsync_NoWebhookSecret_FailsBeforeChangingAnything()
    {
        await using var bed = await RegistrationTestBed.StartAsync(connector: o => o.WebhookSecret = null);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => bed.RegisterAsync());

        Assert.Contains("Connectors:Dataverse:WebhookSecret", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, bed.Ours("serviceendpoints"));
    }

    [Fact]
    public async Task RegisterAsync_FunctionKeyConfigured_SendsBothHeaders()
    {
        await using var bed = await RegistrationTestBed.StartAsync(connector: o => o.WebhookFunctionKey = "fn&key");

        await bed.RegisterAsync();

        var endpoint = Assert.Single(bed.Sandbox.List("serviceendpoints"));
        Assert.Equal($"<settings><setting name=\"x-crmbridge-key\" value=\"{RegistrationTestBed.Secret}\" /><setting name=\"x-functions-key\" value=\"fn&amp;key\" /></settings>",
            endpoint["authvalue"]!.GetValue<string>());
    }
}

using System.Text;
using System.Text.Json.Nodes;
using CrmBridge.Connectors.Webhooks;
using CrmBridge.Sandbox.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace CrmBridge.Connectors.Dataverse.Tests;

/// <summary>The connector on the documentation's example bodies (Fixtures/*), served unchanged over loopback HTTP.</summary>
public sealed class DataverseDocumentedShapesTests
{
    [Fact]
    public async Task UpsertBatchAsync_FailedChangesetWithoutContentId_IsPermanentValidationErrorByPosition()
    {
        const string Boundary = "batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f";
        await using var server = await DocumentedShapes.StartAsync(_ =>
            new ScriptedReply(200, DocumentedShapes.Fixture("batch-changeset-failed.txt"), $"multipart/mixed; boundary={Boundary}"));
        var (connector, services) = DocumentedShapes.Build(server);
        await using var _ = services;

        var results = await connector.UpsertBatchAsync([new UpsertRequest("accounts", "accountnumber", "ACC-LONG", new JsonObject { ["name"] = new string('x', 200) })], CancellationToken.None);

        var error = Assert.Single(results).Error!;
        Assert.Equal(ErrorKind.Permanent, error.Kind);
        Assert.Equal("0x80044331", error.ErrorCode);
    }

    [Fact]
    public async Task GetChangesAsync_DeltaLinkAnsweredWithEmptyJson_NoChangesAndCheckpointKept()
    {
        await using var server = await DocumentedShapes.StartAsync(_ => ScriptedReply.Json(DocumentedShapes.Fixture("delta-no-changes.json")));
        var (connector, services) = DocumentedShapes.Build(server);
        await using var _ = services;
        const string Checkpoint = "ct:accounts?$select=name&$deltatoken=919042%2108%2f22%2f2017%2008%3a10%3a44";

        var page = await connector.GetChangesAsync("accounts", Checkpoint, CancellationToken.None);

        Assert.Empty(page.Changes);
        Assert.False(page.HasMore);
        Assert.Equal(Checkpoint, page.NextCheckpoint);
    }

    [Fact]
    public async Task GetChangesAsync_DocumentedDelta_ReturnsTheChangedRowAndTheDeletion()
    {
        await using var server = await DocumentedShapes.StartAsync(_ => ScriptedReply.Json(DocumentedShapes.Fixture("delta-changes-and-deletion.json")));
        var (connector, services) = DocumentedShapes.Build(server);
        await using var _ = services;

        var page = await connector.GetChangesAsync("accounts", "ct:accounts?$deltatoken=919042", CancellationToken.None);

        Assert.Equal(2, page.Changes.Count);
        Assert.Equal(("60c4e274-0d87-e711-80e5-00155db19e6d", ChangeOperation.Upsert, "915244"), (page.Changes[0].Id, page.Changes[0].Operation, page.Changes[0].Version));
        Assert.Equal(("2e451a26-0d87-e711-80e5-00155db19e6d", ChangeOperation.Delete), (page.Changes[1].Id, page.Changes[1].Operation));
        Assert.Contains("$deltatoken=919058", page.NextCheckpoint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTokenAsync_ExpiresInAsString_ParsesAndCallsTheApi()
    {
        await using var server = await DocumentedShapes.StartAsync(
            _ => ScriptedReply.Json(DocumentedShapes.Fixture("delta-no-changes.json")), DocumentedShapes.Fixture("token-v1-string-expiry.json"));
        var (connector, services) = DocumentedShapes.Build(server);
        await using var _ = services;

        var page = await connector.GetChangesAsync("accounts", "ct:accounts?$deltatoken=1", CancellationToken.None);

        Assert.Empty(page.Changes);
        Assert.Contains(server.Requests, r => r.Headers.GetValueOrDefault("Authorization") == "Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2NvbnRvc28uY3JtLmR5bmFtaWNzLmNvbSJ9.c2lnbmF0dXJl");
    }

    [Fact]
    public void Receive_DocumentedContextWithNullRowVersion_AcceptsTheIdWithoutVersion()
    {
        var receiver = new DataverseWebhookReceiver(new DataverseOptions { EnvironmentUrl = new Uri("https://contoso.crm.dynamics.com/"), WebhookSecret = "k" }, NullLogger<DataverseWebhookReceiver>.Instance);
        var body = Encoding.UTF8.GetBytes(DocumentedShapes.Fixture("webhook-update-contact.json"));

        var result = receiver.Receive(new WebhookRequest(new Dictionary<string, string>(), new Dictionary<string, string> { ["code"] = "k" }, body));

        Assert.Equal(202, result.StatusCode);
        var change = Assert.Single(Assert.Single(result.Notifications).Changes);
        Assert.Equal(("6b8ec4fc-c67b-e711-812d-00155d3aa4a2", ChangeOperation.Upsert), (change.Id, change.Operation));
        Assert.Null(change.Version);
    }

    [Fact]
    public void Receive_NullRowVersionButPostImageWithVersionNumber_TakesTheImagesVersion()
    {
        var receiver = new DataverseWebhookReceiver(new DataverseOptions { EnvironmentUrl = new Uri("https://contoso.crm.dynamics.com/"), WebhookSecret = "k" }, NullLogger<DataverseWebhookReceiver>.Instance);
        var context = JsonNode.Parse(DocumentedShapes.Fixture("webhook-update-contact.json"))!.AsObject();
        context["PostEntityImages"] = new JsonArray(new JsonObject
        {
            ["key"] = "PostImage",
            ["value"] = new JsonObject
            {
                ["Attributes"] = new JsonArray(new JsonObject { ["key"] = "versionnumber", ["value"] = 915244 }),
                ["LogicalName"] = "contact",
                ["RowVersion"] = null,
            },
        });

        var result = receiver.Receive(new WebhookRequest(new Dictionary<string, string>(), new Dictionary<string, string> { ["code"] = "k" }, Encoding.UTF8.GetBytes(context.ToJsonString())));

        Assert.Equal("915244", Assert.Single(Assert.Single(result.Notifications).Changes).Version);
    }
}

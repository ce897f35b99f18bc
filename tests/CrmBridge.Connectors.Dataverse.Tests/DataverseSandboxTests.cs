using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CrmBridge.Connectors.Webhooks;
using CrmBridge.Sandbox.Dataverse;
using CrmBridge.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace CrmBridge.Connectors.Dataverse.Tests;

/// <summary>The emulator's own wire behaviour over raw HTTP: upsert status rules, changesets, webhooks.</summary>
public sealed class DataverseSandboxTests
{
    private static HttpRequestMessage Patch(string path, string json, string? prefer = null, (string, string)? header = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (prefer is not null)
        {
            request.Headers.TryAddWithoutValidation("Prefer", prefer);
        }

        if (header is { } h)
        {
            request.Headers.TryAddWithoutValidation(h.Item1, h.Item2);
        }

        return request;
    }

    [Fact]
    public async Task Patch_AlternateKey_Answers204Then201And200WithRepresentation()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        using var http = await SandboxHttp.ClientAsync(sandbox);

        var plain = await http.SendAsync(Patch("accounts(accountnumber='K-1')", "{\"name\":\"One\"}"));
        var created = await http.SendAsync(Patch("accounts(accountnumber='K-2')", "{\"name\":\"Two\"}", "return=representation"));
        var updated = await http.SendAsync(Patch("accounts(accountnumber='K-2')", "{\"name\":\"Two b\"}", "return=representation"));
        var createOnly = await http.SendAsync(Patch("accounts(accountnumber='K-2')", "{\"name\":\"x\"}", header: ("If-None-Match", "*")));
        var updateOnly = await http.SendAsync(Patch("accounts(accountnumber='K-3')", "{\"name\":\"x\"}", header: ("If-Match", "*")));

        Assert.Equal(HttpStatusCode.NoContent, plain.StatusCode);
        Assert.Contains("accounts(", plain.Headers.GetValues("OData-EntityId").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("K-2", (await updated.Content.ReadFromJsonAsync<JsonObject>())!["accountnumber"]?.GetValue<string>());
        Assert.Equal(HttpStatusCode.PreconditionFailed, createOnly.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, updateOnly.StatusCode);
        Assert.Equal("0x80040217", (await updateOnly.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["code"]!.GetValue<string>());
        Assert.Equal(2, sandbox.Count("accounts", _ => true));
    }

    [Fact]
    public async Task Batch_FailingChangeset_RollsBackItsWritesOnly()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        using var http = await SandboxHttp.ClientAsync(sandbox);
        var body =
            "--batch_1\r\nContent-Type: multipart/mixed; boundary=changeset_1\r\n\r\n" +
            "--changeset_1\r\nContent-Type: application/http\r\nContent-ID: 1\r\n\r\nPOST accounts HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{\"name\":\"Rolled back\"}\r\n" +
            "--changeset_1\r\nContent-Type: application/http\r\nContent-ID: 2\r\n\r\nPOST accounts HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{\"nosuchcolumn\":1}\r\n" +
            "--changeset_1--\r\n" +
            "--batch_1\r\nContent-Type: multipart/mixed; boundary=changeset_2\r\n\r\n" +
            "--changeset_2\r\nContent-Type: application/http\r\nContent-ID: 3\r\n\r\nPOST accounts HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{\"name\":\"Kept\"}\r\n" +
            "--changeset_2--\r\n--batch_1--\r\n";

        async Task<string> SendAsync(bool continueOnError)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "$batch") { Content = new StringContent(body, Encoding.UTF8) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/mixed; boundary=batch_1");
            if (continueOnError)
            {
                request.Headers.TryAddWithoutValidation("Prefer", "odata.continue-on-error");
            }

            return await (await http.SendAsync(request)).Content.ReadAsStringAsync();
        }

        var stopped = await SendAsync(continueOnError: false);
        Assert.Equal(0, sandbox.Count("accounts", _ => true));
        Assert.Contains("HTTP/1.1 400", stopped, StringComparison.Ordinal);

        var continued = await SendAsync(continueOnError: true);
        Assert.Equal(1, sandbox.Count("accounts", r => r["name"]?.GetValue<string>() == "Kept"));
        Assert.Equal(1, sandbox.Count("accounts", _ => true));
        Assert.Contains("HTTP/1.1 204", continued, StringComparison.Ordinal);

        // As in the documentation's example, the failed change set answers one part without Content-ID.
        var failedPart = continued[..continued.IndexOf("HTTP/1.1 400", StringComparison.Ordinal)];
        Assert.DoesNotContain("Content-ID", failedPart, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changes_DeltaLinkWithNothingChanged_AnswersEmptyJsonWithoutValueOrLinks()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        using var http = await SandboxHttp.ClientAsync(sandbox);
        sandbox.Create("accounts", new JsonObject { ["name"] = "Before" });
        using var first = new HttpRequestMessage(HttpMethod.Get, "accounts?$select=name");
        first.Headers.TryAddWithoutValidation("Prefer", "odata.track-changes");
        var initial = await (await http.SendAsync(first)).Content.ReadFromJsonAsync<JsonObject>();

        using var delta = new HttpRequestMessage(HttpMethod.Get, initial!["@odata.deltaLink"]!.GetValue<string>());
        delta.Headers.TryAddWithoutValidation("Prefer", "odata.track-changes");
        var response = await http.SendAsync(delta);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(body!["value"]);
        Assert.Null(body["@odata.deltaLink"]);
        Assert.Null(body["@odata.nextLink"]);
    }

    [Fact]
    public void RemoteExecutionContextWriter_Update_RowVersionIsNullAsDataverseSendsIt()
    {
        var schema = DataverseSchemas.Default().First(s => s.LogicalName == "account");
        var change = new DataverseChangeEvent("Update", schema, Guid.NewGuid(), Guid.NewGuid(), new JsonObject { ["name"] = "A" }, new JsonObject { ["name"] = "A", ["versionnumber"] = "7" }, Guid.NewGuid());

        var context = JsonNode.Parse(RemoteExecutionContextWriter.Write(change, Guid.NewGuid(), DateTimeOffset.UnixEpoch))!;

        Assert.Null(context["InputParameters"]![0]!["value"]!["RowVersion"]);
        Assert.Null(context["PostEntityImages"]![0]!["value"]!["RowVersion"]);
    }

    [Fact]
    public async Task Webhook_CreateUpdateDelete_DeliversContextsTheReceiverAccepts()
    {
        var received = new List<WebhookResult>();
        var receiver = new DataverseWebhookReceiver(
            new DataverseOptions { EnvironmentUrl = new Uri("https://x.crm.dynamics.com/"), WebhookSecret = "hook-key" }, NullLogger<DataverseWebhookReceiver>.Instance);
        await using var endpoint = await LoopbackServer.StartAsync(app => app.MapPost("/hook", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
            var result = receiver.Receive(new WebhookRequest(headers, query, buffer.ToArray()));
            lock (received)
            {
                received.Add(result);
            }

            context.Response.StatusCode = result.StatusCode;
        }));
        await using var sandbox = await DataverseTestHost.StartAsync(o => { o.WebhookUrl = new Uri(endpoint.BaseAddress, "hook"); o.WebhookKey = "hook-key"; });

        var id = sandbox.Create("incidents", new JsonObject { ["title"] = "Hooked" });
        sandbox.Update("incidents", id, new JsonObject { ["prioritycode"] = 1 });
        sandbox.Delete("incidents", id);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (sandbox.WebhooksDelivered < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        lock (received)
        {
            Assert.Equal(3, received.Count);
            Assert.All(received, r => Assert.Equal(202, r.StatusCode));
            var changes = received.Select(r => Assert.Single(Assert.Single(r.Notifications).Changes)).ToList();
            Assert.All(changes, c => Assert.Equal(id.ToString(), c.Id));
            Assert.Equal([ChangeOperation.Upsert, ChangeOperation.Upsert, ChangeOperation.Delete], changes.Select(c => c.Operation));
            Assert.NotNull(changes[0].Version);
        }
    }
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CrmBridge.Connectors.Dataverse.Tests.Registration;

/// <summary>
/// Registration on the documentation's bodies: WhoAmI's response (webapi/reference/whoami) served as-is to the connector,
/// and the "Create a string column" request (create-update-column-definitions-using-web-api) sent as-is to the emulator.
/// </summary>
public sealed class DataverseRegistrationDocumentedShapesTests
{
    [Fact]
    public async Task WhoAmIAsync_DocumentedResponse_ReturnsTheUserId()
    {
        await using var server = await DocumentedShapes.StartAsync(request =>
            request.PathAndQuery.EndsWith("/api/data/v9.2/WhoAmI", StringComparison.Ordinal) ? ScriptedReply.Json(DocumentedShapes.Fixture("whoami-response.json")) : new ScriptedReply(404, "{}"));
        var (_, services) = DocumentedShapes.Build(server);
        await using var _ = services;

        var user = await services.GetRequiredService<DataverseRegistrar>().WhoAmIAsync(CancellationToken.None);

        Assert.Equal(new Guid("11111111-1111-1111-1111-111111111111"), user);
    }

    [Fact]
    public async Task Sandbox_DocumentedStringColumnRequest_Answers204WithTheColumnAddressAndListsIt()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.ApiAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(sandbox));

        using var create = await http.PostAsync("EntityDefinitions(LogicalName='account')/Attributes",
            new StringContent(DocumentedShapes.Fixture("create-string-column-request.json"), Encoding.UTF8, "application/json"));
        var list = JsonNode.Parse(await http.GetStringAsync("EntityDefinitions(LogicalName='account')/Attributes?$select=LogicalName"))!;

        Assert.Equal(204, (int)create.StatusCode);
        Assert.Matches("EntityDefinitions\\([0-9a-f-]{36}\\)/Attributes\\([0-9a-f-]{36}\\)$", create.Headers.GetValues("OData-EntityId").Single());
        var column = Assert.Single(list["value"]!.AsArray(), c => c!["LogicalName"]!.ToString() == "new_bankname")!;
        Assert.Equal("#Microsoft.Dynamics.CRM.StringAttributeMetadata", column["@odata.type"]!.ToString());
        Assert.NotNull(column["MetadataId"]);
    }

    [Fact]
    public async Task Sandbox_ColumnWithoutPrefix_IsRejected()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.ApiAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(sandbox));
        var body = JsonNode.Parse(DocumentedShapes.Fixture("create-string-column-request.json"))!;
        body["SchemaName"] = "BankName";

        using var create = await http.PostAsync("EntityDefinitions(LogicalName='account')/Attributes", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(400, (int)create.StatusCode);
        Assert.Contains("customization prefix", await create.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sandbox_WhoAmI_AnswersTheApplicationUser()
    {
        await using var sandbox = await DataverseTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.ApiAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(sandbox));

        var answer = JsonNode.Parse(await http.GetStringAsync("WhoAmI"))!;

        Assert.Equal(sandbox.ApplicationUserId.ToString(), answer["UserId"]!.ToString());
        Assert.EndsWith("$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse", answer["@odata.context"]!.ToString(), StringComparison.Ordinal);
    }

    private static async Task<string> TokenAsync(CrmBridge.Sandbox.Dataverse.DataverseSandbox sandbox)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(sandbox.TokenEndpoint("t"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "sandbox-client", ["client_secret"] = "sandbox-secret", ["scope"] = sandbox.BaseAddress + ".default",
        }));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.ToString();
    }
}

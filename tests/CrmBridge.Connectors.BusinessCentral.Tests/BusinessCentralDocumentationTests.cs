using System.Text;
using System.Text.Json.Nodes;
using CrmBridge.Connectors.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CrmBridge.Connectors.BusinessCentral.Tests;

/// <summary>The connector on the documentation's example bodies: companies, customer, salesOrder, $batch, errors, notifications, subscriptions.</summary>
public sealed class BusinessCentralDocumentationTests
{
    private static (BusinessCentralConnector Connector, ServiceProvider Services) Build(DocumentationStub stub, Action<BusinessCentralOptions>? configure = null, TimeProvider? time = null)
    {
        var services = new ServiceCollection().AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddCrmBridgeBusinessCentralConnector(configure: o =>
        {
            o.ApiUrl = stub.ApiUrl;
            o.Company = "CRONUS USA, Inc.";
            o.AuthMode = BusinessCentralAuthMode.TokenEndpoint;
            o.TokenEndpoint = stub.TokenEndpoint;
            o.ClientId = "doc";
            o.ClientSecret = "doc";
            configure?.Invoke(o);
        });
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<BusinessCentralConnector>(), provider);
    }

    private static BusinessCentralWebhookReceiver Receiver(BusinessCentralCollections collections, string? clientState = "optionalValueOf2048") =>
        new(new BusinessCentralOptions { ClientState = clientState }, collections, NullLogger<BusinessCentralWebhookReceiver>.Instance);

    private static WebhookRequest Call(string body, Dictionary<string, string>? query = null) =>
        new(new Dictionary<string, string>(), query ?? [], Encoding.UTF8.GetBytes(body));

    [Fact]
    public async Task GetAsync_DocumentationCustomer_ResolvesCompanyByNameAndReadsTheRecord()
    {
        await using var stub = await DocumentationStub.StartAsync();
        var (connector, services) = Build(stub);
        await using var _ = services;

        var customer = await connector.GetAsync("customers", "5d115c9c-44e3-ea11-bb43-000d3a2feca1", CancellationToken.None);

        Assert.Equal("2020-08-21T00:24:31.777Z", customer!.Version);
        Assert.Equal("Adatum Corporation", customer.Data["displayName"]!.GetValue<string>());
        Assert.Equal(" ", customer.Data["blocked"]!.GetValue<string>());
        Assert.Null(customer.Data["@odata.context"]);
        Assert.Contains(stub.Requests, r => r.Path == "companies");
    }

    [Fact]
    public async Task GetAsync_DocumentationSalesOrder_KeepsETagAndNumbers()
    {
        await using var stub = await DocumentationStub.StartAsync();
        var (connector, services) = Build(stub);
        await using var _ = services;

        var order = await connector.GetAsync("salesOrders", "4c7b3f37-45e3-ea11-bb43-000d3a2feca1", CancellationToken.None);

        Assert.StartsWith("W/\"", order!.Data["@odata.etag"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1060.85m, order.Data["totalAmountIncludingTax"]!.GetValue<decimal>());
        Assert.Equal("0001-01-01", order.Data["requestedDeliveryDate"]!.GetValue<string>());
        Assert.Equal("ORD-01001-Z3Y8T9", order.Data["externalDocumentNumber"]!.GetValue<string>());
    }

    [Fact]
    public void Parse_DocumentationBatchResponseWithAFailedItem_ClassifiesEachItem()
    {
        var answers = JsonBatch.Parse(JsonNode.Parse(DocumentationStub.Fixture("batch-response.json"))!.AsObject());

        Assert.True(answers["0"].IsSuccess);
        Assert.Equal("2026-11-27T09:00:00.123Z", answers["0"].Body!["lastModifiedDateTime"]!.GetValue<string>());
        var invalid = BusinessCentralErrors.From("businesscentral", answers["1"].Status, answers["1"].AsReply().Body, null, TimeSpan.FromSeconds(30));
        Assert.Equal(ErrorKind.Permanent, invalid.Kind);
        Assert.Equal("Application_FieldValidationException", invalid.ErrorCode);
        Assert.Contains("is not valid", invalid.Message, StringComparison.Ordinal);
        var throttled = BusinessCentralErrors.From("businesscentral", answers["2"].Status, answers["2"].AsReply().Body, null, TimeSpan.FromSeconds(30));
        Assert.Equal(ErrorKind.Throttled, throttled.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), throttled.RetryAfter);
    }

    [Fact]
    public void From_DocumentationEntityChangedError_IsTransientWithItsCode()
    {
        var error = BusinessCentralErrors.From("businesscentral", 409, DocumentationStub.Fixture("error-entity-changed.json"), null, TimeSpan.FromSeconds(30));

        Assert.Equal(ErrorKind.Transient, error.Kind);
        Assert.Equal("Request_EntityChanged", error.ErrorCode);
        Assert.StartsWith("businesscentral: Another user has already changed the record.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, "BadRequest_InvalidToken", ErrorKind.Permanent)]
    [InlineData(400, "Internal_EntityWithSameKeyExists", ErrorKind.Permanent)]
    [InlineData(404, "Internal_RecordNotFound", ErrorKind.NotFound)]
    [InlineData(400, "Application_DialogException", ErrorKind.Permanent)]
    [InlineData(503, "Unknown", ErrorKind.Transient)]
    public void From_DocumentedCodes_AreClassified(int status, string code, ErrorKind kind)
    {
        var error = BusinessCentralErrors.From("businesscentral", status, $"{{\"error\":{{\"code\":\"{code}\",\"message\":\"m\"}}}}", null, TimeSpan.FromSeconds(30));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(code, error.ErrorCode);
    }

    [Fact]
    public void Receive_DocumentationNotification_AnnouncesUpdateAndDeleteWithTheirVersions()
    {
        var result = Receiver(new BusinessCentralCollections()).Receive(Call(DocumentationStub.Fixture("notification.json")));

        Assert.Equal(202, result.StatusCode);
        var notification = Assert.Single(result.Notifications);
        Assert.Equal("customers", notification.Entity);
        Assert.Equal(
            [("130bbd17-dbb9-4790-9b12-2b0e9c9d22c3", ChangeOperation.Upsert, "2026-11-28T06:07:01.123Z"), ("5d115c9c-44e3-ea11-bb43-000d3a2feca1", ChangeOperation.Delete, "2026-11-28T06:07:02.456Z")],
            notification.Changes.Select(c => (c.Id, c.Operation, c.Version!)));
    }

    [Fact]
    public void Receive_WrongClientState_IsUnauthorized()
    {
        var result = Receiver(new BusinessCentralCollections(), "another-secret").Receive(Call(DocumentationStub.Fixture("notification.json")));

        Assert.Equal(401, result.StatusCode);
        Assert.Empty(result.Notifications);
    }

    [Fact]
    public void Receive_NoClientStateConfigured_IsUnauthorized()
    {
        var result = Receiver(new BusinessCentralCollections(), null).Receive(Call(DocumentationStub.Fixture("notification.json")));

        Assert.Equal(401, result.StatusCode);
        Assert.Contains("ClientState", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Receive_DocumentationCollectionNotification_IsRecordedForAFollowUpQuery()
    {
        var collections = new BusinessCentralCollections();

        var result = Receiver(collections).Receive(Call(DocumentationStub.Fixture("notification-collection.json")));

        Assert.Equal(202, result.StatusCode);
        Assert.Empty(result.Notifications);
        var pending = Assert.Single(collections.TakeAll());
        Assert.Equal(("customers", new DateTimeOffset(2026, 11, 28, 6, 0, 0, TimeSpan.Zero)), (pending.Entity, pending.Since));
    }

    [Fact]
    public void Receive_ValidationHandshake_Answers200WithTheTokenAsBody()
    {
        var result = Receiver(new BusinessCentralCollections(), null).Receive(Call(string.Empty, new() { ["validationToken"] = "f2a5738a-token" }));

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("f2a5738a-token", result.ResponseText);
        Assert.Empty(result.Notifications);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"value\":[{\"clientState\":\"optionalValueOf2048\"}]}")]
    [InlineData("{\"value\":[{\"clientState\":\"optionalValueOf2048\",\"changeType\":\"updated\",\"resource\":\"api/v2.0/customers(1)\"}]}")]
    public void Receive_MalformedBody_IsBadRequest(string body)
    {
        var result = Receiver(new BusinessCentralCollections()).Receive(Call(body));

        Assert.Equal(400, result.StatusCode);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public async Task EnsureAsync_DocumentationSubscriptionExpiringToday_RenewsWithItsETagAndCreatesTheOthers()
    {
        await using var stub = await DocumentationStub.StartAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero));
        var (_, services) = Build(stub, o => { o.NotificationUrl = new Uri("https://contoso.com/myCallbacks"); o.ClientState = "optionalValueOf2048"; }, clock);
        await using var __ = services;

        var report = await services.GetRequiredService<BusinessCentralSubscriptionManager>().EnsureAsync(CancellationToken.None);

        Assert.Equal(new BusinessCentralSubscriptionReport(2, 1, 0), report);
        var patch = Assert.Single(stub.Requests, r => r.Method == "PATCH");
        Assert.Equal("W/\"JzE4OzE2NzI2NDk0OTg1NzI5NjMwNDEyMTswMDsn\"", patch.IfMatch);
        var posts = stub.Requests.Where(r => r.Method == "POST").Select(r => JsonNode.Parse(r.Body)!["resource"]!.GetValue<string>()).Order().ToList();
        Assert.Equal([$"/api/v2.0/companies({DocumentationStub.CompanyId})/salesInvoices", $"/api/v2.0/companies({DocumentationStub.CompanyId})/salesOrders"], posts);
    }
}

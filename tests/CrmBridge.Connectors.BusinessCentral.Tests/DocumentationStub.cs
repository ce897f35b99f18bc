using System.Collections.Concurrent;
using System.Text;
using CrmBridge.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Connectors.BusinessCentral.Tests;

/// <summary>
/// A loopback server that answers with the documentation's example bodies (Fixtures/*.json), so the connector is tested
/// on exactly those shapes over real HTTP. It records the requests it got.
/// </summary>
internal sealed class DocumentationStub : IAsyncDisposable
{
    public const string CompanyId = "f64eba74-dacd-4854-a584-1834f68cfc3a";
    private readonly LoopbackServer _server;

    private DocumentationStub(LoopbackServer server) => _server = server;

    public ConcurrentQueue<(string Method, string Path, string? IfMatch, string Body)> Requests { get; } = new();

    public Uri ApiUrl => new(_server.BaseAddress, "v2.0/production/api/v2.0/");

    public Uri TokenEndpoint => new(_server.BaseAddress, "tenant/oauth2/v2.0/token");

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static async Task<DocumentationStub> StartAsync()
    {
        DocumentationStub? stub = null;
        var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/tenant/oauth2/v2.0/token", () => Results.Text("{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"doc-token\"}", "application/json"));
            app.Map("/v2.0/production/api/v2.0/{**rest}", async (HttpContext context) =>
            {
                using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                var path = context.Request.Path.Value!["/v2.0/production/api/v2.0/".Length..];
                stub!.Requests.Enqueue((context.Request.Method, path, context.Request.Headers.IfMatch.ToString(), body));
                var (status, text) = Answer(context.Request.Method, path, body);
                context.Response.StatusCode = status;
                context.Response.ContentType = "application/json; odata.metadata=minimal";
                await context.Response.WriteAsync(text);
            });
        });
        stub = new DocumentationStub(server);
        return stub;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private static (int, string) Answer(string method, string path, string body) => (method, path) switch
    {
        ("GET", "companies") => (200, Fixture("companies.json")),
        ("GET", $"companies({CompanyId})/customers(5d115c9c-44e3-ea11-bb43-000d3a2feca1)") => (200, Fixture("customer.json")),
        ("GET", $"companies({CompanyId})/salesOrders(4c7b3f37-45e3-ea11-bb43-000d3a2feca1)") => (200, Fixture("salesOrder.json")),
        ("GET", "subscriptions") => (200, "{\"value\":[" + Fixture("subscription.json") + "]}"),
        ("PATCH", "subscriptions('c670ea73cacb459bb51dc1740da2f1db')") => (200, Fixture("subscription.json")),
        ("POST", "subscriptions") => (201, body),
        _ => (404, "{\"error\":{\"code\":\"BadRequest_NotFound\",\"message\":\"not in the documentation stub\"}}"),
    };
}

using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Testing.Http;

/// <summary>A real <see cref="IHttpClientFactory"/> for tests that build a connector by hand rather than through its registration.</summary>
public static class TestHttpClients
{
    private static readonly ServiceProvider Services = new ServiceCollection().AddHttpClient().BuildServiceProvider();

    /// <summary>Gets the shared factory (default named clients, default handler lifetime).</summary>
    public static IHttpClientFactory Factory => Services.GetRequiredService<IHttpClientFactory>();
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace CrmBridge.Testing.Http;

/// <summary>
/// Counts the requests that pass through handlers built by <see cref="IHttpClientFactory"/>: compare it with what the
/// sandbox served to prove a connector takes every client from the factory (no <c>new HttpClient</c>, no private RestClient).
/// </summary>
public sealed class HttpFactoryProbe
{
    private int _requests;

    /// <summary>Gets how many requests went through a factory-built handler.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Adds a counting handler to every named client the factory in <paramref name="services"/> builds.</summary>
    /// <param name="services">The services the connector is registered in.</param>
    /// <returns>The probe.</returns>
    public static HttpFactoryProbe AddTo(IServiceCollection services)
    {
        var probe = new HttpFactoryProbe();
        services.AddHttpClient();
        services.ConfigureAll<HttpClientFactoryOptions>(o =>
            o.HttpMessageHandlerBuilderActions.Add(b => b.AdditionalHandlers.Add(new CountingHandler(probe.Count))));
        return probe;
    }

    private void Count() => Interlocked.Increment(ref _requests);
}

using CrmBridge.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace CrmBridge.Cli.Demo.Calls;

/// <summary>Adds the demo's call accounting to a host: every connector wrapped, every HTTP client counting.</summary>
internal static class DemoCallInstrumentation
{
    /// <summary>Wraps the registered connectors and adds the counting handler innermost to every HTTP client.</summary>
    /// <param name="services">The host's services (after the connectors were registered).</param>
    /// <param name="ledger">Where the calls are counted.</param>
    /// <param name="systemsByAuthority">The sandboxes' <c>host:port</c> → system, for calls outside connector operations.</param>
    public static void Add(IServiceCollection services, DemoCallLedger ledger, IReadOnlyDictionary<string, string> systemsByAuthority)
    {
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(IConnector) || descriptor.IsKeyedService)
            {
                continue;
            }

            services[i] = ServiceDescriptor.Singleton<IConnector>(sp => CallClassifyingConnector.Wrap(Resolve(descriptor, sp), ledger));
        }

        services.AddSingleton<IHttpMessageHandlerBuilderFilter>(new CountingFilter(ledger, systemsByAuthority));
    }

    private static IConnector Resolve(ServiceDescriptor descriptor, IServiceProvider services) =>
        descriptor.ImplementationInstance as IConnector
        ?? (IConnector?)descriptor.ImplementationFactory?.Invoke(services)
        ?? (IConnector)ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);

    /// <summary>Appends the counter after every client's own handlers, so it sees each attempt a retry handler makes.</summary>
    private sealed class CountingFilter(DemoCallLedger ledger, IReadOnlyDictionary<string, string> systemsByAuthority) : IHttpMessageHandlerBuilderFilter
    {
        public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
        {
            next(builder);
            builder.AdditionalHandlers.Add(new DemoCallCountingHandler(ledger, systemsByAuthority));
        };
    }
}

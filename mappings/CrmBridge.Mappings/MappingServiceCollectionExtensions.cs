using CrmBridge.Mappings.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CrmBridge.Mappings;

/// <summary>Registers the mapping engine.</summary>
public static class MappingServiceCollectionExtensions
{
    /// <summary>
    /// Loads, validates and compiles every mapping under <paramref name="directory"/> now, and registers the
    /// <see cref="MappingSet"/> and the <see cref="IRecordMapper"/> (<see cref="MappingEngine"/>) as singletons.
    /// Loading eagerly makes a host fail at start-up, before it takes any work, when a mapping is invalid.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="directory">The mappings directory (recursive).</param>
    /// <returns>The services.</returns>
    /// <exception cref="MappingException">A mapping is invalid; the message lists every problem with file and line.</exception>
    public static IServiceCollection AddCrmBridgeMappings(this IServiceCollection services, string directory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var set = MappingLoader.LoadDirectory(directory).GetSetOrThrow();
        services.Configure<MappingOptions>(o => o.Path = directory);
        services.TryAddSingleton(set);
        services.TryAddSingleton<MappingEngine>();
        services.TryAddSingleton<IRecordMapper>(sp => sp.GetRequiredService<MappingEngine>());
        return services;
    }
}

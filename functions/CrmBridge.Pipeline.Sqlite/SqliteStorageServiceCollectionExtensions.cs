using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrmBridge.Pipeline.Sqlite;

/// <summary>Registers the embedded SQLite storage.</summary>
public static class SqliteStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite work queue, claim-check store and state store (one file, options from <c>Storage:Sqlite</c>
    /// then <paramref name="configure"/>). <see cref="ISyncStateStore"/> and each of its sub-ports resolve to the same
    /// instance; an <see cref="EnvelopeCodec"/> and <see cref="TimeProvider.System"/> are added if none is registered.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Overrides applied after configuration binding.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCrmBridgeSqliteStorage(this IServiceCollection services, Action<SqliteStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SqliteStorageOptions>()
            .Configure<IServiceProvider>((o, sp) => sp.GetService<IConfiguration>()?.GetSection(SqliteStorageOptions.SectionName).Bind(o));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SqliteDatabase(
            sp.GetRequiredService<IOptions<SqliteStorageOptions>>().Value,
            sp.GetService<ILogger<SqliteDatabase>>()));
        services.AddSingleton<IClaimCheckStore>(sp => new SqliteClaimCheckStore(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new EnvelopeCodec(sp.GetRequiredService<IClaimCheckStore>()));
        services.AddSingleton<IWorkQueue>(sp => new SqliteWorkQueue(
            sp.GetRequiredService<SqliteDatabase>(),
            sp.GetRequiredService<EnvelopeCodec>(),
            sp.GetRequiredService<IOptions<SqliteStorageOptions>>().Value.QueueName,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<SqliteWorkQueue>>() ?? NullLogger<SqliteWorkQueue>.Instance));
        services.AddSyncStateStore(sp => new SqliteSyncStateStore(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}

using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Batching;
using CrmBridge.Pipeline.Hosting;
using CrmBridge.Pipeline.Intake;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.Resilience;
using CrmBridge.Pipeline.Stage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Pipeline;

/// <summary>Registers the pipeline. Storage (SQLite or Azure), the mapper and the connectors are registered by their own extensions.</summary>
public static class PipelineServiceCollectionExtensions
{
    /// <summary>Registers the sync stage, intake, poller, dead-letter, status and rejection services.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration holding the <c>Pipeline</c> section, or <see langword="null"/> for defaults.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCrmBridgePipeline(this IServiceCollection services, IConfiguration? configuration = null)
    {
        var options = services.AddOptions<PipelineOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(PipelineOptions.SectionName));
        }

        options.ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ConnectorRegistry(sp.GetServices<IConnector>()));
        services.TryAddSingleton<CrossReferenceCache>();
        services.TryAddSingleton(sp => new EnvelopeCodec(sp.GetRequiredService<IClaimCheckStore>()));
        services.TryAddSingleton<ChangeIntake>();
        services.TryAddSingleton<ChangePoller>();
        services.TryAddSingleton<PollHealth>();
        services.TryAddSingleton(sp => new PollOrder(sp.GetService<IRecordMapper>()?.Routes ?? [], sp.GetRequiredService<ILogger<PollOrder>>()));
        services.TryAddSingleton<PollRound>();
        services.TryAddSingleton<SyncStage>();
        services.TryAddSingleton<StageCoalescer>();
        services.TryAddSingleton<CircuitBreakers>();
        services.TryAddSingleton<DeadLetterService>();
        // Hosts without mappings (the CLI's dead-letter and status commands) get none: what they record writes no status.
        services.TryAddSingleton(sp => sp.GetService<IRecordMapper>() is { } mapper
            ? new StatusWriteback.SyncStatusPublisher(mapper, sp.GetRequiredService<IWorkQueue>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<StatusWriteback.SyncStatusPublisher>>())
            : null!);
        services.TryAddSingleton<StatusService>();
        services.TryAddSingleton<AcceptanceRecorder>();
        services.TryAddSingleton<RejectionSurfacer>();
        services.TryAddSingleton<RejectedInputGate>();
        services.TryAddSingleton<RetentionService>();
        services.AddConnectionHealthRegistry();
        services.TryAddSingleton<ConnectionHealthService>();
        services.TryAddSingleton<ConnectionHealthPublisher>();
        services.TryAddSingleton<ConnectionHealthReporter>();
        services.TryAddSingleton<ReconcileService>();
        return services;
    }

    /// <summary>Registers the standalone host's background workers: the queue consumer, the pollers and the rejection poller.</summary>
    /// <param name="services">The services.</param>
    /// <param name="polls">What to poll.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCrmBridgeStandaloneHost(this IServiceCollection services, IEnumerable<PollTarget> polls)
    {
        services.AddHostedService<StateStoreInitializer>();
        services.AddSingleton(new PollSchedule(polls.ToList()));
        services.AddSingleton<SyncWorker>();
        services.AddSingleton<PollingWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<SyncWorker>());
        services.AddHostedService(sp => sp.GetRequiredService<PollingWorker>());
        services.AddHostedService<RejectionWorker>();
        services.AddHostedService<RetentionWorker>();
        services.AddHostedService<ConnectionHealthWorker>();
        return services;
    }
}

using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CrmBridge.Pipeline.Tests.StatusWriteback;

/// <summary>The registration: hosts with mappings write statuses; hosts without (CLI dead-letter commands) still start.</summary>
public sealed class SyncStatusRegistrationTests
{
    [Fact]
    public async Task AddCrmBridgePipeline_NoMappings_DeadLetterServiceResolvesAndRecordsWithoutStatus()
    {
        var (services, queue) = Build(mapper: null);

        var deadLetters = services.GetRequiredService<DeadLetterService>();
        await deadLetters.RecordFailureAsync(Envelope(), "any-route", "MAPPING_FAILED", "broken", [], CancellationToken.None);

        Assert.Empty(queue.Enqueued);
    }

    [Fact]
    public async Task AddCrmBridgePipeline_RouteWithStatusFields_DeadLetterQueuesFailedWithTheReason()
    {
        var route = StageHarness.CustomerRoute with { SyncStatus = StatusHarness.Fields };
        var (services, queue) = Build(new OrderAwareMapper([route]));

        await services.GetRequiredService<DeadLetterService>().RecordFailureAsync(Envelope(), route.Name, "MAPPING_FAILED", "name is required", [], CancellationToken.None);

        var status = Assert.Single(queue.Enqueued).Envelope;
        Assert.Equal((EnvelopeOrigins.SyncStatus, route.Name, "A1"), (status.Origin, status.Route, status.RecordId));
        Assert.Equal((SyncStatusKind.Failed, "name is required"), (status.Status!.Kind, status.Status.Error));
    }

    private static (ServiceProvider Services, InMemoryWorkQueue Queue) Build(IRecordMapper? mapper)
    {
        var queue = new InMemoryWorkQueue();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ISyncStateStore>(new InMemorySyncStateStore());
        services.AddSingleton<IWorkQueue>(queue);
        if (mapper is not null)
        {
            services.AddSingleton(mapper);
        }

        services.AddCrmBridgePipeline();
        return (services.BuildServiceProvider(), queue);
    }

    private static ChangeEnvelope Envelope() => StageHarness.Envelope("accounts", StageHarness.Account("A1", ""), "A1");
}

using CrmBridge.Alerts.Tests.Fakes;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Moq;
using Xunit;

namespace CrmBridge.Alerts.Tests;

public sealed class AlertsServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddCrmBridgeAlerts_TeamsAndDisabledBacklog_SendsToTeamsWithoutQueue()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Alerts:Teams:WebhookUrl"] = receiver.Url("teams").ToString(),
            ["Alerts:Disabled:0"] = "Backlog",
            ["Alerts:DeadLetterWindow"] = "00:00:01",
        }).Build();
        var store = new MemoryStateStore();
        await store.AddDeadLetterAsync(new DeadLetter { Envelope = Testing.Queueing.TestEnvelopes.New(), Route = "r1", ErrorCode = "HTTP_400", Reason = "x", FailedAt = DateTimeOffset.UtcNow.AddMilliseconds(-100) }, CancellationToken.None);
        var services = new ServiceCollection().AddLogging()
            .AddSingleton<ICheckpointStore>(store).AddSingleton<IDeadLetterStore>(store)
            .AddCrmBridgeAlerts(configuration, worker: true);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var sent = await provider.GetRequiredService<AlertEngine>().RunOnceAsync(CancellationToken.None);

        Assert.Single(provider.GetServices<IHostedService>());
        Assert.Equal("deadletters:r1", Assert.Single(sent).Key);
        Assert.Single(receiver.Received);
    }

    [Fact]
    public void AddCrmBridgeAlerts_IntervalOutOfRange_FailsValidationNamingKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Alerts:MaxPerHour"] = "0" }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(Mock.Of<IWorkQueue>()).AddCrmBridgeAlerts(configuration, worker: false);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AlertsOptions>>().Value);

        Assert.Contains("MaxPerHour", error.Message, StringComparison.Ordinal);
    }
}

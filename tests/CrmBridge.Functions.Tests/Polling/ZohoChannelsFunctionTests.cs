using CrmBridge.Functions.Tests.Support;
using CrmBridge.Functions.Polling;
using Microsoft.Azure.Functions.Worker;
using Xunit;

namespace CrmBridge.Functions.Tests.Polling;

/// <summary>The Zoho channel timer is harmless in an app without Zoho.</summary>
public sealed class ZohoChannelsFunctionTests(FunctionsAppFixture app) : IClassFixture<FunctionsAppFixture>
{
    [Fact]
    public async Task RunAsync_ZohoNotConfigured_SkipsWithoutCallingAnything()
    {
        await app.Create<ZohoChannelsFunction>().RunAsync(new TimerInfo(), CancellationToken.None);

        Assert.Contains(app.Logs.Entries, e => e.Category.EndsWith(nameof(ZohoChannelsFunction), StringComparison.Ordinal) && e.EventId == 1023);
    }
}

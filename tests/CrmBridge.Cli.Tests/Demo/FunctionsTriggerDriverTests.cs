using System.Text.Json.Nodes;
using CrmBridge.Cli.Demo;
using Xunit;

namespace CrmBridge.Cli.Tests.Demo;

public sealed class FunctionsTriggerDriverTests
{
    [Fact]
    public void QueueSettings_MatchTheFunctionsAppsHostJson()
    {
        // The demo's Functions path claims to receive the way the Functions host does: it must use host.json's numbers.
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "CrmBridge.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("CrmBridge.sln not found above the test's folder.");
        }

        var queues = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "functions", "CrmBridge.Functions", "host.json")))!["extensions"]!["queues"]!;

        Assert.Equal(FunctionsTriggerDriver.BatchSize, queues["batchSize"]!.GetValue<int>());
        Assert.Equal(FunctionsTriggerDriver.NewBatchThreshold, queues["newBatchThreshold"]!.GetValue<int>());
    }
}

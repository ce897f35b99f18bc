using CrmBridge.Hosting;
using CrmBridge.Pipeline.AzureStorage;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace CrmBridge.Functions.Tests;

/// <summary>The adapter uses the host's storage settings, so triggers and pipeline share one account and queue.</summary>
public sealed class StorageSettingsTests
{
    [Fact]
    public void Apply_HostConnectionString_IsUsedWithTheQueueName()
    {
        var options = new AzureStorageOptions();

        StorageSettings.Apply(options, Config(new() { [ConfigurationKeys.HostStorage] = "UseDevelopmentStorage=true", [ConfigurationKeys.QueueName] = "my-queue" }));

        Assert.Equal("UseDevelopmentStorage=true", options.ConnectionString);
        Assert.Equal("my-queue", options.QueueName);
    }

    [Fact]
    public void Apply_IdentityBasedHostSettings_GiveServiceUrisAndClientId()
    {
        var options = new AzureStorageOptions();

        StorageSettings.Apply(options, Config(new()
        {
            ["AzureWebJobsStorage:queueServiceUri"] = "https://acct.queue.core.windows.net/",
            ["AzureWebJobsStorage:blobServiceUri"] = "https://acct.blob.core.windows.net/",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://acct.table.core.windows.net/",
            ["AzureWebJobsStorage:clientId"] = "client-1",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
        }));

        Assert.Null(options.ConnectionString);
        Assert.Equal("acct.queue.core.windows.net", options.QueueServiceUri!.Host);
        Assert.Equal("acct.blob.core.windows.net", options.BlobServiceUri!.Host);
        Assert.Equal("acct.table.core.windows.net", options.TableServiceUri!.Host);
        Assert.Equal("client-1", options.ManagedIdentityClientId);
        Assert.Equal(FunctionsOptions.DefaultQueueName, options.QueueName);
    }

    [Fact]
    public void Apply_ExplicitAdapterConnection_WinsOverHostSettings()
    {
        var options = new AzureStorageOptions { ConnectionString = "explicit" };

        StorageSettings.Apply(options, Config(new() { [ConfigurationKeys.HostStorage] = "host" }));

        Assert.Equal("explicit", options.ConnectionString);
    }

    private static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}

using CrmBridge.Cli.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace CrmBridge.Cli.Tests;

public sealed class FileLoggerProviderTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("crmbridge-log-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Log_WithException_KeepsTheStackTraceInTheFile()
    {
        var path = Path.Combine(_folder.FullName, "logs", "crmbridge.log");
        Exception thrown;
        try
        {
            throw new InvalidOperationException("poll failed");
        }
        catch (InvalidOperationException ex)
        {
            thrown = ex;
        }

        using (var provider = new FileLoggerProvider(path, TimeProvider.System))
        {
            provider.CreateLogger("CrmBridge.Pipeline.Hosting.PollingWorker").LogError(thrown, "Polling {System}/{Entity} failed", "zoho", "Accounts");
        }

        var text = File.ReadAllText(path);
        Assert.Contains("Error CrmBridge.Pipeline.Hosting.PollingWorker: Polling zoho/Accounts failed", text, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException: poll failed", text, StringComparison.Ordinal);
        Assert.Contains("   at ", text, StringComparison.Ordinal);
    }
}

using System.Text.Json;
using CrmBridge.Hosting;
using Xunit;

namespace CrmBridge.Functions.Tests;

/// <summary>The example settings users copy to local.settings.json must be strict JSON (Core Tools refuses anything else).</summary>
public sealed class LocalSettingsExampleTests
{
    [Fact]
    public void Example_IsStrictJson_WithTheKeysTheAppReads()
    {
        var path = Path.Combine(FindRepositoryRoot(), "functions", "CrmBridge.Functions", "local.settings.example.json");

        using var document = JsonDocument.Parse(File.ReadAllText(path)); // default options: no comments, no trailing commas
        var values = document.RootElement.GetProperty("Values");

        Assert.Equal("dotnet-isolated", values.GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
        Assert.True(values.TryGetProperty(ConfigurationKeys.MappingsPath.Replace(":", "__", StringComparison.Ordinal), out _));
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmBridge.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CrmBridge.sln not found above the test folder.");
    }
}

using CrmBridge.Functions.Admin;
using CrmBridge.Functions.Tests.Support;
using CrmBridge.Hosting;
using CrmBridge.Sandbox.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CrmBridge.Functions.Tests.Admin;

/// <summary>The health endpoint: storage (Azurite) and each connector (ERP sandbox, test CRM) reachable.</summary>
public sealed class HealthFunctionTests(FunctionsAppFixture app) : IClassFixture<FunctionsAppFixture>
{
    [Fact]
    public async Task RunAsync_EverythingReachable_Returns200WithEachComponent()
    {
        var result = await app.Create<HealthFunction>().RunAsync(FunctionRequests.Get(), CancellationToken.None);

        var report = FunctionRequests.Json<HealthReport>(result, StatusCodes.Status200OK);
        Assert.True(report.Healthy);
        Assert.True(report.Storage.Healthy);
        Assert.Contains(report.Connectors, c => c.Name == "erp" && c.Healthy);
        Assert.Contains(report.Connectors, c => c.Name == TestCrm.SystemName && c.Healthy);
    }

    [Fact]
    public async Task RunAsync_StorageUnreachable_Returns503NamingStorage()
    {
        // A loopback port nothing listens on: the storage SDK's connection is refused.
        const string Dead = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;";
        await using var services = app.BuildServices(new Dictionary<string, string?> { [ConfigurationKeys.HostStorage] = Dead, ["Functions:HealthProbeTimeout"] = "00:00:03" });

        var result = await ActivatorUtilities.CreateInstance<HealthFunction>(services).RunAsync(FunctionRequests.Get(), CancellationToken.None);

        var report = FunctionRequests.Json<HealthReport>(result, StatusCodes.Status503ServiceUnavailable);
        Assert.False(report.Storage.Healthy);
        Assert.Contains(report.Connectors, c => c.Name == "erp" && c.Healthy);
    }

    [Fact]
    public async Task RunAsync_ErpFailing_Returns503NamingTheErp()
    {
        app.Erp.Faults.FailNext(50, SandboxFaultKind.ServerError, TimeSpan.Zero);
        try
        {
            var result = await app.Create<HealthFunction>().RunAsync(FunctionRequests.Get(), CancellationToken.None);

            var report = FunctionRequests.Json<HealthReport>(result, StatusCodes.Status503ServiceUnavailable);
            Assert.False(report.Healthy);
            Assert.True(report.Storage.Healthy);
            Assert.Contains(report.Connectors, c => c.Name == "erp" && !c.Healthy);
        }
        finally
        {
            app.Erp.Faults.Clear();
        }
    }
}

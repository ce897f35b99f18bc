using System.Reflection;
using CrmBridge.Hosting;
using CrmBridge.Sandbox.Dataverse;

namespace CrmBridge.Functions.Tests.Support;

/// <summary>
/// The app with the real Dataverse connector against the Dataverse sandbox and the shipped <c>mappings/dataverse</c>
/// (as copied beside the Functions app by its build), plus everything <see cref="FunctionsAppFixture"/> sets up.
/// </summary>
public sealed class DataverseAppFixture : FunctionsAppFixture
{
    public const string WebhookSecret = "dataverse-webhook-secret-for-tests";

    private DataverseSandbox? _dataverse;

    public DataverseSandbox Dataverse => _dataverse ?? throw new InvalidOperationException("Not initialised.");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_dataverse is not null)
        {
            await _dataverse.DisposeAsync();
        }
    }

    protected override async Task<IReadOnlyDictionary<string, string?>> ExtraSettingsAsync()
    {
        _dataverse = await DataverseSandbox.StartAsync(new DataverseSandboxOptions(), CancellationToken.None);
        var functionsOutput = typeof(DataverseAppFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "FunctionsOutputDirectory").Value!;
        return new Dictionary<string, string?>
        {
            [ConfigurationKeys.MappingsPath] = Path.Combine(functionsOutput, "mappings", "dataverse"),
            ["Connectors:Dataverse:EnvironmentUrl"] = _dataverse.BaseAddress.ToString(),
            ["Connectors:Dataverse:AuthMode"] = "TokenEndpoint",
            ["Connectors:Dataverse:TokenEndpoint"] = _dataverse.TokenEndpoint("functions-tests").ToString(),
            ["Connectors:Dataverse:ClientId"] = "sandbox-client",
            ["Connectors:Dataverse:ClientSecret"] = "sandbox-secret",
            ["Connectors:Dataverse:ApplicationUserId"] = _dataverse.ApplicationUserId.ToString(),
            ["Connectors:Dataverse:WebhookSecret"] = WebhookSecret,
        };
    }
}

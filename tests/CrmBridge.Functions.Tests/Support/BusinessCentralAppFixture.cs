using CrmBridge.Connectors.BusinessCentral;
using CrmBridge.Sandbox.BusinessCentral;

namespace CrmBridge.Functions.Tests.Support;

/// <summary>The Functions app with the Business Central connector configured against its emulator.</summary>
public sealed class BusinessCentralAppFixture : FunctionsAppFixture
{
    public const string ClientState = "bc-client-state-for-functions-tests";

    private BusinessCentralSandbox? _bc;

    public BusinessCentralSandbox BusinessCentral => _bc ?? throw new InvalidOperationException("Not initialised.");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_bc is not null)
        {
            await _bc.DisposeAsync();
        }
    }

    protected override async Task<IReadOnlyDictionary<string, string?>> ExtraSettingsAsync()
    {
        _bc = await BusinessCentralSandbox.StartAsync(new BusinessCentralSandboxOptions(), CancellationToken.None);
        const string section = BusinessCentralOptions.SectionName;
        return new Dictionary<string, string?>
        {
            [$"{section}:ApiUrl"] = _bc.ApiAddress.ToString(),
            [$"{section}:Company"] = _bc.CompanyName,
            [$"{section}:AuthMode"] = "TokenEndpoint",
            [$"{section}:TokenEndpoint"] = _bc.TokenEndpoint("functions-tests").ToString(),
            [$"{section}:ClientId"] = "sandbox-client",
            [$"{section}:ClientSecret"] = "sandbox-secret",
            [$"{section}:ClientState"] = ClientState,

            // Nothing listens here: the subscription handshake fails, which the subscriptions timer must report.
            [$"{section}:NotificationUrl"] = "http://127.0.0.1:9/api/webhooks/system/businesscentral",
        };
    }
}

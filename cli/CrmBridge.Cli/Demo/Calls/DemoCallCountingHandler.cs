namespace CrmBridge.Cli.Demo.Calls;

/// <summary>
/// Records each HTTP request the bridge sends (each attempt: it sits innermost, below retries) in the current
/// <see cref="DemoCallScope"/>, or as an unscoped call of the system the address belongs to.
/// </summary>
internal sealed class DemoCallCountingHandler : DelegatingHandler
{
    private readonly DemoCallLedger _ledger;
    private readonly IReadOnlyDictionary<string, string> _systemsByAuthority;

    public DemoCallCountingHandler(DemoCallLedger ledger, IReadOnlyDictionary<string, string> systemsByAuthority)
    {
        _ledger = ledger;
        _systemsByAuthority = systemsByAuthority;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri)
        {
            if (DemoCallScope.Current is { } scope)
            {
                scope.Add(uri);
            }
            else
            {
                _ledger.AddUnscoped(_systemsByAuthority.GetValueOrDefault(uri.Authority, uri.Authority));
            }
        }

        return base.SendAsync(request, cancellationToken);
    }
}

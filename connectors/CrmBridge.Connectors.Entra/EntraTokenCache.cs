using Azure.Core;
using Azure.Identity;

namespace CrmBridge.Connectors.Entra;

/// <summary>
/// An Entra ID access token for one scope, shared by a connector's concurrent calls: cached until a refresh margin
/// before it expires, dropped when the API answers 401 (<see cref="Invalidate"/>), and credential failures turned into
/// <see cref="ConnectorException"/> (network trouble transient, everything else permanent with the reason).
/// </summary>
public sealed class EntraTokenCache
{
    private readonly TokenCredential _credential;
    private readonly TokenRequestContext _context;
    private readonly string _system;
    private readonly TimeSpan _refreshMargin;
    private readonly TimeProvider _time;
    private readonly Action<DateTimeOffset>? _acquired;
    private readonly ConnectorHealthTracker? _health;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AccessToken? _cached;

    /// <summary>Initializes a new instance of the <see cref="EntraTokenCache"/> class.</summary>
    /// <param name="credential">The credential (Azure.Identity, or <see cref="ClientCredentialsTokenCredential"/>).</param>
    /// <param name="scope">The scope, e.g. <c>https://org.crm.dynamics.com/.default</c>.</param>
    /// <param name="system">The connector's system name (errors name it).</param>
    /// <param name="refreshMargin">How long before expiry a token is renewed.</param>
    /// <param name="time">The clock.</param>
    /// <param name="acquired">Told the expiry of each new token (the connector logs it), or <see langword="null"/>.</param>
    /// <param name="health">Told when a token is requested, obtained or refused (connection health), or <see langword="null"/>.</param>
    public EntraTokenCache(TokenCredential credential, string scope, string system, TimeSpan refreshMargin, TimeProvider time, Action<DateTimeOffset>? acquired = null, ConnectorHealthTracker? health = null)
    {
        _health = health;
        _credential = credential;
        _system = system;
        _refreshMargin = refreshMargin;
        _time = time;
        _acquired = acquired;
        _context = new TokenRequestContext([scope]);
    }

    /// <summary>Gets a token that is valid for at least the refresh margin.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The access token.</returns>
    /// <exception cref="ConnectorException">When no token can be had.</exception>
    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_cached) is { } token)
        {
            return token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh(_cached) is { } again)
            {
                return again;
            }

            _health?.TokenRefreshing();
            var acquired = await _credential.GetTokenAsync(_context, cancellationToken).ConfigureAwait(false);
            _cached = acquired;
            _health?.TokenObtained(acquired.ExpiresOn);
            _acquired?.Invoke(acquired.ExpiresOn);
            return acquired.Token;
        }
        catch (CredentialUnavailableException error)
        {
            _health?.TokenFailed("CREDENTIAL_UNAVAILABLE", $"{_system}: no credential is available (managed identity or environment): configure one, or set ClientId and ClientSecret under {_health.Section}.");
            throw new ConnectorException(_system, ErrorKind.Permanent, "CREDENTIAL_UNAVAILABLE", $"{_system}: {error.Message}", innerException: error);
        }
        catch (AuthenticationFailedException error)
        {
            throw Classify(error);
        }
        catch (HttpRequestException error)
        {
            throw ConnectorErrors.FromNetwork(_system, error);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Drops the cached token (the API rejected it), so the next call acquires a new one.</summary>
    /// <param name="rejected">The token that was rejected; a newer token cached meanwhile is kept.</param>
    public void Invalidate(string rejected)
    {
        if (_cached?.Token == rejected)
        {
            _cached = null;
        }
    }

    private string? Fresh(AccessToken? token) =>
        token is { } t && t.ExpiresOn - _refreshMargin > _time.GetUtcNow() ? t.Token : null;

    private ConnectorException Classify(AuthenticationFailedException error)
    {
        for (Exception? inner = error.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpRequestException or TaskCanceledException or TimeoutException)
            {
                return ConnectorErrors.FromNetwork(_system, inner);
            }
        }

        var reason = EntraProblems.Reason(error.Message);
        _health?.TokenFailed(reason, EntraProblems.Describe(_system, _health.Section, reason));
        return new ConnectorException(_system, ErrorKind.Permanent, "AUTH_FAILED", $"{_system}: token request failed: {error.Message}", innerException: error);
    }
}

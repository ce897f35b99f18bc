using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>
/// Caches the access token until <see cref="BusinessCentralOptions.TokenRefreshMargin"/> before expiry, drops it when the
/// API answers 401 (<see cref="Invalidate"/>), and turns credential failures into <see cref="ConnectorException"/>s.
/// </summary>
internal sealed class BusinessCentralTokenProvider
{
    private readonly TokenCredential _credential;
    private readonly TokenRequestContext _context;
    private readonly BusinessCentralOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AccessToken? _cached;

    public BusinessCentralTokenProvider(TokenCredential credential, BusinessCentralOptions options, TimeProvider time, ILogger logger)
    {
        _credential = credential;
        _options = options;
        _time = time;
        _logger = logger;
        _context = new TokenRequestContext([options.Scope]);
    }

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

            var acquired = await _credential.GetTokenAsync(_context, cancellationToken).ConfigureAwait(false);
            _cached = acquired;
            BusinessCentralLog.TokenAcquired(_logger, _options.System, acquired.ExpiresOn);
            return acquired.Token;
        }
        catch (CredentialUnavailableException error)
        {
            throw new ConnectorException(_options.System, ErrorKind.Permanent, "CREDENTIAL_UNAVAILABLE", $"{_options.System}: {error.Message}", innerException: error);
        }
        catch (AuthenticationFailedException error)
        {
            throw Classify(error);
        }
        catch (HttpRequestException error)
        {
            throw ConnectorErrors.FromNetwork(_options.System, error);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Drops the cached token when it is the one the API rejected.</summary>
    /// <param name="rejected">The rejected token.</param>
    public void Invalidate(string rejected)
    {
        if (_cached?.Token == rejected)
        {
            _cached = null;
        }
    }

    private string? Fresh(AccessToken? token) =>
        token is { } t && t.ExpiresOn - _options.TokenRefreshMargin > _time.GetUtcNow() ? t.Token : null;

    private ConnectorException Classify(AuthenticationFailedException error)
    {
        for (Exception? inner = error.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpRequestException or TaskCanceledException or TimeoutException)
            {
                return ConnectorErrors.FromNetwork(_options.System, inner);
            }
        }

        return new ConnectorException(_options.System, ErrorKind.Permanent, "AUTH_FAILED",
            $"{_options.System}: token request failed (check TenantId, ClientId, the secret and API.ReadWrite.All consent): {error.Message}", innerException: error);
    }
}

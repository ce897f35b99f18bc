using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.Fxiaoke;

/// <summary>
/// Obtains and caches the corpAccessToken from <c>/cgi/corpAccessToken/get/V2</c>. Callers are serialised (the platform
/// forbids concurrent token calls), so any number of concurrent callers — or of concurrent 20016 renewals — cause one request.
/// </summary>
internal sealed class FxiaokeTokenProvider : IDisposable
{
    /// <summary>The legacy (V2) token path; the body carries appId, appSecret and permanentCode.</summary>
    public const string TokenPath = "cgi/corpAccessToken/get/V2";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly FxiaokeHttp _http;
    private readonly FxiaokeOptions _options;
    private readonly FxiaokeErrors _errors;
    private readonly FxiaokeTokenRequestLimiter _limiter;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConnectorHealthTracker? _health;
    private FxiaokeToken? _current;

    public FxiaokeTokenProvider(FxiaokeHttp http, FxiaokeOptions options, FxiaokeErrors errors, TimeProvider time, ILogger logger, ConnectorHealthTracker? health = null)
    {
        _health = health;
        _http = http;
        _options = options;
        _errors = errors;
        _time = time;
        _logger = logger;
        _limiter = new FxiaokeTokenRequestLimiter(options, time);
    }

    /// <summary>Gets how many token requests this provider has sent.</summary>
    public int Requests { get; private set; }

    /// <summary>Returns a valid token, requesting one when none is cached or the cached one is due for renewal.</summary>
    public Task<FxiaokeToken> GetAsync(CancellationToken cancellationToken) => GetCoreAsync(null, cancellationToken);

    /// <summary>Renews after the platform rejected <paramref name="rejected"/> (20016); a token already renewed by another caller is reused.</summary>
    public Task<FxiaokeToken> RenewAsync(FxiaokeToken rejected, CancellationToken cancellationToken) => GetCoreAsync(rejected, cancellationToken);

    public void Dispose() => _gate.Dispose();

    private async Task<FxiaokeToken> GetCoreAsync(FxiaokeToken? rejected, CancellationToken cancellationToken)
    {
        var cached = Volatile.Read(ref _current);
        if (IsUsable(cached, rejected))
        {
            return cached!;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            cached = _current;
            if (IsUsable(cached, rejected))
            {
                return cached!;
            }

            var token = await RequestAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, token);
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool IsUsable(FxiaokeToken? token, FxiaokeToken? rejected) =>
        token is not null && !ReferenceEquals(token, rejected) && _time.GetUtcNow() < token.RenewAt;

    private async Task<FxiaokeToken> RequestAsync(CancellationToken cancellationToken)
    {
        _limiter.Take();
        Requests++;
        _health?.TokenRefreshing();
        var body = new JsonObject
        {
            ["appId"] = _options.AppId,
            ["appSecret"] = _options.AppSecret,
            ["permanentCode"] = _options.PermanentCode,
        };
        var response = await _http.PostAsync(TokenPath, body, cancellationToken).ConfigureAwait(false);
        var code = FxiaokeEnvelope.ErrorCode(response);
        if (code != FxiaokeErrorCodes.Ok)
        {
            FxiaokeLog.TokenFailed(_logger, _options.System, code);
            var error = _errors.FromErrorCode(code, FxiaokeEnvelope.ErrorMessage(response), "token");
            if (error.Kind == ErrorKind.Permanent)
            {
                _health?.TokenFailed(error.ErrorCode, $"{_options.System}: the token request was refused (errorCode {code}): check AppId, AppSecret and PermanentCode under {FxiaokeOptions.SectionName} (is the app still authorised by the enterprise?).");
            }

            throw error;
        }

        // Legacy V2 answers corpAccessToken/corpId; the newer oauth2.0 grant answers accessToken/ea. Accept both shapes.
        var token = (string?)response["corpAccessToken"] ?? (string?)response["accessToken"];
        var corpId = (string?)response["corpId"] ?? (string?)response["ea"];
        if (string.IsNullOrEmpty(token) || string.IsNullOrEmpty(corpId))
        {
            throw new ConnectorException(_options.System, ErrorKind.Transient, "INVALID_TOKEN_RESPONSE",
                "fxiaoke token: the response carried no corpAccessToken/corpId");
        }

        var expiresIn = TimeSpan.FromSeconds(FxiaokeEnvelope.Long(response["expiresIn"]) ?? 7200);
        var renewIn = expiresIn - _options.TokenRenewalMargin;
        if (renewIn < expiresIn / 2)
        {
            renewIn = expiresIn / 2;
        }

        FxiaokeLog.TokenRenewed(_logger, _options.System, (int)expiresIn.TotalSeconds);
        _health?.TokenObtained(_time.GetUtcNow() + expiresIn);
        return new FxiaokeToken(token, corpId, _time.GetUtcNow() + renewIn);
    }
}

using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.Fxiaoke;

/// <summary>
/// Authenticated OpenAPI calls: adds corpAccessToken, corpId and currentOpenUserId to the body, respects the client-side
/// rate limit per API, checks <c>errorCode</c> (every response is HTTP 200), and on a rejected token renews once and retries.
/// </summary>
internal sealed class FxiaokeClient
{
    private readonly FxiaokeHttp _http;
    private readonly FxiaokeTokenProvider _tokens;
    private readonly FxiaokeRateLimiter _limiter;
    private readonly FxiaokeErrors _errors;
    private readonly FxiaokeOptions _options;
    private readonly ILogger _logger;

    public FxiaokeClient(FxiaokeHttp http, FxiaokeTokenProvider tokens, FxiaokeRateLimiter limiter, FxiaokeErrors errors, FxiaokeOptions options, ILogger logger)
    {
        _http = http;
        _tokens = tokens;
        _limiter = limiter;
        _errors = errors;
        _options = options;
        _logger = logger;
    }

    /// <summary>Calls <paramref name="api"/> with <paramref name="fields"/> as the body's business fields; returns the success envelope.</summary>
    /// <exception cref="ConnectorException">Classified from the errorCode or the HTTP failure.</exception>
    public Task<JsonObject> CallAsync(string api, JsonObject fields, CancellationToken cancellationToken) =>
        CallAsync(api, fields, null, cancellationToken);

    /// <summary>As <see cref="CallAsync(string, JsonObject, CancellationToken)"/>; <paramref name="serverDate"/> receives the platform's clock.</summary>
    /// <exception cref="ConnectorException">Classified from the errorCode or the HTTP failure.</exception>
    public async Task<JsonObject> CallAsync(string api, JsonObject fields, Action<DateTimeOffset>? serverDate, CancellationToken cancellationToken)
    {
        var token = await _tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            var body = new JsonObject
            {
                ["corpAccessToken"] = token.AccessToken,
                ["corpId"] = token.CorpId,
                ["currentOpenUserId"] = _options.CurrentOpenUserId,
            };
            foreach (var (name, value) in fields)
            {
                body[name] = value?.DeepClone();
            }

            JsonObject response;
            using (await _limiter.AcquireAsync(api, cancellationToken).ConfigureAwait(false))
            {
                response = await _http.PostAsync(api, body, serverDate, cancellationToken).ConfigureAwait(false);
            }

            var code = FxiaokeEnvelope.ErrorCode(response);
            if (code == FxiaokeErrorCodes.Ok)
            {
                return response;
            }

            if (attempt == 0 && FxiaokeErrorCodes.Classify(code) == FxiaokeErrorClass.TokenExpired)
            {
                FxiaokeLog.TokenRejected(_logger, _options.System, code, api);
                token = await _tokens.RenewAsync(token, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var error = _errors.FromErrorCode(code, FxiaokeEnvelope.ErrorMessage(response), api);
            FxiaokeLog.CallFailed(_logger, _options.System, api, error.ErrorCode, error.Kind.ToString());
            throw error;
        }
    }
}

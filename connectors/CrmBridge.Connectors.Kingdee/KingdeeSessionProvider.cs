using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>
/// Signs in with <c>LoginByAppSecret</c> or <c>LoginBySign</c> and shares the session: any number of concurrent callers
/// that find no session (or a lost one) cause exactly one login.
/// </summary>
internal sealed class KingdeeSessionProvider : IDisposable
{
    private const string AuthService = "Kingdee.BOS.WebApi.ServicesStub.AuthService.";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly KingdeeTransport _transport;
    private readonly KingdeeConnectorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConnectorHealthTracker _health;
    private KingdeeSession? _current;
    private int _logins;

    public KingdeeSessionProvider(KingdeeTransport transport, IOptions<KingdeeConnectorOptions> options, TimeProvider time, ILogger<KingdeeSessionProvider> logger, ConnectionHealthRegistry health)
    {
        _health = health.For(options.Value.System, KingdeeConnectorOptions.SectionName);
        _transport = transport;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Gets how many logins this provider made (for tests and diagnostics).</summary>
    public int LoginCount => Volatile.Read(ref _logins);

    public async ValueTask<KingdeeSession> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _current) is { } current)
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } again)
            {
                return again;
            }

            var session = await LoginAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, session);
            return session;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Drops a session K3Cloud reported lost (MsgCode 1), unless another caller already replaced it.</summary>
    public void Invalidate(KingdeeSession lost) => Interlocked.CompareExchange(ref _current, null, lost);

    public void Dispose() => _gate.Dispose();

    private async Task<KingdeeSession> LoginAsync(CancellationToken cancellationToken)
    {
        var o = _options;
        var lcid = o.Lcid.ToString(CultureInfo.InvariantCulture);
        JsonArray parameters;
        string service;
        if (o.AuthMode == KingdeeAuthMode.Sign)
        {
            var timestamp = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var sign = KingdeeSigner.LoginSign(o.AcctId!, o.Username!, o.AppId!, o.AppSecret!, timestamp);
            parameters = [o.AcctId, o.Username, o.AppId, timestamp, sign, o.Lcid];
            service = AuthService + "LoginBySign";
        }
        else
        {
            parameters = [o.AcctId, o.Username, o.AppId, o.AppSecret, o.Lcid];
            service = AuthService + "LoginByAppSecret";
        }

        Interlocked.Increment(ref _logins);
        _health.TokenRefreshing();
        var answer = await _transport.PostAsync(service, new JsonObject { ["parameters"] = parameters }, [], cancellationToken).ConfigureAwait(false);
        KingdeeSession result;
        try
        {
            result = Read(answer, lcid);
        }
        catch (ConnectorException error) when (error.Kind == ErrorKind.Permanent)
        {
            // The session cookie has no stated lifetime: a refused login is the only authentication signal K3Cloud gives.
            _health.TokenFailed(error.ErrorCode, error.Message);
            throw;
        }

        _health.TokenObtained(null);
        KingdeeLog.LoggedIn(_logger, o.System, o.AuthMode.ToString());
        return result;
    }

    private KingdeeSession Read(KingdeeHttpAnswer answer, string lcid)
    {
        var system = _options.System;
        if (answer.Status is not (200 or 206))
        {
            // A wrong acctID answers non-200 "Fail to verify thirty passport" [ERP-FACTS §1.1]: that will not heal by retrying.
            if (answer.Text.Contains("passport", StringComparison.OrdinalIgnoreCase))
            {
                throw KingdeeErrors.Permanent(_options, "K3_LOGIN", $"login refused (HTTP {answer.Status}, unknown data centre): check {KingdeeConnectorOptions.SectionName}:AcctId.");
            }

            throw ConnectorErrors.FromStatus(system, answer.Status, "K3_LOGIN_HTTP", $"{system}: login answered HTTP {answer.Status}.");
        }

        var body = answer.Body as JsonObject;
        var type = KingdeeJson.Long(KingdeeJson.Get(body, "LoginResultType"));
        var sessionId = KingdeeJson.Text(KingdeeJson.Get(body, "KDSVCSessionId"));
        if (type != 1 || string.IsNullOrEmpty(sessionId))
        {
            var message = KingdeeJson.Text(KingdeeJson.Get(body, "Message")) ?? "no message";
            KingdeeLog.LoginFailed(_logger, system, type ?? -99);
            throw KingdeeErrors.Permanent(_options, "K3_LOGIN",
                $"login failed (LoginResultType {type?.ToString(CultureInfo.InvariantCulture) ?? "missing"}: {message}); check {KingdeeConnectorOptions.SectionName}:AcctId, Username, AppId and AppSecret (lcid {lcid}) and that the third-party system registration is enabled.");
        }

        var cookies = new Dictionary<string, string>(answer.Cookies, StringComparer.OrdinalIgnoreCase) { ["kdservice-sessionid"] = sessionId };
        var header = string.Join("; ", cookies.Select(c => c.Key + "=" + c.Value));
        return new KingdeeSession(sessionId, header);
    }
}

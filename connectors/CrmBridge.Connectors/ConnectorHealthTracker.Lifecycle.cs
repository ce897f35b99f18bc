namespace CrmBridge.Connectors;

/// <summary>The token/session lifecycle and change-detection parts of the tracker.</summary>
public sealed partial class ConnectorHealthTracker
{
    private readonly Dictionary<string, ChangeTokenAge> _changeTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PushChannelState> _channels = new(StringComparer.Ordinal);
    private AuthenticationState _auth;
    private DateTimeOffset? _tokenFailingSince;
    private DateTimeOffset? _tokenExpiresAt;
    private string? _tokenReason;
    private string? _tokenProblem;
    private DateTimeOffset? _lastNotification;

    /// <summary>Gets the token or session state (without the HTTP 401/403 view that <see cref="Snapshot"/> adds).</summary>
    public AuthenticationState TokenState
    {
        get
        {
            lock (_lock)
            {
                return _auth;
            }
        }
    }

    /// <summary>Records that a token or session request starts.</summary>
    public void TokenRefreshing()
    {
        lock (_lock)
        {
            if (_auth != AuthenticationState.Failing)
            {
                _auth = AuthenticationState.Refreshing;
            }
        }
    }

    /// <summary>Records a token or session obtained; clears a token failure.</summary>
    /// <param name="expiresAt">When it expires, or <see langword="null"/> when the system does not say.</param>
    public void TokenObtained(DateTimeOffset? expiresAt)
    {
        lock (_lock)
        {
            _auth = AuthenticationState.Obtained;
            _tokenExpiresAt = expiresAt;
            _tokenFailingSince = null;
            _tokenReason = null;
            _tokenProblem = null;
        }
    }

    /// <summary>Records a refused token or session request (not a network failure: that is <see cref="RecordNoAnswer"/>).</summary>
    /// <param name="reason">The system's error (<c>invalid_code</c>, <c>AADSTS7000215</c>, <c>20016</c>).</param>
    /// <param name="problem">One line: why the connection cannot work and what to do.</param>
    public void TokenFailed(string reason, string problem)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            _tokenFailingSince = _auth == AuthenticationState.Failing ? _tokenFailingSince ?? now : now;
            _auth = AuthenticationState.Failing;
            _tokenReason = reason;
            _tokenProblem = problem;
            _lastFailure = now;
            _lastErrorCode = reason;
        }
    }

    /// <summary>Records a call that worked, for systems not reached over HTTP (SQL staging tables).</summary>
    public void RecordSuccess() => Record(200);

    /// <summary>Records a failed call for systems not reached over HTTP; a refused login fails authentication.</summary>
    /// <param name="errorCode">The classified error code.</param>
    /// <param name="refusedLogin">One line with what to do when the system refused our login, else <see langword="null"/>.</param>
    public void RecordFailure(string errorCode, string? refusedLogin)
    {
        if (refusedLogin is not null)
        {
            TokenFailed(errorCode, refusedLogin);
            return;
        }

        RecordNoAnswer(errorCode);
    }

    /// <summary>Records the change-tracking token now in use for an entity.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="issuedAt">When it was issued.</param>
    /// <param name="expiresAt">When it expires.</param>
    public void ChangeToken(string entity, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        lock (_lock)
        {
            _changeTokens[entity] = new ChangeTokenAge(entity, issuedAt, expiresAt);
        }
    }

    /// <summary>Records a push channel created or renewed now, or found still valid (<paramref name="renewed"/> false).</summary>
    /// <param name="name">The channel or subscription id with what it watches.</param>
    /// <param name="expiresAt">When it expires, or <see langword="null"/> when the system does not say.</param>
    /// <param name="renewed">Whether it was created or renewed now (else the last renewal time is kept).</param>
    public void PushChannelRenewed(string name, DateTimeOffset? expiresAt, bool renewed = true)
    {
        lock (_lock)
        {
            var last = renewed ? _time.GetUtcNow() : _channels.GetValueOrDefault(name)?.RenewedAt;
            _channels[name] = new PushChannelState(name, expiresAt, last, null);
        }
    }

    /// <summary>Records a failed create or renew of a push channel (its last known expiry is kept).</summary>
    /// <param name="name">The channel or subscription id with what it watches.</param>
    /// <param name="error">Why (<c>ErrorCode: message</c>).</param>
    public void PushChannelFailed(string name, string error)
    {
        lock (_lock)
        {
            _channels[name] = _channels.TryGetValue(name, out var known) ? known with { Error = error } : new PushChannelState(name, null, null, error);
        }
    }

    /// <summary>Records a change notification the system pushed to us (a webhook call that carried changes).</summary>
    public void NotificationReceived()
    {
        lock (_lock)
        {
            _lastNotification = _time.GetUtcNow();
        }
    }
}

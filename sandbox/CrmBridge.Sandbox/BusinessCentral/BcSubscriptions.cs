using System.Text;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.BusinessCentral;

/// <summary>
/// Webhook subscriptions as BC documents them: create and renew only after the handshake (<c>?validationToken=</c>
/// answered 200 with the token as body), 3-day expiry, at most 200, not for salesShipments. Changes are buffered per
/// subscription and sent <see cref="BusinessCentralSandboxOptions.NotificationDelay"/> after the first one, as one
/// <c>collection</c> notification past <see cref="BusinessCentralSandboxOptions.CollectionThreshold"/> changes. A
/// subscriber answering 408/429/5xx (or unreachable) is retried; any other failure deletes the subscription.
/// </summary>
internal sealed partial class BcSubscriptions : IAsyncDisposable
{
    private const int MaxSubscriptions = 200;
    private static readonly HashSet<string> Subscribable = new(StringComparer.Ordinal) { "customers", "salesOrders", "salesInvoices" };
    private readonly BusinessCentralSandboxOptions _options;
    private readonly Func<Guid, bool> _companyExists;
    private readonly Dictionary<string, BcSubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly CancellationTokenSource _stopping = new();
    private long _delivered;
    private long _handshakes;

    public BcSubscriptions(BusinessCentralSandboxOptions options, Func<Guid, bool> companyExists)
    {
        _options = options;
        _companyExists = companyExists;
    }

    public long Delivered => Interlocked.Read(ref _delivered);

    public long Handshakes => Interlocked.Read(ref _handshakes);

    public List<BcSubscription> All()
    {
        lock (_gate)
        {
            return [.. _subscriptions.Values];
        }
    }

    public async Task<BcResponse> CreateAsync(JsonObject? body, CancellationToken cancellationToken)
    {
        try
        {
            var url = body?["notificationUrl"]?.ToString() is { } u && Uri.TryCreate(u, UriKind.Absolute, out var parsed)
                ? parsed.ToString()
                : throw new BcApiException(400, "BadRequest_RequiredParamNotProvided", "The notificationUrl must be an absolute URL.");
            var resource = body!["resource"]?.ToString() ?? throw new BcApiException(400, "BadRequest_RequiredParamNotProvided", "The resource is required.");
            var (company, entity) = ParseResource(resource);
            var clientState = body["clientState"]?.ToString();
            if (clientState?.Length > 2048)
            {
                throw new BcApiException(400, "Application_StringExceededLength", "The length of the clientState must be less than or equal to 2048 characters.");
            }

            lock (_gate)
            {
                if (_subscriptions.Count >= MaxSubscriptions)
                {
                    throw new BcApiException(400, "Application_DialogException", $"The maximum number of subscriptions ({MaxSubscriptions}) has been reached.");
                }
            }

            await HandshakeAsync(url, cancellationToken).ConfigureAwait(false);
            var now = _options.TimeProvider.GetUtcNow();
            var subscription = new BcSubscription
            {
                Id = Guid.NewGuid().ToString("N"), NotificationUrl = url, Resource = resource, CompanyId = company, Entity = entity, ClientState = clientState,
                Expiration = now + _options.SubscriptionLifetime, Modified = now,
            };
            lock (_gate)
            {
                _subscriptions[subscription.Id] = subscription;
            }

            return new BcResponse(201, subscription.Output());
        }
        catch (BcApiException error)
        {
            return BcResponse.Error(error);
        }
    }

    public async Task<BcResponse> UpdateAsync(string id, string? ifMatch, JsonObject? body, CancellationToken cancellationToken)
    {
        try
        {
            var subscription = Find(id);
            if (string.IsNullOrEmpty(ifMatch))
            {
                throw new BcApiException(400, "BadRequest_InvalidToken", "Could not validate the client concurrency token required by the service. Please provide a valid token in the client request.");
            }

            if (ifMatch != "*" && ifMatch != subscription.ETag)
            {
                throw new BcApiException(409, "Request_EntityChanged", "Another user has already changed the record.");
            }

            var url = body?["notificationUrl"]?.ToString() ?? subscription.NotificationUrl;
            await HandshakeAsync(url, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                var now = _options.TimeProvider.GetUtcNow();
                subscription.NotificationUrl = url;
                subscription.ClientState = body?["clientState"]?.ToString() ?? subscription.ClientState;
                subscription.Expiration = now + _options.SubscriptionLifetime;
                subscription.Modified = now;
                subscription.Version++;
            }

            return new BcResponse(200, subscription.Output());
        }
        catch (BcApiException error)
        {
            return BcResponse.Error(error);
        }
    }

    public BcResponse Get(string? id)
    {
        try
        {
            RemoveExpired();
            if (id is not null)
            {
                return new BcResponse(200, Find(id).Output());
            }

            return new BcResponse(200, new JsonObject { ["value"] = new JsonArray([.. All().Select(s => (JsonNode)s.Output())]) });
        }
        catch (BcApiException error)
        {
            return BcResponse.Error(error);
        }
    }

    public BcResponse Delete(string id)
    {
        lock (_gate)
        {
            return _subscriptions.Remove(id) ? new BcResponse(204, null) : BcResponse.Error(NotFound(id));
        }
    }

    /// <summary>Makes subscriptions expire now (all, or those for one entity), as if three days had passed.</summary>
    public void Expire(string? entity)
    {
        lock (_gate)
        {
            foreach (var s in _subscriptions.Values.Where(s => entity is null || s.Entity == entity))
            {
                s.Expiration = _options.TimeProvider.GetUtcNow().AddSeconds(-1);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _http.Dispose();
        _stopping.Dispose();
    }

    private BcSubscription Find(string id)
    {
        lock (_gate)
        {
            return _subscriptions.TryGetValue(id, out var s) ? s : throw NotFound(id);
        }
    }

    private void RemoveExpired()
    {
        lock (_gate)
        {
            var now = _options.TimeProvider.GetUtcNow();
            foreach (var s in _subscriptions.Values.Where(s => s.Expiration <= now).ToList())
            {
                _subscriptions.Remove(s.Id);
            }
        }
    }

    private static BcApiException NotFound(string id) => new(404, "Internal_RecordNotFound", $"The API Webhook Subscription does not exist. Identification fields and values: Subscription Id='{id}'");

    private (Guid Company, string Entity) ParseResource(string resource)
    {
        var text = resource.TrimStart('/');
        const string prefix = "api/v2.0/companies(";
        var close = text.IndexOf(")/", StringComparison.Ordinal);
        if (!text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || close < 0 || !Guid.TryParse(text[prefix.Length..close], out var company) || !_companyExists(company))
        {
            throw new BcApiException(400, "BadRequest_ResourceNotFound", $"The resource '{resource}' is not valid.");
        }

        var entity = text[(close + 2)..];
        return Subscribable.Contains(entity) ? (company, entity) : throw new BcApiException(400, "BadRequest_ResourceNotFound", $"The entity '{entity}' does not support webhooks.");
    }

    private async Task HandshakeAsync(string url, CancellationToken cancellationToken)
    {
        var token = Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var target = url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "validationToken=" + Uri.EscapeDataString(token);
        try
        {
            using var response = await _http.PostAsync(target, new StringContent(string.Empty, Encoding.UTF8, "text/plain"), cancellationToken).ConfigureAwait(false);
            var text = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim().Trim('"');
            if ((int)response.StatusCode == 200 && text == token)
            {
                Interlocked.Increment(ref _handshakes);
                return;
            }
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        throw new BcApiException(400, "Application_DialogException", "The subscription could not be validated: the notification URL did not answer the validation token.");
    }
}

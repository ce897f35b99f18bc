using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>
/// Keeps one webhook subscription per subscribable entity (<c>POST subscriptions</c>; BC validates the URL with a
/// handshake before it answers 201). Run it from a timer well inside the 3-day expiry: a subscription expiring within
/// <see cref="BusinessCentralOptions.RenewBefore"/> is renewed (<c>PATCH subscriptions('id')</c> with its ETag; another
/// handshake), and one Business Central deleted (the subscriber failed with a non-retryable status) is created again.
/// </summary>
public sealed class BusinessCentralSubscriptionManager
{
    private readonly BusinessCentralHttp _http;
    private readonly BusinessCentralCompany _company;
    private readonly BusinessCentralOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConnectorHealthTracker? _health;

    internal BusinessCentralSubscriptionManager(BusinessCentralConnector connector, BusinessCentralOptions options, TimeProvider time, ILogger<BusinessCentralSubscriptionManager> logger)
    {
        _http = connector.Http;
        _company = connector.Company;
        _health = connector.Health;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Creates missing subscriptions and renews those about to expire. Does nothing without a <see cref="BusinessCentralOptions.NotificationUrl"/>.</summary>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What was done.</returns>
    public async Task<BusinessCentralSubscriptionReport> EnsureAsync(CancellationToken cancellationToken)
    {
        if (_options.NotificationUrl is not { } url)
        {
            return new BusinessCentralSubscriptionReport(0, 0, 0);
        }

        var companyId = await _company.IdAsync(cancellationToken).ConfigureAwait(false);
        var list = await _http.SendAsync(() => BusinessCentralHttp.Json(HttpMethod.Get, Url("subscriptions"), null), cancellationToken).ConfigureAwait(false);
        if (!list.IsSuccess)
        {
            throw _http.Error(list, "subscriptions");
        }

        var existing = (list.Json()?["value"]?.AsArray() ?? []).OfType<JsonObject>().ToList();
        int created = 0, renewed = 0, unchanged = 0;
        foreach (var (set, entity) in _options.Entities)
        {
            if (!entity.Subscribable)
            {
                continue;
            }

            var resource = $"/api/v2.0/companies({companyId})/{set}";
            var body = new JsonObject { ["notificationUrl"] = url.ToString(), ["resource"] = resource, ["clientState"] = _options.ClientState };
            var current = existing.FirstOrDefault(s => string.Equals(s["notificationUrl"]?.ToString(), url.ToString(), StringComparison.OrdinalIgnoreCase)
                && string.Equals(s["resource"]?.ToString()?.TrimStart('/'), resource.TrimStart('/'), StringComparison.OrdinalIgnoreCase));
            if (current is not null && !ExpiresSoon(current))
            {
                _health?.PushChannelRenewed(set, Expiry(current), renewed: false);
                unchanged++;
                continue;
            }

            if (current is not null)
            {
                var id = current["subscriptionId"]!.ToString();
                var patch = await _http.SendAsync(() => BusinessCentralHttp.Json(HttpMethod.Patch, Url($"subscriptions('{id}')"), body, current["@odata.etag"]?.ToString() ?? "*"), cancellationToken).ConfigureAwait(false);
                if (patch.IsSuccess)
                {
                    _health?.PushChannelRenewed(set, Expiry(patch.Json()) ?? Expiry(current));
                    renewed++;
                    BusinessCentralLog.SubscriptionRenewed(_logger, _options.System, set, id);
                    continue;
                }

                if (patch.Status != 404)
                {
                    throw Failed(set, _http.Error(patch, "subscriptions"));
                }
            }

            var post = await _http.SendAsync(() => BusinessCentralHttp.Json(HttpMethod.Post, Url("subscriptions"), body), cancellationToken).ConfigureAwait(false);
            if (!post.IsSuccess)
            {
                throw Failed(set, _http.Error(post, "subscriptions"));
            }

            _health?.PushChannelRenewed(set, Expiry(post.Json()));
            created++;
            BusinessCentralLog.SubscriptionCreated(_logger, _options.System, set, post.Json()?["subscriptionId"]?.ToString() ?? "?");
        }

        return new BusinessCentralSubscriptionReport(created, renewed, unchanged);
    }

    private static DateTimeOffset? Expiry(JsonNode? subscription) =>
        DateTimeOffset.TryParse(subscription?["expirationDateTime"]?.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires) ? expires : null;

    private ConnectorException Failed(string set, ConnectorException error)
    {
        _health?.PushChannelFailed(set, $"{error.ErrorCode}: {error.Message}");
        return error;
    }

    private bool ExpiresSoon(JsonObject subscription) =>
        !DateTimeOffset.TryParse(subscription["expirationDateTime"]?.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires)
        || expires - _options.RenewBefore <= _time.GetUtcNow();

    private Uri Url(string relative) => new(_http.ApiRoot, relative);
}

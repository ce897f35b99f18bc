using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RestSharp;

namespace CrmBridge.Connectors.Zoho;

/// <summary>
/// Keeps Zoho notification channels alive: subscribes one channel per watched entity with <c>actions/watch</c>
/// (events <c>{Module}.all</c>, the configured token and notify URL, an expiry of <see cref="ZohoConnectorOptions.ChannelLifetime"/>),
/// and renews each channel <see cref="ZohoConnectorOptions.RenewBefore"/> ahead of its expiry. Time comes from
/// <see cref="TimeProvider"/>, so renewal is testable with a fake clock. Hosts run <see cref="RunAsync"/> in the background.
/// </summary>
public sealed class ZohoNotificationSubscriber
{
    private static readonly string[] DefaultEntities = ["Accounts", "Sales_Orders", "Cases"];
    private readonly ZohoApiClient _api;
    private readonly ZohoConnectorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly ConnectorHealthTracker? _health;
    private List<ZohoChannel> _channels = [];

    internal ZohoNotificationSubscriber(ZohoApiClient api, TimeProvider time, ILogger<ZohoNotificationSubscriber> logger, ConnectorHealthTracker? health = null)
    {
        _health = health;
        _api = api;
        _options = api.Options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Gets the channels subscribed so far.</summary>
    public IReadOnlyList<ZohoChannel> Channels
    {
        get
        {
            lock (_gate)
            {
                return _channels.ToList();
            }
        }
    }

    /// <summary>Subscribes (or re-subscribes) every watched entity.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The channels.</returns>
    /// <exception cref="InvalidOperationException">When no <see cref="ZohoConnectorOptions.NotifyUrl"/> is configured.</exception>
    public async Task<IReadOnlyList<ZohoChannel>> SubscribeAsync(CancellationToken cancellationToken)
    {
        var notifyUrl = _options.NotifyUrl ?? throw new InvalidOperationException("Connectors:Zoho:NotifyUrl is not configured.");
        var entities = _options.NotificationEntities.Count > 0 ? _options.NotificationEntities : DefaultEntities;
        var wanted = entities.Select((entity, i) => new ZohoChannel(
            (_options.ChannelIdBase + i + 1).ToString(CultureInfo.InvariantCulture), entity,
            ZohoModule.Resolve(_options, entity, _options.System).ApiName, default)).ToList();
        var subscribed = await WatchAsync(Method.Post, wanted, notifyUrl, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _channels = subscribed;
        }

        return subscribed;
    }

    /// <summary>
    /// Lists the channels Zoho has for the organisation (<c>GET actions/watch</c>), not only those this instance subscribed:
    /// what <c>crmbridge zoho register --check</c> prints. No channels is an empty list (Zoho answers 204).
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The channels, ordered by id.</returns>
    public async Task<IReadOnlyList<ZohoSubscription>> ListAsync(CancellationToken cancellationToken)
    {
        var response = await _api.SendAsync(Method.Get, "actions/watch", null, false, cancellationToken).ConfigureAwait(false);
        var result = new List<ZohoSubscription>();
        foreach (var item in (response.Body?["watch"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var expiry = item["channel_expiry"]?.ToString();
            result.Add(new ZohoSubscription(
                item["channel_id"]?.ToString() ?? string.Empty,
                (item["events"] as JsonArray ?? []).Select(e => e?.ToString()).OfType<string>().ToList(),
                expiry is not null && DateTimeOffset.TryParse(expiry, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var e) ? e : null,
                item["notify_url"]?.ToString()));
        }

        return result.OrderBy(c => c.ChannelId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Renews the channels that expire within <see cref="ZohoConnectorOptions.RenewBefore"/>.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many channels were renewed.</returns>
    public async Task<int> RenewDueAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var due = Channels.Where(c => c.Expiry - _options.RenewBefore <= now).ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        var renewed = await WatchAsync(Method.Patch, due, _options.NotifyUrl!, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _channels = _channels.Select(c => renewed.FirstOrDefault(r => r.ChannelId == c.ChannelId) ?? c).ToList();
        }

        return renewed.Count;
    }

    /// <summary>Disables every channel subscribed by this instance.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Zoho confirmed.</returns>
    public async Task UnsubscribeAsync(CancellationToken cancellationToken)
    {
        var ids = string.Join(',', Channels.Select(c => c.ChannelId));
        if (ids.Length > 0)
        {
            await _api.SendAsync(Method.Delete, "actions/watch", r => r.AddQueryParameter("channel_ids", ids), false, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                _channels = [];
            }
        }
    }

    /// <summary>Subscribes, then renews channels before they expire until cancelled; failures are logged and retried at the next check.</summary>
    /// <param name="cancellationToken">Stops the loop.</param>
    /// <returns>A task that completes when cancelled.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                _ = Channels.Count == 0 ? await SubscribeAsync(cancellationToken).ConfigureAwait(false) : null;
                await RenewDueAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ConnectorException ex)
            {
                Log.RenewFailed(_logger, _options.System, ex.ErrorCode);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped while a subscribe/renew call was in flight: a shutdown, not a failure.
                return;
            }

            try
            {
                await Task.Delay(_options.RenewCheckInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<List<ZohoChannel>> WatchAsync(Method method, List<ZohoChannel> channels, Uri notifyUrl, CancellationToken cancellationToken)
    {
        var expiry = DateTimeOffset.FromUnixTimeSeconds((_time.GetUtcNow() + _options.ChannelLifetime).ToUnixTimeSeconds());
        var watch = new JsonArray(channels.Select(c => (JsonNode)new JsonObject
        {
            ["channel_id"] = long.Parse(c.ChannelId, CultureInfo.InvariantCulture),
            ["events"] = new JsonArray($"{c.Module}.all"),
            ["channel_expiry"] = expiry.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture),
            ["token"] = _options.NotificationToken,
            ["notify_url"] = notifyUrl.ToString(),

            // Callbacks then name the changed fields (in affected_values), which is how the receiver tells the bridge's
            // own write-backs from real edits; without it every write-back would come back as a change.
            ["return_affected_field_values"] = true,
        }).ToArray());
        var json = new JsonObject { ["watch"] = watch }.ToJsonString();
        ZohoResponse response;
        try
        {
            response = await _api.SendAsync(method, "actions/watch", r => r.AddStringBody(json, DataFormat.Json), false, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException error)
        {
            foreach (var channel in channels)
            {
                _health?.PushChannelFailed(ChannelName(channel), $"{error.ErrorCode}: {error.Message}");
            }

            throw;
        }

        var answers = response.Body?["watch"] as JsonArray ?? [];
        var result = new List<ZohoChannel>();
        for (var i = 0; i < channels.Count; i++)
        {
            var answer = i < answers.Count ? answers[i] as JsonObject : null;
            if (answer?["status"]?.ToString() != "success")
            {
                _health?.PushChannelFailed(ChannelName(channels[i]), answer?["code"]?.ToString() ?? "MISSING_RESULT");
                throw answer is null
                    ? new ConnectorException(_options.System, ErrorKind.Transient, "MISSING_RESULT", $"{_options.System}: actions/watch returned no result for channel {channels[i].ChannelId}.")
                    : ZohoErrors.ForRecord(_options.System, answer);
            }

            var confirmed = answer["details"]?["events"]?[0]?["channel_expiry"]?.ToString();
            var channel = channels[i] with
            {
                Expiry = confirmed is not null && DateTimeOffset.TryParse(confirmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var e) ? e : expiry,
            };
            Log.ChannelActive(_logger, _options.System, channel.ChannelId, channel.Entity, channel.Expiry);
            _health?.PushChannelRenewed(ChannelName(channel), channel.Expiry);
            result.Add(channel);
        }

        return result;
    }

    private static string ChannelName(ZohoChannel channel) => $"{channel.ChannelId} ({channel.Entity})";
}

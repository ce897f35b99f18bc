using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Sandbox.Zoho;

/// <summary>
/// Notifications: <c>actions/watch</c> POST (enable), PATCH (update/renew), GET (list), DELETE (disable); channels expire
/// (at most one week, one hour when no expiry is given); callbacks are POSTed to loopback notify URLs only, ids batched
/// per write call, with Zoho's body shape.
/// </summary>
public sealed partial class ZohoSandbox
{
    private static readonly TimeSpan MaxChannelLife = TimeSpan.FromDays(7);
    private readonly ConcurrentDictionary<string, ZohoSandboxChannel> _channels = new(StringComparer.Ordinal);
    private readonly Channel<(ZohoSandboxChannel Channel, JsonObject Body)> _deliveries = Channel.CreateUnbounded<(ZohoSandboxChannel, JsonObject)>();
    private readonly HttpClient _callbackClient = new() { Timeout = TimeSpan.FromSeconds(10) };
    private Task? _deliveryLoop;
    private long _callbacksDelivered;
    private long _callbacksQueued;

    /// <summary>Gets the channels currently subscribed (expired ones included until they are replaced or disabled).</summary>
    public IReadOnlyList<ZohoSandboxChannel> Channels => _channels.Values.ToList();

    /// <summary>Gets how many callbacks were queued for delivery (to live channels only).</summary>
    public long CallbacksQueued => Interlocked.Read(ref _callbacksQueued);

    /// <summary>Gets how many callbacks were delivered (any HTTP answer counts).</summary>
    public long CallbacksDelivered => Interlocked.Read(ref _callbacksDelivered);

    private void StartDelivery() => _deliveryLoop = Task.Run(async () =>
    {
        await foreach (var (channel, body) in _deliveries.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
                using var response = await _callbackClient.PostAsync(channel.NotifyUrl, content).ConfigureAwait(false);
                Interlocked.Increment(ref _callbacksDelivered);
            }
            catch (HttpRequestException)
            {
                // Zoho does not retry failed callbacks either; the bridge's polling is the safety net.
            }
            catch (TaskCanceledException)
            {
            }
        }
    });

    private async Task StopDeliveryAsync()
    {
        _deliveries.Writer.TryComplete();
        if (_deliveryLoop is not null)
        {
            await _deliveryLoop.ConfigureAwait(false);
        }

        _callbackClient.Dispose();
    }

    private void Notify(List<ZohoWriteEvent> events)
    {
        if (!_options.DeliverNotifications || events.Count == 0 || _channels.IsEmpty)
        {
            return;
        }

        var now = _time.GetUtcNow();
        foreach (var group in events.GroupBy(e => (e.Module, e.Operation)))
        {
            var verb = group.Key.Operation switch { "insert" => "create", "update" => "edit", _ => "delete" };
            foreach (var channel in _channels.Values.Where(c => c.Expiry > now && c.Events.Any(e => e == $"{group.Key.Module}.all" || e == $"{group.Key.Module}.{verb}")))
            {
                // As Zoho sends them: affected_fields stays empty; the changed fields with their values come in
                // affected_values, and only on channels subscribed with return_affected_field_values.
                var affectedValues = new JsonArray();
                if (group.Key.Operation == "update" && channel.ReturnAffectedFieldValues)
                {
                    foreach (var e in group)
                    {
                        affectedValues.Add(new JsonObject { ["record_id"] = e.Id, ["values"] = e.Values?.DeepClone() ?? new JsonObject() });
                    }
                }

                Interlocked.Increment(ref _callbacksQueued);
                _deliveries.Writer.TryWrite((channel, new JsonObject
                {
                    ["server_time"] = now.ToUnixTimeMilliseconds(),
                    ["query_params"] = new JsonObject(),
                    ["module"] = group.Key.Module,
                    ["resource_uri"] = $"{ApiDomain}/crm/v7/{group.Key.Module}",
                    ["ids"] = new JsonArray(group.Select(e => (JsonNode)e.Id).ToArray()),
                    ["affected_fields"] = new JsonArray(),
                    ["affected_values"] = affectedValues,
                    ["operation"] = group.Key.Operation,
                    ["channel_id"] = channel.ChannelId,
                    ["token"] = channel.Token,
                }));
            }
        }
    }

    private async Task HandleWatchAsync(HttpContext context)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method))
        {
            var list = new JsonArray(_channels.Values.Select(c => (JsonNode)ChannelJson(c)).ToArray());
            await ZohoSandboxJson.WriteAsync(context, 200, new JsonObject { ["watch"] = list }).ConfigureAwait(false);
            return;
        }

        if (HttpMethods.IsDelete(method))
        {
            var ids = context.Request.Query["channel_ids"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
            var results = new JsonArray(ids.Select(id => (JsonNode)(_channels.TryRemove(id, out _)
                ? new JsonObject { ["code"] = "SUCCESS", ["details"] = new JsonObject { ["channel_id"] = id }, ["message"] = "Successfully unsubscribed from actions-watch", ["status"] = "success" }
                : ZohoSandboxJson.Error("INVALID_DATA", "the channel id given seems to be invalid", new JsonObject { ["channel_id"] = id }))).ToArray());
            await ZohoSandboxJson.WriteAsync(context, 200, new JsonObject { ["watch"] = results }).ConfigureAwait(false);
            return;
        }

        var body = await ZohoSandboxJson.ReadObjectAsync(context).ConfigureAwait(false);
        if (body?["watch"] is not JsonArray watch || watch.Count == 0)
        {
            await ZohoSandboxJson.ErrorAsync(context, 400, "INVALID_DATA", "watch array is missing").ConfigureAwait(false);
            return;
        }

        var answers = new JsonArray(watch.Select(w => (JsonNode)Subscribe(w as JsonObject, HttpMethods.IsPatch(method))).ToArray());
        var status = answers.All(a => a?["status"]?.GetValue<string>() == "success") ? 200 : 400;
        await ZohoSandboxJson.WriteAsync(context, status, new JsonObject { ["watch"] = answers }).ConfigureAwait(false);
    }

    private JsonObject Subscribe(JsonObject? item, bool patch)
    {
        var channelId = item?["channel_id"]?.ToString();
        if (channelId is null)
        {
            return ZohoSandboxJson.Error("MANDATORY_NOT_FOUND", "channel_id is mandatory", new JsonObject { ["api_name"] = "channel_id" });
        }

        _channels.TryGetValue(channelId, out var existing);
        if (patch && existing is null)
        {
            return ZohoSandboxJson.Error("INVALID_DATA", "the channel id given seems to be invalid", new JsonObject { ["api_name"] = "channel_id" });
        }

        var events = (item!["events"] as JsonArray)?.Select(e => e?.ToString()).OfType<string>().ToList() ?? existing?.Events.ToList();
        var token = item["token"]?.ToString() ?? existing?.Token;
        var url = item["notify_url"]?.ToString() ?? existing?.NotifyUrl.ToString();
        if (events is not { Count: > 0 } || events.Any(e => !_modules.ContainsKey(e.Split('.')[0])))
        {
            return ZohoSandboxJson.Error("INVALID_DATA", "events are missing or name an invalid module", new JsonObject { ["api_name"] = "events" });
        }

        if (token is { Length: > 50 })
        {
            return ZohoSandboxJson.Error("INVALID_DATA", "token must not exceed 50 characters", new JsonObject { ["api_name"] = "token", ["maximum_length"] = 50 });
        }

        // The emulator only ever calls loopback (real Zoho requires a public https URL).
        if (!Uri.TryCreate(url, UriKind.Absolute, out var notify) || !notify.IsLoopback)
        {
            return ZohoSandboxJson.Error("INVALID_URL_PATTERN", "notify_url must be an absolute loopback URL in the sandbox", new JsonObject { ["api_name"] = "notify_url" });
        }

        var now = _time.GetUtcNow();
        var expiry = item["channel_expiry"]?.ToString() is { } text
            ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var e) ? e : (DateTimeOffset?)null
            : now.AddHours(1);
        if (expiry is null || expiry <= now || expiry > now + MaxChannelLife)
        {
            return ZohoSandboxJson.Error("INVALID_DATA", "channel_expiry must be in the future and within one week", new JsonObject { ["api_name"] = "channel_expiry" });
        }

        var returnValues = item["return_affected_field_values"] is JsonValue r && r.TryGetValue<bool>(out var wanted) ? wanted : existing?.ReturnAffectedFieldValues ?? false;
        var channel = new ZohoSandboxChannel(channelId, events, token, notify, DateTimeOffset.FromUnixTimeSeconds(expiry.Value.ToUnixTimeSeconds()), returnValues);
        _channels[channelId] = channel;
        return new JsonObject
        {
            ["code"] = "SUCCESS",
            ["details"] = new JsonObject { ["events"] = new JsonArray(events.Select(ev => (JsonNode)EventJson(channel, ev)).ToArray()) },
            ["message"] = patch ? "Successfully updated the subscribe details" : "Successfully subscribed for actions-watch of the given module",
            ["status"] = "success",
        };
    }

    private JsonObject EventJson(ZohoSandboxChannel channel, string ev) => new()
    {
        ["channel_expiry"] = FormatTime(channel.Expiry),
        ["resource_uri"] = $"{ApiDomain}/crm/v7/{ev.Split('.')[0]}",
        ["resource_id"] = ev.Split('.')[0],
        ["resource_name"] = ev.Split('.')[0],
        ["channel_id"] = channel.ChannelId,
    };

    private static JsonObject ChannelJson(ZohoSandboxChannel c) => new()
    {
        ["channel_id"] = c.ChannelId,
        ["events"] = new JsonArray(c.Events.Select(e => (JsonNode)e).ToArray()),
        ["channel_expiry"] = FormatTime(c.Expiry),
        ["notify_url"] = c.NotifyUrl.ToString(),
    };
}

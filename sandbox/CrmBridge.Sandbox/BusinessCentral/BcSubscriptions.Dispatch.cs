using System.Text;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.BusinessCentral;

/// <summary>Buffers committed changes per subscription and sends them after the notification delay.</summary>
internal sealed partial class BcSubscriptions
{
    public void Publish(IReadOnlyList<BcChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        RemoveExpired();
        lock (_gate)
        {
            foreach (var change in changes)
            {
                foreach (var s in _subscriptions.Values.Where(s => s.CompanyId == change.CompanyId && s.Entity == change.Entity))
                {
                    s.Buffer.Add(change);
                    if (!s.Scheduled)
                    {
                        s.Scheduled = true;
                        _ = SendLaterAsync(s);
                    }
                }
            }
        }
    }

    private async Task SendLaterAsync(BcSubscription subscription)
    {
        try
        {
            await Task.Delay(_options.NotificationDelay, _options.TimeProvider, _stopping.Token).ConfigureAwait(false);
            List<BcChange> batch;
            lock (_gate)
            {
                batch = [.. subscription.Buffer];
                subscription.Buffer.Clear();
                subscription.Scheduled = false;
                if (!_subscriptions.ContainsKey(subscription.Id) || batch.Count == 0)
                {
                    return;
                }
            }

            var status = await PostAsync(subscription, Payload(subscription, batch)).ConfigureAwait(false);
            if (status is >= 200 and < 300)
            {
                Interlocked.Increment(ref _delivered);
                return;
            }

            lock (_gate)
            {
                if (status is 0 or 408 or 429 or >= 500)
                {
                    // Retried (BC keeps trying for 36 hours); the changes go back in front of newer ones.
                    subscription.Buffer.InsertRange(0, batch);
                    if (!subscription.Scheduled)
                    {
                        subscription.Scheduled = true;
                        _ = SendLaterAsync(subscription);
                    }
                }
                else
                {
                    _subscriptions.Remove(subscription.Id);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The emulator is stopping.
        }
    }

    private JsonObject Payload(BcSubscription s, List<BcChange> batch)
    {
        var prefix = $"api/v2.0/companies({s.CompanyId})/{s.Entity}";
        var items = new JsonArray();
        if (batch.Count > _options.CollectionThreshold)
        {
            var since = batch.Min(c => c.LastModified).AddMilliseconds(-1);
            items.Add(Item(s, $"{prefix}?$filter=lastModifiedDateTime%20gt%20{BcClock.Format(since)}", "collection", batch.Max(c => c.LastModified)));
        }
        else
        {
            // One notification per record: the last change wins, but a record created in this window stays "created".
            foreach (var group in batch.GroupBy(c => c.Id))
            {
                var last = group.Last();
                var type = last.ChangeType == "deleted" ? "deleted" : group.Any(c => c.ChangeType == "created") ? "created" : last.ChangeType;
                items.Add(Item(s, $"{prefix}({last.Id})", type, last.LastModified));
            }
        }

        return new JsonObject { ["value"] = items };
    }

    private static JsonObject Item(BcSubscription s, string resource, string changeType, DateTimeOffset modified) => new()
    {
        ["subscriptionId"] = s.Id, ["clientState"] = s.ClientState ?? string.Empty, ["expirationDateTime"] = BcClock.Format(s.Expiration),
        ["resource"] = resource, ["changeType"] = changeType, ["lastModifiedDateTime"] = BcClock.Format(modified),
    };

    private async Task<int> PostAsync(BcSubscription s, JsonObject payload)
    {
        try
        {
            using var content = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync(s.NotificationUrl, content, _stopping.Token).ConfigureAwait(false);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
        catch (TaskCanceledException) when (!_stopping.IsCancellationRequested)
        {
            return 0;
        }
    }
}

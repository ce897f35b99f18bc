using System.Diagnostics;
using CrmBridge.Connectors.Webhooks;
using CrmBridge.Functions.Http;
using CrmBridge.Functions.Telemetry;
using CrmBridge.Pipeline.Intake;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Queueing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmBridge.Functions.Webhooks;

/// <summary>
/// The shared body of every webhook function: finds the system's <see cref="IWebhookReceiver"/>, lets it authenticate
/// (its own secret, on top of the Functions key the trigger already required) and parse the call, enqueues the accepted
/// changes through <see cref="ChangeIntake"/> and answers at once. No connector call happens here: the sync stage
/// fetches the records, so the sender (Dataverse allows 60 s) always gets its answer within milliseconds.
/// </summary>
public sealed class WebhookHandler
{
    private readonly Dictionary<string, IWebhookReceiver> _receivers;
    private readonly ChangeIntake _intake;
    private readonly RejectedInputGate _rejected;
    private readonly FunctionsOptions _options;
    private readonly ILogger<WebhookHandler> _logger;

    /// <summary>Initializes a new instance of the <see cref="WebhookHandler"/> class.</summary>
    /// <param name="receivers">Every registered receiver (one per system; the connectors' Add… extensions register them).</param>
    /// <param name="intake">The intake that enqueues envelopes.</param>
    /// <param name="rejected">Counts authenticated but malformed calls (400) and keeps them, within limits, as dead letters.</param>
    /// <param name="options">The app options.</param>
    /// <param name="logger">The logger.</param>
    public WebhookHandler(IEnumerable<IWebhookReceiver> receivers, ChangeIntake intake, RejectedInputGate rejected, IOptions<FunctionsOptions> options, ILogger<WebhookHandler> logger)
    {
        _receivers = new Dictionary<string, IWebhookReceiver>(StringComparer.OrdinalIgnoreCase);
        foreach (var receiver in receivers)
        {
            _receivers.TryAdd(receiver.System, receiver);
        }

        _intake = intake;
        _rejected = rejected;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Gets the systems that have a receiver.</summary>
    public IReadOnlyCollection<string> Systems => _receivers.Keys;

    /// <summary>Handles one webhook call for <paramref name="system"/>.</summary>
    /// <param name="system">The system whose receiver handles the call.</param>
    /// <param name="request">The HTTP request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>202 with the number enqueued, or 400/401/404/413/503 with <c>{"error": "..."}</c>.</returns>
    public async Task<IActionResult> HandleAsync(string system, HttpRequest request, CancellationToken cancellationToken)
    {
        if (!_receivers.TryGetValue(system, out var receiver))
        {
            FunctionsLog.WebhookNoReceiver(_logger, system);
            return ApiResults.Error(StatusCodes.Status404NotFound, $"No webhook receiver is configured for system '{system}'.");
        }

        var webhook = await WebhookRequestReader.ReadAsync(request, _options.MaxWebhookBodyBytes, cancellationToken).ConfigureAwait(false);
        if (webhook is null)
        {
            FunctionsLog.WebhookRejected(_logger, system, StatusCodes.Status413PayloadTooLarge);
            return ApiResults.Error(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {_options.MaxWebhookBodyBytes} bytes ({FunctionsOptions.SectionName}:MaxWebhookBodyBytes).");
        }

        var result = receiver.Receive(webhook);
        if (result.StatusCode == StatusCodes.Status400BadRequest)
        {
            // Malformed: a receiver answers 400 only after the system's own secret matched (401s are never stored), on top
            // of the Functions key. The gate counts every such call and keeps it, capped and rate-limited, with secrets
            // removed (KeptBody), as a dead letter with the reason.
            var correlation = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
            await _rejected.RecordAsync(system, EnvelopeOrigins.Webhook, result.Error ?? "malformed body", result.KeptBody ?? System.Text.Encoding.UTF8.GetString(webhook.Body.Span), correlation, cancellationToken).ConfigureAwait(false);
        }

        if (result.StatusCode >= 400)
        {
            FunctionsLog.WebhookRejected(_logger, system, result.StatusCode);
            return ApiResults.Error(result.StatusCode, result.Error ?? "The webhook call was rejected.");
        }

        if (result.ResponseText is { } text)
        {
            // A validation handshake (Business Central on subscribe and renewal): the token goes back as a plain-text body.
            FunctionsLog.WebhookIgnored(_logger, system, result.IgnoredReason ?? "handshake");
            return new ContentResult { StatusCode = result.StatusCode, Content = text, ContentType = "text/plain; charset=utf-8" };
        }

        // One correlation id per call when the sender gave none: it follows every envelope of the call into the logs.
        var fallbackCorrelationId = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
        var enqueued = 0;
        foreach (var notification in result.Notifications)
        {
            var correlationId = notification.CorrelationId ?? fallbackCorrelationId;
            CorrelationTelemetry.Tag(Activity.Current, system, notification.Entity, correlationId);
            try
            {
                enqueued += await _intake.EnqueueAsync(system, notification.Entity, notification.Changes, EnvelopeOrigins.Webhook, correlationId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Host boundary: the queue is unreachable. 503 makes the sender retry (Dataverse retries 502/503/504);
                // an envelope enqueued before the failure is harmless when the retry enqueues it again (the ledger dedupes).
                FunctionsLog.WebhookEnqueueFailed(_logger, system, notification.Entity, correlationId, ex);
                return ApiResults.Error(StatusCodes.Status503ServiceUnavailable, "The change queue is unavailable; retry later.");
            }

            FunctionsLog.WebhookAccepted(_logger, system, notification.Entity, notification.Changes.Count, correlationId);
        }

        if (result.IgnoredReason is not null)
        {
            FunctionsLog.WebhookIgnored(_logger, system, result.IgnoredReason);
        }

        return ApiResults.Json(result.StatusCode, new WebhookResponse(enqueued, fallbackCorrelationId, result.IgnoredReason));
    }
}

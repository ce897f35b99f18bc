using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CrmBridge.Connectors.Json;
using Microsoft.Extensions.Logging;
using CrmBridge.Connectors.Entra;

namespace CrmBridge.Connectors.BusinessCentral;

/// <summary>
/// Sends API requests through a factory-made HttpClient: the client-side limits (5 concurrent, 6,000 per 5-minute
/// window), the bearer token with one refresh on 401, a few inline retries of 429/502/503/504 with backoff (Retry-After
/// when given), and network failures as transient <see cref="ConnectorException"/>s.
/// </summary>
internal sealed class BusinessCentralHttp
{
    private readonly Func<HttpClient> _client;
    private readonly EntraTokenCache _tokens;
    private readonly BusinessCentralOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _concurrency;

    public BusinessCentralHttp(Func<HttpClient> client, EntraTokenCache tokens, BusinessCentralOptions options, TimeProvider time, ILogger logger)
    {
        _client = client;
        _tokens = tokens;
        _options = options;
        _time = time;
        _logger = logger;
        _concurrency = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        Window = new RequestWindowLimiter(options.RequestsPerWindow, options.RequestWindow, time);
        var root = options.ApiUrl!.ToString();
        ApiRoot = new Uri(root.EndsWith('/') ? root : root + "/");
    }

    public Uri ApiRoot { get; }

    public RequestWindowLimiter Window { get; }

    public static HttpRequestMessage Json(HttpMethod method, Uri url, JsonNode? body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = SegmentedContent.Json(body);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    public async Task<ConnectorReply> SendAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        var refreshed = false;
        for (var attempt = 0; ; attempt++)
        {
            var reply = await SendOnceAsync(build, cancellationToken).ConfigureAwait(false);
            if (reply.Status == 401 && !refreshed)
            {
                refreshed = true;
                BusinessCentralLog.TokenRejected(_logger, _options.System);
                continue;
            }

            if (reply.Status == 401)
            {
                throw new ConnectorException(_options.System, ErrorKind.Permanent, "UNAUTHORIZED",
                    $"{_options.System}: the API answered 401 after a token refresh: is the app on the 'Microsoft Entra applications' page, enabled, with permission sets?", 401);
            }

            if (reply.Status is 429 or 502 or 503 or 504 && attempt < _options.MaxRetries)
            {
                var wait = reply.RetryAfter ?? TimeSpan.FromTicks(_options.RetryBaseDelay.Ticks << attempt);
                if (wait <= _options.MaxInlineWait)
                {
                    BusinessCentralLog.Backoff(_logger, _options.System, reply.Status, wait, attempt + 1);
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }

            return reply;
        }
    }

    public ConnectorException Error(ConnectorReply reply, string entity)
    {
        var error = BusinessCentralErrors.From(_options.System, reply.Status, reply.Body, reply.RetryAfter, _options.ThrottleBackoff);
        if (error.Kind == ErrorKind.Throttled)
        {
            BusinessCentralLog.Throttled(_logger, _options.System, entity, error.ErrorCode, error.RetryAfter);
        }

        return error;
    }

    private async Task<ConnectorReply> SendOnceAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        await _concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Window.WaitAsync(cancellationToken).ConfigureAwait(false);
            var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            using var request = build();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.ParseAdd("application/json");
            using var buffered = await SendCoreAsync(request, cancellationToken).ConfigureAwait(false);
            var response = buffered.Message;
            if ((int)response.StatusCode == 401)
            {
                _tokens.Invalidate(token);
            }

            var body = buffered.Body.WrittenSequence;
            var headers = response.Headers.Concat(response.Content.Headers)
                .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            return new ConnectorReply((int)response.StatusCode, headers, body, ConnectorErrors.ParseRetryAfter(response.Headers.RetryAfter, _time.GetUtcNow()));
        }
        finally
        {
            _concurrency.Release();
        }
    }

    private async Task<BufferedResponse> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            // The body is read in 64 KB segments (BufferedResponse): a page of 20,000 entities makes no large-object-heap copy.
            return await BufferedResponse.SendAsync(_client(), request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException error)
        {
            throw ConnectorErrors.FromNetwork(_options.System, error);
        }
        catch (TaskCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw ConnectorErrors.FromNetwork(_options.System, error);
        }
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using CrmBridge.Connectors;
using Xunit;

namespace CrmBridge.Pipeline.Tests.ConnectorBodies;

/// <summary><see cref="BufferedResponse"/> against a raw HTTP/1.1 server on loopback that answers as told.</summary>
public sealed class BufferedResponseTests
{
    [Fact]
    public async Task SendAsync_ChunkedBody_ReadWholeWithStatusAndHeaders()
    {
        var body = string.Concat(Enumerable.Repeat("{\"a\":1},", 20_000));
        await using var server = await RawServer.StartAsync(async stream =>
        {
            await WriteAsync(stream, "HTTP/1.1 207 Multi-Status\r\nContent-Type: application/json\r\nX-Probe: yes\r\nTransfer-Encoding: chunked\r\n\r\n");
            foreach (var chunk in body.Chunk(7_000))
            {
                await WriteAsync(stream, $"{chunk.Length:X}\r\n{new string(chunk)}\r\n");
            }

            await WriteAsync(stream, "0\r\n\r\n");
        });
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        using var response = await BufferedResponse.SendAsync(client, new HttpRequestMessage(HttpMethod.Get, server.Url), CancellationToken.None);

        Assert.Equal((HttpStatusCode)207, response.Message.StatusCode);
        Assert.Equal("yes", response.Message.Headers.GetValues("X-Probe").Single());
        Assert.Equal(body, Encoding.UTF8.GetString(response.Body.WrittenSequence));
    }

    [Fact]
    public async Task SendAsync_BodyStallsPastTheTimeout_TaskCanceledWithTimeoutInside()
    {
        await using var server = await StallingServerAsync();
        using var client = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };

        var error = await Assert.ThrowsAsync<TaskCanceledException>(() => BufferedResponse.SendAsync(client, new HttpRequestMessage(HttpMethod.Get, server.Url), CancellationToken.None));

        Assert.IsType<TimeoutException>(error.InnerException);
    }

    [Fact]
    public async Task SendAsync_ConnectionDropsMidBody_HttpRequestException()
    {
        await using var server = await RawServer.StartAsync(stream => WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{\"cut\":"));
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        await Assert.ThrowsAsync<HttpRequestException>(() => BufferedResponse.SendAsync(client, new HttpRequestMessage(HttpMethod.Get, server.Url), CancellationToken.None));
    }

    [Fact]
    public async Task SendAsync_CallerCancels_OperationCanceledWithoutTimeout()
    {
        await using var server = await StallingServerAsync();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => BufferedResponse.SendAsync(client, new HttpRequestMessage(HttpMethod.Get, server.Url), cancel.Token));

        Assert.IsNotType<TimeoutException>(error.InnerException);
    }

    /// <summary>Answers headers and the start of a 100-byte body, then sends nothing more.</summary>
    private static Task<RawServer> StallingServerAsync() => RawServer.StartAsync(async stream =>
    {
        await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"partial\":");
        await Task.Delay(TimeSpan.FromSeconds(30));
    });

    private static Task WriteAsync(Stream stream, string text) => stream.WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask();

    /// <summary>Accepts one connection, reads the request head, answers with <c>answer</c>, then closes.</summary>
    private sealed class RawServer : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly Task _serving;

        private RawServer(TcpListener listener, Func<Stream, Task> answer)
        {
            _listener = listener;
            _serving = Task.Run(async () =>
            {
                using var socket = await listener.AcceptTcpClientAsync();
                var stream = socket.GetStream();
                var head = new StringBuilder();
                var one = new byte[1];
                while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one) > 0)
                {
                    head.Append((char)one[0]);
                }

                try
                {
                    await answer(stream);
                }
                catch (IOException)
                {
                    // The client gave up (timeout, cancellation) first.
                }
            });
        }

        public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/page");

        public static Task<RawServer> StartAsync(Func<Stream, Task> answer)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return Task.FromResult(new RawServer(listener, answer));
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            await Task.WhenAny(_serving, Task.Delay(TimeSpan.FromSeconds(1)));
        }
    }
}

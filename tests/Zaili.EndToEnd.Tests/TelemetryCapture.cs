using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Zaili.EndToEnd.Tests;

/// <summary>
/// An OTLP/HTTP receiver for the services of the test platform: it keeps every export (traces, logs, metrics)
/// as it arrived, so a test can search what the platform would have sent to the dashboard. OTLP protobuf
/// carries strings as plain UTF-8, so a value that reached a span, a log record or an attribute is found
/// in the raw bytes.
/// </summary>
public sealed class TelemetryCapture : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Signal, byte[] Body)> _exports = new();
    private readonly Task _loop;

    public TelemetryCapture()
    {
        Endpoint = $"http://127.0.0.1:{FreePort()}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _loop = Task.Run(ReceiveAsync);
    }

    public string Endpoint { get; }

    public int Exports => _exports.Count;

    public string Describe() => string.Join(", ", _exports.GroupBy(e => e.Signal).Select(g => $"{g.Key}: {g.Count()} ({g.Sum(e => e.Body.Length)} bytes)"));

    /// <summary>Which signals (traces, logs, metrics) contain <paramref name="value"/> in any export so far.</summary>
    public IReadOnlyList<string> SignalsContaining(string value)
    {
        var needle = Encoding.UTF8.GetBytes(value);
        return _exports.Where(e => e.Body.AsSpan().IndexOf(needle) >= 0).Select(e => e.Signal).Distinct().ToList();
    }

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            _exports.Enqueue((context.Request.Url?.AbsolutePath.TrimStart('/') ?? "", body.ToArray()));
            // An empty ExportTrace/Logs/MetricsServiceResponse: everything accepted.
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(false);
    }
}

using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Zaili.AppHost.Infrastructure;

/// <summary>
/// Health checks that speak each server's protocol. A bare TCP connect is not enough: a proxy in front
/// of a port accepts connections before the server behind it listens, and WaitFor would not wait.
/// </summary>
internal static class ProtocolHealthChecks
{
    public static async Task<HealthCheckResult> PostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException or SocketException or TimeoutException or IOException)
        {
            return HealthCheckResult.Unhealthy(exception.Message);
        }
    }

    /// <summary>Sends the AMQP 0-9-1 protocol header and expects a method frame (connection.start) back.</summary>
    public static async Task<HealthCheckResult> AmqpAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            await using var stream = client.GetStream();
            await stream.WriteAsync("AMQP\0\0\u0009\u0001"u8.ToArray(), timeout.Token);
            var frameType = new byte[1];
            var read = await stream.ReadAsync(frameType, timeout.Token);
            const byte methodFrame = 1;
            return read == 1 && frameType[0] == methodFrame
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The broker did not answer the AMQP header with connection.start");
        }
        catch (Exception exception) when (exception is SocketException or IOException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(exception.Message);
        }
    }

    // One client for every probe: a new handler per probe would leave a socket in TIME_WAIT ten times a second.
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        Timeout = TimeSpan.FromSeconds(3),
    };

    /// <summary>A 200 from <paramref name="address"/>: what Aspire's HTTP health check asks of a project.</summary>
    public static async Task<HealthCheckResult> HttpOkAsync(Uri address, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Http.GetAsync(address, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return response.StatusCode == System.Net.HttpStatusCode.OK
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{address} answered {(int)response.StatusCode}");
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HealthCheckResult.Unhealthy(exception.Message);
        }
    }

    public static async Task<HealthCheckResult> TcpListeningAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (SocketException exception)
        {
            return HealthCheckResult.Unhealthy(exception.Message);
        }
    }
}

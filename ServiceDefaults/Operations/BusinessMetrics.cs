using System.Diagnostics.Metrics;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Zaili.ServiceDefaults.Operations;

/// <summary>
/// A business gauge: what the town's work looks like right now (open cases, decisions due), counted by a
/// SQL query whose <c>value</c> column is the measurement and whose other columns are its attributes.
/// Attributes must have few values (a level, a status), never ids or names.
/// </summary>
public sealed record BusinessGauge(string Name, string Unit, string Description, string Sql);

/// <summary>A gauge counted from somewhere other than the service's database, such as the broker.</summary>
public interface IGaugeSource
{
    string Name { get; }
    string Unit { get; }
    string Description { get; }
    Task<IReadOnlyList<Measurement<double>>> MeasureAsync(CancellationToken cancellationToken);
}

public sealed class BusinessMetricsOptions
{
    /// <summary>How often the gauges are counted; the dashboard shows the last count.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// Counts every business gauge of the service on a schedule and serves the last counts to OpenTelemetry,
/// so exporting metrics never waits on the database. Gauges are instruments of the platform meter.
/// </summary>
public sealed class BusinessMetrics : BackgroundService
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly IReadOnlyList<BusinessGauge> _gauges;
    private readonly IReadOnlyList<IGaugeSource> _sources;
    private readonly IOptions<BusinessMetricsOptions> _options;
    private readonly ILogger<BusinessMetrics> _logger;
    private volatile IReadOnlyDictionary<string, IReadOnlyList<Measurement<double>>> _last = new Dictionary<string, IReadOnlyList<Measurement<double>>>();

    public BusinessMetrics(
        NpgsqlDataSource dataSource,
        IEnumerable<BusinessGauge> gauges,
        IEnumerable<IGaugeSource> sources,
        IOptions<BusinessMetricsOptions> options,
        ILogger<BusinessMetrics> logger)
    {
        _dataSource = dataSource;
        _gauges = gauges.ToList();
        _sources = sources.ToList();
        _options = options;
        _logger = logger;
        foreach (var gauge in _gauges)
        {
            PlatformTelemetry.Meter.CreateObservableGauge(gauge.Name, () => Observe(gauge.Name), gauge.Unit, gauge.Description);
        }
        foreach (var source in _sources)
        {
            PlatformTelemetry.Meter.CreateObservableGauge(source.Name, () => Observe(source.Name), source.Unit, source.Description);
        }
    }

    private IEnumerable<Measurement<double>> Observe(string name) => _last.TryGetValue(name, out var measurements) ? measurements : [];

    /// <summary>The last counts, by gauge name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Measurement<double>>> Last => _last;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                _logger.LogWarning("Business metrics could not be counted: {Message}", exception.Message);
            }
            try
            {
                await Task.Delay(_options.Value.SampleInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task SampleAsync(CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, IReadOnlyList<Measurement<double>>>();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var gauge in _gauges)
        {
            var rows = await connection.QueryAsync(new CommandDefinition(gauge.Sql, cancellationToken: cancellationToken));
            counts[gauge.Name] = rows.Cast<IDictionary<string, object?>>()
                .Select(row => new Measurement<double>(
                    Convert.ToDouble(row["value"] ?? 0, System.Globalization.CultureInfo.InvariantCulture),
                    row.Where(column => column.Key != "value").Select(column => new KeyValuePair<string, object?>(column.Key, column.Value?.ToString()))))
                .ToList();
        }
        foreach (var source in _sources)
        {
            try
            {
                counts[source.Name] = await source.MeasureAsync(cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The database's gauges still count while the broker is away; this one keeps its last value.
                _logger.LogWarning("Gauge {Gauge} could not be counted: {Message}", source.Name, exception.Message);
                if (_last.TryGetValue(source.Name, out var previous))
                {
                    counts[source.Name] = previous;
                }
            }
        }
        _last = counts;
    }
}

public static class BusinessMetricsRegistration
{
    /// <summary>The gauges every service has: its outbox backlog and how long the oldest event has waited.</summary>
    public static readonly BusinessGauge[] PlatformGauges =
    [
        new("zaili.outbox.pending", "{message}", "Committed events not yet published to the broker",
            "SELECT count(*) AS value FROM outbox_messages WHERE published_at IS NULL"),
        new("zaili.outbox.oldest_age", "s", "Seconds the oldest unpublished event has waited",
            "SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) AS value FROM outbox_messages WHERE published_at IS NULL"),
        new("zaili.inbox.applied", "{message}", "Messages applied by the service's consumers, by event type",
            "SELECT message_type AS \"messaging.message.type\", count(*) AS value FROM inbox_messages GROUP BY message_type"),
        new("zaili.inbox.absorbed", "{message}", "Redelivered or republished messages the inbox absorbed since the start, by event type (kept in the inbox table)",
            "SELECT message_type AS \"messaging.message.type\", sum(duplicates) AS value FROM inbox_messages WHERE duplicates > 0 GROUP BY message_type"),
    ];

    public static IServiceCollection AddBusinessGauges(this IServiceCollection services, params BusinessGauge[] gauges)
    {
        foreach (var gauge in gauges)
        {
            services.AddSingleton(gauge);
        }
        return services;
    }
}

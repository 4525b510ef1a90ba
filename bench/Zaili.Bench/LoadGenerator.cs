using System.Collections.Concurrent;
using System.Diagnostics;

namespace Zaili.Bench;

/// <summary>
/// An open-loop load generator: request i is due at i/rate seconds, whether or not earlier ones have
/// answered, and its latency counts from when it was due (no coordinated omission).
/// </summary>
public static class LoadGenerator
{
    public sealed record Result(int Sent, int Succeeded, double AchievedRate, double P50Ms, double P99Ms, double MaxMs);

    public static async Task<Result> RunAsync(double rate, TimeSpan duration, Func<int, Task<bool>> request)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var latencies = new ConcurrentBag<double>();
        var succeeded = 0;
        var inFlight = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = i / rate;
            var wait = due - clock.Elapsed.TotalSeconds;
            if (wait > 0.002)
            {
                await Task.Delay(TimeSpan.FromSeconds(wait));
            }
            var index = i;
            inFlight.Add(Task.Run(async () =>
            {
                bool ok;
                try
                {
                    ok = await request(index);
                }
                catch (Exception)
                {
                    ok = false;
                }
                latencies.Add((clock.Elapsed.TotalSeconds - due) * 1000);
                if (ok)
                {
                    Interlocked.Increment(ref succeeded);
                }
            }));
        }
        var sendingTook = clock.Elapsed.TotalSeconds;
        await Task.WhenAll(inFlight);
        var sorted = latencies.Order().ToArray();
        return new Result(total, succeeded, total / sendingTook, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.LastOrDefault());
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

using System.Threading.Channels;

namespace Zaili.ServiceDefaults.Messaging;

/// <summary>
/// Wakes a background loop that otherwise sweeps at an interval. Pulses coalesce: however many arrive while
/// the loop works, it makes one more pass, and none is lost between its last look and its next wait.
/// </summary>
public class WakeUpSignal
{
    private readonly Channel<bool> _pulses = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Pulse() => _pulses.Writer.TryWrite(true);

    /// <summary>True when a pulse came, false when <paramref name="sweepInterval"/> passed without one.</summary>
    public async Task<bool> WaitAsync(TimeSpan sweepInterval, CancellationToken stoppingToken)
    {
        using var sweep = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        sweep.CancelAfter(sweepInterval);
        try
        {
            await _pulses.Reader.ReadAsync(sweep.Token);
            return true;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }
}

namespace Zaili.Testing;

/// <summary>Waits, with a deadline, for an asynchronous effect (an event crossing services) to show.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last;
        do
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }
            await Task.Delay(150);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"Not within {timeout.TotalSeconds:0} s: {what}. Last seen: {last}");
    }
}

namespace Zaili.Testing;

/// <summary>
/// One whole platform at a time on this machine: the end-to-end and reliability assemblies each start
/// one, and two at once on two cores would make both slow and their timings meaningless. The lock is a
/// file held open exclusively; the operating system releases it if the test process dies.
/// </summary>
public sealed class PlatformLock : IDisposable
{
    private static readonly string LockPath = Path.Combine(Path.GetTempPath(), "zaili-platform-tests.lock");
    private readonly FileStream _file;

    private PlatformLock(FileStream file) => _file = file;

    public static async Task<PlatformLock> AcquireAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new PlatformLock(new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}

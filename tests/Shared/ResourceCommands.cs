using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Zaili.Testing;

/// <summary>
/// A resource command as an operator runs it from the dashboard, with a deadline: the orchestrator's stop or
/// start waits for the process, and one that never ends would hold the whole test run without a word.
/// </summary>
public static class ResourceCommands
{
    /// <summary>Far above the seconds a stop, a start or a backup takes here.</summary>
    public static readonly TimeSpan Within = TimeSpan.FromMinutes(3);

    public static async Task<ExecuteCommandResult> ExecuteAsync(DistributedApplication app, string resourceName, string command, CancellationToken cancellationToken)
    {
        try
        {
            return await app.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resourceName, command, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{command} on {resourceName} did not complete");
        }
    }
}

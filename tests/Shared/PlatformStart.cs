using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace Zaili.Testing;

/// <summary>
/// The gateway no longer waits for the services (a request for a service that is not up yet waits for it), so a
/// healthy gateway says nothing about the rest: tests wait for every project to be healthy.
/// </summary>
public static class PlatformStart
{
    public static async Task WaitForEveryProjectHealthyAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        var projects = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>();
        await Task.WhenAll(projects.Select(project => app.ResourceNotifications.WaitForResourceHealthyAsync(project.Name, cancellationToken)));
    }
}

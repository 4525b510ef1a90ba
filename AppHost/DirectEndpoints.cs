using Microsoft.Extensions.Configuration;
using Zaili.AppHost.Infrastructure;

namespace Zaili.AppHost;

/// <summary>
/// By default the orchestrator (DCP) puts a TCP proxy in front of every endpoint, so that it can balance
/// replicas and hold connections until a process listens. Every request then crosses it: at 4,300 requests/s
/// to governance it took 24 % of a core, and reaching governance directly gave 6,400 requests/s instead of
/// 4,300 and a p50 of 0.57–0.65 ms instead of 0.85–1.49 ms (ADR 0016). A process that runs once has nothing to
/// balance, so it listens on its own port; replicas keep the proxy, which shares the port among them.
/// </summary>
internal static class DirectEndpoints
{
    /// <summary>
    /// Set by the tests: each direct endpoint takes a free port instead of its launch-profile one (5080,
    /// 5101–5107), so a test platform starts whatever else holds those ports.
    /// </summary>
    public const string FreePortsKey = "Zaili:FreePorts";

    public static IResourceBuilder<ProjectResource> ListenDirectlyUnlessReplicated(this IResourceBuilder<ProjectResource> project, int replicas)
    {
        if (replicas > 1)
        {
            return project;
        }
        var freePort = project.ApplicationBuilder.Configuration.GetValue<bool>(FreePortsKey);
        return project.WithEndpoint("http", endpoint =>
        {
            endpoint.IsProxied = false;
            if (freePort)
            {
                endpoint.Port = endpoint.TargetPort = HostTools.FreeLoopbackPort();
            }
        });
    }
}

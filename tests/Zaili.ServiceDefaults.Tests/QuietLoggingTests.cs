using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Zaili.ServiceDefaults.Tests;

/// <summary>
/// Categories that log once per request or per database command stay at Warning unless configuration says
/// otherwise: at Information they wrote gigabytes under load, and the identity service logged the SQL of every
/// sign-in.
/// </summary>
public sealed class QuietLoggingTests
{
    [Theory]
    [InlineData("Microsoft.AspNetCore.Hosting.Diagnostics")]
    [InlineData("Npgsql.Command")]
    [InlineData("Microsoft.EntityFrameworkCore.Database.Command")]
    [InlineData("MassTransit.ReceiveTransport")]
    public void Per_request_and_per_command_categories_log_warnings_only(string category)
    {
        Assert.False(IsEnabled(category, LogLevel.Information));
        Assert.True(IsEnabled(category, LogLevel.Warning));
    }

    [Fact]
    public void The_platforms_own_categories_log_information() =>
        Assert.True(IsEnabled("Zaili.Identity.IdentitySeeder", LogLevel.Information));

    [Fact]
    public void Configuration_can_turn_a_quiet_category_up_again() =>
        Assert.True(IsEnabled("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information,
            ("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Information")));

    private static bool IsEnabled(string category, LogLevel level, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value)));
        builder.AddServiceDefaults();
        using var host = builder.Build();
        return host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category).IsEnabled(level);
    }
}

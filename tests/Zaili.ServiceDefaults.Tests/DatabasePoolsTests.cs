using Microsoft.Extensions.Configuration;
using Npgsql;
using Zaili.ServiceDefaults.Data;

namespace Zaili.ServiceDefaults.Tests;

public sealed class DatabasePoolsTests
{
    [Fact]
    public void A_service_holds_twenty_connections_and_prepares_its_repeated_statements_unless_configured_otherwise()
    {
        var pools = DatabasePools.From(Configuration());
        var connection = new NpgsqlConnectionStringBuilder("Host=localhost;Database=mediation-db");

        pools.Apply(connection, pools.MaxPoolSize);

        Assert.Equal(20, connection.MaxPoolSize);
        Assert.Equal(64, connection.MaxAutoPrepare);
        Assert.Equal(2, connection.AutoPrepareMinUsages);
        Assert.True(connection.NoResetOnClose);
    }

    [Fact]
    public void Configuration_sets_the_pool_and_can_turn_preparing_off()
    {
        var pools = DatabasePools.From(Configuration(("Database:MaxPoolSize", "8"), ("Database:MaxAutoPrepare", "0")));
        var relay = new NpgsqlConnectionStringBuilder();

        pools.Apply(relay, 4);

        Assert.Equal(8, pools.MaxPoolSize);
        Assert.Equal(4, relay.MaxPoolSize);
        Assert.Equal(0, relay.MaxAutoPrepare);
    }

    [Theory]
    [InlineData("Database:MaxPoolSize", "1")]
    [InlineData("Database:MaxPoolSize", "1000")]
    [InlineData("Database:MaxAutoPrepare", "-1")]
    public void A_setting_out_of_its_range_stops_the_service_at_start(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DatabasePools.From(Configuration((key, value))));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}

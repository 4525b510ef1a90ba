using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Zaili.ServiceDefaults.Data;

/// <summary>
/// How a service process uses its PostgreSQL connections (section <c>Database</c>; ADR 0012): how many it may
/// hold, and which statements it prepares.
/// </summary>
public sealed record DatabasePools(int MaxPoolSize, int MaxAutoPrepare)
{
    /// <summary>
    /// Twenty, not Npgsql's hundred: two cores run no more than a few statements at once, and a hundred connections a
    /// process, times every process and replica, ran the cluster out of its <c>max_connections</c> when all of them
    /// came back together after a restart. A request or consume beyond the twentieth waits for a connection in
    /// the process, where waiting is cheap, instead of in the cluster.
    /// </summary>
    public const int DefaultMaxPoolSize = 20;

    /// <summary>
    /// The hot path is a few dozen distinct statements per service: preparing them spares PostgreSQL parsing and
    /// planning each one on every call, about a third of its CPU per dispute report.
    /// </summary>
    public const int DefaultMaxAutoPrepare = 64;

    public static DatabasePools From(IConfiguration configuration)
    {
        var pools = new DatabasePools(
            configuration.GetValue("Database:MaxPoolSize", DefaultMaxPoolSize),
            configuration.GetValue("Database:MaxAutoPrepare", DefaultMaxAutoPrepare));
        if (pools.MaxPoolSize is < 2 or > 200)
        {
            throw new InvalidOperationException($"Database:MaxPoolSize must be 2 to 200, not {pools.MaxPoolSize}");
        }
        if (pools.MaxAutoPrepare is < 0 or > 256)
        {
            throw new InvalidOperationException($"Database:MaxAutoPrepare must be 0 (off) to 256, not {pools.MaxAutoPrepare}");
        }
        return pools;
    }

    public void Apply(NpgsqlConnectionStringBuilder connection, int maxPoolSize)
    {
        connection.MaxPoolSize = maxPoolSize;
        // No reset on close: a pooled connection is otherwise reset with DISCARD ALL on its next use, one more
        // statement for PostgreSQL on every open, which would also drop the prepared statements. The services
        // leave no session state behind (no SET, LISTEN or temp tables; session advisory locks are released in
        // finally blocks).
        connection.NoResetOnClose = true;
        connection.MaxAutoPrepare = MaxAutoPrepare;
        connection.AutoPrepareMinUsages = 2;
    }
}

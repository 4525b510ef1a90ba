using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Zaili.Identity.Data;

/// <summary>A member of the town's staff who signs in to the console.</summary>
public sealed class StaffAccount : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>司法所, 综治中心, 安环办, …: whose work this account does.</summary>
    public string? Department { get; set; }

    /// <summary>Division codes of the villages a counsel or village official serves.</summary>
    public List<string> Villages { get; set; } = [];

    /// <summary>The ten-household group of a 十户长.</summary>
    public string? HouseholdGroup { get; set; }

    /// <summary>The mediation node of a mediator (cases of that node and below).</summary>
    public string? MediationNode { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public bool Disabled { get; set; }
}

/// <summary>
/// Accounts (ASP.NET Core Identity) and OpenIddict's applications, authorizations, scopes and tokens. The
/// schema is the SQL migration beside this file; a unit test keeps it equal to this model.
/// </summary>
public sealed class IdentityDb(DbContextOptions<IdentityDb> options) : IdentityDbContext<StaffAccount>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
    }
}

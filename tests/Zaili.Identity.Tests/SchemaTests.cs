using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Zaili.Identity.Data;

namespace Zaili.Identity.Tests;

/// <summary>
/// The identity database is created by the platform's SQL migrations like every other; this keeps the first
/// of them equal to what EF Core and OpenIddict expect of the model, so a package upgrade that changes the
/// model fails here instead of at the first sign-in.
/// </summary>
public sealed class SchemaTests
{
    [Fact]
    public void The_migration_creates_exactly_the_schema_of_the_model()
    {
        var options = new DbContextOptionsBuilder<IdentityDb>().UseNpgsql("Host=unused").UseOpenIddict().Options;
        using var db = new IdentityDb(options);
        var expected = Normalise(db.Database.GenerateCreateScript());

        var assembly = typeof(IdentityDb).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("0001_identity_schema.sql", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
        var migration = Normalise(reader.ReadToEnd());

        if (migration != expected)
        {
            var written = Path.Combine(Path.GetTempPath(), "identity-schema.sql");
            File.WriteAllText(written, expected + "\n");
            Assert.Fail($"0001_identity_schema.sql differs from the model; the model's script is in {written}. Add a new migration for the difference.");
        }
    }

    private static string Normalise(string sql) =>
        string.Join("\n", sql.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0 && !l.StartsWith("--", StringComparison.Ordinal))).Trim();
}

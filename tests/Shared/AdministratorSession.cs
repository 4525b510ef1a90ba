namespace Zaili.Testing;

/// <summary>The tests' way to act as the first administrator of a platform started by Aspire's testing host.</summary>
public static class AdministratorSession
{
    /// <summary>The first administrator's password: the secret the AppHost generated for this installation.</summary>
    public static async Task<string> AdministratorPasswordAsync(Aspire.Hosting.DistributedApplication app)
    {
        var model = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Aspire.Hosting.ApplicationModel.DistributedApplicationModel>(app.Services);
        var parameter = model.Resources.OfType<Aspire.Hosting.ApplicationModel.ParameterResource>().Single(p => p.Name == "identity-admin-password");
        return await parameter.GetValueAsync(CancellationToken.None) ?? throw new InvalidOperationException("No administrator password");
    }

    /// <summary>Signs the administrator in and gives every request of <paramref name="client"/> the token.</summary>
    public static async Task AuthorizeAsAdministratorAsync(Aspire.Hosting.DistributedApplication app, HttpClient client, CancellationToken ct)
    {
        var tokens = await StaffSignIn.SignInAsync(client.BaseAddress!, "admin", await AdministratorPasswordAsync(app), ct);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.AccessToken);
    }

}

using Microsoft.Extensions.FileProviders;

namespace Zaili.Gateway;

/// <summary>
/// The department console (the npm build in <c>console/dist</c>) served at <c>/console/</c>, on the same
/// origin as the APIs and sign-in, so the browser needs no CORS and the token never crosses origins. Every
/// path under <c>/console/</c> that is not a file gets <c>index.html</c>: the console routes in the browser.
/// The files themselves are public; everything they show comes from the APIs with the user's token.
/// </summary>
public static class ConsoleFiles
{
    public static WebApplication UseConsoleFiles(this WebApplication app)
    {
        var root = Path.GetFullPath(app.Configuration["Console:Root"] ?? Path.Combine(app.Environment.ContentRootPath, "..", "console", "dist"));
        if (!File.Exists(Path.Combine(root, "index.html")))
        {
            app.Logger.LogWarning("No console build at {Root}: /console/ answers 404 (run `npm ci && npm run build` in console/)", root);
            return app;
        }
        var files = new PhysicalFileProvider(root);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = "/console",
            // Built assets carry a content hash in their names: a browser may keep them; index.html it asks for each time.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl =
                context.File.Name == "index.html" ? "no-cache" : "public, max-age=31536000, immutable",
        });
        app.MapFallbackToFile("/console/{**path}", "index.html", new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        }).AllowAnonymous();
        return app;
    }
}

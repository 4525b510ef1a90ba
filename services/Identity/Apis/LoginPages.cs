using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Zaili.Identity.Data;

namespace Zaili.Identity.Apis;

/// <summary>
/// The sign-in page the authorization endpoint sends a browser to. Plain server-rendered HTML (no script),
/// protected against cross-site posts, and it only ever returns to the authorization endpoint.
/// Five wrong passwords lock the account for 15 minutes.
/// </summary>
public static class LoginPages
{
    /// <summary>Escapes markup but leaves Chinese text as it is (the default encoder turns it into entities).</summary>
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public sealed record LoginForm(string? UserName, string? Password, string? ReturnUrl);

    public static void MapLoginPages(this WebApplication app)
    {
        app.MapGet("/account/login", (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
            Page(http, antiforgery, SafeReturnUrl(returnUrl), userName: null, message: null, StatusCodes.Status200OK)).ExcludeFromDescription().AllowAnonymous();
        app.MapPost("/account/login", SignInAsync).ExcludeFromDescription().AllowAnonymous();
        app.MapPost("/account/logout", async (SignInManager<StaffAccount> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.Redirect("/account/login");
        }).ExcludeFromDescription().AllowAnonymous();
    }

    private static async Task<IResult> SignInAsync(HttpContext http, IAntiforgery antiforgery, [FromForm] LoginForm form,
        UserManager<StaffAccount> accounts, SignInManager<StaffAccount> signIn, ILoggerFactory loggers)
    {
        var returnUrl = SafeReturnUrl(form.ReturnUrl);
        if (string.IsNullOrWhiteSpace(form.UserName) || string.IsNullOrEmpty(form.Password) || form.UserName.Length > 64 || form.Password.Length > 256)
        {
            return Page(http, antiforgery, returnUrl, form.UserName, "请输入用户名和密码", StatusCodes.Status400BadRequest);
        }
        var account = await accounts.FindByNameAsync(form.UserName.Trim());
        if (account is null || account.Disabled)
        {
            return Page(http, antiforgery, returnUrl, form.UserName, "用户名或密码错误", StatusCodes.Status401Unauthorized);
        }
        var result = await signIn.PasswordSignInAsync(account, form.Password, isPersistent: false, lockoutOnFailure: true);
        var log = loggers.CreateLogger("Zaili.Identity.SignIn");
        if (result.IsLockedOut)
        {
            log.LogWarning("Sign-in refused for {UserName}: locked out", account.UserName);
            return Page(http, antiforgery, returnUrl, form.UserName, "密码错误次数过多，账户已锁定，请 15 分钟后再试", StatusCodes.Status403Forbidden);
        }
        if (!result.Succeeded)
        {
            log.LogInformation("Sign-in failed for {UserName}", account.UserName);
            return Page(http, antiforgery, returnUrl, form.UserName, "用户名或密码错误", StatusCodes.Status401Unauthorized);
        }
        log.LogInformation("{UserName} signed in", account.UserName);
        return Results.Redirect(returnUrl);
    }

    /// <summary>Only back into the authorization flow: never an open redirect to somewhere else.</summary>
    private static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is not null && returnUrl.StartsWith("/connect/authorize?", StringComparison.Ordinal) && !returnUrl.Contains("//", StringComparison.Ordinal) && !returnUrl.Contains('\\')
            ? returnUrl
            : "/";

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string returnUrl, string? userName, string? message, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var html = Html;
        var body = $$"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>登录 · 寨里镇法治政府建设平台</title>
              <style>
                body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; background: #f3f5f8; display: flex; justify-content: center; padding-top: 12vh; }
                form { background: #fff; padding: 2rem 2.5rem; border-radius: 8px; box-shadow: 0 2px 12px rgba(0,0,0,.08); width: 20rem; }
                h1 { font-size: 1.25rem; margin: 0 0 1.5rem; color: #b3261e; }
                label { display: block; margin: .75rem 0 .25rem; color: #333; }
                input[type=text], input[type=password] { width: 100%; box-sizing: border-box; padding: .5rem; border: 1px solid #ccc; border-radius: 4px; }
                button { margin-top: 1.5rem; width: 100%; padding: .6rem; background: #b3261e; color: #fff; border: 0; border-radius: 4px; font-size: 1rem; }
                .message { color: #b3261e; margin-top: 1rem; }
              </style>
            </head>
            <body>
              <form method="post" action="/account/login">
                <h1>寨里镇法治政府建设平台</h1>
                <input type="hidden" name="{{html.Encode(tokens.FormFieldName)}}" value="{{html.Encode(tokens.RequestToken ?? "")}}">
                <input type="hidden" name="ReturnUrl" value="{{html.Encode(returnUrl)}}">
                <label for="user">用户名</label>
                <input id="user" type="text" name="UserName" autocomplete="username" value="{{html.Encode(userName ?? "")}}" required>
                <label for="password">密码</label>
                <input id="password" type="password" name="Password" autocomplete="current-password" required>
                <button type="submit">登录</button>
                {{(message is null ? "" : $"<p class=\"message\" role=\"alert\">{html.Encode(message)}</p>")}}
              </form>
            </body>
            </html>
            """;
        http.Response.Headers.CacheControl = "no-store";
        return Results.Content(body, "text/html; charset=utf-8", statusCode: status);
    }
}

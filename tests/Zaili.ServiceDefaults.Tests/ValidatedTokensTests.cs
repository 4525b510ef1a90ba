using System.Security.Claims;
using Microsoft.Extensions.Time.Testing;
using Zaili.ServiceDefaults.Http;

namespace Zaili.ServiceDefaults.Tests;

public sealed class ValidatedTokensTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_remembered_token_gives_back_its_caller_until_it_expires()
    {
        var tokens = new ValidatedTokens(_time);
        tokens.Remember("token-a", Caller("张三", "MediationStaff"), _time.GetUtcNow().AddMinutes(30));

        Assert.True(tokens.TryGet("token-a", out var caller));
        Assert.Equal("张三", caller.Identity?.Name);
        Assert.True(caller.IsInRole("MediationStaff"));
        Assert.True(caller.Identity?.IsAuthenticated);

        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.False(tokens.TryGet("token-a", out _));
        Assert.Equal(0, tokens.Count);
    }

    [Fact]
    public void Only_the_exact_token_is_recalled_and_an_expired_one_is_never_remembered()
    {
        var tokens = new ValidatedTokens(_time);
        tokens.Remember("token-a", Caller("张三", "MediationStaff"), _time.GetUtcNow().AddMinutes(30));
        tokens.Remember("token-b", Caller("李四", "Administrator"), _time.GetUtcNow());

        Assert.False(tokens.TryGet("token-A", out _));
        Assert.False(tokens.TryGet("token-a ", out _));
        Assert.False(tokens.TryGet("token-b", out _));
    }

    [Fact]
    public void Each_request_gets_its_own_copy_of_the_caller()
    {
        var tokens = new ValidatedTokens(_time);
        var original = Caller("张三", "MediationStaff");
        tokens.Remember("token-a", original, _time.GetUtcNow().AddMinutes(30));
        ((ClaimsIdentity)original.Identity!).AddClaim(new Claim("role", "Administrator"));

        Assert.True(tokens.TryGet("token-a", out var first));
        ((ClaimsIdentity)first.Identity!).AddClaim(new Claim("role", "Administrator"));
        Assert.True(tokens.TryGet("token-a", out var second));

        Assert.False(second.IsInRole("Administrator"));
    }

    [Fact]
    public void When_full_it_drops_expired_tokens_first_and_never_grows_past_its_capacity()
    {
        var tokens = new ValidatedTokens(_time, capacity: 3);
        tokens.Remember("short", Caller("甲", "MediationStaff"), _time.GetUtcNow().AddMinutes(1));
        tokens.Remember("long-1", Caller("乙", "MediationStaff"), _time.GetUtcNow().AddMinutes(30));
        tokens.Remember("long-2", Caller("丙", "MediationStaff"), _time.GetUtcNow().AddMinutes(30));
        _time.Advance(TimeSpan.FromMinutes(2));

        tokens.Remember("long-3", Caller("丁", "MediationStaff"), _time.GetUtcNow().AddMinutes(30));
        Assert.Equal(3, tokens.Count);
        Assert.True(tokens.TryGet("long-1", out _));

        tokens.Remember("long-4", Caller("戊", "MediationStaff"), _time.GetUtcNow().AddMinutes(30));
        Assert.True(tokens.Count <= 3);
        Assert.True(tokens.TryGet("long-4", out _));
    }

    private static ClaimsPrincipal Caller(string name, string role) =>
        new(new ClaimsIdentity([new Claim("name", name), new Claim("role", role)], "Bearer", "name", "role"));
}

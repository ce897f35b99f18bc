using CrmBridge.Admin.Pages;
using CrmBridge.Admin.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Xunit;

namespace CrmBridge.Admin.Tests;

/// <summary>The pieces of sign-in that need no server: the Easy Auth principal, the sign-in's return path.</summary>
public sealed class AdminSecurityTests
{
    [Fact]
    public void Authenticate_EasyAuthDisabled_RefusesAForgedHeader()
    {
        var auth = new EasyAuthAuthenticator(Options.Create(new AdminOptions()));
        var context = new DefaultHttpContext();
        context.Request.Headers[EasyAuthAuthenticator.PrincipalHeader] = Convert.ToBase64String("{\"claims\":[{\"typ\":\"roles\",\"val\":\"CrmBridge.Admin\"}]}"u8.ToArray());

        var result = auth.Authenticate(context);

        Assert.Null(result.User);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, result.Status);
    }

    [Fact]
    public void Authenticate_EasyAuthPrincipalNotBase64_Refuses401()
    {
        var auth = new EasyAuthAuthenticator(Options.Create(new AdminOptions { EasyAuth = new EasyAuthOptions { Enabled = true } }));
        var context = new DefaultHttpContext();
        context.Request.Headers[EasyAuthAuthenticator.PrincipalHeader] = "not base64 {";

        Assert.Equal(StatusCodes.Status401Unauthorized, auth.Authenticate(context).Status);
    }

    [Fact]
    public void Parse_PrincipalWithNameAndRoles_ReadsBoth()
    {
        var json = "{\"auth_typ\":\"aad\",\"name_typ\":\"preferred_username\",\"role_typ\":\"roles\",\"claims\":[{\"typ\":\"preferred_username\",\"val\":\"li.wei@contoso.cn\"},{\"typ\":\"roles\",\"val\":\"CrmBridge.Admin\"},{\"typ\":\"roles\",\"val\":\"Reader\"}]}";

        var (name, roles) = EasyAuthAuthenticator.Parse(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)))!.Value;

        Assert.Equal("li.wei@contoso.cn", name);
        Assert.Equal(["CrmBridge.Admin", "Reader"], roles);
    }

    [Theory]
    [InlineData("failed?route=a", "failed?route=a")]
    [InlineData("//evil.example/x", "")]
    [InlineData("https://evil.example/", "")]
    [InlineData("/etc", "")]
    [InlineData("\\\\evil", "")]
    public void Back_OnlyPathsBelowThePage_AreKept(string back, string expected) => Assert.Equal(expected, SignInPage.Back(back));
}

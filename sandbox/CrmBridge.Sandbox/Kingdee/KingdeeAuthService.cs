using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Sandbox.Kingdee;

/// <summary>
/// <c>AuthService.LoginByAppSecret</c> / <c>LoginBySign</c> (positional <c>parameters</c>) and <c>ValidateUser</c> is not offered:
/// the login result (<c>LoginResultType</c>, <c>KDSVCSessionId</c>, <c>Context</c>…) plus the <c>kdservice-sessionid</c> and
/// <c>ASP.NET_SessionId</c> cookies. A wrong acctID answers HTTP 500 "Fail to verify thirty passport".
/// </summary>
internal static class KingdeeAuthService
{
    public static async Task HandleAsync(HttpContext context, string operation, JsonObject body, KingdeeSandboxOptions options, KingdeeSandboxSessions sessions)
    {
        var p = (KingdeeSandboxJson.Get(body, "parameters") as JsonArray ?? []).Select(KingdeeSandboxJson.Text).ToList();
        string? Arg(int i) => i < p.Count ? p[i] : null;
        var byAppSecret = operation.Equals("LoginByAppSecret", StringComparison.OrdinalIgnoreCase);
        var bySign = operation.Equals("LoginBySign", StringComparison.OrdinalIgnoreCase);
        if (!byAppSecret && !bySign)
        {
            await KingdeeSandboxHttp.WriteAsync(context, KingdeeEnvelope.Failure(4, new KingdeeSandboxError(4, null, $"服务 {operation} 不可用"))).ConfigureAwait(false);
            return;
        }

        if (Arg(0) != options.AcctId)
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("Fail to verify thirty passport.", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var ok = Arg(1) == options.Username && Arg(2) == options.AppId
            && (byAppSecret ? Arg(3) == options.AppSecret : sessions.CheckSign(Arg(0)!, Arg(1) ?? string.Empty, Arg(2) ?? string.Empty, Arg(3) ?? string.Empty, Arg(4) ?? string.Empty));
        if (!ok)
        {
            await KingdeeSandboxHttp.WriteAsync(context, Result(-1, null, "用户名、应用ID或密钥错误 (user, AppID or secret is wrong)", options)).ConfigureAwait(false);
            return;
        }

        var session = sessions.Create();
        context.Response.Headers.Append("Set-Cookie", $"kdservice-sessionid={session}; path=/");
        context.Response.Headers.Append("Set-Cookie", $"ASP.NET_SessionId={Guid.NewGuid():N}; path=/; HttpOnly");
        await KingdeeSandboxHttp.WriteAsync(context, Result(1, session, null, options)).ConfigureAwait(false);
    }

    private static JsonObject Result(int type, string? session, string? message, KingdeeSandboxOptions options) => new()
    {
        ["Message"] = message,
        ["MessageCode"] = type == 1 ? "CheckPasswordPolicy" : null,
        ["LoginResultType"] = type,
        ["Context"] = session is null ? null : new JsonObject
        {
            ["UserLocale"] = "zh-CN",
            ["LogLocale"] = "zh-CN",
            ["DBid"] = options.AcctId,
            ["DatabaseType"] = 3,
            ["SessionId"] = session,
            ["UseLanguages"] = new JsonArray(new JsonObject { ["LocaleId"] = 2052, ["LocaleName"] = "中文(简体)" }),
            ["UserId"] = 100008,
            ["UserName"] = options.Username,
            ["CustomName"] = "CrmBridge Sandbox",
            ["DisplayVersion"] = "8.2.0",
            ["DataCenterName"] = "Sandbox",
            ["UserToken"] = session is null ? null : Guid.NewGuid().ToString(),
        },
        ["KDSVCSessionId"] = session,
        ["FormId"] = null,
        ["RedirectFormParam"] = null,
        ["FormInputObject"] = null,
        ["ErrorStackTrace"] = null,
        ["Lcid"] = 0,
        ["AccessToken"] = null,
        ["CustomParam"] = new JsonObject(),
        ["KdAccessResult"] = null,
        ["IsSuccessByAPI"] = type == 1,
    };
}

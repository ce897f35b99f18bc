using System.Collections.Frozen;

namespace CrmBridge.Connectors.Fxiaoke;

/// <summary>
/// The one table of Fxiaoke <c>errorCode</c> values the connector knows and how each is treated. "Confirmed" means the code
/// and meaning appear in developer.fxiaoke.com's 全局返回码 (global return codes), rate-limit or deep-paging pages (as
/// transcribed in public summaries); "unconfirmed" codes are our best reading and are marked so. Codes not in the table
/// are permanent (the docs forbid branching on <c>errorMessage</c>, so there is nothing else to go on).
/// </summary>
public static class FxiaokeErrorCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>系统繁忙 (system busy). Confirmed.</summary>
    public const int SystemBusy = -1;

    /// <summary>系统错误 (system error). Confirmed; treated as transient because it is a server-side failure.</summary>
    public const int SystemError = -2;

    /// <summary>
    /// 缺少参数corpAccessToken (missing token). Confirmed. The deep-paging FAQ shows the same code for "offset out of range
    /// 10000"; the connector never pages by offset (keyset paging), so seeing it means a bug: permanent.
    /// </summary>
    public const int MissingTokenOrOffsetOutOfRange = 10013;

    /// <summary>参数corpAccessToken不合法 (invalid token). Confirmed; renewed once like 20016.</summary>
    public const int InvalidCorpAccessToken = 11014;

    /// <summary>接口调用超过限制 (interface call limit: 100 calls / 20 s). Confirmed.</summary>
    public const int RateLimited = 14001;

    /// <summary>参数不合法 (invalid parameter). Confirmed.</summary>
    public const int InvalidParameter = 15002;

    /// <summary>APP没有访问权限 (app lacks permission). Confirmed.</summary>
    public const int AppNoPermission = 15003;

    /// <summary>accessToken不存在或者已经过期. Confirmed; renewed once.</summary>
    public const int AccessTokenExpired = 20005;

    /// <summary>appId或appSecret错误. Confirmed.</summary>
    public const int BadAppCredentials = 20006;

    /// <summary>永久授权码错误 (wrong permanent code). Confirmed.</summary>
    public const int BadPermanentCode = 20015;

    /// <summary>corpAccessToken不存在或者已经过期 (token expired): renew once and retry. Confirmed.</summary>
    public const int CorpAccessTokenExpired = 20016;

    /// <summary>corpId未找到. Confirmed (the community summary's "missing token" reading of 20017 is wrong).</summary>
    public const int CorpIdNotFound = 20017;

    /// <summary>当天访问频次超限（0点重新统计）: the daily quota is spent; resets at midnight. Confirmed.</summary>
    public const int DailyQuotaExceeded = 30002;

    /// <summary>客户没有购买openapi配额: no quota bought. Confirmed; treated as quota (waits for the reset, spends no attempts).</summary>
    public const int NoQuotaPurchased = 30003;

    /// <summary>秒频次超限 (per-second frequency limit). Confirmed.</summary>
    public const int PerSecondLimit = 30004;

    /// <summary>参数错误 (parameter error); the sandbox uses it for field validation failures. Confirmed as a global code.</summary>
    public const int ParameterError = 32000;

    /// <summary>服务异常，如:超时 (service exception, e.g. timeout). Confirmed.</summary>
    public const int ServiceTimeout = 50009;

    /// <summary>
    /// 数据不存在或已作废/已删除 (record not found). UNCONFIRMED: the global table has no code for it and CRM object pages
    /// return module-specific codes; this is the code the sandbox uses. The connector also treats <c>errorCode 0</c> with
    /// no <c>data</c> as not found, the other plausible shape.
    /// </summary>
    public const int DataNotFound = 320001404;

    private static readonly FrozenDictionary<int, FxiaokeErrorClass> Table = new Dictionary<int, FxiaokeErrorClass>
    {
        [SystemBusy] = FxiaokeErrorClass.Transient,
        [SystemError] = FxiaokeErrorClass.Transient,
        [ServiceTimeout] = FxiaokeErrorClass.Transient,
        [InvalidCorpAccessToken] = FxiaokeErrorClass.TokenExpired,
        [AccessTokenExpired] = FxiaokeErrorClass.TokenExpired,
        [CorpAccessTokenExpired] = FxiaokeErrorClass.TokenExpired,
        [RateLimited] = FxiaokeErrorClass.Throttled,
        [PerSecondLimit] = FxiaokeErrorClass.Throttled,
        [DailyQuotaExceeded] = FxiaokeErrorClass.QuotaExhausted,
        [NoQuotaPurchased] = FxiaokeErrorClass.QuotaExhausted,
        [DataNotFound] = FxiaokeErrorClass.NotFound,
        [MissingTokenOrOffsetOutOfRange] = FxiaokeErrorClass.Permanent,
        [InvalidParameter] = FxiaokeErrorClass.Permanent,
        [AppNoPermission] = FxiaokeErrorClass.Permanent,
        [BadAppCredentials] = FxiaokeErrorClass.Permanent,
        [BadPermanentCode] = FxiaokeErrorClass.Permanent,
        [CorpIdNotFound] = FxiaokeErrorClass.Permanent,
        [ParameterError] = FxiaokeErrorClass.Permanent,
    }.ToFrozenDictionary();

    /// <summary>Classifies an <c>errorCode</c>.</summary>
    /// <param name="errorCode">The code (non-zero).</param>
    /// <returns>The class; unknown codes are <see cref="FxiaokeErrorClass.Permanent"/>.</returns>
    public static FxiaokeErrorClass Classify(int errorCode) =>
        Table.TryGetValue(errorCode, out var kind) ? kind : FxiaokeErrorClass.Permanent;
}

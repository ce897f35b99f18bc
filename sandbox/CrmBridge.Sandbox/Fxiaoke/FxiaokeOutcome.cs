namespace CrmBridge.Sandbox.Fxiaoke;

/// <summary>The result of an emulated write: errorCode 0 with the record id, or a code and message.</summary>
/// <param name="Code">The errorCode.</param>
/// <param name="Message">The errorMessage for failures.</param>
/// <param name="Id">The record id on success.</param>
internal readonly record struct FxiaokeOutcome(int Code, string? Message, string? Id)
{
    /// <summary>The sandbox's code for field validation failures (参数错误, a global code).</summary>
    public const int Validation = 32000;

    /// <summary>The sandbox's code for unknown or invalidated records (UNCONFIRMED on the real platform).</summary>
    public const int NotFound = 320001404;

    public static FxiaokeOutcome Ok(string id) => new(0, null, id);

    public static FxiaokeOutcome Invalid(string message) => new(Validation, message, null);

    public static FxiaokeOutcome Missing(string apiName, string? id) => new(NotFound, $"数据不存在或已作废 ({apiName} {id})", null);
}

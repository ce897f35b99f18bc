using System.Globalization;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>
/// Classifies K3Cloud MsgCodes (ERP-FACTS §1.3) into connector errors. Error codes read <c>K3_MSG_{n}</c>; messages name the
/// form, every item's <c>FieldName</c> and <c>Message</c>, and what to do.
/// </summary>
internal static class KingdeeErrors
{
    public const int ContextLost = 1;
    public const int NoPermission = 2;
    public const int DataNotFound = 10;
    public const int NetworkControl = 13;
    public const int CallLimit = 14;

    private const int MaxMessageLength = 600;

    public static ErrorKind Classify(int msgCode) => msgCode switch
    {
        ContextLost => ErrorKind.Transient,    // still lost after one re-login
        6 => ErrorKind.Transient,              // database failure
        NetworkControl => ErrorKind.Transient, // another user or process holds the bill
        CallLimit => ErrorKind.Throttled,
        DataNotFound => ErrorKind.NotFound,
        _ => ErrorKind.Permanent,              // 0,2,3,4,5,7,8,9,11,12,15: data, permissions, configuration
    };

    public static string Describe(int msgCode) => msgCode switch
    {
        0 => "failed",
        ContextLost => "session lost (会话信息已丢失)",
        NoPermission => "no permission",
        3 => "empty operation",
        4 => "server exception",
        5 => "empty form id",
        6 => "database failure",
        7 => "licence check failed",
        8 => "parameter error",
        9 => "field or value not found",
        DataNotFound => "data not found",
        11 => "validation failed",
        12 => "operation not allowed in this state",
        NetworkControl => "network-control conflict (网控冲突)",
        CallLimit => "call limit reached (调用限制)",
        15 => "administrator login forbidden",
        _ => "error",
    };

    /// <summary>Builds the exception for a failed operation (or one item of it).</summary>
    public static ConnectorException For(KingdeeConnectorOptions options, string operation, string formId, KingdeeStatus status, IEnumerable<KingdeeItemError>? items = null)
    {
        var msgCode = status.MsgCode;
        var kind = Classify(msgCode);
        var details = string.Join("; ", (items ?? status.Errors).Select(e => string.IsNullOrWhiteSpace(e.FieldName) ? e.Message : $"{e.FieldName}: {e.Message}"));
        var hint = msgCode switch
        {
            NoPermission => $" Grant the K3Cloud user '{options.Username}' the {operation} permission on {formId} (or its data rule) and replay.",
            CallLimit => " K3Cloud is limiting WebAPI calls; the bridge waits and retries (ask the admin to whitelist the integration user if it persists).",
            15 => " Use a non-administrator integration user.",
            7 => " Check the K3Cloud licence for WebAPI.",
            _ => string.Empty,
        };
        var text = $"{options.System}: {operation} {formId}: MsgCode {msgCode.ToString(CultureInfo.InvariantCulture)} {Describe(msgCode)}"
            + (details.Length > 0 ? ": " + details : string.Empty) + "." + hint;
        return new ConnectorException(options.System, kind, $"K3_MSG_{msgCode.ToString(CultureInfo.InvariantCulture)}", Trim(text),
            retryAfter: kind == ErrorKind.Throttled ? options.ThrottleDelay : null);
    }

    public static ConnectorException Permanent(KingdeeConnectorOptions options, string code, string message) =>
        new(options.System, ErrorKind.Permanent, code, Trim($"{options.System}: {message}"));

    public static ConnectorException InvalidResponse(KingdeeConnectorOptions options, string what) =>
        new(options.System, ErrorKind.Transient, "INVALID_RESPONSE", $"{options.System}: {what}");

    private static string Trim(string text) => text.Length <= MaxMessageLength ? text : text[..MaxMessageLength];
}

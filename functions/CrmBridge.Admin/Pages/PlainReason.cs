using CrmBridge.Admin.Texts;
using CrmBridge.Pipeline.State;

namespace CrmBridge.Admin.Pages;

/// <summary>The reason of a dead letter in plain words: what the code means and what to do (docs/dead-letter-codes.md), in the admin's language.</summary>
internal static class PlainReason
{
    public static string For(DeadLetter letter, AdminTexts t)
    {
        var code = letter.ErrorCode;
        var key = code.StartsWith(DeadLetterCodes.UnexpectedPrefix, StringComparison.Ordinal) ? "code.UNEXPECTED"
            : code is "HTTP_401" or "HTTP_403" ? "code.AUTH"
            : code.StartsWith("HTTP_4", StringComparison.Ordinal) ? "code.HTTP_4xx"
            : code.StartsWith("HTTP_5", StringComparison.Ordinal) ? "code.HTTP_5xx"
            : "code." + code;
        return t.Has(key) ? t[key] : t["code.other"];
    }
}

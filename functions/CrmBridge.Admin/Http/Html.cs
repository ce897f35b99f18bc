using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace CrmBridge.Admin.Http;

/// <summary>HTML encoding for the pages (Chinese text stays readable; everything else that could break markup is escaped).</summary>
internal static class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Encodes text for element content and quoted attributes.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The encoded text.</returns>
    public static string E(string? text) => text is null ? "" : Encoder.Encode(text);

    /// <summary>Encodes a query-string value.</summary>
    /// <param name="text">The value.</param>
    /// <returns>The encoded value.</returns>
    public static string Q(string? text) => Uri.EscapeDataString(text ?? "");
}

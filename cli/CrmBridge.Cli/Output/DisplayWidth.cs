using System.Globalization;
using System.Text;

namespace CrmBridge.Cli.Output;

/// <summary>
/// How many terminal cells text takes: East Asian wide and fullwidth characters (汉字, かな, 한글, fullwidth forms,
/// most emoji) take two, combining marks and zero-width characters none, everything else one (Unicode UAX #11).
/// </summary>
internal static class DisplayWidth
{
    /// <summary>Gets the width of <paramref name="text"/> in terminal cells.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The cells.</returns>
    public static int Of(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            width += Of(rune);
        }

        return width;
    }

    /// <summary>Pads <paramref name="text"/> with spaces to <paramref name="cells"/> terminal cells.</summary>
    /// <param name="text">The text.</param>
    /// <param name="cells">The width to reach.</param>
    /// <returns>The padded text.</returns>
    public static string PadRight(string text, int cells) => text + new string(' ', Math.Max(0, cells - Of(text)));

    private static int Of(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format || rune.Value == 0)
        {
            return 0;
        }

        return IsWide(rune.Value) ? 2 : 1;
    }

    private static bool IsWide(int c) =>
        c is (>= 0x1100 and <= 0x115F) // Hangul Jamo
            or (>= 0x2E80 and <= 0x303E) // CJK radicals, punctuation (。、「」)
            or (>= 0x3041 and <= 0x33FF) // kana, CJK symbols
            or (>= 0x3400 and <= 0x4DBF) // CJK extension A
            or (>= 0x4E00 and <= 0x9FFF) // CJK unified ideographs
            or (>= 0xA000 and <= 0xA4CF) // Yi
            or (>= 0xAC00 and <= 0xD7A3) // Hangul syllables
            or (>= 0xF900 and <= 0xFAFF) // CJK compatibility ideographs
            or (>= 0xFE30 and <= 0xFE4F) // CJK compatibility forms
            or (>= 0xFF00 and <= 0xFF60) // fullwidth forms (，：（）)
            or (>= 0xFFE0 and <= 0xFFE6)
            or (>= 0x1F300 and <= 0x1F64F) // emoji
            or (>= 0x1F900 and <= 0x1F9FF)
            or (>= 0x20000 and <= 0x3FFFD); // CJK extensions B–G
}

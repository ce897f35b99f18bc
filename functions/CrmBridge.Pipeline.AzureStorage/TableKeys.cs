using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CrmBridge.Pipeline.AzureStorage;

/// <summary>
/// Builds PartitionKey/RowKey values. Table keys may not contain <c>/ \ # ?</c> or control characters (U+0000–U+001F,
/// U+007F–U+009F); those, plus the escape character <c>~</c>, the part separator <c>|</c>, <c>'</c> and <c>%</c>
/// (both troublesome in OData URLs), become <c>~XX</c> (two hex digits). Parts are joined with <c>|</c>, so
/// composite keys stay unambiguous. Keys longer than 400 characters are replaced by <c>~h</c> + a SHA-256 hex digest
/// (the service limit is 1 KiB); the readable values are always kept as entity properties too.
/// </summary>
internal static class TableKeys
{
    private const int MaxLength = 400;

    /// <summary>Escapes and joins key parts.</summary>
    public static string Of(params string[] parts)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                builder.Append('|');
            }

            foreach (var c in parts[i])
            {
                if (NeedsEscape(c))
                {
                    builder.Append('~').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                }
                else
                {
                    builder.Append(c);
                }
            }
        }

        return builder.Length <= MaxLength
            ? builder.ToString()
            : "~h" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }

    private static bool NeedsEscape(char c) =>
        c is '/' or '\\' or '#' or '?' or '~' or '|' or '\'' or '%' || char.IsControl(c);
}

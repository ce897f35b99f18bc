using System.Globalization;

namespace CrmBridge.Sandbox.BusinessCentral;

/// <summary>Formats instants as BC does in <c>lastModifiedDateTime</c> (UTC, milliseconds, <c>Z</c>).</summary>
internal static class BcClock
{
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

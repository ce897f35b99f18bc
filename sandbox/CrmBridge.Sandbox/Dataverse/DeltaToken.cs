using System.Globalization;

namespace CrmBridge.Sandbox.Dataverse;

/// <summary>A delta token as Dataverse shapes it: <c>{rowversion}!{MM/dd/yyyy HH:mm:ss}</c> (issue time, UTC).</summary>
/// <param name="Version">The store version the token covers up to.</param>
/// <param name="Issued">When it was issued.</param>
internal readonly record struct DeltaToken(long Version, DateTimeOffset Issued)
{
    private const string Format = "MM/dd/yyyy HH:mm:ss";

    public override string ToString() => $"{Version.ToString(CultureInfo.InvariantCulture)}!{Issued.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture)}";

    public static DeltaToken Parse(string text)
    {
        var bang = text.IndexOf('!', StringComparison.Ordinal);
        if (bang > 0
            && long.TryParse(text.AsSpan(0, bang), NumberStyles.Integer, CultureInfo.InvariantCulture, out var version)
            && DateTime.TryParseExact(text[(bang + 1)..], Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var issued))
        {
            return new DeltaToken(version, new DateTimeOffset(issued, TimeSpan.Zero));
        }

        throw new DataverseApiException(400, "0x80060888", "The delta token is malformed.");
    }
}

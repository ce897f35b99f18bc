using CrmBridge.Pipeline.State;

namespace CrmBridge.Admin.Pages;

/// <summary>The failed-records filters (route, error code, age) and the tab (failed records or rejected webhook input).</summary>
/// <param name="Route">Only this route.</param>
/// <param name="Code">Only this error code.</param>
/// <param name="Age">Only letters that failed within this time, or <see langword="null"/> for any age.</param>
/// <param name="AgeText">The age as chosen (<c>1h</c>, <c>24h</c>, <c>7d</c>, empty).</param>
/// <param name="Rejected">Whether the tab shows rejected webhook input instead of failed records.</param>
internal sealed record FailedFilter(string? Route, string? Code, TimeSpan? Age, string AgeText, bool Rejected)
{
    public static readonly string[] Ages = ["1h", "24h", "7d"];

    public static FailedFilter From(Func<string, string?> value)
    {
        var age = value("age") ?? "";
        TimeSpan? span = age switch { "1h" => TimeSpan.FromHours(1), "24h" => TimeSpan.FromDays(1), "7d" => TimeSpan.FromDays(7), _ => null };
        return new FailedFilter(value("route"), value("code"), span, span is null ? "" : age, value("tab") == "rejected");
    }

    public bool Matches(DeadLetter letter, DateTimeOffset now) =>
        (letter.ErrorCode == DeadLetterCodes.RejectedInput) == Rejected
        && (Route is null || string.Equals(letter.Route, Route, StringComparison.Ordinal))
        && (Code is null || string.Equals(letter.ErrorCode, Code, StringComparison.Ordinal))
        && (Age is null || letter.FailedAt >= now - Age.Value);

    public string Query() =>
        string.Join('&', new[] { ("tab", Rejected ? "rejected" : null), ("route", Route), ("code", Code), ("age", AgeText.Length > 0 ? AgeText : null) }
            .Where(p => p.Item2 is not null).Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Item2!)));
}

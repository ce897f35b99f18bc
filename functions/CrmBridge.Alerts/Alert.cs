namespace CrmBridge.Alerts;

/// <summary>
/// One message to people: ids, counts and error codes only, never personal data (no names, no payloads).
/// </summary>
/// <param name="Key">What the alert is about, for de-duplication (<c>circuit:erp</c>, <c>deadletters:orders-to-erp</c>).</param>
/// <param name="Kind">The rule that raised it.</param>
/// <param name="Title">The one-line headline (<c>Circuit to erp opened</c>).</param>
/// <param name="Text">One or two sentences: what happened and what to do.</param>
/// <param name="Facts">Name/value pairs shown as a table (system, route, counts, error codes).</param>
/// <param name="Recovery">Whether this tells that an earlier alert is over.</param>
/// <param name="At">When the condition was seen.</param>
public sealed record Alert(
    string Key,
    AlertKind Kind,
    string Title,
    string Text,
    IReadOnlyList<KeyValuePair<string, string>> Facts,
    bool Recovery,
    DateTimeOffset At)
{
    /// <summary>Gets how many alerts the rate limit held back before this one (told in this message).</summary>
    public int Suppressed { get; init; }

    /// <summary>Gets the headline with its status mark, for plain-text channels.</summary>
    public string Headline => (Recovery ? "[RESOLVED] " : "[ALERT] ") + Title;
}

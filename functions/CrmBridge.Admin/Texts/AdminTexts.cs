namespace CrmBridge.Admin.Texts;

/// <summary>The page's labels in one language (<c>en</c> or <c>zh</c>); a missing label shows its key, so it is noticed.</summary>
public sealed class AdminTexts
{
    private static readonly AdminTexts English = new("en");
    private static readonly AdminTexts Chinese = new("zh");

    private AdminTexts(string language) => Language = language;

    /// <summary>Gets the language: <c>en</c> or <c>zh</c>.</summary>
    public string Language { get; }

    /// <summary>Gets a label.</summary>
    /// <param name="key">The label key.</param>
    /// <returns>The label.</returns>
    public string this[string key] => AdminLabels.All.TryGetValue(key, out var pair) ? (Language == "zh" ? pair.Zh : pair.En) : key;

    /// <summary>Gets the texts of a language.</summary>
    /// <param name="language"><c>zh</c> or anything else for English.</param>
    /// <returns>The texts.</returns>
    public static AdminTexts For(string language) => language == "zh" ? Chinese : English;

    /// <summary>Whether a label exists.</summary>
    /// <param name="key">The key.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool Has(string key) => AdminLabels.All.ContainsKey(key);
}

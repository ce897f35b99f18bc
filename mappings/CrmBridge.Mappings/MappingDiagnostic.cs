namespace CrmBridge.Mappings;

/// <summary>One problem found while loading a mapping file: where it is and what is wrong.</summary>
/// <param name="File">The file as the admin named it (relative to the working directory when inside it).</param>
/// <param name="Line">The 1-based line of the offending rule, or 0 when the whole file is concerned.</param>
/// <param name="RulePath">The rule path inside the file, e.g. <c>fields.status.map</c> (empty for the whole file).</param>
/// <param name="Message">What is wrong and, where it helps, how to fix it.</param>
public sealed record MappingDiagnostic(string File, int Line, string RulePath, string Message)
{
    /// <summary>Formats the diagnostic as <c>file:line: rule.path: message</c>.</summary>
    /// <returns>The formatted diagnostic.</returns>
    public override string ToString()
    {
        var location = Line > 0 ? $"{File}:{Line}" : File;
        return RulePath.Length > 0 ? $"{location}: {RulePath}: {Message}" : $"{location}: {Message}";
    }
}

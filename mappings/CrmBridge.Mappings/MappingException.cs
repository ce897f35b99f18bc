namespace CrmBridge.Mappings;

/// <summary>Thrown at start-up when the mapping files are invalid; carries every diagnostic, not just the first.</summary>
public sealed class MappingException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="MappingException"/> class.</summary>
    /// <param name="diagnostics">Every problem found.</param>
    public MappingException(IReadOnlyList<MappingDiagnostic> diagnostics)
        : base(BuildMessage(diagnostics)) => Diagnostics = diagnostics;

    /// <summary>Gets every problem found.</summary>
    public IReadOnlyList<MappingDiagnostic> Diagnostics { get; }

    private static string BuildMessage(IReadOnlyList<MappingDiagnostic> diagnostics) =>
        $"{diagnostics.Count} mapping error(s):{Environment.NewLine}" + string.Join(Environment.NewLine, diagnostics);
}

namespace CrmBridge.Mappings.Abstractions;

/// <summary>One field error of a mapping applied to a record.</summary>
/// <param name="Field">The target field (with collection index, e.g. <c>lines[3].quantity</c>).</param>
/// <param name="SourcePath">The source path read, when there was one.</param>
/// <param name="Code">A machine-readable code (<c>REQUIRED</c>, <c>NOT_IN_MAP</c>, <c>NOT_A_NUMBER</c>, <c>BAD_DATE</c>, …).</param>
/// <param name="Message">What was wrong, naming the value's field (not the value when it may be personal data).</param>
public sealed record MappingError(string Field, string? SourcePath, string Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => SourcePath is null ? $"{Field}: {Message} [{Code}]" : $"{Field} (from {SourcePath}): {Message} [{Code}]";
}

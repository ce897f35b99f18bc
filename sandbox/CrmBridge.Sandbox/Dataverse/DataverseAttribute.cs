namespace CrmBridge.Sandbox.Dataverse;

/// <summary>One column of an emulated table.</summary>
/// <param name="Name">The logical name (for lookups the column name, read as <c>_name_value</c>).</param>
/// <param name="Type">The type.</param>
/// <param name="MaxLength">The maximum length of text.</param>
/// <param name="Options">Choice values and labels.</param>
/// <param name="Targets">For lookups: navigation property → target entity set (customer lookups have two).</param>
/// <param name="Readable">Whether reads return the column (<c>IsValidForRead</c>; <c>serviceendpoint.authvalue</c> is write-only).</param>
/// <param name="Custom">Whether the column was created through the metadata API (<c>IsCustomAttribute</c>).</param>
public sealed record DataverseAttribute(
    string Name,
    DataverseAttributeType Type,
    int MaxLength = 100,
    IReadOnlyDictionary<int, string>? Options = null,
    IReadOnlyDictionary<string, string>? Targets = null,
    bool Readable = true,
    bool Custom = false)
{
    /// <summary>Gets the name the column is read under (<c>_name_value</c> for lookups).</summary>
    public string ReadName => Type == DataverseAttributeType.Lookup ? $"_{Name}_value" : Name;
}

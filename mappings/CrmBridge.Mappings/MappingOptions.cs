using System.ComponentModel.DataAnnotations;

namespace CrmBridge.Mappings;

/// <summary>Options of the mapping engine (section <c>Mappings</c>).</summary>
public sealed class MappingOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Mappings";

    /// <summary>Gets or sets the directory searched recursively for <c>*.yaml</c>/<c>*.yml</c> mapping files (<c>Mappings:Path</c>).</summary>
    /// <value>Default: <c>mappings</c> (relative to the working directory).</value>
    [Required]
    public string Path { get; set; } = "mappings";
}

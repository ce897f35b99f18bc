namespace CrmBridge.Mappings.Loading;

/// <summary>
/// Bounds on what one mapping file may cost to read, so a hostile or broken file cannot exhaust memory or the stack:
/// a YAML alias deep-copies its anchor (a few hundred bytes of nested aliases can expand to gigabytes), and nesting is
/// read recursively. Real mappings are a few KB, a handful of levels deep and use aliases sparingly.
/// </summary>
public static class MappingLimits
{
    /// <summary>The largest mapping or lookups file read, in bytes (1 MiB).</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>The deepest nesting of lists and objects (64 levels).</summary>
    public const int MaxDepth = 64;

    /// <summary>The most values a file may expand to, counting every copy an alias makes (100,000).</summary>
    public const int MaxNodes = 100_000;
}

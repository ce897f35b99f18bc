using System.Text;
using CrmBridge.Mappings.Loading;

namespace CrmBridge.Mappings.Tests;

/// <summary>Hostile files: alias bombs, deep nesting and huge files end in one clear diagnostic, not in a crash.</summary>
public sealed partial class MappingLoaderTests
{
    [Fact]
    public void LoadText_AliasBomb_ReportsTheExpansionLimitInsteadOfExhaustingMemory()
    {
        // Nine levels of ten aliases each: about 10^9 values once expanded, from a few hundred bytes.
        var yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 9; i++)
        {
            yaml.Append(AnchorName(i)).Append(": &a").Append(i).Append(" [").Append(string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))).Append("]\n");
        }

        var result = MappingLoader.LoadText(yaml.ToString());

        var error = Assert.Single(result.Diagnostics);
        Assert.Contains("expands to more than 100,000 values", error.Message, StringComparison.Ordinal);
        Assert.Contains("alias", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_NestingOf200KB_ReportsTheDepthLimitInsteadOfOverflowingTheStack()
    {
        var yaml = "mapping: " + new string('[', 100_000) + new string(']', 100_000) + "\n";

        var result = MappingLoader.LoadText(yaml);

        var error = Assert.Single(result.Diagnostics);
        Assert.Contains($"nesting deeper than {MappingLimits.MaxDepth} levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_ModerateNestingAndAliases_StillLoad()
    {
        var result = MappingLoader.LoadText(Mapping("anchored", "defaults: &d { from: x }\nfields:\n  a: *d\n  b: *d\n"));

        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("expands", StringComparison.Ordinal) || d.Message.Contains("nesting", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadDirectory_FileOverTheSizeLimit_ReportsItWithoutReadingIt()
    {
        using var dir = new TempDirectory();
        dir.Write("huge.yaml", "# " + new string('x', MappingLimits.MaxFileBytes + 1) + "\n");

        var result = MappingLoader.LoadDirectory(dir.Path);

        var error = Assert.Single(result.Diagnostics);
        Assert.EndsWith("huge.yaml", error.File, StringComparison.Ordinal);
        Assert.Contains("larger than 1024 KiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_TextOverTheSizeLimit_Reported()
    {
        var result = MappingLoader.LoadText("# " + new string('x', MappingLimits.MaxFileBytes + 1) + "\n");

        Assert.Contains("larger than 1024 KiB", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }

    private static string AnchorName(int i) => "a" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

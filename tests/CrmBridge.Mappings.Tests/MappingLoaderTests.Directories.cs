namespace CrmBridge.Mappings.Tests;

/// <summary>Loading directories: recursion, shared lookups, duplicates, skipped folders.</summary>
public sealed partial class MappingLoaderTests
{
    private static string Mapping(string name, string body = "fields: {}\n") =>
        $"mapping: {name}\nsource: {{ system: zoho, entity: Accounts }}\ntarget: {{ system: erp, entity: customers }}\nkey: {{ source: id, target: externalId }}\n{body}";

    [Fact]
    public void LoadDirectory_NestedFoldersWithSharedLookups_LoadsAllAndScopesLookupsPerFolder()
    {
        using var dir = new TempDirectory();
        dir.Write("zoho/lookups.yaml", "lookups:\n  customer: { system: zoho, entity: Accounts, target: { system: erp, entity: customers } }\n");
        dir.Write("zoho/orders.yaml", Mapping("a", "fields:\n  c: { from: x, lookup: customer }\n"));
        dir.Write("zoho/deep/more.yml", Mapping("b", "fields:\n  c: { from: x, lookup: customer }\n"));
        dir.Write("zoho/bin/ignored.yaml", "not: [a mapping");
        dir.Write(".git/ignored.yaml", "not: [a mapping");
        dir.Write("mapping.schema.json", "{}");

        var result = MappingLoader.LoadDirectory(dir.Path);

        var error = Assert.Single(result.Diagnostics);
        Assert.EndsWith("more.yml", error.File, StringComparison.Ordinal);
        Assert.Equal((6, "fields.c.lookup"), (error.Line, error.RulePath));
        Assert.Equal(2, result.Files.Count(f => !f.EndsWith("lookups.yaml", StringComparison.Ordinal)));
    }

    [Fact]
    public void LoadDirectory_DuplicateMappingNames_ReportsSecondFile()
    {
        using var dir = new TempDirectory();
        dir.Write("a.yaml", Mapping("same"));
        dir.Write("b.yaml", Mapping("same"));

        var error = Assert.Single(MappingLoader.LoadDirectory(dir.Path).Diagnostics);

        Assert.Equal((1, "mapping"), (error.Line, error.RulePath));
        Assert.EndsWith("b.yaml", error.File, StringComparison.Ordinal);
        Assert.Contains("duplicate mapping name 'same' (also in ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadPaths_FilesFromSeveralFolders_ReportsErrorsOfEveryFile()
    {
        using var dir = new TempDirectory();
        var one = dir.Write("one/a.yaml", Mapping("a", "fields:\n  x: { from: y, case: shout }\n"));
        var two = dir.Write("two/b.yaml", Mapping("b", "owns: [nothing]\n"));

        var result = MappingLoader.LoadPaths([one, two, Path.Combine(dir.Path, "missing.yaml")]);

        Assert.Equal(["missing.yaml:0", "a.yaml:6", "b.yaml:5"], result.Diagnostics.Select(d => $"{Path.GetFileName(d.File)}:{d.Line}"));
        Assert.Null(result.Set);
        Assert.Throws<MappingException>(() => result.GetSetOrThrow());
    }

    [Fact]
    public void LoadDirectory_ValidFolder_ExposesRoutesAndFiles()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("a.yaml", Mapping("a"));

        var result = MappingLoader.LoadDirectory(dir.Path);

        Assert.True(result.IsValid);
        var route = Assert.Single(result.Set!.Routes);
        Assert.Equal(Path.GetFullPath(file), Path.GetFullPath(result.Set.FileOf(route)));
    }
}

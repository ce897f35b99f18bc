using System.Text.Json.Nodes;
using CrmBridge.Mappings.Abstractions;

namespace CrmBridge.Mappings.Tests;

/// <summary>Helpers: compile a mapping from YAML text and apply it.</summary>
internal static class TestMappings
{
    public const string Header = """
        mapping: test
        source: { system: zoho, entity: Sales_Orders }
        target: { system: erp, entity: salesOrders }
        key: { source: id, target: externalId }

        """;

    public static string RepoRoot { get; } = FindRoot();

    public static string ExamplesDirectory => Path.Combine(RepoRoot, "mappings", "examples");

    public static MappingEngine Compile(string yaml, string? lookupsYaml = null)
    {
        var result = MappingLoader.LoadText(yaml, "test.yaml", lookupsYaml);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Diagnostics));
        return new MappingEngine(result.Set!);
    }

    /// <summary>Compiles a mapping made of the standard header plus the given body.</summary>
    public static MappingEngine Fields(string body, string? lookupsYaml = null) => Compile(Header + body, lookupsYaml);

    public static MapResult Map(this MappingEngine engine, string json, ILookupResolver? lookups = null) =>
        engine.Map(engine.Routes[0], JsonNode.Parse(json)!.AsObject(), lookups ?? DictionaryLookupResolver.Empty);

    public static JsonObject Mapped(this MappingEngine engine, string json, ILookupResolver? lookups = null)
    {
        var result = engine.Map(json, lookups);
        Assert.True(result.Status == MapStatus.Mapped, $"{result.Status}: {string.Join("; ", result.Errors)} {string.Join("; ", result.MissingLookups)} {result.FilterReason}");
        return result.Document!;
    }

    public static IReadOnlyList<MappingDiagnostic> Errors(string yaml, string? lookupsYaml = null)
    {
        var result = MappingLoader.LoadText(yaml, "test.yaml", lookupsYaml);
        Assert.False(result.IsValid);
        return result.Diagnostics;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CrmBridge.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CrmBridge.sln not found above the test output");
    }
}

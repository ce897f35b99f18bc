using System.Reflection;
using System.Text.Json.Nodes;
using CrmBridge.Functions.Webhooks;
using Microsoft.Azure.Functions.Worker;
using Xunit;

namespace CrmBridge.Functions.Tests;

/// <summary>
/// <c>dotnet build</c> of the Functions project must produce <c>functions.metadata</c> listing every function, with the
/// trigger the code declares: the host indexes functions from that file, so a missing entry is a function that never runs.
/// </summary>
public sealed class FunctionMetadataTests
{
    private static readonly string OutputDirectory = typeof(FunctionMetadataTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FunctionsOutputDirectory").Value!;

    [Fact]
    public void FunctionsMetadata_AfterBuild_ListsEveryFunctionOfTheAssembly()
    {
        var declared = DeclaredFunctions().Keys.Order(StringComparer.Ordinal).ToList();

        var listed = Metadata().Select(f => f["name"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();

        Assert.True(declared.Count >= 15, $"only {declared.Count} functions found by reflection");
        Assert.Equal(declared, listed);
    }

    [Fact]
    public void FunctionsMetadata_AfterBuild_HasTheDeclaredTriggers()
    {
        var triggers = Metadata().ToDictionary(
            f => f["name"]!.GetValue<string>(),
            f => f["bindings"]!.AsArray().Select(b => b!["type"]!.GetValue<string>()).First(t => t.EndsWith("Trigger", StringComparison.Ordinal)));

        Assert.Equal("queueTrigger", triggers["SyncChange"]);
        Assert.Equal("queueTrigger", triggers["DrainPoison"]);
        Assert.Equal("timerTrigger", triggers["PollChanges"]);
        Assert.Equal("timerTrigger", triggers["SurfaceRejections"]);
        Assert.Equal("timerTrigger", triggers["SampleOutcomes"]);
        Assert.All(DeclaredFunctions().Where(f => f.Value.DeclaringType!.Namespace!.EndsWith(".Webhooks", StringComparison.Ordinal) || f.Value.DeclaringType.Namespace.EndsWith(".Admin", StringComparison.Ordinal)),
            f => Assert.Equal("httpTrigger", triggers[f.Key]));
    }

    [Fact]
    public void FunctionsMetadata_AfterBuild_RoutesWebhooksPerSystem()
    {
        var routes = Metadata().SelectMany(f => f["bindings"]!.AsArray()).Select(b => b!["route"]?.GetValue<string>()).OfType<string>().ToHashSet();

        Assert.Contains($"webhooks/{ErpWebhookFunction.System}", routes);
        Assert.Contains($"webhooks/{DataverseWebhookFunction.System}", routes);
        Assert.Contains($"webhooks/{ZohoWebhookFunction.System}", routes);

        // The host matches routes in function-name order, so no parameterised webhook route may overlap a literal one.
        Assert.DoesNotContain("webhooks/{system}", routes);
        Assert.True(File.Exists(Path.Combine(OutputDirectory, "extensions.json")), "extensions.json was not generated");
    }

    [Theory]
    [InlineData("dataverse")]
    [InlineData("zoho")]
    [InlineData("fxiaoke")]
    [InlineData("fxiaoke-k3cloud")]
    [InlineData("zoho-k3cloud")]
    public void Build_ShippedMappings_AreCopiedBesideTheAppAndLoad(string crm)
    {
        var folder = Path.Combine(OutputDirectory, "mappings", crm);

        var result = CrmBridge.Mappings.MappingLoader.LoadDirectory(folder);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Diagnostics));
        Assert.NotEmpty(result.Set!.Routes);
        Assert.False(Directory.Exists(Path.Combine(OutputDirectory, "mappings", "examples")), "the examples must not ship");
    }

    private static Dictionary<string, MethodInfo> DeclaredFunctions() =>
        typeof(FunctionsOptions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(x => x.Attribute is not null)
            .ToDictionary(x => x.Attribute!.Name, x => x.Method, StringComparer.Ordinal);

    private static IEnumerable<JsonObject> Metadata()
    {
        var path = Path.Combine(OutputDirectory, "functions.metadata");
        Assert.True(File.Exists(path), $"functions.metadata not found at {path}: build functions/CrmBridge.Functions first");
        return JsonNode.Parse(File.ReadAllText(path))!.AsArray().Select(n => n!.AsObject());
    }
}

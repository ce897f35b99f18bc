using CrmBridge.Mappings.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Mappings.Tests;

public sealed class MappingServiceCollectionExtensionsTests
{
    [Fact]
    public void AddCrmBridgeMappings_ValidDirectory_RegistersEngineAsRecordMapper()
    {
        using var provider = new ServiceCollection().AddCrmBridgeMappings(TestMappings.ExamplesDirectory).BuildServiceProvider();

        var mapper = provider.GetRequiredService<IRecordMapper>();

        Assert.IsType<MappingEngine>(mapper);
        Assert.Same(mapper, provider.GetRequiredService<MappingEngine>());
        Assert.Equal(2, mapper.Routes.Count);
    }

    [Fact]
    public void AddCrmBridgeMappings_InvalidMappings_ThrowsWithEveryError()
    {
        using var dir = new TempDirectory();
        dir.Write("a.yaml", "mapping: a\nsource: { system: zoho }\n");
        dir.Write("b.yaml", "mapping: [\n");

        var ex = Assert.Throws<MappingException>(() => new ServiceCollection().AddCrmBridgeMappings(dir.Path));

        Assert.Equal(["a.yaml", "a.yaml", "b.yaml"], ex.Diagnostics.Select(d => Path.GetFileName(d.File)));
        Assert.StartsWith("3 mapping error(s):", ex.Message, StringComparison.Ordinal);
    }
}

using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using CrmBridge.Mappings;
using CrmBridge.Mappings.Abstractions;

namespace CrmBridge.Benchmarks;

/// <summary>
/// One realistic Zoho sales order (30 header fields, 20 lines, 21 lookups) mapped by the engine, by hand-written C#
/// and by a Liquid template. The source is a parsed <see cref="JsonObject"/>, as the connectors deliver it.
/// </summary>
[MemoryDiagnoser]
public class OrderMappingBenchmarks
{
    private MappingEngine _engine = null!;
    private SyncRoute _route = null!;
    private DictionaryLookupResolver _lookups = null!;
    private HandWrittenOrderMapper _hand = null!;
    private LiquidOrderMapper _liquid = null!;
    private JsonObject _order = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new MappingEngine(MappingLoader.LoadText(BenchmarkOrder.Mapping, "benchmark.yaml").GetSetOrThrow());
        _route = _engine.Routes[0];
        _lookups = new DictionaryLookupResolver(new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["customer"] = BenchmarkOrder.Customers,
            ["product"] = BenchmarkOrder.Products,
        });
        _hand = new HandWrittenOrderMapper();
        _liquid = new LiquidOrderMapper();

        // Parsed from text so values are backed by JsonElement, exactly like records read from an HTTP response.
        _order = JsonNode.Parse(BenchmarkOrder.Create().ToJsonString())!.AsObject();
    }

    [Benchmark(Baseline = true, Description = "Hand-written C#")]
    public JsonObject? HandWritten() => _hand.Map(_order);

    [Benchmark(Description = "MappingEngine")]
    public JsonObject? Engine() => _engine.Map(_route, _order, _lookups).Document;

    [Benchmark(Description = "Liquid (Fluid)")]
    public string Liquid() => _liquid.Map(_order);

    /// <summary>Liquid output parsed into the document the pipeline delivers (what Logic Apps does with it too).</summary>
    [Benchmark(Description = "Liquid (Fluid) + parse")]
    public JsonObject? LiquidParsed() => JsonNode.Parse(_liquid.Map(_order))?.AsObject();
}

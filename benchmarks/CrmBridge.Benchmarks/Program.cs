using BenchmarkDotNet.Running;
using CrmBridge.Benchmarks;

if (args is ["--verify"])
{
    // Prints what each contender produces for the benchmark order, to check they do the same work.
    var bench = new OrderMappingBenchmarks();
    bench.Setup();
    Console.WriteLine(bench.Engine()?.ToJsonString());
    Console.WriteLine(bench.HandWritten()?.ToJsonString());
    Console.WriteLine(bench.Liquid());
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(OrderMappingBenchmarks).Assembly).Run(args);

using System.Diagnostics;

namespace CrmBridge.Benchmarks;

/// <summary>
/// A complement to BenchmarkDotNet for a crowded shared machine: runs the three contenders in alternating short
/// rounds so load swings hit all of them alike, and reports the median ns/record (wall clock and process CPU time,
/// which excludes time spent waiting for a core) and bytes/record of each.
/// </summary>
internal static class InterleavedRun
{
    public static void Run(int rounds = 31, int perRound = 1000)
    {
        var bench = new OrderMappingBenchmarks();
        bench.Setup();
        var contenders = new (string Name, Action Body)[]
        {
            ("Hand-written C#", () => bench.HandWritten()),
            ("MappingEngine", () => bench.Engine()),
            ("Liquid (Fluid)", () => bench.Liquid()),
            ("Liquid (Fluid) + parse", () => bench.LiquidParsed()),
        };
        var times = contenders.Select(_ => new List<double>()).ToArray();
        var cpu = contenders.Select(_ => new List<double>()).ToArray();
        var bytes = new long[contenders.Length];
        for (var round = -3; round < rounds; round++)
        {
            for (var c = 0; c < contenders.Length; c++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var cpuBefore = Environment.CpuUsage.TotalTime;
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < perRound; i++)
                {
                    contenders[c].Body();
                }

                watch.Stop();
                var cpuTime = Environment.CpuUsage.TotalTime - cpuBefore;
                if (round >= 0)
                {
                    times[c].Add(watch.Elapsed.TotalNanoseconds / perRound);
                    cpu[c].Add(cpuTime.TotalNanoseconds / perRound);
                    bytes[c] = (GC.GetAllocatedBytesForCurrentThread() - before) / perRound;
                }
            }
        }

        var medians = times.Select(Median).ToArray();
        var cpuMedians = cpu.Select(Median).ToArray();
        Console.WriteLine("| Contender | wall ns/record | CPU ns/record | bytes/record | CPU vs hand-written | Liquid CPU / this | Liquid+parse CPU / this |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        for (var c = 0; c < contenders.Length; c++)
        {
            Console.WriteLine($"| {contenders[c].Name} | {medians[c]:N0} | {cpuMedians[c]:N0} | {bytes[c]:N0} | {cpuMedians[c] / cpuMedians[0]:N2}x | {cpuMedians[2] / cpuMedians[c]:N1}x | {cpuMedians[3] / cpuMedians[c]:N1}x |");
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}

using System.Globalization;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace CrmBridge.AllocationTrace;

/// <summary>
/// Sums the GC's allocation ticks (one about every 100 KB allocated, carrying the type and the call stack) by type and
/// by type + stack: where the allocated bytes come from. Ticks sample, so totals are approximate.
/// </summary>
internal sealed class AllocationReport
{
    private const int Frames = 12;
    private readonly Dictionary<string, (long Bytes, int Ticks)> _byType = [];
    private readonly Dictionary<string, (long Bytes, int Ticks)> _byStack = [];

    public static AllocationReport Read(string nettrace, bool largeOnly)
    {
        var report = new AllocationReport();
        var etlx = TraceLog.CreateFromEventPipeDataFile(nettrace);
        using var log = new TraceLog(etlx);
        foreach (var e in log.Events)
        {
            if (e is not GCAllocationTickTraceData tick || (largeOnly && tick.AllocationKind != GCAllocationKind.Large))
            {
                continue;
            }

            var type = tick.TypeName + (tick.AllocationKind == GCAllocationKind.Large ? " [LOH]" : string.Empty);
            var frames = new List<string>(Frames);
            for (var frame = e.CallStack(); frame is not null && frames.Count < Frames; frame = frame.Caller)
            {
                var method = frame.CodeAddress.FullMethodName;
                if (!string.IsNullOrEmpty(method))
                {
                    frames.Add(method.Length > 120 ? method[..120] : method);
                }
            }

            Add(report._byType, type, tick.AllocationAmount64);
            Add(report._byStack, type + Environment.NewLine + "    " + string.Join(Environment.NewLine + "    ", frames), tick.AllocationAmount64);
        }

        return report;
    }

    public void Print(TextWriter output, int stacks)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Allocated {_byType.Values.Sum(v => v.Bytes) / 1e6:F1} MB in {_byType.Values.Sum(v => v.Ticks)} ticks. By type:"));
        foreach (var (type, total) in _byType.OrderByDescending(t => t.Value.Bytes).Take(25))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{total.Bytes / 1e6,9:F1} MB {total.Ticks,7}  {type}"));
        }

        output.WriteLine();
        output.WriteLine("By call stack:");
        foreach (var (stack, total) in _byStack.OrderByDescending(t => t.Value.Bytes).Take(stacks))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{total.Bytes / 1e6,9:F1} MB {total.Ticks,7}  {stack}"));
            output.WriteLine();
        }
    }

    private static void Add(Dictionary<string, (long Bytes, int Ticks)> totals, string key, long bytes)
    {
        var current = totals.GetValueOrDefault(key);
        totals[key] = (current.Bytes + bytes, current.Ticks + 1);
    }
}

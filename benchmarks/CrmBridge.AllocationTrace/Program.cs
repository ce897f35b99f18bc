using System.Globalization;
using CrmBridge.AllocationTrace;

// Usage: CrmBridge.AllocationTrace <trace.nettrace> [--large] [--stacks N]
// Record the trace with: dotnet-trace collect -p PID --providers "Microsoft-Windows-DotNETRuntime:0x40000001:5" -o trace.nettrace
if (args.Length == 0 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("Give a .nettrace file recorded with: dotnet-trace collect -p PID --providers \"Microsoft-Windows-DotNETRuntime:0x40000001:5\" -o trace.nettrace");
    return 2;
}

var largeOnly = args.Contains("--large");
var stacksAt = Array.IndexOf(args, "--stacks");
var stacks = stacksAt > 0 && stacksAt + 1 < args.Length ? int.Parse(args[stacksAt + 1], CultureInfo.InvariantCulture) : 10;
var report = AllocationReport.Read(args[0], largeOnly);
report.Print(Console.Out, stacks);
return 0;

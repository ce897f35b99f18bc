using CrmBridge.Convergence;

var settings = HarnessSettings.Parse(args);
var cli = settings.Cli ?? Harness.FindCli();
Console.WriteLine($"Convergence harness: {settings}. CLI: {cli}");
var harness = new Harness(settings, cli);
return settings.Throughput ? await harness.RunThroughputAsync() : await harness.RunAsync();

using CrmBridge.Convergence;

var settings = HarnessSettings.Parse(args);
var cli = settings.Cli ?? Harness.FindCli();
Console.WriteLine(settings.Throughput ? $"Throughput harness: {settings.Crm}, {settings.Customers} customers. CLI: {cli}" : $"Convergence harness: {settings}. CLI: {cli}");
var harness = new Harness(settings, cli);
return settings.Throughput ? await harness.RunThroughputAsync() : await harness.RunAsync();

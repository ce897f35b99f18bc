using CrmBridge.Convergence;

var settings = HarnessSettings.Parse(args);
var cli = settings.Cli ?? Harness.FindCli();
Console.WriteLine($"Convergence harness: {settings}. CLI: {cli}");
return await new Harness(settings, cli).RunAsync();

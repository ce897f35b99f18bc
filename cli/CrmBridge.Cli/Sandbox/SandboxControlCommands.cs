using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBridge.Cli.Commands;

namespace CrmBridge.Cli.Sandbox;

/// <summary>The <c>crmbridge sandbox</c> sub-commands: each is one call to the control API of a running sandbox.</summary>
internal static class SandboxControlCommands
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static IEnumerable<Command> Create()
    {
        yield return Action("ship", "Ship an order in the ERP sandbox (every synced order without --id): status SHIPPED, tracking number, carrier.");
        yield return Action("invoice", "Invoice an order in the ERP sandbox (every synced order without --id): status INVOICED, invoice number.");
        yield return Action("resolve", "Resolve an after-sales case in the ERP sandbox (every synced case without --id).");
        yield return Fault();
        yield return Edit();
    }

    private static Command Action(string action, string description)
    {
        var id = new Option<string?>("--id") { Description = "The ERP record id (SO-000001, AS-000001); default: every synced record." };
        var (control, config, json) = (ControlOption(), CommandRunner.ConfigOption(), CommandRunner.JsonOption());
        var command = new Command(action, description) { id, control, config, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async (output, _, token) =>
        {
            using var client = SandboxControlClient.Open(parse.GetValue(control), parse.GetValue(config));
            var query = parse.GetValue(id) is { } one ? "?id=" + Uri.EscapeDataString(one) : string.Empty;
            var answer = await client.SendAsync(HttpMethod.Post, $"erp/{action}{query}", null, token).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync((answer ?? new JsonObject()).ToJsonString(Indented)).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var ids = answer?["ids"]?.AsArray() ?? [];
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{action}: {ids.Count} record(s){(ids.Count is > 0 and <= 10 ? ": " + string.Join(", ", ids) : "")}")).ConfigureAwait(false);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Fault()
    {
        var system = new Option<string>("--system") { Description = "Which sandbox: erp or crm.", DefaultValueFactory = _ => "erp" };
        var rate = new Option<double?>("--rate") { Description = "Share of API calls that fail, 0..1." };
        var kind = new Option<string?>("--kind") { Description = "How they fail: ServerError (default), Throttle (429 + Retry-After), DropConnection, Mixed (each faulted call one of those or 1 s of latency)." };
        var latency = new Option<int?>("--latency") { Description = "Milliseconds added to every call (when no error rate or outage is set)." };
        var outage = new Option<string?>("--outage") { Description = "on: every call fails with a server error until off." };
        var clear = new Option<bool>("--clear") { Description = "Remove every fault." };
        var (control, config, json) = (ControlOption(), CommandRunner.ConfigOption(), CommandRunner.JsonOption());
        var command = new Command("fault", "Inject faults into a running sandbox: an error rate, added latency, an outage on/off, or clear.")
        {
            system, rate, kind, latency, outage, clear, control, config, json,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async (output, _, token) =>
        {
            var target = parse.GetValue(system)!;
            using var client = SandboxControlClient.Open(parse.GetValue(control), parse.GetValue(config));
            JsonNode? answer = null;
            if (parse.GetValue(clear))
            {
                answer = await client.SendAsync(HttpMethod.Delete, $"{target}/faults", null, token).ConfigureAwait(false);
            }

            if (parse.GetValue(rate) is not null || parse.GetValue(latency) is not null)
            {
                var query = string.Join("&", new[]
                {
                    parse.GetValue(rate) is { } r ? "rate=" + r.ToString(CultureInfo.InvariantCulture) : null,
                    parse.GetValue(kind) is { } k ? "kind=" + Uri.EscapeDataString(k) : null,
                    parse.GetValue(latency) is { } l ? "latencyMs=" + l.ToString(CultureInfo.InvariantCulture) : null,
                }.Where(p => p is not null));
                answer = await client.SendAsync(HttpMethod.Post, $"{target}/faults?{query}", null, token).ConfigureAwait(false);
            }

            if (parse.GetValue(outage) is { } state)
            {
                var on = state.ToUpperInvariant() switch
                {
                    "ON" or "TRUE" => true,
                    "OFF" or "FALSE" => false,
                    _ => throw new CliException($"--outage '{state}' must be on or off."),
                };
                answer = await client.SendAsync(HttpMethod.Post, $"{target}/outage?on={(on ? "true" : "false")}", null, token).ConfigureAwait(false);
            }

            if (answer is null)
            {
                throw new CliException("Give --rate, --latency, --outage on|off or --clear.");
            }

            await output.WriteLineAsync(parse.GetValue(json) ? answer.ToJsonString(Indented) : $"{target} faults: {answer.ToJsonString()}").ConfigureAwait(false);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static Command Edit()
    {
        var entity = new Option<string>("--entity") { Description = "The CRM entity (accounts, Accounts, AccountObj…).", Required = true };
        var id = new Option<string>("--id") { Description = "The CRM record id.", Required = true };
        var set = new Option<string[]>("--set") { Description = "field=value (repeat); a value that parses as JSON (42, true, null) is sent as such, anything else as text.", Required = true, AllowMultipleArgumentsPerToken = true };
        var (control, config, json) = (ControlOption(), CommandRunner.ConfigOption(), CommandRunner.JsonOption());
        var command = new Command("edit", "Change fields of a CRM sandbox record as a CRM user would (the host's next poll picks it up).") { entity, id, set, control, config, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async (output, _, token) =>
        {
            var body = new JsonObject();
            foreach (var pair in parse.GetValue(set)!)
            {
                var at = pair.IndexOf('=', StringComparison.Ordinal);
                if (at < 1)
                {
                    throw new CliException($"--set '{pair}' must be field=value.");
                }

                body[pair[..at]] = Value(pair[(at + 1)..]);
            }

            using var client = SandboxControlClient.Open(parse.GetValue(control), parse.GetValue(config));
            var (e, i) = (Uri.EscapeDataString(parse.GetValue(entity)!), Uri.EscapeDataString(parse.GetValue(id)!));
            await client.SendAsync(HttpMethod.Patch, $"crm/records/{e}/{i}", body, token).ConfigureAwait(false);
            await output.WriteLineAsync(parse.GetValue(json)
                ? new JsonObject { ["edited"] = $"{parse.GetValue(entity)}/{parse.GetValue(id)}", ["fields"] = new JsonArray([.. body.Select(p => (JsonNode?)JsonValue.Create(p.Key))]) }.ToJsonString(Indented)
                : $"edited {parse.GetValue(entity)}/{parse.GetValue(id)}: {string.Join(", ", body.Select(p => p.Key))}").ConfigureAwait(false);
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static JsonNode? Value(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonValue or null ? JsonNode.Parse(text) : JsonValue.Create(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    private static Option<string?> ControlOption() => new("--control") { Description = "The control API's URL (default: Sandbox:ControlUrl from --config, or crmbridge.sandbox.json)." };
}

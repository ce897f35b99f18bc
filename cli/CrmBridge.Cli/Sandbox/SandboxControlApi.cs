using System.Text.Json.Nodes;
using CrmBridge.Cli.Demo;
using CrmBridge.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CrmBridge.Cli.Sandbox;

/// <summary>
/// The loopback control API of <c>crmbridge sandbox</c> (docs/sandbox.md): the ERP users' actions, fault injection per
/// system, CRM edits, and read-only views. No authentication: it listens on 127.0.0.1 only, like the emulators.
/// </summary>
internal static class SandboxControlApi
{
    public static void Map(WebApplication app, IDemoCrm crm, IDemoErp erp)
    {
        var faults = new Dictionary<string, SandboxFaultState>(StringComparer.OrdinalIgnoreCase)
        {
            ["crm"] = new(crm.Faults),
            ["erp"] = new(erp.Faults),
        };
        app.MapGet("/control/status", () => Results.Json(new
        {
            crm = new { system = crm.System, url = crm.BaseAddress, apiCalls = crm.ApiCalls, faults = faults["crm"].Describe() },
            erp = new { system = erp.System, url = erp.BaseAddress, apiCalls = erp.ApiCalls, faults = faults["erp"].Describe() },
        }));
        foreach (var action in new[] { "ship", "invoice", "resolve" })
        {
            app.MapPost("/control/erp/" + action, (string? id, CancellationToken ct) => ActAsync(erp, action, id, ct));
        }

        app.MapPost("/control/{system}/faults", (string system, double? rate, string? kind, int? latencyMs) =>
            !faults.TryGetValue(system, out var state) ? UnknownSystem(system) : SetFaults(state, rate, kind, latencyMs));
        app.MapDelete("/control/{system}/faults", (string system) =>
            Apply(faults, system, s => s.Clear()));
        app.MapPost("/control/{system}/outage", (string system, bool? on) =>
            on is null ? Problem(400, "Give ?on=true or ?on=false.") : Apply(faults, system, s => s.SetOutage(on.Value)));
        app.MapGet("/control/erp/records/{entity}", (string entity) => Results.Json(erp.Records(entity)));
        app.MapGet("/control/crm/records/{entity}", (string entity) => Guard(() => Results.Json(crm.Ids(entity))));
        app.MapDelete("/control/crm/records/{entity}/{id}", (string entity, string id) =>
            Guard(() => crm.Delete(entity, id) ? Results.NoContent() : Problem(404, $"{crm.System} has no {entity} record {id}.")));
        app.MapPost("/control/crm/records/{entity}", async (string entity, HttpRequest request) =>
        {
            var body = await JsonNode.ParseAsync(request.Body).ConfigureAwait(false) as JsonObject;
            return body is null ? Problem(400, "The body must be a JSON object of the record's fields.") : Guard(() => Results.Json(new { id = crm.Create(entity, body) }));
        });
        app.MapMethods("/control/crm/records/{entity}/{id}", ["PATCH", "POST"], async (string entity, string id, HttpRequest request) =>
        {
            var body = await JsonNode.ParseAsync(request.Body).ConfigureAwait(false) as JsonObject;
            return body is null ? Problem(400, "The body must be a JSON object of the fields to set.") : Guard(() =>
            {
                crm.Edit(entity, id, body);
                return Results.NoContent();
            });
        });
    }

    private static async Task<IResult> ActAsync(IDemoErp erp, string action, string? id, CancellationToken cancellationToken)
    {
        try
        {
            return Results.Json(new { action, ids = await erp.ActAsync(action, id, cancellationToken).ConfigureAwait(false) });
        }
        catch (Exception ex) when (ex is KeyNotFoundException or ArgumentException or InvalidOperationException)
        {
            return Problem(ex is KeyNotFoundException ? 404 : 400, ex.Message);
        }
    }

    private static IResult SetFaults(SandboxFaultState state, double? rate, string? kind, int? latencyMs)
    {
        if (rate is null && latencyMs is null)
        {
            return Problem(400, "Give ?rate=0..1 (with &kind=ServerError|Throttle|DropConnection|Mixed) and/or ?latencyMs=N.");
        }

        var mixed = string.Equals(kind, "Mixed", StringComparison.OrdinalIgnoreCase);
        var faultKind = SandboxFaultKind.ServerError;
        if (kind is not null && !mixed && (!Enum.TryParse(kind, ignoreCase: true, out faultKind) || faultKind == SandboxFaultKind.Latency))
        {
            return Problem(400, $"kind '{kind}' is not one of ServerError, Throttle, DropConnection, Mixed.");
        }

        if (rate is < 0 or > 1 || latencyMs is < 0)
        {
            return Problem(400, "rate must be between 0 and 1 and latencyMs not negative.");
        }

        if (rate is { } r && mixed)
        {
            state.SetMixedRate(r);
        }
        else if (rate is { } r2)
        {
            state.SetRate(r2, faultKind);
        }

        if (latencyMs is { } ms)
        {
            state.SetLatency(ms);
        }

        return Results.Json(state.Describe());
    }

    private static IResult Apply(Dictionary<string, SandboxFaultState> faults, string system, Action<SandboxFaultState> change)
    {
        if (!faults.TryGetValue(system, out var state))
        {
            return UnknownSystem(system);
        }

        change(state);
        return Results.Json(state.Describe());
    }

    private static IResult Guard(Func<IResult> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The API's boundary: the emulators throw their own vendor-shaped exceptions (DataverseApiException, …) for
            // unknown records and invalid values; the caller gets the message, the sandbox keeps running.
            return Problem(400, ex.Message);
        }
    }

    private static IResult UnknownSystem(string system) => Problem(404, $"'{system}' is not a sandbox system (crm, erp).");

    private static IResult Problem(int status, string message) =>
        Results.Json(new { error = message }, statusCode: status);
}

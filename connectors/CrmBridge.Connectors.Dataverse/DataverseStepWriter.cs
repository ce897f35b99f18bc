using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Dataverse;

/// <summary>Creates, updates or deletes one step (and its post image) and reports what it did; with dry-run it only reports.</summary>
internal sealed class DataverseStepWriter
{
    private const string Steps = "sdkmessageprocessingsteps";
    private const string Images = "sdkmessageprocessingstepimages";
    private readonly DataverseRegistrationClient _client;
    private readonly bool _dryRun;
    private readonly Action<DataverseRegistrationChange> _report;

    public DataverseStepWriter(DataverseRegistrationClient client, bool dryRun, Action<DataverseRegistrationChange> report)
    {
        _client = client;
        _dryRun = dryRun;
        _report = report;
    }

    public async Task EnsureAsync(DataverseStepDefinition step, Guid? endpointId, JsonObject? existing, CancellationToken cancellationToken)
    {
        var filtering = step.FilteringAttributes;
        var detail = step.Message == "Update" ? $"filtering: {(filtering.Length == 0 ? "every column" : filtering)}" : string.Empty;
        Guid? stepId;
        if (existing is null)
        {
            _report(new DataverseRegistrationChange("create", "step", step.Name, detail));
            stepId = _dryRun || endpointId is null ? null : await _client.PostAsync(Steps, Body(step, endpointId.Value), $"creating step '{step.Name}'", null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            stepId = Guid.Parse(existing["sdkmessageprocessingstepid"]!.ToString());
            var same = Normalize(existing["filteringattributes"]?.ToString()) == filtering && Int(existing, "mode") == 1 && Int(existing, "stage") == 40;
            _report(new DataverseRegistrationChange(same ? "unchanged" : "update", "step", step.Name, detail));
            if (!same && !_dryRun)
            {
                await _client.PatchAsync($"{Steps}({stepId})", Body(step, endpointId!.Value), $"updating step '{step.Name}'", cancellationToken).ConfigureAwait(false);
            }
        }

        if (step.HasPostImage)
        {
            await EnsureImageAsync(step, stepId, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task DeleteAsync(JsonObject step, CancellationToken cancellationToken)
    {
        var name = step["name"]?.ToString() ?? string.Empty;
        _report(new DataverseRegistrationChange("delete", "step", name, "with its images"));
        if (!_dryRun)
        {
            // Images are the step's children: deleting the step deletes them.
            await _client.DeleteAsync($"{Steps}({step["sdkmessageprocessingstepid"]})", $"deleting step '{name}'", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task EnsureImageAsync(DataverseStepDefinition step, Guid? stepId, CancellationToken cancellationToken)
    {
        var images = stepId is { } id
            ? await _client.ListAsync($"{Images}?$select=sdkmessageprocessingstepimageid,name,attributes,messagepropertyname,imagetype&$filter={Uri.EscapeDataString($"_sdkmessageprocessingstepid_value eq {id}")}",
                $"listing the images of step '{step.Name}'", cancellationToken).ConfigureAwait(false)
            : [];
        var image = images.FirstOrDefault(i => i["name"]?.ToString() == DataverseRegistrationNames.PostImage);
        var label = $"{step.Name} / post image";
        var body = new JsonObject
        {
            ["name"] = DataverseRegistrationNames.PostImage,
            ["description"] = DataverseRegistrationNames.Description,
            ["entityalias"] = DataverseRegistrationNames.PostImageAlias,
            ["imagetype"] = 1,
            ["messagepropertyname"] = step.ImageProperty,
            ["attributes"] = DataverseRegistrationNames.PostImageAttributes,
        };
        if (image is null)
        {
            _report(new DataverseRegistrationChange("create", "image", label, DataverseRegistrationNames.PostImageAttributes));
            if (!_dryRun && stepId is { } parent)
            {
                body["sdkmessageprocessingstepid@odata.bind"] = $"/{Steps}({parent})";
                await _client.PostAsync(Images, body, $"creating the post image of '{step.Name}'", null, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var same = image["attributes"]?.ToString() == DataverseRegistrationNames.PostImageAttributes && image["messagepropertyname"]?.ToString() == step.ImageProperty
            && Int(image, "imagetype") == 1;
        _report(new DataverseRegistrationChange(same ? "unchanged" : "update", "image", label, DataverseRegistrationNames.PostImageAttributes));
        if (!same && !_dryRun)
        {
            await _client.PatchAsync($"{Images}({image["sdkmessageprocessingstepimageid"]})", body, $"updating the post image of '{step.Name}'", cancellationToken).ConfigureAwait(false);
        }
    }

    private static JsonObject Body(DataverseStepDefinition step, Guid endpointId) => new()
    {
        ["name"] = step.Name,
        ["description"] = DataverseRegistrationNames.Description,
        ["mode"] = 1,
        ["stage"] = 40,
        ["rank"] = 1,
        ["supporteddeployment"] = 0,
        ["asyncautodelete"] = true,
        ["filteringattributes"] = step.FilteringAttributes.Length == 0 ? null : step.FilteringAttributes,
        ["sdkmessageid@odata.bind"] = $"/sdkmessages({step.MessageId})",
        ["sdkmessagefilterid@odata.bind"] = $"/sdkmessagefilters({step.FilterId})",
        ["eventhandler_serviceendpoint@odata.bind"] = $"/serviceendpoints({endpointId})",
    };

    private static string Normalize(string? attributes) =>
        string.Join(',', (attributes ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal));

    private static int Int(JsonObject row, string column) => row[column] is JsonValue v && v.TryGetValue<int>(out var i) ? i : -1;
}

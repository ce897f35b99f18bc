using System.Text.Json.Nodes;

namespace CrmBridge.Connectors.Kingdee;

/// <summary>
/// The bill operations around a save: <c>Submit</c>, <c>Audit</c>, <c>UnAudit</c> and <c>Delete</c> by primary keys
/// (<c>Ids</c> = "1,2"), each one call for many bills. Returns the error of each key that failed, by its position.
/// </summary>
internal sealed class KingdeeLifecycle
{
    private readonly KingdeeApiClient _api;

    public KingdeeLifecycle(KingdeeApiClient api) => _api = api;

    public async Task<Dictionary<int, ConnectorException>> RunAsync(string operation, KingdeeForm form, IReadOnlyList<string> pks, CancellationToken cancellationToken)
    {
        var failures = new Dictionary<int, ConnectorException>();
        if (pks.Count == 0)
        {
            return failures;
        }

        var data = new JsonObject { ["Ids"] = string.Join(",", pks), ["Numbers"] = new JsonArray(), ["NetworkCtrl"] = "false" };
        if (operation is "Audit" or "UnAudit")
        {
            data["IsVerifyProcInst"] = "true";
        }

        var answer = await _api.CallAsync(operation, form.FormId, data, form.FormId, cancellationToken).ConfigureAwait(false);
        if (KingdeeStatus.Find(answer) is not { IsSuccess: false } status)
        {
            return failures;
        }

        var placed = status.Errors.Where(e => e.DIndex is { } i && i >= 0 && i < pks.Count).ToList();
        var succeeded = status.SuccessEntitys.Select(s => s.DIndex).ToHashSet();
        for (var i = 0; i < pks.Count; i++)
        {
            if (succeeded.Contains(i) && placed.All(e => e.DIndex != i))
            {
                continue;
            }

            var mine = placed.Where(e => e.DIndex == i).ToList();
            failures[i] = KingdeeErrors.For(_api.Options, operation, form.FormId, status, mine.Count > 0 ? mine : status.Errors);
        }

        return failures;
    }
}

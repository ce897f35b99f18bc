using CrmBridge.Admin.Audit;
using CrmBridge.Admin.Http;
using CrmBridge.Pipeline.Operations;

namespace CrmBridge.Admin.Pages;

/// <summary>The state-changing actions on failed records (anti-forgery checked by the dispatcher): replay one, several or all matching; dismiss with a note. Each is audited with who did it.</summary>
internal sealed class FailedActions(DeadLetterService deadLetters, FailedListPage list, AdminAuditLog audit)
{
    public async Task ReplayOneAsync(AdminRequest r, string id)
    {
        var outcome = await deadLetters.TryReplayAsync(id, r.Aborted).ConfigureAwait(false);
        if (outcome == ReplayOutcome.Replayed)
        {
            await audit.AddAsync(Who(r), "replay", id, 1, null, r.Aborted).ConfigureAwait(false);
        }

        var notice = outcome switch { ReplayOutcome.Replayed => "replayed&n=1", ReplayOutcome.NotReplayable => "notReplayable", _ => "notOpen" };
        await AdminResponses.RedirectAsync(r.Context, r.Url("failed/" + Uri.EscapeDataString(id) + "?notice=" + notice)).ConfigureAwait(false);
    }

    public async Task ReplayManyAsync(AdminRequest r)
    {
        var form = await r.Context.Request.ReadFormAsync(r.Aborted).ConfigureAwait(false);
        var filter = FailedFilter.From(name => form[name].ToString() is { Length: > 0 } v ? v : null);
        IEnumerable<string> ids = form["scope"] == "all"
            ? (await list.MatchingAsync(filter with { Rejected = false }, r.Aborted).ConfigureAwait(false)).Select(l => l.Id)
            : form["id"].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).Distinct(StringComparer.Ordinal).Take(FailedListPage.MaxListed);
        var replayed = new List<string>();
        foreach (var id in ids)
        {
            if (await deadLetters.TryReplayAsync(id, r.Aborted).ConfigureAwait(false) == ReplayOutcome.Replayed)
            {
                replayed.Add(id);
            }
        }

        if (replayed.Count > 0)
        {
            await audit.AddAsync(Who(r), "replay", string.Join(',', replayed), replayed.Count, null, r.Aborted).ConfigureAwait(false);
        }

        var query = filter.Query();
        await AdminResponses.RedirectAsync(r.Context, r.Url("failed?" + (query.Length > 0 ? query + "&" : "") + "notice=replayed&n=" + replayed.Count)).ConfigureAwait(false);
    }

    public async Task DismissAsync(AdminRequest r, string id)
    {
        var form = await r.Context.Request.ReadFormAsync(r.Aborted).ConfigureAwait(false);
        var note = form["note"].ToString().Trim();
        if (await deadLetters.DismissAsync(id, r.Aborted).ConfigureAwait(false))
        {
            await audit.AddAsync(Who(r), "dismiss", id, 1, note.Length > 0 ? note : null, r.Aborted).ConfigureAwait(false);
            await AdminResponses.RedirectAsync(r.Context, r.Url("failed?notice=dismissed&n=1")).ConfigureAwait(false);
            return;
        }

        await AdminResponses.RedirectAsync(r.Context, r.Url("failed?notice=notOpen")).ConfigureAwait(false);
    }

    public static string Who(AdminRequest r) => $"{r.User!.Name} ({r.User.Method})";
}

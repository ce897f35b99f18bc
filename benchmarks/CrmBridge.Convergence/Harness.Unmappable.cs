using System.Text.Json.Nodes;

namespace CrmBridge.Convergence;

/// <content>
/// Genuinely unmappable records: accounts a CRM user creates that the shipped mapping must refuse (a blank name for
/// Zoho, a country the country map does not know for Dataverse). Each must become exactly one dead letter with a
/// reason, and nothing else may be dead-lettered.
/// </content>
internal sealed partial class Harness
{
    private readonly List<string> _bad = [];

    private async Task PlantUnmappableAsync(SandboxControl control, string entity)
    {
        for (var i = 1; i <= _settings.Bad; i++)
        {
            var fields = _settings.Crm switch
            {
                "zoho" => new JsonObject { ["Account_Name"] = "   ", ["Account_Number"] = $"BAD-{i:D4}", ["Billing_Country"] = "cn" },
                "dataverse" => new JsonObject { ["name"] = $"Unmappable {i:D4}", ["address1_country"] = "Atlantis" },
                _ => throw new ArgumentException($"--bad is not supported for --crm {_settings.Crm} (zoho, dataverse)."),
            };
            _bad.Add(await control.CreateAsync(entity, fields));
        }
    }

    /// <summary>Dead letters that are not for a planted record, and planted records without exactly one dead letter.</summary>
    private (int Unexpected, int Missed) CheckDeadLetters(JsonArray open)
    {
        var planted = _bad.ToHashSet(StringComparer.Ordinal);
        var unexpected = open.Where(l => !planted.Contains(l!["envelope"]?["recordId"]?.ToString() ?? "")).ToList();
        foreach (var letter in unexpected.Take(20))
        {
            Console.WriteLine($"    unexpected dead letter {letter!["envelope"]?["system"]}/{letter["envelope"]?["entity"]}/{letter["envelope"]?["recordId"]}: {letter["errorCode"]} {letter["reason"]}");
        }

        var perRecord = open.GroupBy(l => l!["envelope"]?["recordId"]?.ToString() ?? "").ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var missed = _bad.Where(id => perRecord.GetValueOrDefault(id) != 1 || open.Any(l => l!["envelope"]?["recordId"]?.ToString() == id && string.IsNullOrWhiteSpace(l["reason"]?.ToString()))).ToList();
        foreach (var id in missed.Take(20))
        {
            Console.WriteLine($"    planted unmappable record {id}: {perRecord.GetValueOrDefault(id)} dead letters (expected exactly one, with a reason)");
        }

        return (unexpected.Count, missed.Count);
    }
}

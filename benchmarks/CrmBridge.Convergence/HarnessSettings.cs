using System.Globalization;

namespace CrmBridge.Convergence;

/// <summary>The harness's knobs (<c>--name value</c> on the command line; see docs/convergence.md).</summary>
internal sealed record HarnessSettings
{
    public int Customers { get; init; } = 2_000;

    public double FaultRate { get; init; } = 0.10;

    public int Kills { get; init; } = 2;

    public TimeSpan KillEvery { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan Outage { get; init; } = TimeSpan.FromMinutes(2);

    public double EditShare { get; init; } = 0.10;

    public double TwiceShare { get; init; } = 0.05;

    public string Crm { get; init; } = "dataverse";

    /// <summary>Gets the CRM field the edits change (default: the account name of the CRM).</summary>
    public string? EditField { get; init; }

    /// <summary>Gets how the faulted ERP calls fail: <c>Mixed</c> (429 + Retry-After, 503, dropped connection, latency) or one kind.</summary>
    public string FaultKind { get; init; } = "Mixed";

    /// <summary>Gets how many genuinely unmappable accounts to create in the CRM while the host runs.</summary>
    public int Bad { get; init; }

    public string AccountField => EditField ?? (Crm == "zoho" ? "Account_Name" : "name");

    public TimeSpan QuietTimeout { get; init; } = TimeSpan.FromMinutes(30);

    public string? Cli { get; init; }

    public bool Throughput { get; init; }

    public static HarnessSettings Parse(string[] args)
    {
        var s = new HarnessSettings();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var v = args[i + 1];
            s = args[i] switch
            {
                "--customers" => s with { Customers = int.Parse(v, CultureInfo.InvariantCulture) },
                "--fault-rate" => s with { FaultRate = double.Parse(v, CultureInfo.InvariantCulture) },
                "--kills" => s with { Kills = int.Parse(v, CultureInfo.InvariantCulture) },
                "--kill-every" => s with { KillEvery = TimeSpan.FromSeconds(double.Parse(v, CultureInfo.InvariantCulture)) },
                "--outage" => s with { Outage = TimeSpan.FromSeconds(double.Parse(v, CultureInfo.InvariantCulture)) },
                "--edit-share" => s with { EditShare = double.Parse(v, CultureInfo.InvariantCulture) },
                "--twice-share" => s with { TwiceShare = double.Parse(v, CultureInfo.InvariantCulture) },
                "--crm" => s with { Crm = v },
                "--edit-field" => s with { EditField = v },
                "--fault-kind" => s with { FaultKind = v },
                "--bad" => s with { Bad = int.Parse(v, CultureInfo.InvariantCulture) },
                "--quiet-timeout" => s with { QuietTimeout = TimeSpan.FromSeconds(double.Parse(v, CultureInfo.InvariantCulture)) },
                "--cli" => s with { Cli = v },
                "--throughput" => s with { Throughput = bool.Parse(v) },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. Options: --customers --fault-rate --kills --kill-every --outage (s) --edit-share --twice-share --crm --edit-field --fault-kind --bad --quiet-timeout (s) --cli PATH --throughput true."),
            };
        }

        return s;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Crm}, {Customers} customers, ERP faults {FaultRate:P0} ({FaultKind}), {Bad} unmappable, {Kills} kills every {KillEvery.TotalSeconds:F0} s, {EditShare:P0} edited once / {TwiceShare:P0} twice within 1 s, ERP outage {Outage.TotalSeconds:F0} s");
}

using System.Globalization;

namespace CrmBridge.Cli.Sandbox;

/// <summary>What <c>crmbridge sandbox</c> prints once everything is up: one line per system, the files, and what to do next.</summary>
internal static class SandboxBanner
{
    /// <summary>The line the banner ends with; scripts wait for it.</summary>
    public const string Ready = "Sandbox ready. Ctrl+C stops it.";

    public static async Task WriteAsync(TextWriter output, SandboxSession session, SandboxSettings settings)
    {
        var seeded = string.Join(", ", session.Seeded.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value}")));
        string[] lines =
        [
            $"crm      {session.Crm.System,-10} {session.Crm.BaseAddress}",
            $"erp      {session.Erp.System,-10} {session.Erp.BaseAddress}",
            $"control  {"sandbox",-10} {new Uri(session.Control.BaseAddress, "control/")}",
            $"config   {settings.ConfigOut}",
            $"store    {Path.GetFullPath(settings.Database)}",
            $"seeded   {(seeded.Length == 0 ? "nothing" : seeded)}",
            $"next     crmbridge run --config {settings.ConfigOut}   (and: crmbridge sandbox ship|invoice|resolve|fault|edit --config {settings.ConfigOut})",
            Ready,
        ];
        foreach (var line in lines)
        {
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }

        await output.FlushAsync().ConfigureAwait(false);
    }
}

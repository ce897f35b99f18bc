using System.Diagnostics;
using System.Globalization;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Hosting;
using CrmBridge.Pipeline.Queueing;
using CrmBridge.Pipeline.State;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBridge.Cli.Demo;

/// <content>Waiting for convergence with progress.</content>
internal sealed partial class DemoRunner
{
    private async Task<bool> WaitAsync(
        string phase,
        IServiceProvider services,
        TimeSpan timeout,
        Func<CancellationToken, Task<IReadOnlyList<(string Entity, int Expected, int Actual)>>> counts,
        CancellationToken cancellationToken)
    {
        var queue = services.GetRequiredService<IWorkQueue>();
        var worker = services.GetRequiredService<SyncWorker>();
        var deadLetters = services.GetRequiredService<IDeadLetterStore>();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var current = await counts(cancellationToken).ConfigureAwait(false);
            var pending = await queue.CountAsync(cancellationToken).ConfigureAwait(false);
            var dead = (await deadLetters.ListDeadLettersAsync(new DeadLetterQuery(DeadLetterStatus.Open, Limit: 100_000), cancellationToken).ConfigureAwait(false)).Count;
            var line = string.Join(" · ", current.Select(c => $"{c.Entity} {c.Actual}/{c.Expected}"));
            await _progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  [{phase}] {line} | queue {pending} | dead letters {dead} | {clock.Elapsed.TotalSeconds:F1} s")).ConfigureAwait(false);
            var idle = pending == 0 && worker.InFlight == 0;
            if (idle && current.All(c => c.Actual >= c.Expected))
            {
                return true;
            }

            if (idle && dead > 0 && clock.Elapsed > TimeSpan.FromSeconds(10) && current.Sum(c => Math.Max(0, c.Expected - c.Actual)) <= dead)
            {
                return false; // Everything left is dead-lettered: waiting longer changes nothing.
            }

            if (clock.Elapsed > timeout)
            {
                await _progress.WriteLineAsync($"  [{phase}] did not converge within {timeout.TotalSeconds:F0} s.").ConfigureAwait(false);
                return false;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }
    }

    private void Report(string what, int done, int total)
    {
        if (total > 0 && (done == total || done % Math.Max(1, total / 10) == 0))
        {
            _progress.WriteLine($"  [{what}] {done}/{total}");
        }
    }
}

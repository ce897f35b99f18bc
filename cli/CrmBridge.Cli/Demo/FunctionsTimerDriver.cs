using CrmBridge.Pipeline.Hosting;
using CrmBridge.Pipeline.Intake;
using Microsoft.Extensions.Hosting;

namespace CrmBridge.Cli.Demo;

/// <summary>
/// Polls the way the Azure Functions timer <c>PollChanges</c> does (<c>demo --host functions</c>): one
/// <see cref="PollRound"/> over every target — in the mappings' order, accounts before the orders and cases that
/// reference them, the rest in parallel — then the next round one schedule period after this one ended (the timer is a
/// singleton whose runs never overlap). The period is the shortest interval of the demo's targets.
/// </summary>
internal sealed class FunctionsTimerDriver : BackgroundService
{
    /// <summary>The Functions app's default <c>Functions:PollMaxPages</c>.</summary>
    public const int MaxPages = 50;

    /// <summary>The Functions app's default <c>Functions:PollConcurrency</c>.</summary>
    public const int Concurrency = 4;

    private readonly PollRound _round;
    private readonly PollSchedule _schedule;
    private readonly TimeProvider _time;

    public FunctionsTimerDriver(PollRound round, PollSchedule schedule, TimeProvider time)
    {
        _round = round;
        _schedule = schedule;
        _time = time;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_schedule.Targets.Count == 0)
        {
            return;
        }

        var period = _schedule.Targets.Min(t => t.Interval);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Failures are recorded per target by the round (PollHealth), as the function records them before it throws.
                await _round.RunAsync(_schedule.Targets, MaxPages, Concurrency, stoppingToken).ConfigureAwait(false);
                await Task.Delay(period, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}

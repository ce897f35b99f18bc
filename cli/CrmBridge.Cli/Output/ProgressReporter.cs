using Spectre.Console;

namespace CrmBridge.Cli.Output;

/// <summary>
/// Shows the progress of long work: a Spectre.Console progress bar when the CLI writes to a terminal, one line per step
/// when the output is redirected (logs, CI, tests), and nothing with <c>--json</c> (the result is printed at the end).
/// </summary>
internal sealed class ProgressReporter
{
    private readonly TextWriter _output;
    private readonly bool _quiet;

    public ProgressReporter(TextWriter output, bool quiet)
    {
        _output = output;
        _quiet = quiet;
    }

    /// <summary>Gets a value indicating whether the output is an interactive terminal (the process's own console).</summary>
    public bool Interactive => !_quiet && ReferenceEquals(_output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="work"/>, which reports each step's text through the callback it receives.</summary>
    /// <typeparam name="T">The work's result.</typeparam>
    /// <param name="title">What is being done.</param>
    /// <param name="work">The work; it calls the callback with the text of each step.</param>
    /// <returns>The work's result.</returns>
    public async Task<T> RunAsync<T>(string title, Func<Func<string, Task>, Task<T>> work)
    {
        if (!Interactive)
        {
            return await work(async step =>
            {
                if (!_quiet)
                {
                    await _output.WriteLineAsync($"  {step}").ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        }

        return await AnsiConsole.Progress()
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title));
                task.IsIndeterminate = true;
                var result = await work(step =>
                {
                    task.Description = Markup.Escape(step);
                    return Task.CompletedTask;
                }).ConfigureAwait(false);
                task.StopTask();
                return result;
            }).ConfigureAwait(false);
    }
}

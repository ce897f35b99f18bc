using System.Text;

namespace CrmBridge.Cli.Output;

/// <summary>
/// A writer that hands every line to a callback instead of printing it, so code that reports progress as lines (the
/// demo, reconcile) can drive a <see cref="ProgressReporter"/> display on a terminal without changing how it reports.
/// </summary>
internal sealed class StepWriter : TextWriter
{
    private readonly Func<string, Task> _step;
    private readonly StringBuilder _line = new();

    public StepWriter(Func<string, Task> step) => _step = step;

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            Flush();
        }
        else if (value != '\r')
        {
            _line.Append(value);
        }
    }

    public override void WriteLine(string? value)
    {
        Write(value);
        Flush();
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public override void Flush()
    {
        if (_line.Length == 0)
        {
            return;
        }

        var text = _line.ToString().Trim();
        _line.Clear();
        _step(text).GetAwaiter().GetResult();
    }
}

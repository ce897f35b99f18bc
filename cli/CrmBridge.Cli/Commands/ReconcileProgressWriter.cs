using CrmBridge.Pipeline.Operations;

namespace CrmBridge.Cli.Commands;

/// <summary>Writes reconcile progress to stderr: one line per phase step of about a tenth, so logs and pipes stay readable.</summary>
internal sealed class ReconcileProgressWriter : IProgress<ReconcileProgress>
{
    private readonly TextWriter _error;
    private string? _phase;
    private int _lastShown;

    public ReconcileProgressWriter(TextWriter error) => _error = error;

    public void Report(ReconcileProgress value)
    {
        var step = value.Total > 0 ? Math.Max(1, value.Total / 10) : 1000;
        if (value.Phase != _phase || value.Done - _lastShown >= step || value.Done == value.Total)
        {
            _phase = value.Phase;
            _lastShown = value.Done;
            _error.WriteLine(value.Total > 0 ? $"  [{value.Phase}] {value.Done}/{value.Total}" : $"  [{value.Phase}] {value.Done} records");
        }
    }
}

using CrmBridge.Cli.Output;
using Xunit;

namespace CrmBridge.Cli.Tests;

public sealed class StepWriterTests
{
    [Fact]
    public async Task WriteLine_EveryLineOnceTrimmed_WhateverWayItIsWritten()
    {
        var steps = new List<string>();
        using var writer = new StepWriter(step =>
        {
            steps.Add(step);
            return Task.CompletedTask;
        });

        await writer.WriteLineAsync("Seeding 20 customers…");
        writer.WriteLine("  seed 10/20");
        writer.Write("  to ERP 5/8\n  back ");
        writer.Write("3/3");
        writer.Flush();
        writer.WriteLine();

        Assert.Equal(["Seeding 20 customers…", "seed 10/20", "to ERP 5/8", "back 3/3"], steps);
    }
}

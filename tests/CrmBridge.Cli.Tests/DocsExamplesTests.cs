using System.Text.RegularExpressions;
using Xunit;

namespace CrmBridge.Cli.Tests;

/// <summary>Every <c>crmbridge mapping test</c> command in the docs runs as written: its files exist (no exit 2).</summary>
public sealed partial class DocsExamplesTests
{
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal); // a command documented twice is one test case
        foreach (var doc in new[] { "docs/mappings.md", "docs/fxiaoke.md", "README.md" })
        {
            foreach (Match match in MappingTestCommand().Matches(File.ReadAllText(Path.Combine(RepositoryRoot, doc))))
            {
                var args = match.Groups["args"].Value.Trim();
                if (!args.StartsWith("MAPPING", StringComparison.Ordinal) && seen.Add(args)) // the synopsis, not an example
                {
                    data.Add(args);
                }
            }
        }

        return data;
    }

    private static string RepositoryRoot
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "CrmBridge.sln")))
            {
                folder = folder.Parent;
            }

            return folder?.FullName ?? throw new InvalidOperationException("CrmBridge.sln not found above " + AppContext.BaseDirectory);
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task MappingTest_DocumentedCommand_FindsItsFilesAndRuns(string arguments)
    {
        // Paths in the docs are relative to the repository root; tests run elsewhere (and in parallel), so make them absolute.
        var args = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => a.StartsWith('-') ? a : Path.Combine(RepositoryRoot, a))
            .Prepend("test").Prepend("mapping").ToArray();

        var (code, _, error) = await CliHarness.RunAsync(args);

        Assert.True(code is 0 or 1, $"exit {code}: {error}");
        Assert.DoesNotContain("no such file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Commands_DocsHaveSome() => Assert.True(Commands().Count >= 5);

    [GeneratedRegex(@"crmbridge mapping test (?<args>[^`#\r\n]+)")]
    private static partial Regex MappingTestCommand();
}

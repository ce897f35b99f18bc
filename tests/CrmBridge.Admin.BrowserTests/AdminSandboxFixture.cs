using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmBridge.Processes;
using Microsoft.Playwright;
using Xunit;

namespace CrmBridge.Admin.BrowserTests;

/// <summary>
/// One sandbox (<c>crmbridge sandbox</c>, a process of its own), one standalone host (<c>crmbridge run --admin-port 0</c>
/// with an admin key) and one headless Chromium (the Debian package, driven by Playwright) shared by a test class.
/// </summary>
public sealed class AdminSandboxFixture : IAsyncLifetime
{
    /// <summary>The admin key the host is started with.</summary>
    public const string Key = "browser-test-admin-key-0123456789";

    /// <summary>How many customers the sandbox seeds.</summary>
    public const int Customers = 6;

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("crmbridge-admin-browser-");
    private CliProcess? _sandbox;
    private CliProcess? _run;
    private IPlaywright? _playwright;

    public string Config => Path.Combine(_folder.FullName, "sandbox.json");

    public string Mappings => Path.Combine(_folder.FullName, "mappings");

    public HttpClient Control { get; private set; } = new();

    public Uri Admin { get; private set; } = new("http://127.0.0.1/");

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Gets the Chromium the tests drive: <c>CRMBRIDGE_CHROMIUM</c>, else the Debian package's <c>/usr/bin/chromium</c>.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("CRMBRIDGE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            // Loud on purpose: a browser test that silently does nothing proves nothing.
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: run scripts/test.sh (it installs the Debian 'chromium' package) or set CRMBRIDGE_CHROMIUM.");
        }

        Copy(Path.Combine(AppContext.BaseDirectory, "mappings"), Mappings);
        _sandbox = CliProcess.Start(_folder.FullName, new Dictionary<string, string>(), "sandbox", "--crm", "dataverse", "--records", Customers.ToString(System.Globalization.CultureInfo.InvariantCulture), "--config-out", Config, "--mappings", Mappings);
        await _sandbox.WaitForLineAsync("Sandbox ready.", Wait);
        Control = new HttpClient { BaseAddress = new Uri((await _sandbox.WaitForLineAsync("control ", Wait)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[2]) };
        await StartRunAsync(0);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
        await UntilAsync(async () => (await ErpAsync("customers")).Count == Customers, "the seeded customers in the ERP");
    }

    /// <summary>Stops <c>run</c> (as a crash would) and starts it again on the same admin port: how an admin applies a mapping fix.</summary>
    public async Task RestartRunAsync()
    {
        _run?.Dispose();
        await StartRunAsync(Admin.Port);
    }

    /// <summary>Opens a page in a fresh browser context and signs in with the admin key.</summary>
    /// <param name="timeZone">The browser's time zone (the page shows times in it).</param>
    /// <param name="locale">The browser's language.</param>
    public async Task<IPage> SignedInPageAsync(string timeZone = "Europe/Berlin", string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { TimezoneId = timeZone, Locale = locale, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Admin.ToString());
        await page.FillAsync("#name", "Li Wei");
        await page.FillAsync("#key", Key);
        await page.ClickAsync("#signin");
        await page.WaitForSelectorAsync("#routes");
        return page;
    }

    public async Task<JsonArray> ErpAsync(string entity) => (await Control.GetFromJsonAsync<JsonArray>($"erp/records/{entity}"))!;

    public async Task<List<string>> AccountIdsAsync() =>
        [.. (await Control.GetFromJsonAsync<JsonArray>("crm/records/accounts"))!.Select(n => n!.GetValue<string>()).Order(StringComparer.Ordinal)];

    public async Task EditAccountAsync(string id, string field, string value)
    {
        using var response = await Control.PatchAsync($"crm/records/accounts/{id}", JsonContent.Create(new JsonObject { [field] = value }));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Saves a screenshot beside the test results, and into docs/images when CRMBRIDGE_UPDATE_SCREENSHOTS=1.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var file = Path.Combine(AppContext.BaseDirectory, "screenshots", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        Assert.True(new FileInfo(file).Length > 1000, $"The screenshot {name} is empty.");
        if (Environment.GetEnvironmentVariable("CRMBRIDGE_UPDATE_SCREENSHOTS") == "1" && RepositoryRoot() is { } root)
        {
            File.Copy(file, Path.Combine(root, "docs", "images", name + ".png"), overwrite: true);
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < Wait, $"Timed out waiting for {what}.");
            await Task.Delay(300);
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        _run?.Dispose();
        _sandbox?.Dispose();
        Control.Dispose();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the SQLite file may still be closing.
        }
    }

    private async Task StartRunAsync(int port)
    {
        var environment = new Dictionary<string, string> { ["CRMBRIDGE_Admin__Key"] = Key };
        _run = CliProcess.Start(_folder.FullName, environment, "run", "--config", Config, "--admin-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Admin = new Uri((await _run.WaitForLineAsync("admin page: ", Wait))["admin page: ".Length..].Trim());
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmBridge.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

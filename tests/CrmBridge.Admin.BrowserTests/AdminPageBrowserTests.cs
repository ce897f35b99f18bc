using Microsoft.Playwright;
using Xunit;

namespace CrmBridge.Admin.BrowserTests;

/// <summary>
/// The admin page in a real headless Chromium against the sandbox: the overview's counts, a failed record fixed by a
/// mapping change and replayed until delivered, the mapping preview, a reconcile, and the Chinese labels.
/// </summary>
public sealed class AdminPageBrowserTests(AdminSandboxFixture sandbox) : IClassFixture<AdminSandboxFixture>
{
    private const string AccountRoute = "dataverse-account-to-erp-customer";

    [Fact]
    public async Task Overview_AfterSync_ShowsDeliveredCountsPerRoute()
    {
        var page = await sandbox.SignedInPageAsync(timeZone: "Asia/Shanghai");
        var delivered = page.Locator($"tr[data-route='{AccountRoute}'] td[data-count='delivered']");
        await AdminSandboxFixture.UntilAsync(async () =>
        {
            await page.ReloadAsync();
            return int.Parse(await delivered.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= AdminSandboxFixture.Customers;
        }, "the overview to count the delivered customers");

        Assert.Contains("(UTC+08:00)", await page.Locator("#routes").InnerTextAsync(), StringComparison.Ordinal); // the browser's zone
        Assert.Equal("Li Wei", await page.Locator("#who").InnerTextAsync());
        Assert.True(await page.Locator("#polls tr").CountAsync() > 1);
        Assert.Contains("dataverse", await page.Locator("#connections").InnerTextAsync(), StringComparison.Ordinal);
        await AdminSandboxFixture.ScreenshotAsync(page, "admin-overview");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task FailedRecord_FixMappingThenReplay_IsDelivered()
    {
        var account = (await sandbox.AccountIdsAsync())[0];
        await sandbox.EditAccountAsync(account, "address1_country", "Atlantis");
        var page = await sandbox.SignedInPageAsync();
        await page.GotoAsync(new Uri(sandbox.Admin, "failed").ToString());
        var row = page.Locator("#failed tr", new PageLocatorOptions { HasText = account });
        await AdminSandboxFixture.UntilAsync(async () =>
        {
            await page.ReloadAsync();
            return await row.CountAsync() == 1;
        }, "the unmappable account in the failed records");
        Assert.Contains("MAPPING_FAILED", await row.InnerTextAsync(), StringComparison.Ordinal);
        await AdminSandboxFixture.ScreenshotAsync(page, "admin-failed");

        await row.Locator("a.open").ClickAsync();
        await page.WaitForSelectorAsync("#details");
        Assert.Contains("address1_country", await page.Locator("#reason").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Atlantis", await page.Locator("#source").InnerTextAsync(), StringComparison.Ordinal); // read live from the CRM
        await AdminSandboxFixture.ScreenshotAsync(page, "admin-failed-record");

        // The admin fixes the mapping (Atlantis → AQ) and restarts the host so it loads it; the browser stays signed in.
        var mapping = Path.Combine(sandbox.Mappings, "dataverse", AccountRoute + ".yaml");
        await File.WriteAllTextAsync(mapping, (await File.ReadAllTextAsync(mapping)).Replace("Japan: JP, JP: JP }", "Japan: JP, JP: JP, Atlantis: AQ }", StringComparison.Ordinal));
        await sandbox.RestartRunAsync();
        await page.ReloadAsync();
        await page.ClickAsync("#replay");
        await page.WaitForSelectorAsync("#notice");
        Assert.Equal("replayed", await page.Locator("#status").InnerTextAsync());

        await AdminSandboxFixture.UntilAsync(
            async () => (await sandbox.ErpAsync("customers")).Any(c => c!["externalId"]!.GetValue<string>() == account && c["address"]?["country"]?.GetValue<string>() == "AQ"),
            "the replayed customer delivered with country AQ");
        await page.GotoAsync(new Uri(sandbox.Admin, "audit").ToString());
        var audit = await page.Locator("table.audit").InnerTextAsync();
        Assert.Contains("Li Wei (key)", audit, StringComparison.Ordinal);
        Assert.Contains("replay", audit, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task MappingPreview_ByIdAndPasted_ShowsDocumentThenEveryErrorWithItsRule()
    {
        var account = (await sandbox.AccountIdsAsync())[^1];
        var page = await sandbox.SignedInPageAsync();
        await page.GotoAsync(new Uri(sandbox.Admin, "preview").ToString());
        await page.SelectOptionAsync("#route", AccountRoute);
        await page.FillAsync("#id", account);
        await page.ClickAsync("#preview");
        await page.WaitForSelectorAsync("#preview-document");
        Assert.Contains(account, await page.Locator("#preview-document").InnerTextAsync(), StringComparison.Ordinal);

        await page.FillAsync("#id", "");
        await page.FillAsync("#record", $$"""{ "accountid": "{{account}}", "statecode": 0, "name": "  ", "address1_country": "Narnia" }""");
        await page.ClickAsync("#preview");
        await page.WaitForSelectorAsync("#preview-errors");
        var errors = await page.Locator("#preview-errors").InnerTextAsync();
        Assert.Contains("address.country", errors, StringComparison.Ordinal);
        Assert.Contains("NOT_IN_MAP", errors, StringComparison.Ordinal);
        await AdminSandboxFixture.ScreenshotAsync(page, "admin-preview");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Reconcile_Accounts_ShowsProgressThenDriftReport()
    {
        var page = await sandbox.SignedInPageAsync();
        await page.GotoAsync(new Uri(sandbox.Admin, "reconcile").ToString());
        await page.SelectOptionAsync("#source", "dataverse/accounts");
        await page.ClickAsync("#start");
        await page.WaitForSelectorAsync("#progress[data-done='true']", new PageWaitForSelectorOptions { Timeout = 60_000 });
        Assert.Contains(AccountRoute, await page.Locator("#drift").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#verdict").IsVisibleAsync());
        await AdminSandboxFixture.ScreenshotAsync(page, "admin-reconcile");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task LanguageToggle_Chinese_ShowsChineseLabels()
    {
        var page = await sandbox.SignedInPageAsync(locale: "en-US");
        await page.ClickAsync("#lang-toggle");
        await page.WaitForSelectorAsync("text=同步概览");
        Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
        await AdminSandboxFixture.ScreenshotAsync(page, "admin-overview-zh");
        await page.Context.CloseAsync();
    }
}

using CrmBridge.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Xunit;

namespace CrmBridge.Admin.Tests;

/// <summary>
/// The page scaled out on Azure Storage (Functions app): a form rendered by one instance is posted to another. Each
/// instance keeps its own local key folder, as the default does; the composition must move the key ring to the account.
/// </summary>
public sealed class AdminKeyRingTests
{
    private static readonly string Storage =
        Environment.GetEnvironmentVariable("CRMBRIDGE_TEST_STORAGE") is { Length: > 0 } configured ? configured : "UseDevelopmentStorage=true";

    [Fact]
    public async Task AddCrmBridgeCore_AzureStorage_AntiforgeryTokenValidOnOtherInstance()
    {
        var container = "keys-" + Guid.NewGuid().ToString("N")[..16];
        var folderA = Directory.CreateTempSubdirectory("crmbridge-keys-");
        var folderB = Directory.CreateTempSubdirectory("crmbridge-keys-");
        try
        {
            await using var a = Instance(container, folderA);
            await using var b = Instance(container, folderB);

            var rendered = new DefaultHttpContext { RequestServices = a };
            var tokens = a.GetRequiredService<IAntiforgery>().GetAndStoreTokens(rendered);
            var posted = new DefaultHttpContext { RequestServices = b };
            posted.Request.Method = "POST";
            posted.Request.ContentType = "application/x-www-form-urlencoded";
            posted.Request.Headers.Cookie = $"{b.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name}={tokens.CookieToken}";
            posted.Request.Form = new FormCollection(new Dictionary<string, StringValues> { [tokens.FormFieldName] = tokens.RequestToken! });

            Assert.True(await b.GetRequiredService<IAntiforgery>().IsRequestValidAsync(posted));
            Assert.Empty(folderA.GetFiles());
            Assert.Empty(folderB.GetFiles());
        }
        finally
        {
            folderA.Delete(recursive: true);
            folderB.Delete(recursive: true);
        }
    }

    private static ServiceProvider Instance(string container, DirectoryInfo localKeys)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [ConfigurationKeys.StorageProvider] = StorageProviders.Azure,
            [ConfigurationKeys.StorageAzureConnectionString] = Storage,
            ["Storage:Azure:KeyRingContainer"] = container,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddDataProtection().PersistKeysToFileSystem(localKeys); // the instance's own disk, like the default location
        services.AddCrmBridgeCore(configuration);
        services.AddCrmBridgeAdmin(configuration, AdminHostKind.Functions);
        return services.BuildServiceProvider();
    }
}

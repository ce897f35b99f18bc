using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CrmBridge.Pipeline.AzureStorage.Tests;

public sealed class AzureBlobXmlRepositoryTests
{
    private const string Purpose = "CrmBridge.Admin.Tests";

    [Fact]
    public async Task Unprotect_PayloadProtectedByOtherInstance_ReturnsPayload()
    {
        await Azurite.EnsureReachableAsync();
        var container = Azurite.UniqueName("keys-");
        await using var a = Instance(container, null);
        await using var b = Instance(container, null);

        var fromA = Protector(a).Protect("form rendered by instance A");
        Assert.Equal("form rendered by instance A", Protector(b).Unprotect(fromA));
        var fromB = Protector(b).Protect("form rendered by instance B");
        Assert.Equal("form rendered by instance B", Protector(a).Unprotect(fromB));
        Assert.NotEmpty(Azurite.Blobs.GetBlobContainerClient(container).GetBlobs());
    }

    [Fact]
    public async Task AddCrmBridgeAzureKeyRing_EachInstanceWithOwnKeyFolder_SharesBlobKeyRing()
    {
        await Azurite.EnsureReachableAsync();
        var container = Azurite.UniqueName("keys-");
        var folderA = Directory.CreateTempSubdirectory("crmbridge-keys-");
        var folderB = Directory.CreateTempSubdirectory("crmbridge-keys-");
        try
        {
            await using var a = Instance(container, folderA);
            await using var b = Instance(container, folderB);

            Assert.Equal("after a restart", Protector(b).Unprotect(Protector(a).Protect("after a restart")));
            Assert.Empty(folderA.GetFiles());
        }
        finally
        {
            folderA.Delete(recursive: true);
            folderB.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Unprotect_IsolatedFileSystemKeyRings_Throws()
    {
        // The failure the shared key ring fixes: two instances with their own keys cannot read each other's tokens.
        var folderA = Directory.CreateTempSubdirectory("crmbridge-keys-");
        var folderB = Directory.CreateTempSubdirectory("crmbridge-keys-");
        try
        {
            await using var a = FileSystemInstance(folderA);
            await using var b = FileSystemInstance(folderB);

            var fromA = Protector(a).Protect("form rendered by instance A");
            Assert.ThrowsAny<CryptographicException>(() => Protector(b).Unprotect(fromA));
        }
        finally
        {
            folderA.Delete(recursive: true);
            folderB.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task GetAllElements_NoContainer_ReturnsNone()
    {
        await Azurite.EnsureReachableAsync();
        var repository = new AzureBlobXmlRepository(Azurite.Blobs.GetBlobContainerClient(Azurite.UniqueName("keys-")));

        Assert.Empty(repository.GetAllElements());
    }

    [Fact]
    public async Task StoreElement_SameFriendlyNameTwice_KeepsBoth()
    {
        await Azurite.EnsureReachableAsync();
        var repository = new AzureBlobXmlRepository(Azurite.Blobs.GetBlobContainerClient(Azurite.UniqueName("keys-")));

        repository.StoreElement(new XElement("key", new XAttribute("id", "1")), "key-1");
        repository.StoreElement(new XElement("key", new XAttribute("id", "2")), "key-1");
        repository.StoreElement(new XElement("revocation"), "odd/name with spaces");

        var elements = repository.GetAllElements();
        Assert.Equal(["1", "2"], elements.Where(e => e.Name == "key").Select(e => (string?)e.Attribute("id")).Order());
        Assert.Single(elements, e => e.Name == "revocation");
    }

    private static ServiceProvider Instance(string container, DirectoryInfo? ownFolder)
    {
        var services = new ServiceCollection().AddLogging();
        var dataProtection = services.AddDataProtection().SetApplicationName("CrmBridge.Admin");
        if (ownFolder is not null)
        {
            dataProtection.PersistKeysToFileSystem(ownFolder); // registered first: the key ring must still win
        }

        services.AddCrmBridgeAzureStorage(o =>
        {
            o.ConnectionString = Azurite.ConnectionString;
            o.KeyRingContainer = container;
        }).AddCrmBridgeAzureKeyRing();
        return services.BuildServiceProvider();
    }

    private static ServiceProvider FileSystemInstance(DirectoryInfo folder)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddDataProtection().SetApplicationName("CrmBridge.Admin").PersistKeysToFileSystem(folder);
        return services.BuildServiceProvider();
    }

    private static IDataProtector Protector(IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
}

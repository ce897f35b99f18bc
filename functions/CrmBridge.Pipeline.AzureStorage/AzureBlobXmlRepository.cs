using System.Text.RegularExpressions;
using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace CrmBridge.Pipeline.AzureStorage;

/// <summary>
/// The ASP.NET Core Data Protection key ring in one blob container, one blob per key element, so every instance of a
/// scaled-out host (and every restart) protects and unprotects with the same keys (docs/admin.md). Data Protection never
/// deletes keys: a new one every 90 days, each a small XML blob.
/// </summary>
public sealed partial class AzureBlobXmlRepository : IXmlRepository
{
    private readonly BlobContainerClient _container;
    private volatile bool _created;

    /// <summary>Initializes a new instance of the <see cref="AzureBlobXmlRepository"/> class.</summary>
    /// <param name="container">The container of the key ring (created on the first key).</param>
    public AzureBlobXmlRepository(BlobContainerClient container)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = container;
    }

    /// <inheritdoc />
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var elements = new List<XElement>();
        try
        {
            foreach (var blob in _container.GetBlobs())
            {
                if (Download(blob.Name) is { } element)
                {
                    elements.Add(element);
                }
            }
        }
        catch (RequestFailedException exception) when (exception.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            // No container yet: no key was stored; Data Protection creates the first one.
        }
        catch (RequestFailedException exception)
        {
            throw AzureErrors.Wrap("read the admin key ring", exception);
        }

        return elements;
    }

    /// <inheritdoc />
    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        var prefix = friendlyName is { Length: > 0 and <= 100 } && SafeName().IsMatch(friendlyName) ? friendlyName : "element";
        var name = $"{prefix}-{Guid.NewGuid():N}.xml";
        try
        {
            if (!_created)
            {
                _container.CreateIfNotExists();
                _created = true;
            }

            using var stream = new MemoryStream();
            element.Save(stream, SaveOptions.DisableFormatting);
            stream.Position = 0;
            _container.GetBlobClient(name).Upload(stream, overwrite: false);
        }
        catch (RequestFailedException exception)
        {
            throw AzureErrors.Wrap("store an admin key", exception);
        }
    }

    private XElement? Download(string name)
    {
        try
        {
            using var stream = _container.GetBlobClient(name).DownloadContent().Value.Content.ToStream();
            return XElement.Load(stream);
        }
        catch (RequestFailedException exception) when (exception.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            return null; // deleted since the listing (an operator removing old keys)
        }
    }

    [GeneratedRegex("^[A-Za-z0-9-]+$")]
    private static partial Regex SafeName();
}

using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Operations;
using CrmBridge.Pipeline.Stage;
using CrmBridge.Pipeline.State;
using CrmBridge.Pipeline.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Operations;

public sealed class AcceptanceRecorderTests
{
    private static readonly RecordRef Staged = new("staging", "customer", "acc-1");
    private readonly InMemorySyncStateStore _state = new();
    private readonly CrossReferenceCache _cache = new();
    private readonly Mock<IAcceptanceFeed> _feed = new(MockBehavior.Strict);
    private readonly List<DeliveryAcceptance> _acknowledged = [];

    public AcceptanceRecorderTests()
    {
        _feed.SetupGet(f => f.System).Returns("staging");
        _feed.Setup(f => f.AcknowledgeAcceptancesAsync(It.IsAny<IReadOnlyList<DeliveryAcceptance>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyList<DeliveryAcceptance> a, CancellationToken _) =>
            {
                _acknowledged.AddRange(a);
                return a.Count;
            });
    }

    private static SyncRoute Route(string system, string entity) => new()
    {
        Name = $"{system}-{entity}-to-staging-customer",
        SourceSystem = system,
        SourceEntity = entity,
        TargetSystem = "staging",
        TargetEntity = "customer",
        SourceKeyField = "id",
        TargetKeyField = "externalId",
    };

    private AcceptanceRecorder Recorder(params SyncRoute[] routes)
    {
        var mapper = new Mock<IRecordMapper>();
        mapper.SetupGet(m => m.Routes).Returns(routes);
        return new AcceptanceRecorder([_feed.Object], mapper.Object, _state, _cache, NullLogger<AcceptanceRecorder>.Instance);
    }

    private void Accepts(params DeliveryAcceptance[] acceptances) =>
        _feed.SetupSequence(f => f.ReadAcceptancesAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(acceptances)
            .ReturnsAsync([]);

    private static DeliveryAcceptance Acceptance(string? id, string? number) => new(Staged, id, number, DateTimeOffset.UnixEpoch, "1:hash");

    [Fact]
    public async Task RecordAsync_TwoRoutesDeliveredToTheRow_BothSourcesGetErpIdAndNumberInStoreAndCache()
    {
        await _state.PutCrossReferenceAsync(new CrossReference(new RecordRef("zoho", "Accounts", "z-1"), Staged), CancellationToken.None);
        await _state.PutCrossReferenceAsync(new CrossReference(new RecordRef("dataverse", "accounts", "d-1"), Staged), CancellationToken.None);
        Accepts(Acceptance("42", "CUST000042"));

        Assert.Equal(1, await Recorder(Route("zoho", "Accounts"), Route("dataverse", "accounts")).RecordAsync(10, CancellationToken.None));

        foreach (var source in new[] { new RecordRef("zoho", "Accounts", "z-1"), new RecordRef("dataverse", "accounts", "d-1") })
        {
            Assert.Equal("CUST000042", await _state.FindCrossReferenceAsync(source, "staging", "customer.erp_number", CancellationToken.None));
            Assert.Equal("42", await _state.FindCrossReferenceAsync(source, "staging", "customer.erp_id", CancellationToken.None));
            Assert.True(_cache.TryGet(source, "staging", "customer.erp_number", out var cached) && cached == "CUST000042");
        }

        Assert.Single(_acknowledged);
    }

    [Fact]
    public async Task RecordAsync_NoSyncedSource_AcknowledgesWithoutCrossReference()
    {
        Accepts(Acceptance("42", "CUST000042"));

        Assert.Equal(1, await Recorder(Route("zoho", "Accounts")).RecordAsync(10, CancellationToken.None));

        Assert.Null(await _state.FindCrossReferenceAsync(new RecordRef("staging", "customer.erp_number", "CUST000042"), "zoho", "Accounts", CancellationToken.None));
        Assert.Single(_acknowledged);
    }

    [Fact]
    public async Task RecordAsync_OnlyANumber_RecordsTheNumberAndNoId()
    {
        var source = new RecordRef("zoho", "Accounts", "z-1");
        await _state.PutCrossReferenceAsync(new CrossReference(source, Staged), CancellationToken.None);
        Accepts(Acceptance(null, "CUST000042"));

        await Recorder(Route("zoho", "Accounts")).RecordAsync(10, CancellationToken.None);

        Assert.Equal("CUST000042", await _state.FindCrossReferenceAsync(source, "staging", "customer.erp_number", CancellationToken.None));
        Assert.Null(await _state.FindCrossReferenceAsync(source, "staging", "customer.erp_id", CancellationToken.None));
    }

    [Fact]
    public async Task RecordAsync_NothingAccepted_DoesNotAcknowledge()
    {
        Accepts();

        Assert.Equal(0, await Recorder(Route("zoho", "Accounts")).RecordAsync(10, CancellationToken.None));

        _feed.Verify(f => f.AcknowledgeAcceptancesAsync(It.IsAny<IReadOnlyList<DeliveryAcceptance>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData("customer.erp_number", true, "customer")]
    [InlineData("customer.erp_id", true, "customer")]
    [InlineData("customer", false, "customer")]
    [InlineData(".erp_id", false, ".erp_id")]
    public void TryGetWrittenEntity_EntityName_FindsTheWrittenEntity(string entity, bool expected, string written)
    {
        Assert.Equal((expected, written), (AssignedIdentity.TryGetWrittenEntity(entity, out var found), found));
    }
}

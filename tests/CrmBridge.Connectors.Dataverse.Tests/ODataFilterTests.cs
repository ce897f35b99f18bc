using System.Text.Json.Nodes;
using CrmBridge.Sandbox.Dataverse;
using Xunit;

namespace CrmBridge.Connectors.Dataverse.Tests;

public sealed class ODataFilterTests
{
    private static readonly JsonObject Row = new()
    {
        ["name"] = "O'Brien Trading",
        ["creditlimit"] = 5000,
        ["statecode"] = 1,
        ["modifiedon"] = "2026-11-27T10:00:05Z",
        ["accountid"] = "0d1f9c3e-2a4b-4c5d-8e6f-7a8b9c0d1e2f",
        ["telephone1"] = null,
    };

    [Theory]
    [InlineData("name eq 'O''Brien Trading'", true)]
    [InlineData("name eq 'o''brien trading'", true)]
    [InlineData("name ne 'O''Brien Trading'", false)]
    [InlineData("creditlimit gt 4999.5", true)]
    [InlineData("creditlimit lt 5000", false)]
    [InlineData("creditlimit ge 5000 and statecode le 1", true)]
    [InlineData("statecode eq 0 or statecode eq 1", true)]
    [InlineData("statecode eq 0 and (creditlimit gt 1 or statecode eq 1)", false)]
    [InlineData("(statecode eq 0 or statecode eq 1) and creditlimit gt 1", true)]
    [InlineData("modifiedon gt 2026-11-27T10:00:04Z", true)]
    [InlineData("modifiedon eq 2026-11-27T10:00:05Z and accountid gt 00000000-0000-0000-0000-000000000000", true)]
    [InlineData("accountid eq 0D1F9C3E-2A4B-4C5D-8E6F-7A8B9C0D1E2F", true)]
    [InlineData("telephone1 eq null", true)]
    [InlineData("telephone1 ne null", false)]
    [InlineData("missingcolumn eq 'x'", false)]
    public void Parse_Expression_EvaluatesAsODataDoes(string filter, bool expected)
    {
        Assert.Equal(expected, ODataFilter.Parse(filter)(Row));
    }

    [Theory]
    [InlineData("name eq 'unterminated", "unterminated")]
    [InlineData("(statecode eq 1", "missing ')'")]
    [InlineData("statecode eq", "incomplete")]
    [InlineData("contains(name,'x')", "")]
    [InlineData("statecode has 1", "operator 'has'")]
    [InlineData("statecode eq 1 statecode", "unexpected")]
    public void Parse_Invalid_Throws400(string filter, string reason)
    {
        var error = Assert.Throws<DataverseApiException>(() => ODataFilter.Parse(filter));

        Assert.Equal(400, error.Status);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}

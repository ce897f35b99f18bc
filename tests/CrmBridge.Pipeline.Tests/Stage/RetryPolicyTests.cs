using CrmBridge.Connectors;
using CrmBridge.Pipeline.Stage;
using Xunit;

namespace CrmBridge.Pipeline.Tests.Stage;

public sealed class RetryPolicyTests
{
    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(4, 16)]
    public void NextDelay_Attempt_DoublesWithinJitter(int attempt, double seconds)
    {
        var low = new RetryPolicy(new PipelineOptions(), () => 0).NextDelay(attempt, null);
        var high = new RetryPolicy(new PipelineOptions(), () => 0.999).NextDelay(attempt, null);

        Assert.Equal(TimeSpan.FromSeconds(seconds * 0.8), low);
        Assert.InRange(high, TimeSpan.FromSeconds(seconds * 1.19), TimeSpan.FromSeconds(seconds * 1.2));
    }

    [Fact]
    public void NextDelay_ManyAttempts_CappedAtMaxRetryDelay()
    {
        var options = new PipelineOptions { MaxRetryDelay = TimeSpan.FromMinutes(5) };

        Assert.Equal(TimeSpan.FromMinutes(5), new RetryPolicy(options, () => 0.5).NextDelay(30, null));
    }

    [Fact]
    public void NextDelay_RetryAfterLongerThanBackoff_HonoursRetryAfter()
    {
        var error = new ConnectorException("x", ErrorKind.Throttled, "429", "t", 429, TimeSpan.FromSeconds(40));

        var delay = new RetryPolicy(new PipelineOptions(), () => 0).NextDelay(1, error);

        Assert.Equal(TimeSpan.FromSeconds(40), delay);
    }

    [Fact]
    public void NextDelay_QuotaWithoutRetryAfter_UsesQuotaRetryDelay()
    {
        var error = new ConnectorException("x", ErrorKind.QuotaExhausted, "30002", "quota");

        Assert.Equal(TimeSpan.FromHours(1), new RetryPolicy(new PipelineOptions(), () => 0).NextDelay(1, error));
    }
}

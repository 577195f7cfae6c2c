namespace Martech.Sdk.Tests.Abstractions;

public class BulkOptionsTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        var options = new BulkOptions();

        options.Validate();

        Assert.Null(options.BatchSize);
        Assert.Equal(16, options.MaxConcurrency);
        Assert.Equal(BulkOptions.DefaultMaxConcurrency, options.MaxConcurrency);
        Assert.Null(options.Progress);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Validate_NonPositiveBatchSize_ThrowsNamingIt(int batchSize)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new BulkOptions { BatchSize = batchSize }.Validate());

        Assert.Equal("BatchSize", ex.ParamName);
        Assert.Contains("BulkOptions.BatchSize must be positive", ex.Message, StringComparison.Ordinal);
        Assert.Equal(batchSize, ex.ActualValue);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-4)]
    public void Validate_NonPositiveConcurrency_ThrowsNamingIt(int concurrency)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new BulkOptions { MaxConcurrency = concurrency }.Validate());

        Assert.Equal("MaxConcurrency", ex.ParamName);
        Assert.Contains("BulkOptions.MaxConcurrency must be positive", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(100, 16)]
    [InlineData(int.MaxValue, int.MaxValue)]
    public void Validate_PositiveValues_Passes(int batchSize, int concurrency)
    {
        new BulkOptions { BatchSize = batchSize, MaxConcurrency = concurrency }.Validate();
    }

    [Fact]
    public void ContactUpsertOptions_InheritsValidationAndDefaultsToAutoMatch()
    {
        var options = new ContactUpsertOptions();

        Assert.Equal(ContactMatchKey.Auto, options.MatchBy);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContactUpsertOptions { BatchSize = 0 }.Validate());
    }
}

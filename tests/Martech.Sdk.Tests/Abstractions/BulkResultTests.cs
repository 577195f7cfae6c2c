namespace Martech.Sdk.Tests.Abstractions;

public class BulkResultTests
{
    [Fact]
    public void Constructor_OneOutcomePerStatus_CountsEach()
    {
        var result = new BulkResult<string>(
        [
            new(0, BulkItemStatus.Created, "a"),
            new(1, BulkItemStatus.Updated, "b"),
            new(2, BulkItemStatus.Succeeded, "c"),
            new(3, BulkItemStatus.Withheld, Error: new BulkItemError("no consent", "consent_missing")),
            new(4, BulkItemStatus.Failed, Error: new BulkItemError("bad email", "INVALID_EMAIL", "email")),
            new(5, BulkItemStatus.Unknown, Error: new BulkItemError("timeout")),
            new(6, BulkItemStatus.Created, "g"),
        ]);

        Assert.Equal(7, result.Items.Count);
        Assert.Equal(2, result.CreatedCount);
        Assert.Equal(1, result.UpdatedCount);
        Assert.Equal(1, result.SucceededCount);
        Assert.Equal(1, result.WithheldCount);
        Assert.Equal(1, result.FailedCount);
        Assert.Equal(1, result.UnknownCount);
        Assert.False(result.IsFullSuccess);
    }

    [Fact]
    public void Constructor_OutOfOrderItems_AreReturnedInInputOrder()
    {
        var result = new BulkResult<string>(
        [
            new(2, BulkItemStatus.Created, "c"),
            new(0, BulkItemStatus.Created, "a"),
            new(1, BulkItemStatus.Updated, "b"),
        ]);

        Assert.Equal([0, 1, 2], result.Items.Select(i => i.Index));
        Assert.Equal(["a", "b", "c"], result.Items.Select(i => i.Value));
        Assert.True(result.IsFullSuccess);
        Assert.Empty(result.Unsuccessful);
    }

    [Fact]
    public void Constructor_Empty_IsFullSuccess()
    {
        var result = new BulkResult<int>([]);

        Assert.Empty(result.Items);
        Assert.True(result.IsFullSuccess);
    }

    public static TheoryData<int[]> BadIndexes => new()
    {
        new[] { 1, 2 },      // index 0 missing, so 2 is out of range
        new[] { 0, 0 },      // repeated
        new[] { 0, 2, 2 },   // repeated, and 1 missing
        new[] { -1 },        // negative
        new[] { 0, 5 },      // past the end
    };

    [Theory]
    [MemberData(nameof(BadIndexes))]
    public void Constructor_MissingRepeatedOrOutOfRangeIndex_ThrowsArgumentException(int[] indexes)
    {
        var items = indexes.Select(i => new BulkItemResult<string>(i, BulkItemStatus.Created, "x")).ToList();

        var ex = Assert.Throws<ArgumentException>(() => new BulkResult<string>(items));

        Assert.Equal("items", ex.ParamName);
        Assert.Contains("out of range or repeated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NullItem_ThrowsArgumentException()
    {
        var items = new List<BulkItemResult<string>> { new(0, BulkItemStatus.Created, "x"), null! };

        var ex = Assert.Throws<ArgumentException>(() => new BulkResult<string>(items));

        Assert.Equal("items", ex.ParamName);
        Assert.Contains("null", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NullList_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => new BulkResult<string>(null!));
    }

    [Fact]
    public void Unsuccessful_ListsFailedWithheldAndUnknownInOrder()
    {
        var result = new BulkResult<string>(
        [
            new(0, BulkItemStatus.Unknown),
            new(1, BulkItemStatus.Created, "b"),
            new(2, BulkItemStatus.Failed),
            new(3, BulkItemStatus.Succeeded),
            new(4, BulkItemStatus.Withheld),
            new(5, BulkItemStatus.Updated),
        ]);

        Assert.Equal([0, 2, 4], result.Unsuccessful.Select(i => i.Index));
    }

    [Theory]
    [InlineData(BulkItemStatus.Created, true)]
    [InlineData(BulkItemStatus.Updated, true)]
    [InlineData(BulkItemStatus.Succeeded, true)]
    [InlineData(BulkItemStatus.Withheld, false)]
    [InlineData(BulkItemStatus.Failed, false)]
    [InlineData(BulkItemStatus.Unknown, false)]
    public void ItemIsSuccess_DependsOnStatus(BulkItemStatus status, bool expected)
    {
        Assert.Equal(expected, new BulkItemResult<int>(0, status).IsSuccess);
    }
}

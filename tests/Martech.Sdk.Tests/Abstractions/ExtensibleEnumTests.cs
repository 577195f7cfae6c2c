using System.Text.Json;

namespace Martech.Sdk.Tests.Abstractions;

/// <summary>The behaviour every extensible enum shares, run once per enum by the derived classes below.</summary>
public abstract class ExtensibleEnumTests<T>
    where T : struct, IExtensibleEnum<T>, IEquatable<T>
{
    protected abstract T Known { get; }

    protected abstract T Construct(string value);

    [Fact]
    public void Json_UnknownValue_RoundTripsUnchanged()
    {
        var value = JsonSerializer.Deserialize<T>("\"Vendor-Added-Value_2031\"");

        Assert.Equal("Vendor-Added-Value_2031", value.Value);
        Assert.Equal("\"Vendor-Added-Value_2031\"", JsonSerializer.Serialize(value));
    }

    [Fact]
    public void Json_KnownValue_RoundTripsAndEqualsStaticMember()
    {
        string json = JsonSerializer.Serialize(Known);
        var back = JsonSerializer.Deserialize<T>(json);

        Assert.Equal($"\"{Known.Value}\"", json);
        Assert.Equal(Known, back);
    }

    [Fact]
    public void Json_KnownValueInOtherCase_EqualsStaticMember()
    {
        var back = JsonSerializer.Deserialize<T>($"\"{Known.Value.ToUpperInvariant()}\"");

        Assert.Equal(Known, back);
        Assert.Equal(Known.Value.ToUpperInvariant(), back.Value);
    }

    [Theory]
    [InlineData("\"\"", "cannot be empty")]
    [InlineData("\"  \"", "cannot be empty")]
    [InlineData("42", "Expected a string")]
    [InlineData("null", "Expected a string")]
    [InlineData("{}", "Expected a string")]
    public void Json_InvalidValue_ThrowsJsonException(string json, string reason)
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<T>(json));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Contains(typeof(T).Name, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equals_DifferentCase_AreEqualWithSameHashCode()
    {
        var lower = Construct("some-value");
        var upper = Construct("SOME-VALUE");

        Assert.True(lower.Equals(upper));
        Assert.True(lower.Equals((object)upper));
        Assert.Equal(lower.GetHashCode(), upper.GetHashCode());
        Assert.False(lower.Equals(Construct("other-value")));
        Assert.False(lower.Equals((object)"some-value"));
    }

    [Fact]
    public void Create_MatchesConstructor()
    {
        Assert.Equal(Construct("abc"), T.Create("abc"));
        Assert.Equal("abc", T.Create("abc").Value);
        Assert.Equal("abc", T.Create("abc").ToString());
    }

    [Fact]
    public void Default_ValueIsEmptyString()
    {
        T value = default;

        Assert.Equal(string.Empty, value.Value);
        Assert.Equal(string.Empty, value.ToString());
        Assert.NotEqual(Known, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\r\n")]
    public void Constructor_EmptyOrWhiteSpace_ThrowsArgumentException(string value)
    {
        var ex = Assert.Throws<ArgumentException>(() => Construct(value));

        Assert.Equal("value", ex.ParamName);
    }

    [Fact]
    public void Constructor_Null_ThrowsArgumentNullException()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => Construct(null!));

        Assert.Equal("value", ex.ParamName);
    }
}

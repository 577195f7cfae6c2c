using System.Text.Json;

namespace Martech.Sdk.Tests.Abstractions;

public class CustomFieldCollectionTests
{
    [Theory]
    [InlineData("42", 42L)]
    [InlineData("\"42\"", 42L)]
    [InlineData("\"-7\"", -7L)]
    [InlineData("9007199254740993", 9007199254740993L)]
    public void TryGetInt64_NumberOrNumericString_ReturnsValue(string rawJson, long expected)
    {
        var fields = WithRaw("employees", rawJson);

        Assert.True(fields.TryGetInt64("employees", out long value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("12.5")]
    [InlineData("\"12.5\"")]
    [InlineData("\"forty-two\"")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("{\"n\":1}")]
    public void TryGetInt64_NotAWholeNumber_ReturnsFalse(string rawJson)
    {
        var fields = WithRaw("employees", rawJson);

        Assert.False(fields.TryGetInt64("employees", out long value));
        Assert.Equal(0, value);
    }

    [Theory]
    [InlineData("12.5", "12.5")]
    [InlineData("\"12.5\"", "12.5")]
    [InlineData("\"1e3\"", "1000")]
    [InlineData("\"1,000.25\"", "1000.25")]
    [InlineData("7", "7")]
    public void TryGetDecimal_NumberOrNumericString_ReturnsValue(string rawJson, string expected)
    {
        var fields = WithRaw("revenue", rawJson);

        Assert.True(fields.TryGetDecimal("revenue", out decimal value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("\"lots\"")]
    [InlineData("false")]
    [InlineData("[1]")]
    public void TryGetDecimal_NotANumber_ReturnsFalse(string rawJson)
    {
        Assert.False(WithRaw("revenue", rawJson).TryGetDecimal("revenue", out _));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"true\"", true)]
    [InlineData("\"FALSE\"", false)]
    [InlineData("\"True\"", true)]
    public void TryGetBoolean_BooleanOrBooleanString_ReturnsValue(string rawJson, bool expected)
    {
        var fields = WithRaw("vip", rawJson);

        Assert.True(fields.TryGetBoolean("vip", out bool value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("\"yes\"")]
    [InlineData("1")]
    [InlineData("null")]
    public void TryGetBoolean_NotABoolean_ReturnsFalse(string rawJson)
    {
        Assert.False(WithRaw("vip", rawJson).TryGetBoolean("vip", out bool value));
        Assert.False(value);
    }

    [Theory]
    [InlineData("\"2024-03-01T12:00:00Z\"")]
    [InlineData("\"2024-03-01T13:00:00+01:00\"")]
    [InlineData("\"2024-03-01T12:00:00\"")]
    [InlineData("1709294400000")]
    [InlineData("\"1709294400000\"")]
    public void TryGetDateTimeOffset_IsoStringOrEpochMillis_ReturnsInstant(string rawJson)
    {
        var fields = WithRaw("signed_up", rawJson);

        Assert.True(fields.TryGetDateTimeOffset("signed_up", out var value));
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.Zero), value);
    }

    [Theory]
    [InlineData("\"next tuesday\"")]
    [InlineData("true")]
    [InlineData("99999999999999999")]
    [InlineData("-99999999999999999")]
    [InlineData("12.5")]
    public void TryGetDateTimeOffset_NotADate_ReturnsFalse(string rawJson)
    {
        Assert.False(WithRaw("signed_up", rawJson).TryGetDateTimeOffset("signed_up", out _));
    }

    [Theory]
    [InlineData("\"text\"", "text")]
    [InlineData("42", "42")]
    [InlineData("12.50", "12.50")]
    [InlineData("true", "true")]
    [InlineData("[1,2]", "[1,2]")]
    [InlineData("null", null)]
    public void GetString_AnyKind_ReturnsStringOrJsonText(string rawJson, string? expected)
    {
        Assert.Equal(expected, WithRaw("f", rawJson).GetString("f"));
    }

    [Fact]
    public void TypedGetters_MissingField_ReturnFalseOrNull()
    {
        var fields = new CustomFieldCollection();

        Assert.Null(fields.GetString("missing"));
        Assert.False(fields.TryGetInt64("missing", out _));
        Assert.False(fields.TryGetDecimal("missing", out _));
        Assert.False(fields.TryGetBoolean("missing", out _));
        Assert.False(fields.TryGetDateTimeOffset("missing", out _));
        Assert.False(fields.ContainsKey("missing"));
        Assert.False(fields.TryGetValue("missing", out _));
    }

    [Fact]
    public void Indexer_MissingField_ThrowsKeyNotFoundNamingIt()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => new CustomFieldCollection()["hs_score"]);

        Assert.Contains("hs_score", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetRaw_UnknownObject_IsKeptVerbatimAfterItsDocumentIsGone()
    {
        const string raw = """{"street":"1 Main St","geo":{"lat":51.5,"lon":-0.12},"tags":["a","b"],"n":null}""";
        var fields = new CustomFieldCollection();
        using (var doc = JsonDocument.Parse(raw))
        {
            fields.SetRaw("address", doc.RootElement);
        }

        Assert.Equal(raw, fields["address"].GetRawText());
        Assert.Equal(raw, fields.GetString("address"));
    }

    [Fact]
    public void Copy_ReadModifyWrite_KeepsUnknownFieldsAndIsIndependent()
    {
        var original = WithRaw("address", """{"city":"Leeds"}""");
        original.Set("score", 10L);

        var copy = new CustomFieldCollection(original);
        copy.Set("score", 11L);
        copy.Remove("address");

        Assert.Equal("""{"city":"Leeds"}""", original["address"].GetRawText());
        Assert.True(original.TryGetInt64("score", out long score));
        Assert.Equal(10, score);
        Assert.False(copy.ContainsKey("address"));
    }

    [Fact]
    public void Serialize_WritesEveryFieldAsItsRawJson()
    {
        var fields = WithRaw("address", """{"city":"Leeds"}""");
        fields.Set("name", "Ada");
        fields.Set("count", 3L);
        fields.Set("nothing", (string?)null);

        string json = JsonSerializer.Serialize(fields);

        using var doc = JsonDocument.Parse(json);
        Assert.Equal("""{"city":"Leeds"}""", doc.RootElement.GetProperty("address").GetRawText());
        Assert.Equal("Ada", doc.RootElement.GetProperty("name").GetString());
        Assert.Equal(3, doc.RootElement.GetProperty("count").GetInt64());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("nothing").ValueKind);
    }

    [Fact]
    public void Deserialize_ObjectOfRawValues_KeepsEveryValue()
    {
        var fields = JsonSerializer.Deserialize<CustomFieldCollection>("""{"score":"42","vip":true,"address":{"city":"Leeds"},"gone":null}""");

        Assert.NotNull(fields);
        Assert.Equal(4, fields.Count);
        Assert.True(fields.TryGetInt64("score", out long score) && score == 42);
        Assert.True(fields.TryGetBoolean("vip", out bool vip) && vip);
        Assert.Equal("""{"city":"Leeds"}""", fields["address"].GetRawText());
        Assert.Equal(JsonValueKind.Null, fields["gone"].ValueKind);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    public void Deserialize_NotAnObject_ThrowsJsonException(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<CustomFieldCollection>(json));
    }

    [Fact]
    public void ContactJson_RoundTrip_KeepsCustomFieldsAndUnknownEnumValues()
    {
        var contact = new Contact
        {
            Id = "c1",
            Email = EmailAddress.Parse("Ada@Example.com"),
            Phone = PhoneNumber.Parse("+44 20 7946 0958"),
            LifecycleStage = new LifecycleStage("vendor_custom_stage"),
            EmailConsent = Consent.Granted("form", DateTimeOffset.UnixEpoch),
        };
        using (var doc = JsonDocument.Parse("""{"lat":51.5,"tags":["a"]}"""))
        {
            contact.CustomFields.SetRaw("geo", doc.RootElement);
        }

        contact.CustomFields.Set("employees", "42");

        string json = JsonSerializer.Serialize(contact);
        var back = JsonSerializer.Deserialize<Contact>(json);

        Assert.NotNull(back);
        Assert.Equal(contact.Email, back.Email);
        Assert.Equal("Ada@example.com", back.Email!.Value.Value);
        Assert.Equal(contact.Phone, back.Phone);
        Assert.Equal("vendor_custom_stage", back.LifecycleStage!.Value.Value);
        Assert.Equal(ConsentStatus.Granted, back.EmailConsent!.Status);
        Assert.Equal("""{"lat":51.5,"tags":["a"]}""", back.CustomFields["geo"].GetRawText());
        Assert.True(back.CustomFields.TryGetInt64("employees", out long employees) && employees == 42);
    }

    [Fact]
    public void SetString_Null_StoresJsonNull()
    {
        var fields = new CustomFieldCollection();

        fields.Set("nickname", (string?)null);

        Assert.True(fields.ContainsKey("nickname"));
        Assert.Equal(JsonValueKind.Null, fields["nickname"].ValueKind);
        Assert.Null(fields.GetString("nickname"));
        Assert.Single(fields);
    }

    [Fact]
    public void SetRaw_UndefinedElement_StoresJsonNull()
    {
        var fields = new CustomFieldCollection();

        fields.SetRaw("x", default);

        Assert.Equal(JsonValueKind.Null, fields["x"].ValueKind);
    }

    [Fact]
    public void Set_TypedValues_ReadBackTyped()
    {
        var when = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2));
        var fields = new CustomFieldCollection();

        fields.Set("s", "text");
        fields.Set("l", 42L);
        fields.Set("m", 12.34m);
        fields.Set("d", 0.5);
        fields.Set("b", true);
        fields.Set("t", when);

        Assert.Equal("text", fields.GetString("s"));
        Assert.True(fields.TryGetInt64("l", out long l) && l == 42);
        Assert.True(fields.TryGetDecimal("m", out decimal m) && m == 12.34m);
        Assert.True(fields.TryGetDecimal("d", out decimal d) && d == 0.5m);
        Assert.True(fields.TryGetBoolean("b", out bool b) && b);
        Assert.True(fields.TryGetDateTimeOffset("t", out var t));
        Assert.Equal(when, t);
        Assert.Equal(when.Offset, t.Offset);
        Assert.Equal(6, fields.Count);
        Assert.Equal(["b", "d", "l", "m", "s", "t"], fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(6, fields.Values.Count());
        Assert.Equal(6, fields.AsEnumerable().Count());
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void SetDouble_NonFinite_ThrowsNamingTheField(double value)
    {
        var fields = new CustomFieldCollection();

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => fields.Set("conversion_rate", value));

        Assert.Contains("'conversion_rate' must be a finite number", ex.Message, StringComparison.Ordinal);
        Assert.False(fields.ContainsKey("conversion_rate"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Set_EmptyName_ThrowsArgumentException(string name)
    {
        var fields = new CustomFieldCollection();

        var ex = Assert.Throws<ArgumentException>(() => fields.Set(name, "x"));

        Assert.Equal("name", ex.ParamName);
    }

    [Fact]
    public void Names_AreCaseSensitive()
    {
        var fields = new CustomFieldCollection();
        fields.Set("Score", 1L);
        fields.Set("score", 2L);

        Assert.Equal(2, fields.Count);
        Assert.True(fields.Remove("Score"));
        Assert.False(fields.Remove("Score"));
        Assert.True(fields.ContainsKey("score"));
    }

    [Fact]
    public void ContactWith_CopyHasIndependentCustomFields()
    {
        var original = new Contact { FirstName = "Ada" };
        original.CustomFields.Set("tier", "gold");

        var copy = original with { FirstName = "Grace" };
        copy.CustomFields.Set("tier", "silver");
        copy.CustomFields.Set("extra", 1L);

        Assert.Equal("gold", original.CustomFields.GetString("tier"));
        Assert.False(original.CustomFields.ContainsKey("extra"));
        Assert.Equal("silver", copy.CustomFields.GetString("tier"));
        Assert.NotSame(original.CustomFields, copy.CustomFields);
        Assert.Equal("Ada", original.FirstName);
    }

    [Fact]
    public void ContactWith_CopiesEveryOtherProperty()
    {
        JsonElement raw = JsonElement.Parse("""{"vid":101}""");
        var original = new Contact
        {
            Id = "c1",
            Email = EmailAddress.Parse("ada@example.com"),
            Phone = PhoneNumber.Parse("+14155550123"),
            FirstName = "Ada",
            LastName = "Lovelace",
            Company = "Analytical Engines",
            JobTitle = "Engineer",
            LifecycleStage = LifecycleStage.Lead,
            EmailConsent = Consent.Granted("form", DateTimeOffset.UnixEpoch),
            SmsConsent = Consent.Denied("sms-stop", DateTimeOffset.UnixEpoch),
            OwnerId = "u1",
            CreatedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch.AddDays(1),
            Raw = raw,
        };

        var copy = original with { };

        Assert.Equal(original.Id, copy.Id);
        Assert.Equal(original.Email, copy.Email);
        Assert.Equal(original.Phone, copy.Phone);
        Assert.Equal(original.FirstName, copy.FirstName);
        Assert.Equal(original.LastName, copy.LastName);
        Assert.Equal(original.Company, copy.Company);
        Assert.Equal(original.JobTitle, copy.JobTitle);
        Assert.Equal(original.LifecycleStage, copy.LifecycleStage);
        Assert.Equal(original.EmailConsent, copy.EmailConsent);
        Assert.Equal(original.SmsConsent, copy.SmsConsent);
        Assert.Equal(original.OwnerId, copy.OwnerId);
        Assert.Equal(original.CreatedAt, copy.CreatedAt);
        Assert.Equal(original.UpdatedAt, copy.UpdatedAt);
        Assert.Equal(101, copy.Raw.GetProperty("vid").GetInt32());
    }

    [Fact]
    public void LeadWith_CopyHasIndependentCustomFields()
    {
        var original = new Lead { Title = "Webinar" };
        original.CustomFields.Set("utm_source", "linkedin");

        var copy = original with { Score = 50 };
        copy.CustomFields.Set("utm_source", "google");

        Assert.Equal("linkedin", original.CustomFields.GetString("utm_source"));
        Assert.Equal("google", copy.CustomFields.GetString("utm_source"));
        Assert.Equal("Webinar", copy.Title);
        Assert.Null(copy.Status);
    }

    private static CustomFieldCollection WithRaw(string name, string rawJson)
    {
        var fields = new CustomFieldCollection();
        using var doc = JsonDocument.Parse(rawJson);
        fields.SetRaw(name, doc.RootElement);
        return fields;
    }
}

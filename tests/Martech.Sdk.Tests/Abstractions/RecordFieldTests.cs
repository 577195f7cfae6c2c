using System.Text.Json;
using Xunit;

namespace Martech.Sdk.Tests.Abstractions;

public sealed class RecordFieldTests
{
    [Theory]
    [InlineData("Email", "Email")]
    [InlineData("email_address", "Email")]
    [InlineData(" first_name ", "FirstName")]
    [InlineData("First Name", "FirstName")]
    [InlineData("job-title", "JobTitle")]
    [InlineData("Title", "JobTitle")]
    [InlineData("OWNER_ID", "OwnerId")]
    [InlineData("sms_consent", "SmsConsent")]
    public void Parse_RecognisesStandardNames(string text, string expected)
    {
        RecordField field = RecordField.Parse(text);

        Assert.False(field.IsCustom);
        Assert.Equal(expected, field.Name);
        Assert.Equal(field, RecordField.Parse(field.ToString()));
    }

    [Fact]
    public void Parse_AnyOtherNameIsACustomField_AndCustomPrefixReachesAShadowedOne()
    {
        RecordField industry = RecordField.Parse("Industry");
        RecordField company = RecordField.Parse("custom:company");

        Assert.True(industry.IsCustom);
        Assert.Equal("Industry", industry.Name);
        Assert.Equal("custom:Industry", industry.ToString());
        Assert.True(company.IsCustom);
        Assert.Equal("company", company.Name);
        Assert.NotEqual(RecordField.Company, company);
        Assert.Equal(company, RecordField.Parse(company.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("custom:")]
    [InlineData("custom:  ")]
    public void Parse_RefusesNamesThatNameNothing(string text)
    {
        Assert.False(RecordField.TryParse(text, out _, out string? error));
        Assert.False(string.IsNullOrEmpty(error));
        Assert.Throws<ArgumentException>(() => RecordField.Parse(text));
    }

    [Fact]
    public void Contact_TextRoundTripsEveryContactField()
    {
        var contact = new Contact
        {
            Id = "7", Email = EmailAddress.Parse("Ada@Example.com"), Phone = PhoneNumber.Parse("+14155550100"), FirstName = "Ada", LastName = "Lovelace",
            Company = "Analytical", JobTitle = "VP Engines", LifecycleStage = LifecycleStage.Lead, OwnerId = "u1",
            CreatedAt = new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero), UpdatedAt = new DateTimeOffset(2026, 4, 1, 9, 30, 0, TimeSpan.FromHours(2)),
            EmailConsent = new Consent(ConsentStatus.Granted, "form"), SmsConsent = new Consent(ConsentStatus.Denied),
        };
        contact.CustomFields.Set("employees", 250);

        var rebuilt = new Contact();
        foreach (RecordField field in RecordField.Standard.Where(f => f.AppliesToContacts).Append(RecordField.Custom("employees")))
        {
            rebuilt = field.WithText(rebuilt, field.GetText(contact));
        }

        foreach (RecordField field in RecordField.Standard.Where(f => f.AppliesToContacts))
        {
            Assert.Equal(field.GetText(contact), field.GetText(rebuilt));
        }

        Assert.Equal("250", RecordField.Custom("employees").GetText(rebuilt));
        Assert.Equal("granted", RecordField.EmailConsent.GetText(rebuilt));
        Assert.Equal(contact.UpdatedAt, rebuilt.UpdatedAt);
    }

    [Fact]
    public void Lead_TitleAndScoreAndStatus()
    {
        var lead = new Lead { Title = "CTO", Score = 42, Status = LeadStatus.Working, Source = "webinar", ContactId = "c1" };

        Assert.Equal("CTO", RecordField.JobTitle.GetText(lead));
        Assert.Equal("42", RecordField.Score.GetText(lead));
        Assert.Equal("working", RecordField.Status.GetText(lead));
        Assert.Equal(17, RecordField.Score.WithText(lead, " 17 ").Score);
        Assert.Null(RecordField.Source.WithText(lead, "  ").Source);
        Assert.Equal("c1", RecordField.ContactId.GetText(lead));
    }

    [Fact]
    public void WithText_InvalidValueNamesFieldAndReason()
    {
        var e = Assert.Throws<ArgumentException>(() => RecordField.Email.WithText(new Contact(), "not-an-address"));
        Assert.Contains("Email", e.Message, StringComparison.Ordinal);
        Assert.Contains("not-an-address", e.Message, StringComparison.Ordinal);

        var score = Assert.Throws<ArgumentException>(() => RecordField.Score.WithText(new Lead(), "twelve"));
        Assert.Contains("whole number", score.Message, StringComparison.Ordinal);

        var time = Assert.Throws<ArgumentException>(() => RecordField.UpdatedAt.WithText(new Lead(), "yesterday"));
        Assert.Contains("ISO 8601", time.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FieldsTheRecordLacks_AreRefusedByName()
    {
        Assert.False(RecordField.Score.AppliesToContacts);
        Assert.False(RecordField.LifecycleStage.AppliesToLeads);
        Assert.Contains("Score", Assert.Throws<ArgumentException>(() => RecordField.Score.GetText(new Contact())).Message, StringComparison.Ordinal);
        Assert.Contains("LifecycleStage", Assert.Throws<ArgumentException>(() => RecordField.LifecycleStage.WithText(new Lead(), "lead")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => default(RecordField).GetText(new Contact()));
    }

    [Fact]
    public void CopyValue_KeepsConsentDetailsAndCustomRawJson_AndLeavesTheSourceAlone()
    {
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var source = new Contact { EmailConsent = new Consent(ConsentStatus.Granted, "double opt-in", at) };
        source.CustomFields.SetRaw("tags", JsonElement.Parse("""["a","b"]"""));
        var target = new Contact { FirstName = "Ada" };
        target.CustomFields.Set("tags", "old");

        Contact copy = RecordField.EmailConsent.CopyValue(source, target);
        copy = RecordField.Custom("tags").CopyValue(source, copy);

        Assert.Equal(source.EmailConsent, copy.EmailConsent);
        Assert.Equal("""["a","b"]""", copy.CustomFields["tags"].GetRawText());
        Assert.Equal("old", target.CustomFields.GetString("tags"));
        Assert.Equal("Ada", copy.FirstName);
    }

    [Fact]
    public void CustomField_NullBecomesJsonNullWhichClearsAtTheVendor()
    {
        var contact = new Contact();
        contact.CustomFields.Set("industry", "Retail");

        Contact cleared = RecordField.Custom("industry").WithText(contact, null);

        Assert.Equal(JsonValueKind.Null, cleared.CustomFields["industry"].ValueKind);
        Assert.False(RecordField.Custom("industry").HasValue(cleared));
        Assert.True(RecordField.Custom("industry").HasValue(contact));
    }
}

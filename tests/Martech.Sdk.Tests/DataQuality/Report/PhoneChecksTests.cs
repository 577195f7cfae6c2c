namespace Martech.Sdk.Tests.DataQuality.Report;

/// <summary>The phone checks: numbers that do not parse as E.164, the wrong length or leading digits for +1 and +44,
/// fictional ranges, and numbers no one owns.</summary>
public class PhoneChecksTests
{
    private static readonly ContactQualityChecker Checker = new(new DataQualityReportOptions(), Clock.At2026);

    private static List<DataQualityFinding> PhoneFindings(Contact contact) =>
        [.. Checker.Check(new SourcedContact("Salesforce", contact)).Where(f => f.Kind == DataQualityFindingKind.InvalidPhone)];

    [Theory]
    [InlineData("+14155552671")]     // San Francisco: 555, but outside 555-0100 to 0199
    [InlineData("+12125550200")]     // 555-0200: outside the fictional range
    [InlineData("+442071838750")]    // a London number
    [InlineData("+447911123456")]    // a UK mobile
    [InlineData("+4930901820")]      // Berlin
    [InlineData("+33142685300")]     // Paris
    [InlineData("+61293744000")]     // Sydney
    public void Check_RealNumbers_NoFinding(string number)
    {
        Assert.Empty(PhoneFindings(Clock.Clean with { Phone = PhoneNumber.Parse(number) }));
    }

    [Theory]
    [InlineData("+1415555267", "'+1415555267' is not a real phone number: a number with country code +1 has 10 digits after it; this one has 9.", null)]
    [InlineData("+141555526710", "'+141555526710' is not a real phone number: a number with country code +1 has 10 digits after it; this one has 11.", null)]
    [InlineData("+10155552671", "'+10155552671' is not a real phone number: the area code 015 starts with 0; North American area codes start with 2 to 9.", null)]
    [InlineData("+14151552671", "'+14151552671' is not a real phone number: the exchange 155 starts with 1; North American exchanges start with 2 to 9.", null)]
    [InlineData("+14155550123", "'+14155550123' is not a real phone number: 555-0100 to 555-0199 are reserved for fiction (films, examples): no one can be reached there.", null)]
    [InlineData("+12225555555", "'+12225555555' is not a real phone number: its last seven digits are all '5': not a number anyone owns.", null)]
    [InlineData("+12122345678", "'+12122345678' is not a real phone number: its last seven digits count up (2345678): a placeholder, not a number anyone owns.", null)]
    [InlineData("+4407911123456", "'+4407911123456' is not a real phone number: a UK number written with +44 drops its leading 0 (the trunk prefix).", "+447911123456")]
    [InlineData("+4479111234", "'+4479111234' is not a real phone number: a number with country code +44 has 9 or 10 digits after it; this one has 8.", null)]
    [InlineData("+447700900123", "'+447700900123' is not a real phone number: the number is in a range Ofcom reserves for drama (07700 900xxx, 020 7946 0xxx): no one can be reached there.", null)]
    [InlineData("+442079460999", "'+442079460999' is not a real phone number: the number is in a range Ofcom reserves for drama (07700 900xxx, 020 7946 0xxx): no one can be reached there.", null)]
    [InlineData("+4930000000", "'+4930000000' is not a real phone number: its last seven digits are all '0': not a number anyone owns.", null)]
    [InlineData("+4930890123456", "'+4930890123456' is not a real phone number: its last seven digits count up (0123456): a placeholder, not a number anyone owns.", null)]
    public void Check_FakeOrMalformedNumber_ExactFinding(string number, string reason, string? suggestion)
    {
        DataQualityFinding finding = Assert.Single(PhoneFindings(Clock.Clean with { Phone = PhoneNumber.Parse(number) }));

        Assert.Equal(new DataQualityFinding("Salesforce", "c1", "ada.lovelace@acme.io", DataQualityFindingKind.InvalidPhone, RecordField.Phone, number, reason, suggestion), finding);
    }

    [Theory]
    [InlineData("phone", "555-0100", "'555-0100' is not an E.164 phone number: it has no country code; write it as +<country code><number>, such as +14155550123.")]
    [InlineData("MobilePhone", "+1 415 555 2671 ext. 4", "'+1 415 555 2671 ext. 4' is not an E.164 phone number: it contains the letter 'e'; letters and extensions are not allowed.")]
    [InlineData("PHONE", "+1 (415) 5", "'+1 (415) 5' is not an E.164 phone number: it has 5 digits; at least 7 are required, country code included.")]
    public void Check_UnparsedNumberKeptInCustomField_ReportsTheParserReason(string field, string text, string reason)
    {
        var contact = Clock.Clean with { Phone = null };
        contact.CustomFields.Set(field, text);

        DataQualityFinding finding = Assert.Single(PhoneFindings(contact));

        Assert.Equal(RecordField.Custom(field), finding.Field);
        Assert.Equal(text, finding.Value);
        Assert.Equal(reason, finding.Reason);
    }

    [Fact]
    public void Check_CustomFieldHoldsAParsableButFictionalNumber_Reported()
    {
        var contact = Clock.Clean with { Phone = null };
        contact.CustomFields.Set("phone", "+1 (212) 555-0142");

        DataQualityFinding finding = Assert.Single(PhoneFindings(contact));

        Assert.Equal("'+12125550142' is not a real phone number: 555-0100 to 555-0199 are reserved for fiction (films, examples): no one can be reached there.", finding.Reason);
    }

    [Fact]
    public void Check_UnparsedFieldNamesConfigured_OnlyThoseRead()
    {
        var checker = new ContactQualityChecker(new DataQualityReportOptions { UnparsedPhoneFields = ["mobile_raw"] }, Clock.At2026);
        var contact = Clock.Clean with { Phone = null };
        contact.CustomFields.Set("phone", "555-0100");
        contact.CustomFields.Set("Mobile_Raw", "12345");

        DataQualityFinding finding = Assert.Single(checker.Check(new SourcedContact("Salesforce", contact)), f => f.Kind == DataQualityFindingKind.InvalidPhone);

        Assert.Equal(RecordField.Custom("Mobile_Raw"), finding.Field);
    }
}

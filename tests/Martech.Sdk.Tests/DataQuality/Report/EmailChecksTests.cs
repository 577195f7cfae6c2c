namespace Martech.Sdk.Tests.DataQuality.Report;

/// <summary>The email checks: addresses that do not parse, that parse but cannot receive mail, mistyped domains,
/// disposable services and role addresses, each with its exact finding.</summary>
public class EmailChecksTests
{
    private static readonly ContactQualityChecker Checker = new(new DataQualityReportOptions { StaleAfterDays = 0 }, Clock.At2026);

    // Only the email kinds: the contacts carry granted, sourced consent and a recent update so nothing else is found.
    private static List<DataQualityFinding> EmailFindings(Contact contact, ContactQualityChecker? checker = null) =>
        [.. (checker ?? Checker).Check(new SourcedContact("HubSpot", contact with { Id = "c1" }))
            .Where(f => f.Kind is DataQualityFindingKind.InvalidEmail or DataQualityFindingKind.EmailDomainTypo or DataQualityFindingKind.DisposableEmail or DataQualityFindingKind.RoleEmail)];

    private static Contact WithEmail(string email) => Clock.Clean with { Email = EmailAddress.Parse(email) };

    [Fact]
    public void Check_UnparsedAddressKeptInCustomField_ReportsTheParserReasonAndARepair()
    {
        var contact = Clock.Clean with { Email = null };
        contact.CustomFields.Set("email", "ada@example-corp,com");

        DataQualityFinding finding = Assert.Single(EmailFindings(contact));

        Assert.Equal(
            new DataQualityFinding("HubSpot", "c1", "ada@example-corp,com", DataQualityFindingKind.InvalidEmail, RecordField.Custom("email"), "ada@example-corp,com",
                "'ada@example-corp,com' is not a valid email address: the domain contains ',', which is not allowed.", "ada@example-corp.com"),
            finding);
    }

    [Fact]
    public void Check_UnparsedAddressUnderSalesforceName_FoundIgnoringCase_RepairFixesTheTypoToo()
    {
        var contact = Clock.Clean with { Email = null };
        contact.CustomFields.Set("Email", "bob @gmial.com");

        DataQualityFinding finding = Assert.Single(EmailFindings(contact));

        Assert.Equal(RecordField.Custom("Email"), finding.Field);
        Assert.Equal("'bob @gmial.com' is not a valid email address: the part before '@' contains ' ', which is not allowed.", finding.Reason);
        Assert.Equal("bob@gmail.com", finding.Suggestion);
    }

    [Fact]
    public void Check_UnparsedAddressWithoutADot_NoRepair()
    {
        var contact = Clock.Clean with { Email = null };
        contact.CustomFields.Set("email", "carol@localhost");

        DataQualityFinding finding = Assert.Single(EmailFindings(contact));

        Assert.Equal("'carol@localhost' is not a valid email address: the domain has no dot; a public domain such as example.com is required.", finding.Reason);
        Assert.Null(finding.Suggestion);
    }

    [Theory]
    [InlineData("ada@10.0.0.1", "'ada@10.0.0.1' cannot receive mail: the domain '10.0.0.1' ends in a number: no top-level domain is numeric (an IP address is not a mail domain).")]
    [InlineData("ada@corp.x", "'ada@corp.x' cannot receive mail: the domain 'corp.x' ends in the one-letter top-level domain '.x', which does not exist.")]
    [InlineData("ada@example.com", "'ada@example.com' cannot receive mail: the domain 'example.com' is reserved for documentation (RFC 2606) and never receives mail.")]
    [InlineData("ada@mail.example.org", "'ada@mail.example.org' cannot receive mail: the domain 'example.org' is reserved for documentation (RFC 2606) and never receives mail.")]
    [InlineData("ada@shop.test", "'ada@shop.test' cannot receive mail: the top-level domain '.test' is reserved (RFC 2606, for tests and documentation) and never receives mail.")]
    [InlineData("ada@nowhere.invalid", "'ada@nowhere.invalid' cannot receive mail: the top-level domain '.invalid' is reserved (RFC 2606, for tests and documentation) and never receives mail.")]
    [InlineData("ada@printer.local", "'ada@printer.local' cannot receive mail: the top-level domain '.local' is reserved (RFC 6762, local networks) and never receives mail.")]
    public void Check_ParsesButCannotReceiveMail_InvalidEmail(string email, string reason)
    {
        DataQualityFinding finding = Assert.Single(EmailFindings(WithEmail(email)));

        Assert.Equal(DataQualityFindingKind.InvalidEmail, finding.Kind);
        Assert.Equal(RecordField.Email, finding.Field);
        Assert.Equal(email, finding.Value);
        Assert.Equal(reason, finding.Reason);
        Assert.Null(finding.Suggestion);
    }

    [Theory]
    [InlineData("ada@gmial.com", "gmail.com")]        // two letters swapped
    [InlineData("ada@gmal.com", "gmail.com")]         // a letter left out
    [InlineData("ada@gmail.co", "gmail.com")]         // the top-level domain cut short
    [InlineData("ada@gmail.con", "gmail.com")]        // .con
    [InlineData("ada@gmial.con", "gmail.com")]        // both at once
    [InlineData("ada@hotmial.co.uk", "hotmail.co.uk")]
    [InlineData("ada@hotmal.cmo", "hotmail.com")]
    [InlineData("ada@outloook.com", "outlook.com")]
    [InlineData("ada@yaho.com", "yahoo.com")]
    [InlineData("ada@iclould.com", "icloud.com")]
    [InlineData("ada@acme-widgets.con", "acme-widgets.com")] // any domain: .con is no top-level domain
    [InlineData("ada@acme.ogr", "acme.org")]
    public void Check_MistypedDomain_SuggestsTheCorrectedAddress(string email, string correct)
    {
        DataQualityFinding finding = Assert.Single(EmailFindings(WithEmail(email)));

        string domain = email[(email.IndexOf('@') + 1)..];
        Assert.Equal(DataQualityFindingKind.EmailDomainTypo, finding.Kind);
        Assert.Equal($"the domain '{domain}' looks like a typo of '{correct}'.", finding.Reason);
        Assert.Equal("ada@" + correct, finding.Suggestion);
    }

    [Theory]
    [InlineData("ada@gmail.com")]
    [InlineData("ada@mail.com")]        // one letter from gmail.com, and a real provider
    [InlineData("ada@ymail.com")]
    [InlineData("ada@yahoo.co.in")]
    [InlineData("ada@hotmail.it")]
    [InlineData("ada@ae.com")]          // one letter from me.com: short names are not typo targets
    [InlineData("ada@horizon.com")]     // two letters from verizon.com, but the first letter differs
    [InlineData("ada@acme.co")]         // .co is a real top-level domain
    [InlineData("ada@gmail.de")]
    public void Check_RealDomain_NoFinding(string email)
    {
        Assert.Empty(EmailFindings(WithEmail(email)));
    }

    [Fact]
    public void Check_CompanyDomainAddedToCommonDomains_ItsTyposAreFound()
    {
        var checker = new ContactQualityChecker(new DataQualityReportOptions { CommonDomains = ["Contoso-Retail.com"] }, Clock.At2026);

        DataQualityFinding finding = Assert.Single(EmailFindings(WithEmail("ada@contoso-retial.com"), checker));

        Assert.Equal("ada@contoso-retail.com", finding.Suggestion);
        Assert.Empty(EmailFindings(WithEmail("ada@contoso-retail.com"), checker));
    }

    [Theory]
    [InlineData("ada@mailinator.com", "mailinator.com")]
    [InlineData("ada@Inbox.Mailinator.com", "mailinator.com")]   // a subdomain is covered
    [InlineData("ada@yopmail.fr", "yopmail.fr")]
    [InlineData("ada@10minutemail.com", "10minutemail.com")]
    [InlineData("ada@guerrillamail.com", "guerrillamail.com")]
    public void Check_DisposableDomain_Reported(string email, string service)
    {
        DataQualityFinding finding = Assert.Single(EmailFindings(WithEmail(email)));

        Assert.Equal(DataQualityFindingKind.DisposableEmail, finding.Kind);
        Assert.Equal($"'{service}' is a disposable mailbox service: the address is likely thrown away.", finding.Reason);
        Assert.Null(finding.Suggestion);
    }

    [Fact]
    public void Check_DisposableDomains_UserAdditionsAndBuiltInListOff()
    {
        var added = new ContactQualityChecker(new DataQualityReportOptions { DisposableDomains = ["Burner.Example-Corp.io"] }, Clock.At2026);
        var off = new ContactQualityChecker(new DataQualityReportOptions { UseBuiltInDisposableDomains = false }, Clock.At2026);

        Assert.Equal(DataQualityFindingKind.DisposableEmail, Assert.Single(EmailFindings(WithEmail("x@burner.example-corp.io"), added)).Kind);
        Assert.Empty(EmailFindings(WithEmail("x@mailinator.com"), off));
        Assert.InRange(ContactQualityChecker.BuiltInDisposableDomains.Count, 300, 1000);
        Assert.All(ContactQualityChecker.BuiltInDisposableDomains, d => Assert.True(EmailAddress.TryParse("x@" + d, out _), d));
        Assert.DoesNotContain(ContactQualityChecker.BuiltInDisposableDomains, d => ContactQualityChecker.BuiltInCommonDomains.Contains(d));
    }

    [Theory]
    [InlineData("info@acme.io", "info")]
    [InlineData("Sales@acme.io", "Sales")]
    [InlineData("No_Reply+bounces@acme.io", "No_Reply+bounces")]
    [InlineData("do-not-reply@acme.io", "do-not-reply")]
    [InlineData("postmaster@acme.io", "postmaster")]
    public void Check_RoleAddress_Reported(string email, string local)
    {
        DataQualityFinding finding = Assert.Single(EmailFindings(WithEmail(email)));

        Assert.Equal(DataQualityFindingKind.RoleEmail, finding.Kind);
        Assert.Equal($"'{local}@' is a role address, a team's mailbox rather than a person's.", finding.Reason);
    }

    [Fact]
    public void Check_RoleLocalParts_PersonNotReported_AdditionsAndBuiltInOff()
    {
        var added = new ContactQualityChecker(new DataQualityReportOptions { RoleLocalParts = ["events"], UseBuiltInRoleLocalParts = false }, Clock.At2026);

        Assert.Empty(EmailFindings(WithEmail("ada.lovelace@acme.io")));
        Assert.Empty(EmailFindings(WithEmail("information@acme.io")));
        Assert.Single(EmailFindings(WithEmail("Events+2026@acme.io"), added));
        Assert.Empty(EmailFindings(WithEmail("info@acme.io"), added));
    }

    [Fact]
    public void Check_RoleAddressAtAReservedDomain_BothReported()
    {
        List<DataQualityFinding> findings = EmailFindings(WithEmail("info@example.com"));

        Assert.Equal([DataQualityFindingKind.InvalidEmail, DataQualityFindingKind.RoleEmail], findings.Select(f => f.Kind));
    }
}

namespace Martech.Sdk.Tests.DataQuality.Report;

/// <summary>Required fields, stale records, missing update times and consent gaps, each with its exact finding; a clean
/// contact has none.</summary>
public class RecordChecksTests
{
    private static IReadOnlyList<DataQualityFinding> Check(Contact contact, DataQualityReportOptions? options = null) =>
        new ContactQualityChecker(options ?? new DataQualityReportOptions(), Clock.At2026).Check(new SourcedContact("Pipedrive", contact));

    [Fact]
    public void Check_CleanContact_NoFinding()
    {
        Assert.Empty(Check(Clock.Clean, new DataQualityReportOptions { RequiredFields = ["Email", "last_name", "Company", "Phone"] }));
    }

    [Fact]
    public void Check_RequiredFieldsEmpty_OneFindingEachInConfiguredOrder()
    {
        var contact = Clock.Clean with { LastName = " ", Company = null };
        contact.CustomFields.Set("country", "DE");

        IReadOnlyList<DataQualityFinding> findings = Check(contact, new DataQualityReportOptions { RequiredFields = ["Company", "country", "LastName", "region"] });

        Assert.Equal(
            [
                new DataQualityFinding("Pipedrive", "c1", "ada.lovelace@acme.io", DataQualityFindingKind.MissingField, RecordField.Company, null, "the required field Company is empty."),
                new DataQualityFinding("Pipedrive", "c1", "ada.lovelace@acme.io", DataQualityFindingKind.MissingField, RecordField.LastName, null, "the required field LastName is empty."),
                new DataQualityFinding("Pipedrive", "c1", "ada.lovelace@acme.io", DataQualityFindingKind.MissingField, RecordField.Custom("region"), null, "the required field region is empty."),
            ],
            findings);
    }

    [Fact]
    public void Check_RequiredEmailKeptUnparsed_ReportedOnceAsInvalid()
    {
        var contact = Clock.Clean with { Email = null, EmailConsent = null };
        contact.CustomFields.Set("email", "not-an-address");

        IReadOnlyList<DataQualityFinding> findings = Check(contact, new DataQualityReportOptions { RequiredFields = ["Email"] });

        Assert.Equal([DataQualityFindingKind.InvalidEmail], findings.Select(f => f.Kind));
        Assert.Equal("not-an-address", findings[0].Email);
    }

    [Fact]
    public void Check_UpdatedLongerAgoThanTheLimit_Stale()
    {
        // 2026-06-01T12:00Z less 2025-05-31T11:00Z is 366 days and 1 hour: over 365 days.
        var contact = Clock.Clean with { UpdatedAt = new DateTimeOffset(2025, 5, 31, 11, 0, 0, TimeSpan.Zero) };

        DataQualityFinding finding = Assert.Single(Check(contact));

        Assert.Equal(
            new DataQualityFinding("Pipedrive", "c1", "ada.lovelace@acme.io", DataQualityFindingKind.StaleRecord, RecordField.UpdatedAt, "2025-05-31T11:00:00.0000000+00:00",
                "last updated 366 days ago (2025-05-31); the limit is 365 days.", "confirm the record is still current, or archive it"),
            finding);
    }

    [Fact]
    public void Check_UpdatedExactlyAtTheLimit_NotStale()
    {
        Assert.Empty(Check(Clock.Clean with { UpdatedAt = Clock.Now.AddDays(-365) }));
        Assert.Empty(Check(Clock.Clean with { UpdatedAt = Clock.Now.AddDays(-31) }, new DataQualityReportOptions { StaleAfterDays = 0 }));
        Assert.Single(Check(Clock.Clean with { UpdatedAt = Clock.Now.AddDays(-31) }, new DataQualityReportOptions { StaleAfterDays = 30 }));
    }

    [Fact]
    public void Check_NoUpdatedAt_ReportedApart_EvenWithTheStaleCheckOff()
    {
        DataQualityFinding finding = Assert.Single(Check(Clock.Clean with { UpdatedAt = null }, new DataQualityReportOptions { StaleAfterDays = 0 }));

        Assert.Equal(DataQualityFindingKind.MissingUpdatedAt, finding.Kind);
        Assert.Equal("the record has no last-updated time, so its age cannot be told.", finding.Reason);
    }

    [Fact]
    public void Check_EmailWithoutConsent_ConsentGap()
    {
        DataQualityFinding finding = Assert.Single(Check(Clock.Clean with { EmailConsent = null }));

        Assert.Equal(
            new DataQualityFinding("Pipedrive", "c1", "ada.lovelace@acme.io", DataQualityFindingKind.ConsentGap, RecordField.EmailConsent, null,
                "the contact has an email address but no email consent is recorded.", "record the consent status with its source and date"),
            finding);
    }

    [Fact]
    public void Check_NoEmailNoConsent_NoGap()
    {
        Assert.Empty(Check(Clock.Clean with { Email = null, EmailConsent = null }));
    }

    [Theory]
    [InlineData(null, true, "email consent is granted with no source, so it cannot be proven.")]
    [InlineData("form", false, "email consent is granted with no date, so it cannot be proven.")]
    [InlineData(" ", false, "email consent is granted with no source or date, so it cannot be proven.")]
    public void Check_GrantedConsentWithoutProvenance_ConsentGap(string? source, bool dated, string reason)
    {
        var contact = Clock.Clean with { EmailConsent = new Consent(ConsentStatus.Granted, source, dated ? Clock.Now : null) };

        DataQualityFinding finding = Assert.Single(Check(contact));

        Assert.Equal(RecordField.EmailConsent, finding.Field);
        Assert.Equal("granted", finding.Value);
        Assert.Equal(reason, finding.Reason);
        Assert.Equal("record where and when consent was given", finding.Suggestion);
    }

    [Fact]
    public void Check_SmsConsentWithoutProvenance_ConsentGap_DeniedNeedsNoProof()
    {
        var sms = Clock.Clean with { SmsConsent = new Consent(ConsentStatus.Granted) };
        var denied = Clock.Clean with { EmailConsent = new Consent(ConsentStatus.Denied) };

        DataQualityFinding finding = Assert.Single(Check(sms));

        Assert.Equal(RecordField.SmsConsent, finding.Field);
        Assert.Equal("SMS consent is granted with no source or date, so it cannot be proven.", finding.Reason);
        Assert.Empty(Check(denied));
    }

    [Theory]
    [InlineData("subscriber")]
    [InlineData("MarketingQualifiedLead")]
    public void Check_MarketingStageWithConsentNotGranted_ConsentGap(string stage)
    {
        var contact = Clock.Clean with { LifecycleStage = LifecycleStage.Create(stage), EmailConsent = new Consent(ConsentStatus.Denied, "unsubscribe-link", Clock.Now) };

        DataQualityFinding finding = Assert.Single(Check(contact));

        Assert.Equal(
            new DataQualityFinding("Pipedrive", "c1", "ada.lovelace@acme.io", DataQualityFindingKind.ConsentGap, RecordField.LifecycleStage, stage,
                $"the lifecycle stage '{stage}' is one marketing is sent to, but email consent is 'denied'.", "record granted consent, or move the contact out of the marketing stages"),
            finding);
    }

    [Fact]
    public void Check_MarketingStageWithNoConsentRecorded_ReportedOnce()
    {
        // With an address, the missing consent is the one finding; without one, the stage is.
        IReadOnlyList<DataQualityFinding> withEmail = Check(Clock.Clean with { LifecycleStage = LifecycleStage.Subscriber, EmailConsent = null });
        IReadOnlyList<DataQualityFinding> withoutEmail = Check(Clock.Clean with { Email = null, LifecycleStage = LifecycleStage.Subscriber, EmailConsent = null });

        Assert.Equal([RecordField.EmailConsent], withEmail.Select(f => f.Field));
        Assert.Equal("the lifecycle stage 'subscriber' is one marketing is sent to, but email consent is not recorded.", Assert.Single(withoutEmail).Reason);
    }

    [Fact]
    public void Check_MarketingStagesConfigured_ReplaceTheBuiltInOnes()
    {
        var denied = new Consent(ConsentStatus.Denied, "form", Clock.Now);
        var options = new DataQualityReportOptions { MarketingStages = ["nurture"] };

        Assert.Empty(Check(Clock.Clean with { LifecycleStage = LifecycleStage.Subscriber, EmailConsent = denied }, options));
        Assert.Single(Check(Clock.Clean with { LifecycleStage = LifecycleStage.Create("Nurture"), EmailConsent = denied }, options));
        Assert.Empty(Check(Clock.Clean with { LifecycleStage = LifecycleStage.Subscriber, EmailConsent = denied }, new DataQualityReportOptions { MarketingStages = [] }));
    }

    [Fact]
    public void Check_SkippedKinds_NotReported()
    {
        var contact = Clock.Clean with { EmailConsent = null, UpdatedAt = null, Email = EmailAddress.Parse("info@acme.io") };

        IReadOnlyList<DataQualityFinding> all = Check(contact);
        IReadOnlyList<DataQualityFinding> some = Check(contact, new DataQualityReportOptions { SkippedKinds = [DataQualityFindingKind.ConsentGap, DataQualityFindingKind.MissingUpdatedAt] });

        Assert.Equal([DataQualityFindingKind.RoleEmail, DataQualityFindingKind.MissingUpdatedAt, DataQualityFindingKind.ConsentGap], all.Select(f => f.Kind));
        Assert.Equal([DataQualityFindingKind.RoleEmail], some.Select(f => f.Kind));
    }
}

namespace Martech.Sdk.Tests.Abstractions;

public class ConsentTests
{
    private static readonly DateTimeOffset At = new(2025, 5, 1, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Granted_WithSourceAndTime_AllowsMarketing()
    {
        var consent = Consent.Granted("webinar-form", At);

        Assert.Equal(ConsentStatus.Granted, consent.Status);
        Assert.Equal("webinar-form", consent.Source);
        Assert.Equal(At, consent.UpdatedAt);
        Assert.True(consent.AllowsMarketing);
    }

    [Fact]
    public void Denied_WithSourceAndTime_DoesNotAllowMarketing()
    {
        var consent = Consent.Denied("unsubscribe-link", At);

        Assert.Equal(ConsentStatus.Denied, consent.Status);
        Assert.Equal("unsubscribe-link", consent.Source);
        Assert.Equal(At, consent.UpdatedAt);
        Assert.False(consent.AllowsMarketing);
    }

    [Fact]
    public void Granted_WithoutTime_StampsNow()
    {
        var before = DateTimeOffset.UtcNow;
        var consent = Consent.Granted();
        var after = DateTimeOffset.UtcNow;

        Assert.Null(consent.Source);
        Assert.NotNull(consent.UpdatedAt);
        Assert.InRange(consent.UpdatedAt.Value, before, after);
    }

    [Fact]
    public void Denied_WithoutTime_StampsNow()
    {
        var before = DateTimeOffset.UtcNow;
        var consent = Consent.Denied();
        var after = DateTimeOffset.UtcNow;

        Assert.NotNull(consent.UpdatedAt);
        Assert.InRange(consent.UpdatedAt.Value, before, after);
    }

    [Theory]
    [InlineData("pending")]
    [InlineData("unknown")]
    [InlineData("denied")]
    [InlineData("soft-opt-in")]
    public void AllowsMarketing_AnyStatusButGranted_IsFalse(string status)
    {
        Assert.False(new Consent(new ConsentStatus(status)).AllowsMarketing);
    }

    [Fact]
    public void AllowsMarketing_GrantedInOtherCase_IsTrue()
    {
        Assert.True(new Consent(new ConsentStatus("GRANTED")).AllowsMarketing);
    }

    [Fact]
    public void ContactGetConsent_ReturnsPerChannel()
    {
        var email = Consent.Granted("form", At);
        var sms = Consent.Denied("stop", At);
        var contact = new Contact { EmailConsent = email, SmsConsent = sms };

        Assert.Same(email, contact.GetConsent(ConsentChannel.Email));
        Assert.Same(sms, contact.GetConsent(ConsentChannel.Sms));
        Assert.Null(new Contact().GetConsent(ConsentChannel.Email));
    }

    [Fact]
    public void ContactGetConsent_UnknownChannel_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Contact().GetConsent((ConsentChannel)42));

        Assert.Equal("channel", ex.ParamName);
    }

    [Theory]
    [InlineData("Ada", "Lovelace", "Ada Lovelace")]
    [InlineData("Ada", null, "Ada")]
    [InlineData("", "Lovelace", "Lovelace")]
    [InlineData(null, null, null)]
    [InlineData("", "", null)]
    public void ContactFullName_CombinesNames(string? first, string? last, string? expected)
    {
        Assert.Equal(expected, new Contact { FirstName = first, LastName = last }.FullName);
    }
}

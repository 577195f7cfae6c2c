using Martech.Sdk.Testing;

namespace Martech.Sdk.Tests.DataQuality.Report;

// The fixed instant the report tests check against, and a contact that has nothing wrong with it at that instant.
internal static class Clock
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static TimeProvider At2026 => new ManualTimeProvider(Now);

    public static Contact Clean => new()
    {
        Id = "c1",
        Email = EmailAddress.Parse("ada.lovelace@acme.io"),
        Phone = PhoneNumber.Parse("+14155552671"),
        FirstName = "Ada",
        LastName = "Lovelace",
        Company = "Acme",
        LifecycleStage = LifecycleStage.Customer,
        EmailConsent = new Consent(ConsentStatus.Granted, "webinar-form", Now.AddDays(-30)),
        UpdatedAt = Now.AddDays(-10),
    };
}

namespace Martech.Sdk;

/// <summary>Decides whether a contact may receive marketing on a channel, with the reason when not.</summary>
internal static class ConsentPolicy
{
    public static WithheldRecipient? Check(Contact? contact, ConsentChannel channel, string recipient, bool withholdUnknown)
    {
        if (contact is null)
        {
            return withholdUnknown
                ? new WithheldRecipient(recipient, $"no contact record holds {Describe(channel)} consent for this recipient", ConsentCodes.UnknownContact)
                : null;
        }

        Consent? consent = contact.GetConsent(channel);
        if (consent is null || consent.Status == ConsentStatus.Unknown)
        {
            return new WithheldRecipient(recipient, $"contact {contact.Id} has no {Describe(channel)} consent on record", ConsentCodes.Missing);
        }

        if (consent.Status == ConsentStatus.Granted)
        {
            return null;
        }

        if (consent.Status == ConsentStatus.Denied)
        {
            return new WithheldRecipient(recipient, $"contact {contact.Id} denied {Describe(channel)} consent", ConsentCodes.Denied);
        }

        if (consent.Status == ConsentStatus.Pending)
        {
            return new WithheldRecipient(recipient, $"contact {contact.Id} has not confirmed {Describe(channel)} opt-in", ConsentCodes.Pending);
        }

        return new WithheldRecipient(recipient, $"contact {contact.Id} has {Describe(channel)} consent status '{consent.Status}', which does not allow marketing", ConsentCodes.Missing);
    }

    private static string Describe(ConsentChannel channel) => channel == ConsentChannel.Email ? "email" : "SMS";
}

namespace Martech.Sdk;

/// <summary>Why a message is sent, which decides whether consent is required.</summary>
public enum SendPurpose
{
    /// <summary>Marketing: newsletters, promotions, nurture. Requires the recipient's consent on the channel when
    /// consent enforcement (<c>UseConsent()</c>) is on. The default, because sending marketing without consent is
    /// the costlier mistake.</summary>
    Marketing,

    /// <summary>Transactional: receipts, password resets, replies the recipient asked for. Never withheld for
    /// consent.</summary>
    Transactional,
}

namespace Martech.Sdk.Testing;

/// <summary>A suppression held by the <see cref="PostmarkEmulator"/>, as Postmark's dump reports it.</summary>
/// <param name="MessageStream">The message stream whose list it is on.</param>
/// <param name="EmailAddress">The address, as first suppressed.</param>
/// <param name="SuppressionReason"><c>HardBounce</c>, <c>SpamComplaint</c> or <c>ManualSuppression</c>.</param>
/// <param name="Origin"><c>Recipient</c>, <c>Customer</c> or <c>Admin</c>.</param>
/// <param name="CreatedAt">When it was suppressed.</param>
public sealed record PostmarkEmulatedSuppression(string MessageStream, string EmailAddress, string SuppressionReason, string Origin, DateTimeOffset CreatedAt);

namespace Martech.Sdk;

/// <summary>One owner the router considered for a lead.</summary>
/// <param name="OwnerId">The owner.</param>
/// <param name="Weight">The owner's weight in the pool (1 in a round-robin pool).</param>
/// <param name="CreditBefore">The owner's rotation credit before this lead.</param>
/// <param name="CreditAfter">The credit after it: available owners gain their weight, the pick loses the total weight
/// of the available owners; skipped owners keep theirs.</param>
/// <param name="OpenLeads">The leads the owner held open.</param>
/// <param name="LeadsToday">The leads the owner got on their current day.</param>
/// <param name="Skipped">Why the owner could not take the lead; <see cref="LeadRoutingSkipReason.None"/> when they
/// could.</param>
/// <param name="Detail">The skip in words (such as <c>off until 2026-03-02 08:00 UTC</c>), or a note; otherwise
/// <see langword="null"/>.</param>
public sealed record LeadRoutingCandidate(
    string OwnerId,
    int Weight,
    long CreditBefore,
    long CreditAfter,
    int OpenLeads,
    int LeadsToday,
    LeadRoutingSkipReason Skipped,
    string? Detail);

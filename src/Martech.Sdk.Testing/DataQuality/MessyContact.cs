namespace Martech.Sdk.Testing;

/// <summary>A generated contact with its ground truth: every record of one person has the same
/// <see cref="PersonId"/>.</summary>
/// <param name="Record">The contact and the instance it lives in.</param>
/// <param name="PersonId">The person the record belongs to: records with the same id are duplicates.</param>
/// <param name="Changes">What was changed from the person's first record (<see cref="MessyContactChanges.None"/> for
/// the first record itself).</param>
public sealed record MessyContact(SourcedContact Record, int PersonId, MessyContactChanges Changes);

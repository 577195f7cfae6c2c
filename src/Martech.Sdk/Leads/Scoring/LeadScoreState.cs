namespace Martech.Sdk;

/// <summary>What the engine last saw of a person's score, kept in the <see cref="ILeadScoreStore"/> so transitions (a
/// new grade, a threshold crossed) are raised once: the fit points of the last scored record (which events re-use until
/// the record is scored again), the total, the grade and the qualification.</summary>
/// <param name="Fit">The fit points of the record last scored.</param>
/// <param name="Total">The total.</param>
/// <param name="Grade">The grade band, such as <c>B2</c>.</param>
/// <param name="Qualification">The qualification.</param>
/// <param name="At">The instant scored.</param>
public sealed record LeadScoreState(double Fit, int Total, string Grade, LeadQualification Qualification, DateTimeOffset At);

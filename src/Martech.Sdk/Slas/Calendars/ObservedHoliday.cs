namespace Martech.Sdk;

/// <summary>A public holiday as a calendar closes for it: the day off and the holiday's name.</summary>
/// <param name="Date">The day off: the observed date when a holiday falling on a weekend moves to a weekday.</param>
/// <param name="Name">The holiday's name, such as <c>Christmas Day</c>.</param>
public sealed record ObservedHoliday(DateOnly Date, string Name);

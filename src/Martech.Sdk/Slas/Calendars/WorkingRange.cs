using System.Globalization;

namespace Martech.Sdk;

/// <summary>A working range of one local date, in minutes from its midnight: <c>[Start, End)</c>, where
/// <see cref="End"/> passes 1440 for a range that runs past midnight into the next date (<c>22:00-06:00+1</c>).</summary>
internal readonly record struct WorkingRange(int Start, int End)
{
    public const int MinutesPerDay = 1440;

    public override string ToString() => End > MinutesPerDay
        ? $"{Format(Start)}-{Format(End - MinutesPerDay)}+1"
        : $"{Format(Start)}-{Format(End)}";

    private static string Format(int minutes) =>
        string.Create(CultureInfo.InvariantCulture, $"{minutes / 60:00}:{minutes % 60:00}");
}

using Microsoft.Extensions.Configuration;

namespace Martech.Sdk;

/// <summary>
/// Vendor SLOs: objectives per provider instance and the settings of their measurement, bound from
/// <c>Martech:Slos</c> and validated when the host starts. Every child section of <c>Martech:Slos</c> that is not one of
/// the settings below (<c>EvaluationInterval</c>, <c>ShortWindow</c>, …, <c>Escalation</c>) is a provider instance's
/// <see cref="VendorSloObjectives"/>: <c>Martech:Slos:SendGrid:Availability = 99.9</c>.
/// </summary>
public sealed class VendorSloOptions
{
    /// <summary>The longest objective or report window.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(90);

    /// <summary>The shortest objective or report window.</summary>
    public static readonly TimeSpan MinWindow = TimeSpan.FromMinutes(1);

    private const int MaxSlots = 4_000;

    private static readonly HashSet<string> Settings = new(StringComparer.OrdinalIgnoreCase)
    {
        nameof(EvaluationInterval), nameof(ShortWindow), nameof(LongWindow), nameof(FineBucket), nameof(CoarseBucket),
        nameof(DefaultWindow), nameof(MinimumRequests), nameof(CountThrottlingAsFailure), nameof(MaxOperationsPerInstance),
        nameof(Escalation), nameof(Providers),
    };

    /// <summary>The objectives, by provider instance name (names ignore case). Each name must be a registered
    /// instance.</summary>
    public IDictionary<string, VendorSloObjectives> Providers { get; } = new Dictionary<string, VendorSloObjectives>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How often the hosted evaluator checks the objectives and raises breach and recovery events; between 1
    /// second and 1 day.</summary>
    /// <value>The default value is 1 minute.</value>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The short burn-rate window: how fast the error budget burns right now.</summary>
    /// <value>The default value is 1 hour.</value>
    public TimeSpan ShortWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The long burn-rate window, longer than <see cref="ShortWindow"/> and at most 7 days: whether the burn is
    /// sustained.</summary>
    /// <value>The default value is 6 hours.</value>
    public TimeSpan LongWindow { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The width of the fine time buckets, which cover <see cref="LongWindow"/> (at most 4,000 of them) and
    /// answer every window up to it; between 1 second and 1 hour, at most <see cref="ShortWindow"/>.</summary>
    /// <value>The default value is 1 minute.</value>
    public TimeSpan FineBucket { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The width of the coarse time buckets, which cover the longest window (at most 4,000 of them) and answer
    /// windows longer than <see cref="LongWindow"/>; between <see cref="FineBucket"/> and 1 day.</summary>
    /// <value>The default value is 1 hour.</value>
    public TimeSpan CoarseBucket { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The window of instances without a <see cref="VendorSloObjectives.Window"/> (and of those without
    /// objectives, which are reported too), and of the capability ranking.</summary>
    /// <value>The default value is 30 days.</value>
    public TimeSpan DefaultWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The fewest eligible requests in its window for an objective to be judged; with fewer it is
    /// <see cref="VendorSloStatus.NoData"/> (neither met nor missed), so a quiet hour's one failure does not page.</summary>
    /// <value>The default value is 20.</value>
    public int MinimumRequests { get; set; } = 20;

    /// <summary>Whether throttled requests (a final 429, or the rate budget refusing to wait) count as failures of
    /// the vendor in availability. Off, they are excluded and reported apart.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool CountThrottlingAsFailure { get; set; }

    /// <summary>How many distinct operations are kept apart per instance; further ones are counted together as
    /// <c>(other)</c>, which bounds memory; between 1 and 1,000.</summary>
    /// <value>The default value is 64.</value>
    public int MaxOperationsPerInstance { get; set; } = 64;

    /// <summary>Where breach and recovery cards go (<c>Martech:Slos:Escalation</c>).</summary>
    public VendorSloEscalationOptions Escalation { get; set; } = new();

    /// <summary>Describes what is wrong, each problem named by its configuration path. Whether the instance names are
    /// registered is checked at host start as well.</summary>
    /// <param name="configurationPath">The section, such as <c>Martech:Slos</c>.</param>
    /// <returns>One message per problem.</returns>
    public IEnumerable<string> Validate(string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        string p = configurationPath;
        if (EvaluationInterval < TimeSpan.FromSeconds(1) || EvaluationInterval > TimeSpan.FromDays(1))
        {
            yield return $"{p}:{nameof(EvaluationInterval)} must be between 1 second and 1 day (was {EvaluationInterval}).";
        }

        if (FineBucket < TimeSpan.FromSeconds(1) || FineBucket > TimeSpan.FromHours(1))
        {
            yield return $"{p}:{nameof(FineBucket)} must be between 1 second and 1 hour (was {FineBucket}).";
        }
        else if (ShortWindow < FineBucket || LongWindow <= ShortWindow || LongWindow > TimeSpan.FromDays(7))
        {
            yield return $"{p}:{nameof(ShortWindow)} must be at least {p}:{nameof(FineBucket)} and shorter than {p}:{nameof(LongWindow)}, which is at most 7 days (were {ShortWindow}, {FineBucket} and {LongWindow}).";
        }
        else if (VendorSloLayout.Slots(LongWindow, FineBucket) > MaxSlots)
        {
            yield return $"{p}:{nameof(LongWindow)} ({LongWindow}) needs {VendorSloLayout.Slots(LongWindow, FineBucket)} buckets of {p}:{nameof(FineBucket)} ({FineBucket}); at most {MaxSlots}: widen the bucket or shorten the window.";
        }

        if (CoarseBucket < FineBucket || CoarseBucket > TimeSpan.FromDays(1))
        {
            yield return $"{p}:{nameof(CoarseBucket)} must be between {p}:{nameof(FineBucket)} ({FineBucket}) and 1 day (was {CoarseBucket}).";
        }
        else if (CoarseBucket > TimeSpan.Zero && VendorSloLayout.Slots(LongestWindow(), CoarseBucket) > MaxSlots)
        {
            yield return $"The longest window ({LongestWindow()}) needs {VendorSloLayout.Slots(LongestWindow(), CoarseBucket)} buckets of {p}:{nameof(CoarseBucket)} ({CoarseBucket}); at most {MaxSlots}: widen the bucket or shorten the window.";
        }

        if (WindowProblem(DefaultWindow) is { } defaultProblem)
        {
            yield return $"{p}:{nameof(DefaultWindow)} {defaultProblem}";
        }

        if (MinimumRequests < 1)
        {
            yield return $"{p}:{nameof(MinimumRequests)} must be at least 1 (was {MinimumRequests}).";
        }

        if (MaxOperationsPerInstance is < 1 or > 1_000)
        {
            yield return $"{p}:{nameof(MaxOperationsPerInstance)} must be between 1 and 1,000 (was {MaxOperationsPerInstance}).";
        }

        foreach ((string instance, VendorSloObjectives? objectives) in Providers)
        {
            if (string.IsNullOrWhiteSpace(instance) || objectives is null)
            {
                yield return $"{p} has an entry without a provider instance name or objectives.";
                continue;
            }

            foreach (string problem in Validate($"{p}:{instance}", objectives, nested: false))
            {
                yield return problem;
            }
        }

        if (Escalation is { Provider: not null } escalation)
        {
            string? destinationProblem = null;
            try
            {
                escalation.ParseDestination();
            }
            catch (ArgumentException ex)
            {
                destinationProblem = ex.Message;
            }

            if (destinationProblem is not null)
            {
                yield return $"{p}:{nameof(Escalation)}:{nameof(VendorSloEscalationOptions.Destination)} is invalid: {destinationProblem}";
            }
        }
        else if (!string.IsNullOrWhiteSpace(Escalation?.Destination))
        {
            yield return $"{p}:{nameof(Escalation)}:{nameof(VendorSloEscalationOptions.Destination)} is set but {p}:{nameof(Escalation)}:{nameof(VendorSloEscalationOptions.Provider)} is not: name the messaging provider instance to post to, such as Slack.";
        }
    }

    /// <summary>Names the type only.</summary>
    /// <returns>The type name.</returns>
    public override string ToString() => nameof(VendorSloOptions);

    /// <summary>The longest window any objective, the default or the long burn-rate window needs.</summary>
    internal TimeSpan LongestWindow()
    {
        TimeSpan longest = DefaultWindow > LongWindow ? DefaultWindow : LongWindow;
        foreach (VendorSloObjectives? objectives in Providers.Values)
        {
            if (objectives is null)
            {
                continue;
            }

            if (objectives.Window > longest)
            {
                longest = objectives.Window.Value;
            }

            foreach (VendorSloObjectives? operation in objectives.Operations.Values)
            {
                if (operation?.Window > longest)
                {
                    longest = operation.Window.Value;
                }
            }
        }

        return longest > MaxWindow ? MaxWindow : longest;
    }

    /// <summary>Binds the settings, then every other child section as an instance's objectives.</summary>
    internal static void Bind(IConfigurationSection section, VendorSloOptions options)
    {
        section.Bind(options);
        foreach (IConfigurationSection child in section.GetChildren())
        {
            if (Settings.Contains(child.Key))
            {
                continue;
            }

            if (!options.Providers.TryGetValue(child.Key, out VendorSloObjectives? objectives) || objectives is null)
            {
                options.Providers[child.Key] = objectives = new VendorSloObjectives();
            }

            child.Bind(objectives);
        }
    }

    private static string? WindowProblem(TimeSpan window) =>
        window < MinWindow || window > MaxWindow ? $"must be between 1 minute and 90 days (was {window})." : null;

    private static IEnumerable<string> Validate(string path, VendorSloObjectives objectives, bool nested)
    {
        if (objectives.Availability is { } availability && (double.IsNaN(availability) || availability <= 0 || availability >= 100))
        {
            yield return $"{path}:{nameof(VendorSloObjectives.Availability)} must be a percentage greater than 0 and less than 100, such as 99.9 (was {availability.ToString(System.Globalization.CultureInfo.InvariantCulture)}): 100 leaves no error budget.";
        }

        foreach ((double percentile, TimeSpan threshold) in objectives.LatencyObjectives())
        {
            if (threshold <= TimeSpan.Zero || threshold > TimeSpan.FromDays(1))
            {
                yield return $"{path}:LatencyP{percentile.ToString(System.Globalization.CultureInfo.InvariantCulture)} must be between 0 and 1 day, such as 00:00:01.5 (was {threshold}).";
            }
        }

        if (objectives.Window is { } window && WindowProblem(window) is { } problem)
        {
            yield return $"{path}:{nameof(VendorSloObjectives.Window)} {problem}";
        }

        if (nested && objectives.Operations.Count > 0)
        {
            yield return $"{path}:{nameof(VendorSloObjectives.Operations)} is only allowed on an instance, not on an operation.";
        }

        foreach ((string operation, VendorSloObjectives? operationObjectives) in objectives.Operations)
        {
            if (string.IsNullOrWhiteSpace(operation) || operationObjectives is null)
            {
                yield return $"{path}:{nameof(VendorSloObjectives.Operations)} has an entry without an operation name or objectives.";
                continue;
            }

            if (nested)
            {
                continue;
            }

            foreach (string inner in Validate($"{path}:{nameof(VendorSloObjectives.Operations)}:{operation}", operationObjectives, nested: true))
            {
                yield return inner;
            }
        }
    }
}

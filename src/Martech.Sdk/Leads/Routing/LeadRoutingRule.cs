namespace Martech.Sdk;

/// <summary>An assignment rule (<c>Martech:Leads:Routing:Rules:&lt;n&gt;</c>): when every condition holds, the lead
/// goes to <see cref="Owner"/> if that owner is available, otherwise to <see cref="Pool"/> (or the default pool).</summary>
public sealed class LeadRoutingRule
{
    /// <summary>The rule's name, shown in decisions; <see langword="null"/> for <c>Rules:&lt;n&gt;</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Conditions on the lead's fields, all of which must hold; none matches every lead (a catch-all).</summary>
    public IReadOnlyList<LeadRoutingCondition> Conditions { get; set; } = [];

    /// <summary>The pool the lead rotates in.</summary>
    public string? Pool { get; set; }

    /// <summary>The owner the lead goes to, such as the account owner of a named account; when unavailable, the lead
    /// goes to <see cref="Pool"/>, or the default pool without one.</summary>
    public string? Owner { get; set; }

    /// <summary>Describes what is wrong, each problem named by its configuration path.</summary>
    /// <param name="configurationPath">The rule's section.</param>
    /// <returns>One message per problem.</returns>
    public IEnumerable<string> Validate(string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        if (Name is not null && string.IsNullOrWhiteSpace(Name))
        {
            yield return $"{configurationPath}:{nameof(Name)} is blank: name the rule or remove the setting.";
        }

        if (string.IsNullOrWhiteSpace(Pool) && string.IsNullOrWhiteSpace(Owner))
        {
            yield return $"{configurationPath} names neither a {nameof(Pool)} nor an {nameof(Owner)}: set where the leads it matches go.";
        }

        for (int i = 0; i < (Conditions?.Count ?? 0); i++)
        {
            string at = $"{configurationPath}:{nameof(Conditions)}:{i}";
            if (Conditions![i] is not { } condition)
            {
                yield return $"{at} is empty: set its Field and Operator.";
                continue;
            }

            foreach (string problem in condition.Validate(at))
            {
                yield return problem;
            }
        }
    }

    /// <summary>Names the rule.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{nameof(LeadRoutingRule)} {Name}";
}

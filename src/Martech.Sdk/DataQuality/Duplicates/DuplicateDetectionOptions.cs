namespace Martech.Sdk;

/// <summary>Settings of <see cref="DuplicateDetector"/>, bound from <c>Martech:DataQuality:Duplicates</c> by
/// <c>AddDuplicateDetection()</c> and validated when the host starts (or by the detector's constructor).</summary>
/// <remarks>
/// A pair's score is the weighted mean of its field similarities over the fields both records have: email and phone
/// 1 or 0 (equal or not), first and last name Jaro-Winkler, company a soft token Jaccard. The pair is a match when the
/// score is at least <see cref="Threshold"/> and the weights of the fields compared add up to at least
/// <see cref="MinimumComparedWeight"/>.
/// </remarks>
public sealed class DuplicateDetectionOptions
{
    /// <summary>The blocking rules, in order: a pair is compared once, by the first rule whose key both records share.
    /// Empty means the defaults: <see cref="DuplicateBlockingRule.Email"/>, <see cref="DuplicateBlockingRule.Phone"/>,
    /// <see cref="DuplicateBlockingRule.NameAndCompany"/>, <see cref="DuplicateBlockingRule.EmailDomainAndLastName"/>.</summary>
    public IReadOnlyList<DuplicateBlockingRule> BlockingRules { get; set; } = [];

    /// <summary>The most records one block may hold; a larger block is handled by <see cref="OversizedBlocks"/>.</summary>
    /// <value>The default value is 1,000 (499,500 pairs).</value>
    public int MaxBlockSize { get; set; } = 1_000;

    /// <summary>The most candidate pairs a run may compare, estimated before any comparison as the sum over every
    /// rule's blocks of n·(n−1)/2; a larger estimate refuses the run.</summary>
    /// <value>The default value is 50,000,000.</value>
    public long MaxCandidatePairs { get; set; } = 50_000_000;

    /// <summary>What to do with a block larger than <see cref="MaxBlockSize"/>.</summary>
    /// <value>The default value is <see cref="DuplicateOversizedBlockPolicy.Refuse"/>.</value>
    public DuplicateOversizedBlockPolicy OversizedBlocks { get; set; } = DuplicateOversizedBlockPolicy.Refuse;

    /// <summary>The lowest score, from 0 to 1, that makes a pair a match.</summary>
    /// <value>The default value is 0.85.</value>
    public double Threshold { get; set; } = 0.85;

    /// <summary>The least total weight of the fields both records have for a pair to match at all, so two records that
    /// share only a name never match.</summary>
    /// <value>The default value is 4 (email alone, or first name, last name and company together).</value>
    public double MinimumComparedWeight { get; set; } = 4;

    /// <summary>The weight of the email address.</summary>
    /// <value>The default value is 4.</value>
    public double EmailWeight { get; set; } = 4;

    /// <summary>The weight of the phone number.</summary>
    /// <value>The default value is 3.</value>
    public double PhoneWeight { get; set; } = 3;

    /// <summary>The weight of the first name.</summary>
    /// <value>The default value is 1.</value>
    public double FirstNameWeight { get; set; } = 1;

    /// <summary>The weight of the last name.</summary>
    /// <value>The default value is 2.</value>
    public double LastNameWeight { get; set; } = 2;

    /// <summary>The weight of the company.</summary>
    /// <value>The default value is 1.5.</value>
    public double CompanyWeight { get; set; } = 1.5;

    /// <summary>Remove a <c>+tag</c> from the local part of every address (<c>ada+news@acme.com</c> =
    /// <c>ada@acme.com</c>).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool StripPlusTags { get; set; } = true;

    /// <summary>Remove dots from the local part of Gmail addresses (gmail.com and googlemail.com, which are one
    /// domain): Gmail ignores them. Other domains keep their dots.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool FoldGmailDots { get; set; } = true;

    /// <summary>Free-mail domains beyond the built-in list (gmail.com, outlook.com, yahoo.com and about fifty more): an
    /// address there gets no <see cref="DuplicateBlockingRule.EmailDomainAndLastName"/> key.</summary>
    public IReadOnlyList<string> FreeMailDomains { get; set; } = [];

    /// <summary>The rules in effect: <see cref="BlockingRules"/>, or the defaults when it is empty.</summary>
    internal IReadOnlyList<DuplicateBlockingRule> EffectiveRules => BlockingRules is { Count: > 0 } rules
        ? [.. rules]
        : [DuplicateBlockingRule.Email, DuplicateBlockingRule.Phone, DuplicateBlockingRule.NameAndCompany, DuplicateBlockingRule.EmailDomainAndLastName];

    /// <summary>Describes what is wrong, each problem named by its configuration path.</summary>
    /// <param name="configurationPath">The section, such as <c>Martech:DataQuality:Duplicates</c>.</param>
    /// <returns>One message per problem.</returns>
    public IEnumerable<string> Validate(string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        string p = configurationPath;
        if (BlockingRules is not null)
        {
            for (int i = 0; i < BlockingRules.Count; i++)
            {
                if (!Enum.IsDefined(BlockingRules[i]))
                {
                    yield return $"{p}:{nameof(BlockingRules)}:{i} is not a blocking rule ({(int)BlockingRules[i]}); use Email, Phone, EmailDomainAndLastName, NameAndCompany or NameGramsAndCompany.";
                }
                else if (BlockingRules.Take(i).Contains(BlockingRules[i]))
                {
                    yield return $"{p}:{nameof(BlockingRules)}:{i} repeats {BlockingRules[i]}; list each rule once.";
                }
            }
        }

        if (MaxBlockSize < 2)
        {
            yield return $"{p}:{nameof(MaxBlockSize)} must be at least 2, since a smaller block holds no pair (was {MaxBlockSize}); the default is 1000.";
        }

        if (MaxCandidatePairs < 1)
        {
            yield return $"{p}:{nameof(MaxCandidatePairs)} must be at least 1 (was {MaxCandidatePairs}); the default is 50000000.";
        }

        if (!Enum.IsDefined(OversizedBlocks))
        {
            yield return $"{p}:{nameof(OversizedBlocks)} must be Refuse or Skip (was {(int)OversizedBlocks}).";
        }

        if (!(Threshold > 0 && Threshold <= 1))
        {
            yield return $"{p}:{nameof(Threshold)} must be above 0 and at most 1 (was {Threshold}); the default is 0.85.";
        }

        if (!(MinimumComparedWeight >= 0) || double.IsInfinity(MinimumComparedWeight))
        {
            yield return $"{p}:{nameof(MinimumComparedWeight)} must be 0 or more (was {MinimumComparedWeight}); the default is 4.";
        }

        foreach ((string name, double weight) in new[]
        {
            (nameof(EmailWeight), EmailWeight), (nameof(PhoneWeight), PhoneWeight), (nameof(FirstNameWeight), FirstNameWeight),
            (nameof(LastNameWeight), LastNameWeight), (nameof(CompanyWeight), CompanyWeight),
        })
        {
            if (!(weight >= 0) || double.IsInfinity(weight))
            {
                yield return $"{p}:{name} must be a number of 0 or more (was {weight}); 0 leaves the field out of the score.";
            }
        }

        if (EmailWeight + PhoneWeight + FirstNameWeight + LastNameWeight + CompanyWeight <= 0)
        {
            yield return $"{p}: every field weight is 0, so no pair can score; give EmailWeight, PhoneWeight, FirstNameWeight, LastNameWeight or CompanyWeight a weight above 0.";
        }

        if (FreeMailDomains is not null)
        {
            for (int i = 0; i < FreeMailDomains.Count; i++)
            {
                string? domain = FreeMailDomains[i];
                if (string.IsNullOrWhiteSpace(domain) || !EmailAddress.TryParse("x@" + domain.Trim(), out _))
                {
                    yield return $"{p}:{nameof(FreeMailDomains)}:{i} ('{domain}') is not a domain; write it as mail.example.";
                }
            }
        }
    }

    /// <summary>Names the type only.</summary>
    /// <returns>The type name.</returns>
    public override string ToString() => nameof(DuplicateDetectionOptions);
}

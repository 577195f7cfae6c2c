using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.Tests.DataQuality.Duplicates;

/// <summary>Blocking, scoring, clusters and refusals of <see cref="DuplicateDetector"/> on small hand-made sets.</summary>
public sealed class DuplicateDetectorTests
{
    private static SourcedContact C(string instance, string id, string? email = null, string? phone = null, string? first = null, string? last = null, string? company = null) =>
        new(instance, new Contact
        {
            Id = id,
            Email = email is null ? null : EmailAddress.Parse(email),
            Phone = phone is null ? null : PhoneNumber.Parse(phone),
            FirstName = first,
            LastName = last,
            Company = company,
        });

    private static async IAsyncEnumerable<SourcedContact> Stream(params SourcedContact[] records)
    {
        foreach (SourcedContact record in records)
        {
            await Task.Yield();
            yield return record;
        }
    }

    [Fact]
    public async Task EmailVariants_WithinOneInstance_FormOneCluster_WithTheEvidence()
    {
        SourcedContact[] records =
        [
            C("HubSpot", "1", "Ada.Lovelace@Acme.example", first: "Ada", last: "Lovelace", company: "Acme Ltd"),
            C("HubSpot", "2", "grace@navy.example", first: "Grace", last: "Hopper"),
            C("HubSpot", "3", " ada.lovelace+webinar@acme.example ", first: "ADA", last: "Lovelace", company: "ACME"),
        ];

        DuplicateDetectionResult result = await new DuplicateDetector().FindAsync(Stream(records));

        DuplicateCluster cluster = Assert.Single(result.Clusters);
        Assert.Equal(["1", "3"], cluster.Records.Select(r => r.Contact.Id));
        Assert.Same(records[0], cluster.Records[0]);
        Assert.False(cluster.IsCrossInstance);
        DuplicateMatch match = Assert.Single(cluster.Matches);
        Assert.Equal((0, 1), (match.First, match.Second));
        Assert.Equal(DuplicateBlockingRule.Email, match.Rule);
        Assert.Equal(1.0, match.Score, 6); // email, first, last and company all equal once normalised
        Assert.Equal([RecordField.Email, RecordField.FirstName, RecordField.LastName, RecordField.Company], match.AgreedFields);
        Assert.Equal(1, result.ComparedPairs);
        Assert.Equal(1, result.MatchedPairs);
        Assert.Equal(2, result.DuplicateRecords);
    }

    [Fact]
    public async Task SamePhone_AcrossInstances_Matches_WithoutAnEmail_AndSaysWhichFieldsAgreed()
    {
        DuplicateDetectionResult result = await new DuplicateDetector().FindAsync(
        [
            Stream(C("HubSpot", "h1", phone: "+1 415 555 0100", first: "William", last: "Smith")),
            Stream(C("Pipedrive", "p9", phone: "+1 (415) 555-0100", first: "Bill", last: "Smyth")),
        ]);

        DuplicateCluster cluster = Assert.Single(result.Clusters);
        Assert.True(cluster.IsCrossInstance);
        Assert.Equal(["HubSpot", "Pipedrive"], cluster.Records.Select(r => r.Instance));
        DuplicateMatch match = Assert.Single(cluster.Matches);
        Assert.Equal(DuplicateBlockingRule.Phone, match.Rule);
        // Phone 1 × 3, first name (Bill = William) 1 × 1, last name smith ~ smyth JW 0.893 × 2: 5.787 / 6 = 0.9644.
        Assert.Equal(0.9644, match.Score, 4);
        Assert.Equal([RecordField.Phone, RecordField.FirstName], match.AgreedFields);
        DuplicateFieldComparison last = match.Fields.Single(f => f.Field == RecordField.LastName);
        Assert.Equal(0.8933, last.Similarity, 4);
        Assert.False(last.Agreed);
    }

    [Fact]
    public async Task Clusters_AreTransitive()
    {
        DuplicateDetectionResult result = await new DuplicateDetector().FindAsync(Stream(
            C("HubSpot", "a", "ada@acme.example", first: "Ada", last: "Lovelace"),
            C("Pipedrive", "b", "ada@acme.example", "+44 20 7946 0958", "Ada", "Lovelace"),
            C("Salesforce", "c", phone: "+442079460958", first: "Ada", last: "Lovelace")));

        DuplicateCluster cluster = Assert.Single(result.Clusters);
        Assert.Equal(["a", "b", "c"], cluster.Records.Select(r => r.Contact.Id));
        Assert.Equal([(0, 1, DuplicateBlockingRule.Email), (1, 2, DuplicateBlockingRule.Phone)], cluster.Matches.Select(m => (m.First, m.Second, m.Rule)));
    }

    [Fact]
    public async Task NicknameAndCompanySuffix_WithoutEmailOrPhone_MatchByNameAndCompany()
    {
        DuplicateDetectionResult result = await new DuplicateDetector().FindAsync(Stream(
            C("HubSpot", "1", first: "Robert", last: "Müller", company: "Blue Harbor GmbH"),
            C("Pipedrive", "2", first: "Bob", last: "Muller", company: "Blue Harbor"),
            C("Pipedrive", "3", first: "Robert", last: "Miller", company: "Northwind"),
            C("Pipedrive", "4", first: "Robert", last: "Müller")));

        DuplicateCluster cluster = Assert.Single(result.Clusters);
        Assert.Equal(["1", "2"], cluster.Records.Select(r => r.Contact.Id));
        Assert.Equal(DuplicateBlockingRule.NameAndCompany, Assert.Single(cluster.Matches).Rule);
        // Record 4 shares the name but has no company: names alone weigh 3 < MinimumComparedWeight 4, and it has no
        // NameAndCompany key, so it is not even compared.
    }

    [Fact]
    public async Task SharedInbox_WithDifferentPeople_DoesNotMatch()
    {
        DuplicateDetectionResult result = await new DuplicateDetector().FindAsync(Stream(
            C("HubSpot", "1", "info@acme.example", first: "Ada", last: "Lovelace", company: "Acme"),
            C("HubSpot", "2", "info@acme.example", first: "Grace", last: "Hopper", company: "Acme")));

        // Email 4 + first (ada/grace JW 0.511) × 1 + last (lovelace/hopper JW 0.528) × 2 + company 1.5 = 7.07 / 8.5 = 0.831 < 0.85.
        Assert.Empty(result.Clusters);
        Assert.Equal(1, result.ComparedPairs);
    }

    [Fact]
    public async Task APairSharingSeveralKeys_IsComparedOnce()
    {
        DuplicateDetectionResult result = await new DuplicateDetector().FindAsync(Stream(
            C("HubSpot", "1", "ada@acme.example", "+14155550100", "Ada", "Lovelace", "Acme"),
            C("HubSpot", "2", "ada@acme.example", "+14155550100", "Ada", "Lovelace", "Acme")));

        Assert.Equal(1, result.ComparedPairs);
        Assert.Equal(DuplicateBlockingRule.Email, Assert.Single(Assert.Single(result.Clusters).Matches).Rule);
        Assert.Equal(4, result.Estimate.TotalPairs); // one pair in each of the four default rules' blocks
    }

    [Fact]
    public async Task Estimate_CountsBlocksAndPairsPerRule()
    {
        var detector = new DuplicateDetector(new DuplicateDetectionOptions
        {
            BlockingRules = [DuplicateBlockingRule.Email, DuplicateBlockingRule.Phone, DuplicateBlockingRule.EmailDomainAndLastName],
        });

        DuplicateBlockingEstimate estimate = await detector.EstimateAsync(Stream(
            C("A", "1", "x1@acme.example", "+14155550100", last: "Smith"),
            C("A", "2", "x1@acme.example", "+14155550100", last: "Smyth"),
            C("A", "3", "x1@acme.example", last: "Smithe"),
            C("A", "4", "x2@acme.example", "+14155550101", last: "Jones"),
            C("A", "5", "x3@gmail.com", "+14155550101", last: "Smith"),
            C("A", "6", "x4@gmail.com", last: "Smith")));

        // Email: {1,2,3} = 3 pairs; Phone: {1,2}, {4,5} = 2 pairs; domain: acme.example+S530 {1,2,3} = 3 pairs, Jones
        // alone, gmail.com gets no key (free mail).
        Assert.Equal(6, estimate.Records);
        Assert.Equal(
            [
                new DuplicateRuleEstimate(DuplicateBlockingRule.Email, 6, 1, 3, 3),
                new DuplicateRuleEstimate(DuplicateBlockingRule.Phone, 4, 2, 2, 2),
                new DuplicateRuleEstimate(DuplicateBlockingRule.EmailDomainAndLastName, 4, 1, 3, 3),
            ],
            estimate.Rules);
        Assert.Equal(8, estimate.TotalPairs);
        Assert.Empty(estimate.OversizedBlocks);
        Assert.InRange(estimate.BytesPerRecord, 40, 64 * 1024 * 2);
    }

    [Fact]
    public async Task OversizedBlock_IsRefused_BeforeComparing_NamingTheKeySizeAndFix()
    {
        var detector = new DuplicateDetector(new DuplicateDetectionOptions { MaxBlockSize = 3 });
        SourcedContact[] records = [.. Enumerable.Range(1, 5).Select(i => C("HubSpot", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "Info@Acme.example", first: "P" + i))];

        DuplicateBlockingException error = await Assert.ThrowsAsync<DuplicateBlockingException>(() => detector.FindAsync(Stream(records)));

        Assert.StartsWith(
            "Duplicate detection refused to run before comparing any pair: the Email block 'email=info@acme.example' holds 5 records (10 pairs), above DuplicateDetectionOptions:MaxBlockSize (3). " +
            "Many records share one address (a shared inbox or a placeholder): clean them up, or set DuplicateDetectionOptions:OversizedBlocks to Skip",
            error.Message);
        DuplicateBlock block = Assert.Single(error.Estimate!.OversizedBlocks);
        Assert.Equal(new DuplicateBlock(DuplicateBlockingRule.Email, "email=info@acme.example", 5), block);
    }

    [Fact]
    public async Task OversizedBlock_WithSkip_IsReported_AndOtherRulesStillCompareItsPairs()
    {
        var detector = new DuplicateDetector(new DuplicateDetectionOptions { MaxBlockSize = 3, OversizedBlocks = DuplicateOversizedBlockPolicy.Skip });
        DuplicateDetectionResult result = await detector.FindAsync(Stream(
            C("HubSpot", "1", "info@acme.example", "+14155550100", "Ada", "Lovelace"),
            C("HubSpot", "2", "info@acme.example", "+14155550100", "Ada", "Lovelace"),
            C("HubSpot", "3", "info@acme.example", first: "Grace", last: "Hopper"),
            C("HubSpot", "4", "info@acme.example", first: "Alan", last: "Turing")));

        Assert.Equal([new DuplicateBlock(DuplicateBlockingRule.Email, "email=info@acme.example", 4)], result.SkippedBlocks);
        DuplicateCluster cluster = Assert.Single(result.Clusters);
        Assert.Equal(["1", "2"], cluster.Records.Select(r => r.Contact.Id));
        Assert.Equal(DuplicateBlockingRule.Phone, Assert.Single(cluster.Matches).Rule);
        Assert.Equal(1, result.ComparedPairs);
    }

    [Fact]
    public async Task TooManyCandidatePairs_AreRefused_WithThePairsPerRule()
    {
        var detector = new DuplicateDetector(new DuplicateDetectionOptions { MaxCandidatePairs = 2, BlockingRules = [DuplicateBlockingRule.Phone] });

        DuplicateBlockingException error = await Assert.ThrowsAsync<DuplicateBlockingException>(() => detector.FindAsync(Stream(
            C("A", "1", phone: "+14155550100"), C("A", "2", phone: "+14155550100"), C("A", "3", phone: "+14155550100"))));

        Assert.Equal(
            "Duplicate detection refused to run before comparing any pair: the blocking rules give 3 candidate pairs, above DuplicateDetectionOptions:MaxCandidatePairs (2); " +
            "per rule: Phone 3 pairs in 1 blocks (largest 3). Leave the rule with the most pairs out of DuplicateDetectionOptions:BlockingRules, lower DuplicateDetectionOptions:MaxBlockSize with OversizedBlocks Skip, or raise DuplicateDetectionOptions:MaxCandidatePairs.",
            error.Message);
    }

    [Fact]
    public async Task NameGrams_CatchATypoThatChangesTheSoundexCode()
    {
        // "Pfister" (P236) and "Fister" (F236) differ in Soundex; their 3-grams "ist"/"ste"/"ter" overlap.
        SourcedContact[] records =
        [
            C("A", "1", first: "Ada", last: "Pfister", company: "Acme"),
            C("B", "2", first: "Ada", last: "Fister", company: "Acme Inc"),
        ];
        DuplicateDetectionResult soundex = await new DuplicateDetector().FindAsync(Stream(records));
        DuplicateDetectionResult grams = await new DuplicateDetector(new DuplicateDetectionOptions
        {
            BlockingRules = [DuplicateBlockingRule.NameAndCompany, DuplicateBlockingRule.NameGramsAndCompany],
        }).FindAsync(Stream(records));

        Assert.Empty(soundex.Clusters);
        Assert.Equal(0, soundex.ComparedPairs);
        Assert.Equal(DuplicateBlockingRule.NameGramsAndCompany, Assert.Single(Assert.Single(grams.Clusters).Matches).Rule);
        Assert.Equal(1, grams.ComparedPairs); // both grams shared at most once
    }

    [Fact]
    public async Task SourceThatChangesBetweenReads_IsReported()
    {
        int reads = 0;
        async IAsyncEnumerable<SourcedContact> Changing()
        {
            reads++;
            await Task.Yield();
            yield return C("A", reads == 1 ? "1" : "9", "ada@acme.example");
            yield return C("A", "2", "ada@acme.example");
        }

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(() => new DuplicateDetector().FindAsync(Changing()));

        Assert.StartsWith("The source listed a different record at position 0 on its second read (A 9).", error.Message);
    }

    [Fact]
    public void InvalidOptions_AreRefusedByTheConstructor_NamingEachProblem()
    {
        var error = Assert.Throws<ArgumentException>(() => new DuplicateDetector(new DuplicateDetectionOptions
        {
            MaxBlockSize = 1,
            Threshold = 0,
            PhoneWeight = -1,
            BlockingRules = [DuplicateBlockingRule.Email, DuplicateBlockingRule.Email],
            FreeMailDomains = ["not a domain"],
        }));

        Assert.Equal(
            "DuplicateDetectionOptions:BlockingRules:1 repeats Email; list each rule once. " +
            "DuplicateDetectionOptions:MaxBlockSize must be at least 2, since a smaller block holds no pair (was 1); the default is 1000. " +
            "DuplicateDetectionOptions:Threshold must be above 0 and at most 1 (was 0); the default is 0.85. " +
            "DuplicateDetectionOptions:PhoneWeight must be a number of 0 or more (was -1); 0 leaves the field out of the score. " +
            "DuplicateDetectionOptions:FreeMailDomains:0 ('not a domain') is not a domain; write it as mail.example. (Parameter 'options')",
            error.Message);
    }

    [Fact]
    public void Configuration_IsBound_AndCheckedAtStart_WithTheConfigurationPath()
    {
        using ServiceProvider bad = Build("""{ "Martech": { "DataQuality": { "Duplicates": { "MaxBlockSize": 0, "MaxCandidatePairs": 0 } } } }""");

        var error = Assert.Throws<OptionsValidationException>(() => bad.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(
            [
                "Martech:DataQuality:Duplicates:MaxBlockSize must be at least 2, since a smaller block holds no pair (was 0); the default is 1000.",
                "Martech:DataQuality:Duplicates:MaxCandidatePairs must be at least 1 (was 0); the default is 50000000.",
            ],
            error.Failures);
    }

    [Fact]
    public async Task ConfiguredRules_AreUsed()
    {
        using ServiceProvider provider = Build("""
            { "Martech": { "DataQuality": { "Duplicates": {
                "BlockingRules": [ "Phone" ], "OversizedBlocks": "Skip", "FreeMailDomains": [ "mail.example" ] } } } }
            """);
        provider.GetRequiredService<IStartupValidator>().Validate();
        DuplicateDetector detector = provider.GetRequiredService<DuplicateDetector>();

        DuplicateBlockingEstimate estimate = await detector.EstimateAsync(Stream(C("A", "1", "ada@acme.example", "+14155550100")));

        Assert.Equal([DuplicateBlockingRule.Phone], estimate.Rules.Select(r => r.Rule));
        Assert.Equal(DuplicateOversizedBlockPolicy.Skip, provider.GetRequiredService<IOptions<DuplicateDetectionOptions>>().Value.OversizedBlocks);
    }

    [Fact]
    public async Task InMemoryInstances_AreReadThroughSourcedContact()
    {
        var services = new ServiceCollection();
        MartechBuilder martech = services.AddMartech();
        martech.AddInMemory("HubSpot");
        martech.AddInMemory("Pipedrive");
        martech.AddDuplicateDetection(o => o.Threshold = 0.9);
        using ServiceProvider provider = services.BuildServiceProvider();
        IContactClient hubSpot = provider.GetRequiredKeyedService<IContactClient>("HubSpot");
        IContactClient pipedrive = provider.GetRequiredKeyedService<IContactClient>("Pipedrive");
        await hubSpot.UpsertAsync(new Contact { Email = EmailAddress.Parse("ada@acme.example"), FirstName = "Ada", LastName = "Lovelace" });
        await pipedrive.UpsertAsync(new Contact { Email = EmailAddress.Parse("ADA+crm@acme.example"), FirstName = "Ada", LastName = "Lovelace" });
        await pipedrive.UpsertAsync(new Contact { Email = EmailAddress.Parse("grace@navy.example"), FirstName = "Grace" });

        DuplicateDetectionResult result = await provider.GetRequiredService<DuplicateDetector>().FindAsync(
            [SourcedContact.ListAsync(hubSpot, "HubSpot"), SourcedContact.ListAsync(pipedrive, "Pipedrive")]);

        DuplicateCluster cluster = Assert.Single(result.Clusters);
        Assert.Equal(["HubSpot", "Pipedrive"], cluster.Records.Select(r => r.Instance));
        Assert.Equal("ADA+crm@acme.example", cluster.Records[1].Contact.Email!.Value.Value);
    }

    private static ServiceProvider Build(string json)
    {
        IConfigurationRoot configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var services = new ServiceCollection();
        services.AddMartech(configuration.GetSection("Martech")).AddDuplicateDetection();
        return services.BuildServiceProvider();
    }
}

using Martech.Sdk;
using Martech.Sdk.Testing;

namespace DataQualitySample;

/// <summary>
/// The messy contacts the two in-memory stand-ins are seeded with: <see cref="MessyContacts"/> with a fixed seed (people
/// with copies in the same or the other instance: nicknames, typos, +tags, Gmail dots, phone formats, company suffixes,
/// missing fields), given lifecycle stages, job titles and email consent the way a CRM holds them, plus a few
/// hand-written records that each show one kind of report finding.
/// </summary>
internal static class SampleData
{
    /// <summary>The two provider instances, in the order they are listed.</summary>
    public static readonly string[] Instances = ["HubSpot", "Pipedrive"];

    /// <summary>The generator's seed.</summary>
    public const int Seed = 2026;

    /// <summary>How many generated records (copies included).</summary>
    public const int GeneratedCount = 3_000;

    /// <summary>The probability that a generated person has one or two more records.</summary>
    public const double DuplicateRate = 0.15;

    /// <summary>The run's "now": the report's stale check and every write the run makes (merges, audit lines) use it.</summary>
    public static readonly DateTimeOffset AsOf = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] Stages = ["subscriber", "lead", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer", "customer"];

    private static readonly string[] Titles = ["Marketing Manager", "Head of Growth", "CTO", "Software Engineer", "Sales Director", "Operations Lead", "CFO", "Product Manager", "Data Analyst", "Founder"];

    private static readonly string[] ConsentSources = ["web form", "webinar sign-up", "trade show", "newsletter footer"];

    /// <summary>Seeds every instance that is an in-memory stand-in (a real vendor instance is left as it is) and says
    /// what went in.</summary>
    /// <param name="clients">The contacts client of each instance in <see cref="Instances"/>.</param>
    /// <param name="isInMemory">Whether an instance is an in-memory stand-in.</param>
    /// <param name="clock">The stand-ins' clock: set to each record's created and then updated time while it is written,
    /// then to <see cref="AsOf"/>.</param>
    /// <param name="cancellationToken">Stops the seeding.</param>
    public static async Task<SeedSummary> SeedAsync(Func<string, IContactClient> clients, Func<string, bool> isInMemory, SampleClock clock, CancellationToken cancellationToken)
    {
        var stored = Instances.ToDictionary(i => i, _ => 0, StringComparer.Ordinal);
        var emails = Instances.ToDictionary(i => i, _ => new HashSet<EmailAddress>(), StringComparer.Ordinal);
        int sameAddress = 0;
        int noAddress = 0;
        int generated = 0;
        foreach ((string instance, Contact contact) in Records())
        {
            generated++;
            if (!isInMemory(instance))
            {
                continue;
            }

            // The contacts API creates a contact by its email address (an upsert matches by id or email), so a
            // generated record without an address cannot be created and is left out.
            if (contact.Email is null)
            {
                noAddress++;
                continue;
            }

            // A CRM keys contacts by email address: a copy whose address the instance already holds (only its case
            // differs) would update that contact rather than add one, so it is left out.
            if (!emails[instance].Add(Normalised(contact.Email.Value)))
            {
                sameAddress++;
                continue;
            }

            await WriteAsync(clients(instance), contact, clock, cancellationToken);
            stored[instance]++;
        }

        clock.Set(AsOf);
        return new SeedSummary(generated, stored, sameAddress, noAddress, Planted.Count);
    }

    /// <summary>Every record to seed, in order: the generated ones, then the hand-written ones.</summary>
    public static IEnumerable<(string Instance, Contact Contact)> Records()
    {
        foreach (MessyContact messy in MessyContacts.Stream(Seed, GeneratedCount, DuplicateRate, Instances))
        {
            yield return (messy.Record.Instance, Dress(messy));
        }

        foreach (PlantedRecord planted in Planted)
        {
            yield return (planted.Instance, planted.Contact);
        }
    }

    /// <summary>Hand-written records, each showing what the report finds (the duplicate pair at the end ties on a
    /// field, so its merge needs a decision).</summary>
    public static IReadOnlyList<PlantedRecord> Planted { get; } = BuildPlanted();

    // The generator gives names, email, phone, company and times; a CRM also holds a stage, a title and consent. They
    // follow the person (so copies mostly agree) with a copy sometimes missing its title or consent, which a merge fills.
    private static Contact Dress(MessyContact messy)
    {
        Contact contact = messy.Record.Contact;
        ulong person = Mix((ulong)messy.PersonId);
        ulong copy = Mix((ulong)messy.PersonId * 31 + (ulong)messy.Changes);
        bool isCopy = messy.Changes != MessyContactChanges.None;
        DateTimeOffset created = contact.CreatedAt!.Value;
        Consent? consent = (person % 100) switch
        {
            < 82 => new Consent(ConsentStatus.Granted, ConsentSources[(int)(person / 100 % (ulong)ConsentSources.Length)], created),
            < 88 => new Consent(ConsentStatus.Denied, "unsubscribe link", created.AddDays(3)),
            _ => null,
        };
        if (isCopy && copy % 100 < 30)
        {
            consent = null;
        }

        return contact with
        {
            Id = null,
            LifecycleStage = LifecycleStage.Create(Stages[(int)(person / 7 % (ulong)Stages.Length)]),
            JobTitle = isCopy && copy / 100 % 100 < 40 ? null : Titles[(int)(person / 13 % (ulong)Titles.Length)],
            EmailConsent = contact.Email is null ? null : consent,
        };
    }

    private static async Task WriteAsync(IContactClient client, Contact contact, SampleClock clock, CancellationToken cancellationToken)
    {
        DateTimeOffset created = contact.CreatedAt ?? AsOf;
        DateTimeOffset updated = contact.UpdatedAt ?? created;
        clock.Set(created);
        Contact stored = (await client.UpsertAsync(contact with { Id = null, CreatedAt = null, UpdatedAt = null }, cancellationToken: cancellationToken)).Value;
        if (updated > created)
        {
            clock.Set(updated);
            await client.UpsertAsync(new Contact { Id = stored.Id }, new ContactUpsertOptions { MatchBy = ContactMatchKey.Id }, cancellationToken);
        }
    }

    private static EmailAddress Normalised(EmailAddress email) => EmailAddress.Parse(email.Value.Trim().ToLowerInvariant());

    private static List<PlantedRecord> BuildPlanted()
    {
        var t = new DateTimeOffset(2026, 9, 14, 10, 30, 0, TimeSpan.Zero);
        Consent Granted(DateTimeOffset at) => new(ConsentStatus.Granted, "web form", at);
        Contact Person(string first, string last, string? email, string company, DateTimeOffset at) => new()
        {
            FirstName = first,
            LastName = last,
            Email = email is null ? null : EmailAddress.Parse(email),
            Company = company,
            JobTitle = "Marketing Manager",
            LifecycleStage = LifecycleStage.Lead,
            EmailConsent = email is null ? null : Granted(at.AddDays(-30)),
            CreatedAt = at.AddDays(-30),
            UpdatedAt = at,
        };

        return
        [
            new("HubSpot", "EmailDomainTypo: gmial.com for gmail.com", Person("Ada", "Lovelace", "ada.lovelace@gmial.com", "Analytical Engines Ltd", t)),
            new("Pipedrive", "EmailDomainTypo: a misspelt .com", Person("Linus", "Torvalds", "linus.t@yahoo.con", "Kernel Works", t)),
            new("HubSpot", "DisposableEmail", Person("Temp", "Signup", "free.trial.4711@mailinator.com", "Unknown", t)),
            new("Pipedrive", "RoleEmail: info@", Person("Front", "Desk", "info@brightlabs-example.io", "Bright Labs", t)),
            new("HubSpot", "RoleEmail: noreply@", Person("Automated", "Sender", "noreply@vertexcloud.io", "Vertex Cloud", t)),
            new("HubSpot", "InvalidEmail: reserved for documentation", Person("Test", "Person", "test.person@example.com", "Example Corp", t)),
            new("Pipedrive", "InvalidEmail: a multicast DNS name (.local)", Person("Bob", "Kahn", "bob.kahn@arpanet.local", "Internetworking Inc", t)),
            new("HubSpot", "InvalidPhone: 555-0100 to 555-0199 is for fiction", Person("Alan", "Kay", "alan.kay@dynabook.dev", "Dynabook Labs", t) with { Phone = PhoneNumber.Parse("+14155550142") }),
            new("Pipedrive", "InvalidPhone: Ofcom's drama range", Person("Karen", "Sparck", "k.sparck@idf-search.co.uk", "IDF Search Ltd", t) with { Phone = PhoneNumber.Parse("+447700900123") }),
            new("HubSpot", "InvalidPhone: kept unparsed by the provider", Person("Niklaus", "Wirth", "n.wirth@pascal-systems.ch", "Pascal Systems AG", t) with
            {
                CustomFields = Unparsed("phone", "call the front desk"),
            }),
            new("Pipedrive", "MissingField: LastName and Company", Person("Margaret", "", "margaret@apollo-guidance.space", "", t) with { LastName = null, Company = null }),
            new("HubSpot", "StaleRecord: not updated since 2024", Person("Edsger", "Dijkstra", "edsger@shortest-path.nl", "Shortest Path BV", new DateTimeOffset(2024, 3, 2, 8, 0, 0, TimeSpan.Zero))),
            new("Pipedrive", "ConsentGap: no email consent recorded", Person("Barbara", "Liskov", "barbara@substitution.dev", "Substitution Labs", t) with { EmailConsent = null }),
            new("HubSpot", "ConsentGap: granted with no source", Person("John", "McCarthy", "jmc@lisp-machines.ai", "Lisp Machines Inc", t) with { EmailConsent = new Consent(ConsentStatus.Granted, null, t) }),
            new("Pipedrive", "ConsentGap: a lead whose consent is denied", Person("Frances", "Allen", "frances.allen@optimizing.io", "Optimizing Compilers", t) with { EmailConsent = new Consent(ConsentStatus.Denied, "unsubscribe link", t) }),

            // One person in both instances, written at the same instant with different first names: the newest rule
            // ties on FirstName, so the merge is listed as needing a decision.
            new("HubSpot", "a duplicate pair that needs a decision", Person("Grace", "Hopper", "grace.hopper@cobol-works.com", "COBOL Works Inc", t) with { Phone = PhoneNumber.Parse("+12027334112") }),
            new("Pipedrive", "a duplicate pair that needs a decision", Person("Gracie", "Hopper", "grace.hopper@cobol-works.com", "COBOL Works", t) with { Phone = PhoneNumber.Parse("+12027334112") }),
        ];
    }

    private static CustomFieldCollection Unparsed(string name, string value)
    {
        var fields = new CustomFieldCollection();
        fields.Set(name, value);
        return fields;
    }

    // SplitMix64's finaliser: a fixed, platform-independent hash for the dressing above.
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>A hand-written record and the finding it is there to show.</summary>
internal sealed record PlantedRecord(string Instance, string Shows, Contact Contact);

/// <summary>What the seeding wrote.</summary>
/// <param name="Generated">Records the generator and the hand-written list gave.</param>
/// <param name="Stored">Contacts stored per instance.</param>
/// <param name="SameAddress">Generated copies left out because their instance already held the address.</param>
/// <param name="NoAddress">Generated records left out because they have no email address to create them by.</param>
/// <param name="Planted">Hand-written records among them.</param>
internal sealed record SeedSummary(int Generated, IReadOnlyDictionary<string, int> Stored, int SameAddress, int NoAddress, int Planted);

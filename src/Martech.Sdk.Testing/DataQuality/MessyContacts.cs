using System.Globalization;
using System.Text;

namespace Martech.Sdk.Testing;

/// <summary>Seeded messy contact data with known duplicates, for tests, benchmarks and demos of the data-quality
/// engines: the same seed, count, rate and instances always give the same contacts, in the same order.</summary>
/// <remarks>
/// <para>Each person gets a first record: a given name and a last name from built-in lists (some with accents:
/// José, Müller), a company from a generated list (one per 40 people, with a legal suffix such as Inc or GmbH),
/// an email at the company's domain (60 %) or at a free-mail domain (gmail.com half of those), absent for 5 %, unique to
/// the person; a phone for 70 % (+1, +44, +49 or +33; a +1 number has the 10 digits of a North American one), unique to the person; created and updated times in 2025–2026;
/// and an instance drawn from the list.</para>
/// <para>With probability <c>duplicateRate</c> the person has copies, one (3 in 4) or two: each in another instance
/// (60 %, when there are several) or the same one, with one to three of the changes of
/// <see cref="MessyContactChanges"/> (and the phone always written another way before it is parsed). A copy comes
/// 1 to 2,000 people after its first record, so duplicates are not neighbours. Generation streams: memory holds only
/// the copies still waiting to be emitted.</para>
/// </remarks>
public static class MessyContacts
{
    private static readonly string[] FirstNames =
    [
        "William", "Robert", "Richard", "James", "Michael", "Thomas", "Elizabeth", "Katherine", "Jennifer", "Margaret",
        "Christopher", "Daniel", "Joseph", "Anthony", "David", "Andrew", "Edward", "Charles", "Alexander", "Samuel",
        "Ada", "Grace", "Alan", "Linus", "Olivia", "Emma", "Sophia", "Isabella", "Mia", "Amelia", "Harper", "Evelyn",
        "Liam", "Noah", "Oliver", "Elijah", "Lucas", "Mason", "Logan", "Ethan", "Aiden", "Jackson", "Sebastian", "Mateo",
        "José", "Zoë", "François", "Søren", "Björn", "André", "Chloé", "Renée", "Jürgen", "Agnès", "Inés", "Léa",
        "Hiroshi", "Yuki", "Priya", "Arjun", "Wei", "Mei", "Fatima", "Omar", "Amara", "Kwame", "Ingrid", "Astrid",
        "Nadia", "Igor", "Olga", "Dmitri", "Anna", "Maria", "Sofia", "Lucia", "Marco", "Giulia", "Pedro", "Camila",
        "Hannah", "Leah", "Rachel", "Sarah", "Rebecca", "Deborah", "Susan", "Patricia", "Victoria", "Abigail",
        "Frederick", "Donald", "Raymond", "Leonard", "Francis", "Henry", "Vincent", "Zachary", "Theodore", "Peter",
    ];

    private static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker",
        "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson",
        "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "O'Brien", "McDonald", "Müller",
        "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Dubois",
        "Lefèvre", "Moreau", "Laurent", "Fournier", "Girard", "Bonnet", "Núñez", "Peña", "Muñoz", "Jiménez",
        "Castillo", "Romero", "Løvgren", "Ångström", "Nilsson", "Johansson", "Larsson", "Eriksson", "van der Berg",
        "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Kowalski", "Nowak", "Wiśniewski", "Novák",
        "Svoboda", "Horváth", "Nagy", "Kovács", "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano",
        "Colombo", "Ricci", "Marino", "Greco", "Tanaka", "Suzuki", "Takahashi", "Watanabe", "Kim", "Park", "Choi",
        "Chen", "Wang", "Li", "Zhang", "Liu", "Patel", "Sharma", "Singh", "Kumar", "Gupta", "Okafor", "Mensah",
        "Lovelace", "Hopper", "Turing", "Torvalds", "Knuth", "Ritchie", "Stroustrup", "Hejlsberg", "Wirth", "Dijkstra",
        "Kernighan", "Lamport", "Liskov", "Hamilton", "Goldberg", "Kay", "Engelbart", "Berners-Lee", "Cerf", "Kahn",
    ];

    private static readonly string[] CompanyFirst =
    [
        "Bright", "North", "Blue", "Silver", "Red", "Green", "Iron", "Golden", "Swift", "Quiet", "Bold", "Clear",
        "Stone", "River", "Summit", "Harbor", "Cedar", "Maple", "Pine", "Oak", "Falcon", "Eagle", "Fox", "Wolf",
        "Lumen", "Vertex", "Nimbus", "Quantum", "Atlas", "Orbit", "Pixel", "Vector", "Nova", "Polar", "Coral", "Amber",
    ];

    private static readonly string[] CompanySecond =
    [
        "Labs", "Works", "Systems", "Analytics", "Logistics", "Foods", "Media", "Health", "Energy", "Robotics",
        "Software", "Capital", "Partners", "Studios", "Dynamics", "Networks", "Solutions", "Textiles", "Motors", "Bank",
        "Pharma", "Retail", "Travel", "Games", "Security", "Cloud", "Devices", "Materials", "Consulting", "Design",
    ];

    private static readonly string[] Suffixes = ["Inc", "Ltd", "GmbH", "LLC", "Corp", "", "AG", "S.A.", "B.V.", "Limited"];

    private static readonly string[] FreeMail = ["gmail.com", "gmail.com", "gmail.com", "outlook.com", "yahoo.com", "hotmail.com"];

    private static readonly string[] Tags = ["news", "crm", "2026", "webinar", "promo"];

    private static readonly Dictionary<string, string[]> NicknamesOf = new(StringComparer.Ordinal)
    {
        ["William"] = ["Bill", "Will"], ["Robert"] = ["Bob", "Rob"], ["Richard"] = ["Rick", "Dick"], ["James"] = ["Jim", "Jimmy"],
        ["Michael"] = ["Mike"], ["Thomas"] = ["Tom"], ["Elizabeth"] = ["Liz", "Beth"], ["Katherine"] = ["Kate", "Kathy"],
        ["Jennifer"] = ["Jen"], ["Margaret"] = ["Maggie", "Peggy"], ["Christopher"] = ["Chris"], ["Daniel"] = ["Dan"],
        ["Joseph"] = ["Joe"], ["Anthony"] = ["Tony"], ["David"] = ["Dave"], ["Andrew"] = ["Andy"], ["Edward"] = ["Ed", "Ted"],
        ["Charles"] = ["Charlie", "Chuck"], ["Alexander"] = ["Alex"], ["Samuel"] = ["Sam"], ["Rebecca"] = ["Becky"],
        ["Deborah"] = ["Debbie"], ["Susan"] = ["Sue"], ["Patricia"] = ["Patty"], ["Victoria"] = ["Vicky"],
        ["Abigail"] = ["Abby"], ["Frederick"] = ["Fred"], ["Donald"] = ["Don"], ["Raymond"] = ["Ray"],
        ["Leonard"] = ["Leo"], ["Francis"] = ["Frank"], ["Henry"] = ["Harry"], ["Vincent"] = ["Vince"],
        ["Zachary"] = ["Zach"], ["Theodore"] = ["Theo"], ["Peter"] = ["Pete"],
    };

    private static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Generates <paramref name="count"/> messy contacts into a list (see the type's remarks).</summary>
    /// <param name="seed">The seed: the same arguments give the same contacts.</param>
    /// <param name="count">How many records, duplicates included.</param>
    /// <param name="duplicateRate">The probability, from 0 to 1, that a person has one or two more records.</param>
    /// <param name="instances">The provider instance names records are spread over, such as <c>HubSpot</c> and
    /// <c>Pipedrive</c>; at least one.</param>
    /// <returns>The records with their ground truth.</returns>
    /// <exception cref="ArgumentException">A count below 0, a rate outside 0–1, or no (or a blank) instance name.</exception>
    public static IReadOnlyList<MessyContact> Generate(int seed, int count, double duplicateRate, params IReadOnlyList<string> instances)
    {
        Check(count, duplicateRate, instances);
        var list = new List<MessyContact>(count);
        list.AddRange(Stream(seed, count, duplicateRate, instances));
        return list;
    }

    /// <summary>Streams <paramref name="count"/> messy contacts, generated as they are read (the same records as
    /// <see cref="Generate"/>): memory stays flat however many are read, and every enumeration yields the same
    /// records.</summary>
    /// <param name="seed">The seed: the same arguments give the same contacts.</param>
    /// <param name="count">How many records, duplicates included.</param>
    /// <param name="duplicateRate">The probability, from 0 to 1, that a person has one or two more records.</param>
    /// <param name="instances">The provider instance names records are spread over; at least one.</param>
    /// <returns>The records with their ground truth.</returns>
    /// <exception cref="ArgumentException">A count below 0, a rate outside 0–1, or no (or a blank) instance name.</exception>
    public static IEnumerable<MessyContact> Stream(int seed, int count, double duplicateRate, params IReadOnlyList<string> instances)
    {
        Check(count, duplicateRate, instances);
        string[] names = [.. instances];
        return Iterate(seed, count, duplicateRate, names);
    }

    private static void Check(int count, double duplicateRate, IReadOnlyList<string> instances)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!(duplicateRate >= 0 && duplicateRate <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(duplicateRate), duplicateRate, "The duplicate rate must be from 0 to 1.");
        }

        ArgumentNullException.ThrowIfNull(instances);
        if (instances.Count == 0 || instances.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Name at least one provider instance, none blank (such as HubSpot and Pipedrive).", nameof(instances));
        }
    }

    private static IEnumerable<MessyContact> Iterate(int seed, int count, double duplicateRate, string[] instances)
    {
        var pending = new PriorityQueue<MessyContact, long>();
        int emitted = 0;
        int companies = Math.Max(50, count / 40);
        for (int person = 0; emitted < count; person++)
        {
            while (emitted < count && pending.TryPeek(out MessyContact? due, out long at) && at <= person)
            {
                pending.Dequeue();
                yield return WithId(due, emitted++);
            }

            if (emitted == count)
            {
                yield break;
            }

            var random = new SplitMix((ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ ((ulong)person * 0xD1B54A32D192ED03UL) ^ 0x5DEECE66DUL);
            Person who = NewPerson(person, companies, instances, ref random);
            yield return WithId(new MessyContact(new SourcedContact(who.Instance, who.Contact), person, MessyContactChanges.None), emitted++);
            if (random.NextDouble() < duplicateRate)
            {
                int copies = random.Next(4) == 0 ? 2 : 1;
                for (int c = 0; c < copies; c++)
                {
                    MessyContact copy = Copy(who, person, instances, ref random);
                    pending.Enqueue(copy, person + 1 + random.Next(2_000));
                }
            }
        }
    }

    private static MessyContact WithId(MessyContact record, int number) =>
        record with { Record = record.Record with { Contact = record.Record.Contact with { Id = (number + 1).ToString(CultureInfo.InvariantCulture) } } };

    private static Person NewPerson(int person, int companies, string[] instances, ref SplitMix random)
    {
        string first = FirstNames[random.Next(FirstNames.Length)];
        string last = LastNames[random.Next(LastNames.Length)];
        int c = random.Next(companies);
        int words = CompanyFirst.Length * CompanySecond.Length;
        string baseName = CompanyFirst[c % CompanyFirst.Length] + " " + CompanySecond[c / CompanyFirst.Length % CompanySecond.Length]
            + (c >= words ? " " + (c / words).ToString(CultureInfo.InvariantCulture) : string.Empty);
        string suffix = Suffixes[c % Suffixes.Length];
        string company = suffix.Length == 0 ? baseName : baseName + " " + suffix;
        string domain = LocalPart(baseName) + ".com";

        EmailAddress? email = null;
        double mail = random.NextDouble();
        if (mail >= 0.05)
        {
            string local = LocalPart(first) + "." + LocalPart(last) + "." + Base36(person);
            email = EmailAddress.Parse(local + "@" + (mail < 0.65 ? domain : FreeMail[random.Next(FreeMail.Length)]));
        }

        PhoneNumber? phone = null;
        string? phoneDigits = null;
        if (random.NextDouble() < 0.7)
        {
            string country = random.Next(4) switch { 0 => "1", 1 => "44", 2 => "49", _ => "33" };
            long unique = (long)person * 7_919 % 800_000_000L;
            long national = country == "1" ? NorthAmerican(unique) : 200_000_000L + unique;
            phoneDigits = country + "|" + national.ToString(CultureInfo.InvariantCulture);
            phone = PhoneNumber.Parse("+" + country + national.ToString(CultureInfo.InvariantCulture));
        }

        DateTimeOffset created = Epoch.AddMinutes(random.Next(365 * 24 * 60));
        var contact = new Contact
        {
            Email = email,
            Phone = phone,
            FirstName = first,
            LastName = last,
            Company = company,
            CreatedAt = created,
            UpdatedAt = created.AddMinutes(random.Next(300 * 24 * 60)),
        };
        return new Person(instances[random.Next(instances.Length)], contact, phoneDigits);
    }

    // A +1 number has 10 digits: an area code and an exchange that start with 2 to 9, and a line; the exchange is never
    // 555, whose 0100–0199 lines are for fiction. One-to-one on 0 to 799,999,999, so each person keeps a number of their own.
    private static long NorthAmerican(long unique)
    {
        long line = unique % 10_000;
        long rest = unique / 10_000;
        long exchange = 200 + (rest % 799);
        exchange += exchange >= 555 ? 1 : 0;
        long area = 200 + (rest / 799);
        return (area * 1_000 + exchange) * 10_000 + line;
    }

    private static MessyContact Copy(Person who, int person, string[] instances, ref SplitMix random)
    {
        Contact contact = who.Contact with { UpdatedAt = who.Contact.UpdatedAt!.Value.AddMinutes(random.Next(-60 * 24 * 60, 60 * 24 * 60)) };
        MessyContactChanges changes = MessyContactChanges.None;
        string instance = who.Instance;
        if (instances.Length > 1 && random.NextDouble() < 0.6)
        {
            int other = random.Next(instances.Length - 1);
            instance = instances[other >= Array.IndexOf(instances, who.Instance) ? other + 1 : other];
            changes |= MessyContactChanges.OtherInstance;
        }

        if (who.PhoneDigits is { } digits)
        {
            string[] parts = digits.Split('|');
            string n = parts[1];
            string written = random.Next(3) switch
            {
                0 => $"+{parts[0]} ({n[..3]}) {n[3..6]}-{n[6..]}",
                1 => $"00{parts[0]} {n[..3]} {n[3..6]} {n[6..]}",
                _ => $"+{parts[0]}.{n[..3]}.{n[3..]}",
            };
            contact = contact with { Phone = PhoneNumber.Parse(written) };
            changes |= MessyContactChanges.PhoneFormat;
        }

        int count = 1 + random.Next(3);
        for (int i = 0; i < count; i++)
        {
            (contact, changes) = Change(contact, changes, ref random);
        }

        return new MessyContact(new SourcedContact(instance, contact), person, changes);
    }

    private static (Contact, MessyContactChanges) Change(Contact contact, MessyContactChanges changes, ref SplitMix random)
    {
        switch (random.Next(11))
        {
            case 0 when contact.Email is { } e:
            {
                string local = random.Next(2) == 0 ? e.LocalPart.ToUpperInvariant() : Title(e.LocalPart);
                return (contact with { Email = EmailAddress.Parse($"  {local}@{e.Domain.ToUpperInvariant()} ") }, changes | MessyContactChanges.EmailCase);
            }

            case 1 when contact.Email is { Domain: "gmail.com" } e:
            {
                string local = e.LocalPart.Contains('.', StringComparison.Ordinal) && random.Next(2) == 0
                    ? e.LocalPart.Replace(".", string.Empty, StringComparison.Ordinal)
                    : e.LocalPart[..1] + "." + e.LocalPart[1..];
                return (contact with { Email = EmailAddress.Parse(local.Replace("..", ".", StringComparison.Ordinal) + "@gmail.com") }, changes | MessyContactChanges.GmailDots);
            }

            case 2 when contact.Email is { } e && !e.LocalPart.Contains('+', StringComparison.Ordinal):
                return (contact with { Email = EmailAddress.Parse($"{e.LocalPart}+{Tags[random.Next(Tags.Length)]}@{e.Domain}") }, changes | MessyContactChanges.PlusTag);
            case 3 when contact.FirstName is { } f && NicknamesOf.TryGetValue(f, out string[]? nicknames):
                return (contact with { FirstName = nicknames[random.Next(nicknames.Length)] }, changes | MessyContactChanges.Nickname);
            case 4 or 5:
                return random.Next(2) == 0
                    ? (contact with { FirstName = Typo(contact.FirstName!, ref random) }, changes | MessyContactChanges.NameTypo)
                    : (contact with { LastName = Typo(contact.LastName!, ref random) }, changes | MessyContactChanges.NameTypo);
            case 6:
                return (random.Next(3) switch
                {
                    0 => contact with { LastName = contact.LastName!.ToUpperInvariant() },
                    1 => contact with { FirstName = contact.FirstName!.ToLowerInvariant() },
                    _ => contact with { FirstName = Ascii(contact.FirstName!), LastName = Ascii(contact.LastName!) },
                }, changes | MessyContactChanges.NameCase);
            case 7 when contact.Company is { } company:
            {
                string bare = StripSuffix(company);
                string changed = random.Next(4) switch
                {
                    0 => bare,
                    1 => bare + ", Inc.",
                    2 => bare + " LLC",
                    _ => company.ToUpperInvariant(),
                };
                return (contact with { Company = changed }, changes | MessyContactChanges.CompanySuffix);
            }

            case 8 when contact.Email is not null && (contact.Phone is not null || contact.Company is not null):
                return (contact with { Email = null }, changes | MessyContactChanges.MissingEmail);
            case 9 when contact.Phone is not null && contact.Email is not null:
                return (contact with { Phone = null }, changes | MessyContactChanges.MissingPhone);
            case 10 when contact.Company is not null && contact.Email is not null:
                return (contact with { Company = null }, changes | MessyContactChanges.MissingCompany);
            default:
                return (contact, changes);
        }
    }

    private static string StripSuffix(string company)
    {
        foreach (string suffix in Suffixes)
        {
            if (suffix.Length > 0 && company.EndsWith(" " + suffix, StringComparison.Ordinal))
            {
                return company[..^(suffix.Length + 1)];
            }
        }

        return company;
    }

    private static string Typo(string name, ref SplitMix random)
    {
        if (name.Length < 3)
        {
            return name + name[^1];
        }

        int at = 1 + random.Next(name.Length - 2);
        var text = new StringBuilder(name);
        switch (random.Next(4))
        {
            case 0:
                (text[at], text[at + 1]) = (text[at + 1], text[at]);
                break;
            case 1:
                text.Remove(at, 1);
                break;
            case 2:
                text.Insert(at, text[at]);
                break;
            default:
                text[at] = (char)('a' + random.Next(26));
                break;
        }

        return text.ToString();
    }

    private static string Title(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    // The text with accents dropped (é → e, ø → o), keeping its case.
    private static string Ascii(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text.Normalize(NormalizationForm.FormD))
        {
            if (c < 128)
            {
                builder.Append(c);
            }
            else if (c is 'ø' or 'Ø' or 'ł' or 'Ł')
            {
                builder.Append(c is 'ø' ? 'o' : c is 'Ø' ? 'O' : c is 'ł' ? 'l' : 'L');
            }
        }

        return builder.ToString();
    }

    private static string LocalPart(string name) =>
        new([.. Ascii(name).ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);

    private static string Base36(int value)
    {
        const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        Span<char> buffer = stackalloc char[8];
        int at = buffer.Length;
        do
        {
            buffer[--at] = Digits[value % 36];
            value /= 36;
        }
        while (value > 0);
        return new string(buffer[at..]);
    }

    private sealed record Person(string Instance, Contact Contact, string? PhoneDigits);

    // SplitMix64: small, fast and the same on every platform and .NET version (System.Random's seeded sequence is not
    // promised to stay the same).
    private struct SplitMix(ulong state)
    {
        private ulong _state = state;

        public ulong NextULong()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public int Next(int max) => max <= 0 ? 0 : (int)(NextULong() % (ulong)max);

        public int Next(int min, int max) => min + Next(max - min);

        public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));
    }
}

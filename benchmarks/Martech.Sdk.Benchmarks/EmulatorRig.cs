using System.Globalization;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Benchmarks;

/// <summary>The CRM emulators the scaling and throughput benchmarks drive.</summary>
public enum CrmVendor
{
    /// <summary>HubSpot: <c>batch/upsert</c> of 100 contacts a request, 100 requests per 10 seconds.</summary>
    HubSpot,

    /// <summary>Salesforce: SOQL look-ups and sObject Collections of 200 records, 20 requests a second.</summary>
    Salesforce,

    /// <summary>Pipedrive: a search and a write per person, 80 requests per 2 seconds.</summary>
    Pipedrive,
}

/// <summary>
/// One CRM emulator on loopback and the SDK's provider pointed at it, built through DI as a user would build it.
/// </summary>
/// <remarks>
/// <para>Unlimited (<see cref="StartUnlimitedAsync"/>): no rate limit in the emulator and a client budget too large to
/// wait on, so a run measures the emulator and the SDK, nothing else.</para>
/// <para>At the published limits (<see cref="StartAtPublishedLimitAsync"/>): the emulator enforces the vendor's limit
/// and the provider keeps every default (only its address and credentials are set), so a run measures how close the
/// SDK's defaults come to the ceiling the limit sets.</para>
/// <para>Smoke mode: with the environment variable <c>MARTECH_BENCHMARK_SMOKE=1</c>, the benchmarks use sizes a hundred
/// times smaller and a fifth of a window, to check in a minute that they still run; <c>MARTECH_BENCHMARK_VENDORS</c>
/// picks vendors.</para>
/// </remarks>
internal sealed class EmulatorRig : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private EmulatorRig(CrmVendor vendor, VendorEmulator emulator, ServiceProvider services)
    {
        Vendor = vendor;
        Emulator = emulator;
        _services = services;
        Contacts = services.GetRequiredKeyedService<IContactClient>(vendor.ToString());
    }

    /// <summary>Gets whether the benchmarks run in smoke mode (<c>MARTECH_BENCHMARK_SMOKE=1</c>).</summary>
    public static bool Smoke { get; } = Environment.GetEnvironmentVariable("MARTECH_BENCHMARK_SMOKE") is "1" or "true";

    /// <summary>Gets the vendors to run: all, or those named in <c>MARTECH_BENCHMARK_VENDORS</c> (comma-separated, such
    /// as <c>HubSpot,Pipedrive</c>).</summary>
    public static IEnumerable<CrmVendor> Vendors =>
        Environment.GetEnvironmentVariable("MARTECH_BENCHMARK_VENDORS") is { Length: > 0 } names
            ? names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(static n => Enum.Parse<CrmVendor>(n, ignoreCase: true)).ToArray()
            : Enum.GetValues<CrmVendor>();

    public CrmVendor Vendor { get; }

    public VendorEmulator Emulator { get; }

    public IContactClient Contacts { get; }

    /// <summary>Gets the largest page the vendor serves, which the listings ask for.</summary>
    public int MaxPageSize => Vendor switch
    {
        CrmVendor.HubSpot => 100,
        CrmVendor.Salesforce => 2000,
        _ => 500,
    };

    /// <summary>Gets the vendor's published limit the emulator enforces in <see cref="StartAtPublishedLimitAsync"/>: HubSpot's
    /// 100 requests per 10 seconds (Free and Starter tiers, and every OAuth app), Salesforce's 20 requests a second (the
    /// provider's assumption: Salesforce publishes a daily allocation, not a per-second rate), Pipedrive's 80 requests per
    /// 2-second window (the provider's default; Pipedrive's burst limit depends on the plan).</summary>
    public static EmulatorRateLimit PublishedLimit(CrmVendor vendor) => vendor switch
    {
        CrmVendor.HubSpot => new EmulatorRateLimit { PermitLimit = 100, Window = TimeSpan.FromSeconds(10) },
        CrmVendor.Salesforce => new EmulatorRateLimit { PermitLimit = 20, Window = TimeSpan.FromSeconds(1) },
        _ => new EmulatorRateLimit { PermitLimit = 80, Window = TimeSpan.FromSeconds(2) },
    };

    public static Task<EmulatorRig> StartUnlimitedAsync(CrmVendor vendor) => StartAsync(vendor, unlimited: true);

    public static async Task<EmulatorRig> StartAtPublishedLimitAsync(CrmVendor vendor)
    {
        EmulatorRig rig = await StartAsync(vendor, unlimited: false).ConfigureAwait(false);
        rig.Emulator.RateLimit = PublishedLimit(vendor);
        return rig;
    }

    /// <summary>Contacts with distinct addresses; <paramref name="run"/> keeps runs apart.</summary>
    public static Contact[] NewContacts(int count, string run)
    {
        var contacts = new Contact[count];
        for (int i = 0; i < count; i++)
        {
            contacts[i] = new Contact
            {
                Email = EmailAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"{run}-{i}@example.com")),
                FirstName = "Contact",
                LastName = string.Create(CultureInfo.InvariantCulture, $"Number {i}"),
            };
        }

        return contacts;
    }

    /// <summary>Adds contacts straight to the emulator's store, without requests, for the listings.</summary>
    public void Seed(int count)
    {
        for (int i = 0; i < count; i++)
        {
            string email = string.Create(CultureInfo.InvariantCulture, $"seed-{i}@example.com");
            string lastName = string.Create(CultureInfo.InvariantCulture, $"Number {i}");
            switch (Emulator)
            {
                case HubSpotEmulator hubspot:
                    hubspot.AddContact(new Dictionary<string, string> { ["email"] = email, ["firstname"] = "Contact", ["lastname"] = lastName });
                    break;
                case SalesforceEmulator salesforce:
                    salesforce.AddRecord("Contact", new Dictionary<string, object?> { ["Email"] = email, ["FirstName"] = "Contact", ["LastName"] = lastName });
                    break;
                case PipedriveEmulator pipedrive:
                    pipedrive.AddPerson("Contact " + lastName, email);
                    break;
            }
        }
    }

    /// <summary>Lists every contact, page by page, and returns how many came.</summary>
    public async Task<int> ListAllAsync()
    {
        int count = 0;
        await foreach (Contact _ in Contacts.ListAsync(new ContactListOptions { PageSize = MaxPageSize }).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync().ConfigureAwait(false);
        await Emulator.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task<EmulatorRig> StartAsync(CrmVendor vendor, bool unlimited)
    {
        VendorEmulator emulator = vendor switch
        {
            CrmVendor.HubSpot => new HubSpotEmulator(),
            CrmVendor.Salesforce => new SalesforceEmulator(),
            _ => new PipedriveEmulator(),
        };
        await emulator.StartAsync().ConfigureAwait(false);
        var services = new ServiceCollection();
        MartechBuilder martech = services.AddMartech();
        switch (emulator)
        {
            case HubSpotEmulator hubspot:
                martech.AddHubSpot(vendor.ToString(), o =>
                {
                    o.BaseAddress = hubspot.BaseAddress;
                    o.AccessToken = HubSpotEmulator.DefaultAccessToken;
                    if (unlimited)
                    {
                        o.RateLimitPermits = 1_000_000;
                    }
                });
                break;
            case SalesforceEmulator salesforce:
                martech.AddSalesforce(vendor.ToString(), o =>
                {
                    o.MyDomainUrl = salesforce.BaseAddress;
                    o.ClientId = SalesforceEmulator.DefaultClientId;
                    o.ClientSecret = SalesforceEmulator.DefaultClientSecret;
                    if (unlimited)
                    {
                        o.RequestsPerSecond = 10_000;
                    }
                });
                break;
            case PipedriveEmulator pipedrive:
                martech.AddPipedrive(vendor.ToString(), o =>
                {
                    o.ApiToken = PipedriveEmulator.DefaultApiToken;
                    o.BaseAddress = pipedrive.V2BaseAddress;
                    o.V1BaseAddress = pipedrive.V1BaseAddress;
                    if (unlimited)
                    {
                        o.RateLimitPermitLimit = 1_000_000;
                        o.RateLimitWindow = TimeSpan.FromSeconds(1);
                    }
                });
                break;
        }

        return new EmulatorRig(vendor, emulator, services.BuildServiceProvider());
    }
}

using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Tests.Leads.Routing;

/// <summary>An in-memory CRM and messaging provider, a "berlin" calendar (weekdays 09:00-17:00 Europe/Berlin) and a
/// manual clock at Monday 2026-03-02 10:00 Berlin (09:00 UTC), for building routers directly.</summary>
internal sealed class LeadRoutingFixture : IDisposable
{
    public static readonly DateTimeOffset MondayMorning = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public LeadRoutingFixture()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        MartechBuilder martech = services.AddMartech();
        martech.AddInMemory();
        martech.AddBusinessCalendars(o => o.Add("berlin", c =>
        {
            c.TimeZone = "Europe/Berlin";
            c.Hours["Weekdays"] = "09:00-17:00";
        }));
        Services = services.BuildServiceProvider();
    }

    public ManualTimeProvider Clock { get; } = new(MondayMorning);

    public ServiceProvider Services { get; }

    public ILeadClient Leads => Services.GetRequiredService<ILeadClient>();

    public IContactClient Contacts => Services.GetRequiredService<IContactClient>();

    public IMessageSender Messages => Services.GetRequiredService<IMessageSender>();

    public InMemoryMartechStore Crm => Services.GetRequiredKeyedService<InMemoryMartechStore>("InMemory");

    public IBusinessCalendars Calendars => Services.GetRequiredService<IBusinessCalendars>();

    /// <summary>Options with the owners (id, weight) in one pool "sales", the default.</summary>
    public static LeadRoutingOptions Options(params (string Id, int Weight)[] owners) => new()
    {
        Owners = owners.ToDictionary(o => o.Id, o => new LeadOwnerOptions { Weight = o.Weight }),
        Pools = new Dictionary<string, LeadPoolOptions> { ["sales"] = new() { Owners = [.. owners.Select(o => o.Id)] } },
        DefaultPool = "sales",
    };

    public LeadRouter Router(LeadRoutingOptions options, ILeadRoutingStore? store = null, bool notify = false, ILeadClient? leads = null) =>
        new(options, leads ?? Leads, notify ? Messages : null, options.Affinity.ContactOwner ? Contacts : null, store, Calendars, Clock);

    public async Task<List<Lead>> CreateLeadsAsync(int count, Func<int, Lead>? make = null)
    {
        var leads = new List<Lead>(count);
        for (int i = 0; i < count; i++)
        {
            leads.Add(await Leads.CreateAsync(make?.Invoke(i) ?? new Lead { FirstName = "Lead", LastName = i.ToString(System.Globalization.CultureInfo.InvariantCulture), Email = EmailAddress.Parse($"lead{i}@company{i}.example") }));
        }

        return leads;
    }

    public void Dispose() => Services.Dispose();
}

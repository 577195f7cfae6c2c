namespace Martech.Sdk;

/// <summary>What providers the application registered: one per service collection, shared by every builder.</summary>
internal sealed class MartechRegistry
{
    private readonly Dictionary<string, MartechProviderBuilder> _providers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Type, List<string>> _byCapability = [];
    private readonly List<Func<IEnumerable<string>>> _startupChecks = [];

    public IReadOnlyCollection<MartechProviderBuilder> Providers => _providers.Values;

    public bool TryGet(string name, out MartechProviderBuilder? provider) => _providers.TryGetValue(name, out provider);

    public void Add(MartechProviderBuilder provider)
    {
        if (!_providers.TryAdd(provider.Name, provider))
        {
            throw new InvalidOperationException($"A Martech provider instance named '{provider.Name}' is already registered. Give the second one its own name, such as AddHubSpot(\"HubSpotEU\").");
        }
    }

    /// <summary>Records that <paramref name="name"/> supplies <paramref name="capability"/>; returns whether it is the first.</summary>
    public bool AddCapability(Type capability, string name)
    {
        if (!_byCapability.TryGetValue(capability, out var names))
        {
            _byCapability[capability] = names = [];
        }

        if (!names.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            names.Add(name);
        }

        return names.Count == 1;
    }

    public IReadOnlyList<string> ProvidersOf(Type capability) =>
        _byCapability.TryGetValue(capability, out var names) ? names.AsReadOnly() : [];

    /// <summary>Adds a check run when the host starts, after every registration is known.</summary>
    public void AddStartupCheck(Func<IEnumerable<string>> check) => _startupChecks.Add(check);

    /// <summary>Runs the start-up checks middleware declared.</summary>
    public IEnumerable<string> StartupProblems()
    {
        foreach (Func<IEnumerable<string>> check in _startupChecks)
        {
            foreach (string problem in check())
            {
                yield return problem;
            }
        }
    }
}

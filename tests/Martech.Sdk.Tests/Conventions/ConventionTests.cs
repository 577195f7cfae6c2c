using System.Collections;
using System.Reflection;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using static Martech.Sdk.Tests.Conventions.PublicApi;

namespace Martech.Sdk.Tests.Conventions;

/// <summary>
/// The house rules of the public API (STYLE.md), checked by reflection over every shipped Martech.Sdk assembly the
/// test project references. Each rule is one test whose failure lists every offender.
/// </summary>
public class ConventionTests
{
    /// <summary>Types whose collection properties callers fill in before a send: mutable lists are their point.</summary>
    private static readonly HashSet<Type> InputTypes = [typeof(EmailMessage), typeof(MessageCard), typeof(OutgoingMessage), typeof(MartechHttpOptions), typeof(MartechRateLimitOptions), typeof(WebhookCallbackOptions), typeof(StandardWebhookOptions), typeof(VendorSloOptions), typeof(VendorSloObjectives), typeof(BusinessCalendarOptions), typeof(BusinessCalendarsOptions), typeof(CsvReadOptions), typeof(CsvImportOptions), typeof(CsvWriteOptions), typeof(CsvExportOptions), typeof(ContactMergeOptions)];

    /// <summary>
    /// Async-shaped members without a token, by design: they follow the Azure SDK's pageable (STYLE.md), where
    /// <c>AsPages</c> takes its token from the call that created the listing or from <c>WithCancellation</c>, and
    /// <c>Empty</c> does no work. Anything else without a token fails the rule.
    /// </summary>
    private static readonly HashSet<string> WithoutTokenByDesign = new(StringComparer.Ordinal) { "AsyncPageable<T>.AsPages", "AsyncPageable.Empty" };

    [Fact]
    public void Assemblies_IncludeAbstractionsAndCore()
    {
        Assert.Contains(AbstractionsAssembly, Assemblies);
        Assert.Contains(CoreAssembly, Assemblies);
        Assert.NotNull(TestingAssembly);
    }

    [Fact]
    public void AsyncMethods_EndWithOptionalCancellationToken()
    {
        var offenders = new List<string>();
        foreach (Type type in ExportedTypes)
        {
            foreach (MethodInfo method in DeclaredPublicMethods(type))
            {
                if (!ReturnsAsync(method) || IsTestMethod(method) || ImplementsForeignContract(method) || WithoutTokenByDesign.Contains(Describe(method)))
                {
                    continue;
                }

                ParameterInfo? last = method.GetParameters().LastOrDefault();
                if (last is null || last.ParameterType != typeof(CancellationToken) || last.Name != "cancellationToken" || !last.HasDefaultValue)
                {
                    offenders.Add($"{Describe(method)}({string.Join(", ", method.GetParameters().Select(p => $"{Describe(p.ParameterType)} {p.Name}"))})");
                }
            }
        }

        Assert.True(
            offenders.Count == 0,
            Offenders("Every public method returning Task, ValueTask, IAsyncEnumerable or AsyncPageable ends with 'CancellationToken cancellationToken = default'.", offenders.Distinct()));
    }

    [Fact]
    public void TaskReturningMethods_EndInAsync()
    {
        var offenders = ExportedTypes
            .SelectMany(DeclaredPublicMethods)
            .Where(m => IsTaskLike(m.ReturnType) && !IsTestMethod(m) && !ImplementsForeignContract(m) && !m.Name.EndsWith("Async", StringComparison.Ordinal))
            .Select(Describe)
            .Distinct()
            .ToList();

        Assert.True(offenders.Count == 0, Offenders("Every public method returning Task or ValueTask has a name ending in 'Async'.", offenders));
    }

    [Fact]
    public void CapabilityInterfaces_AreTheExpectedEight()
    {
        Assert.Equal(
            ["ICampaignClient", "ICampaignStatsClient", "IContactClient", "IEmailSender", "IEmailSuppressionList", "ILeadClient", "IMessageSender", "IWebhookReceiver"],
            CapabilityInterfaces.Select(t => t.Name));
    }

    [Fact]
    public void CapabilityInterfaces_HaveDelegatingBaseWithEveryMemberVirtual()
    {
        var offenders = new List<string>();
        foreach (Type capability in CapabilityInterfaces)
        {
            string name = "Delegating" + capability.Name[1..];
            Type? delegating = capability.Assembly.GetType($"{capability.Namespace}.{name}");
            if (delegating is null || !delegating.IsPublic || !delegating.IsClass)
            {
                offenders.Add($"{capability.Name}: no public class {name}");
                continue;
            }

            if (!capability.IsAssignableFrom(delegating))
            {
                offenders.Add($"{name} does not implement {capability.Name}");
                continue;
            }

            if (delegating.IsSealed)
            {
                offenders.Add($"{name} is sealed");
            }

            bool hasInnerConstructor = delegating
                .GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .Any(c => (c.IsFamily || c.IsPublic) && c.GetParameters() is [var p] && p.ParameterType == capability);
            if (!hasInnerConstructor)
            {
                offenders.Add($"{name} has no public or protected constructor taking the inner {capability.Name}");
            }

            var map = delegating.GetInterfaceMap(capability);
            for (int i = 0; i < map.InterfaceMethods.Length; i++)
            {
                MethodInfo target = map.TargetMethods[i];
                if (!target.IsPublic || !target.IsVirtual || target.IsFinal || target.DeclaringType != delegating)
                {
                    offenders.Add($"{name}.{map.InterfaceMethods[i].Name} is not a public virtual method declared on {name}");
                }
            }
        }

        Assert.True(offenders.Count == 0, Offenders("Every capability interface has a public Delegating<Name> class implementing it with every member public virtual.", offenders));
    }

    [Fact]
    public void Exceptions_DeriveFromMartechExceptionWithStandardConstructors()
    {
        var offenders = new List<string>();
        foreach (Type type in ExportedTypes.Where(t => typeof(Exception).IsAssignableFrom(t)))
        {
            if (!typeof(MartechException).IsAssignableFrom(type))
            {
                offenders.Add($"{type.Name} derives from {type.BaseType?.Name}, not MartechException");
            }

            if (type.GetConstructor(Type.EmptyTypes) is null)
            {
                offenders.Add($"{type.Name} has no public ()");
            }

            if (type.GetConstructor([typeof(string)]) is null)
            {
                offenders.Add($"{type.Name} has no public (string message)");
            }

            if (type.GetConstructor([typeof(string), typeof(Exception)]) is null)
            {
                offenders.Add($"{type.Name} has no public (string message, Exception innerException)");
            }
        }

        Assert.True(offenders.Count == 0, Offenders("Public exceptions derive from MartechException and have the three standard constructors.", offenders));
    }

    [Fact]
    public void ExtensibleEnums_ImplementInterfaceAndCarryJsonConverter()
    {
        var offenders = new List<string>();
        var candidates = ExportedTypes.Where(t => t.IsValueType && !t.IsEnum && (ImplementsExtensibleEnum(t) || LooksLikeExtensibleEnum(t))).ToList();
        foreach (Type type in candidates)
        {
            if (!ImplementsExtensibleEnum(type))
            {
                offenders.Add($"{type.Name} does not implement IExtensibleEnum<{type.Name}>");
            }

            var converter = type.GetCustomAttribute<JsonConverterAttribute>();
            Type expected = typeof(ExtensibleEnumJsonConverter<>).MakeGenericType(type);
            if (converter?.ConverterType != expected)
            {
                offenders.Add($"{type.Name} lacks [JsonConverter(typeof(ExtensibleEnumJsonConverter<{type.Name}>))]");
            }
        }

        Assert.True(candidates.Count >= 7, $"Found only {candidates.Count} extensible enums: {string.Join(", ", candidates.Select(t => t.Name))}.");
        Assert.True(offenders.Count == 0, Offenders("Extensible-enum structs implement IExtensibleEnum<T> and carry a JsonConverter attribute.", offenders));
    }

    [Fact]
    public void CapabilityImplementations_OutsideAbstractions_AreMiddlewareOrInternalSealed()
    {
        // Abstractions holds the Delegating bases; Testing ships public fakes for users' tests on purpose.
        var assemblies = Assemblies.Where(a => a != AbstractionsAssembly && a != TestingAssembly);
        var offenders = new List<string>();
        foreach (Type type in assemblies.SelectMany(AllTypes).Where(t => t.IsClass && !t.IsAbstract))
        {
            // A capability another one extends (ICampaignStatsClient under ICampaignClient) is checked through the wider one.
            Type[] implemented = [.. CapabilityInterfaces.Where(c => c.IsAssignableFrom(type))];
            foreach (Type capability in implemented.Where(c => !implemented.Any(w => w != c && c.IsAssignableFrom(w))))
            {
                Type? delegating = AbstractionsAssembly.GetType($"{capability.Namespace}.Delegating{capability.Name[1..]}");
                bool isMiddleware = delegating is not null && delegating.IsAssignableFrom(type);
                if (type.IsVisible && !isMiddleware)
                {
                    offenders.Add($"{type.FullName} is public and implements {capability.Name} without deriving from Delegating{capability.Name[1..]}");
                }
                else if (!type.IsVisible && !isMiddleware && !type.IsSealed)
                {
                    offenders.Add($"{type.FullName} implements {capability.Name} but is not sealed");
                }
            }
        }

        Assert.True(offenders.Count == 0, Offenders("Public classes implementing a capability are Delegating-derived middleware; providers are internal sealed.", offenders.Distinct()));
    }

    [Fact]
    public void OutputModels_ExposeReadOnlyCollections()
    {
        var offenders = new List<string>();
        foreach (Type type in ExportedTypes.Where(t => !InputTypes.Contains(t) && !(t.IsAbstract && t.IsSealed)))
        {
            foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                Type propertyType = property.PropertyType;

                // The DI builder contract (like IHttpClientBuilder.Services), not a model collection.
                if (propertyType == typeof(IServiceCollection))
                {
                    continue;
                }

                if (IsMutableCollection(propertyType))
                {
                    offenders.Add($"{Describe(type)}.{property.Name} is {Describe(propertyType)}");
                }
            }
        }

        Assert.True(
            offenders.Count == 0,
            Offenders("Collection properties of public models are IReadOnly* (IList/IDictionary/ISet only on input types: EmailMessage, MessageCard, OutgoingMessage, MartechHttpOptions, MartechRateLimitOptions, WebhookCallbackOptions, StandardWebhookOptions, VendorSloOptions, VendorSloObjectives, BusinessCalendarOptions, BusinessCalendarsOptions, the CSV import and export options, ContactMergeOptions).", offenders));
    }

    [Fact]
    public void DependencyInjectionExtensions_LiveInMicrosoftExtensionsDependencyInjection()
    {
        Type[] builderTypes = [typeof(IServiceCollection), typeof(MartechBuilder), typeof(MartechProviderBuilder)];
        var offenders = ExportedTypes
            .Where(t => t.IsAbstract && t.IsSealed)
            .Where(t => t.Name.EndsWith("BuilderExtensions", StringComparison.Ordinal)
                || t.Name.EndsWith("ServiceCollectionExtensions", StringComparison.Ordinal)
                || DeclaredPublicMethods(t).Any(m => m.IsDefined(typeof(System.Runtime.CompilerServices.ExtensionAttribute), false)
                    && m.GetParameters() is [var first, ..] && builderTypes.Contains(first.ParameterType)))
            .Where(t => t.Namespace != "Microsoft.Extensions.DependencyInjection")
            .Select(t => $"{t.FullName}")
            .ToList();

        Assert.True(offenders.Count == 0, Offenders("DI extension classes (*BuilderExtensions, *ServiceCollectionExtensions) are in namespace Microsoft.Extensions.DependencyInjection.", offenders));
    }

    [Theory]
    [InlineData(typeof(IList<string>), true)]
    [InlineData(typeof(List<string>), true)]
    [InlineData(typeof(string[]), true)]
    [InlineData(typeof(IDictionary<string, string>), true)]
    [InlineData(typeof(Dictionary<string, int>), true)]
    [InlineData(typeof(ICollection<int>), true)]
    [InlineData(typeof(ISet<int>), true)]
    [InlineData(typeof(HashSet<int>), true)]
    [InlineData(typeof(System.Text.Json.Nodes.JsonObject), true)]
    [InlineData(typeof(IServiceCollection), true)]
    [InlineData(typeof(IReadOnlyList<string>), false)]
    [InlineData(typeof(IReadOnlyCollection<string>), false)]
    [InlineData(typeof(IReadOnlyDictionary<string, string>), false)]
    [InlineData(typeof(IReadOnlySet<string>), false)]
    [InlineData(typeof(IEnumerable<string>), false)]
    [InlineData(typeof(CustomFieldCollection), false)]
    [InlineData(typeof(System.Collections.Immutable.ImmutableArray<int>), false)]
    [InlineData(typeof(System.Collections.ObjectModel.ReadOnlyCollection<int>), false)]
    [InlineData(typeof(string), false)]
    [InlineData(typeof(ReadOnlyMemory<byte>), false)]
    public void IsMutableCollection_ClassifiesPropertyTypes(Type type, bool expected)
    {
        Assert.Equal(expected, IsMutableCollection(type));
    }

    [Theory]
    [InlineData(typeof(Task), true)]
    [InlineData(typeof(Task<int>), true)]
    [InlineData(typeof(ValueTask), true)]
    [InlineData(typeof(ValueTask<int>), true)]
    [InlineData(typeof(IAsyncEnumerable<int>), true)]
    [InlineData(typeof(AsyncPageable<Contact>), true)]
    [InlineData(typeof(IEnumerable<int>), false)]
    [InlineData(typeof(IAsyncEnumerator<int>), false)]
    [InlineData(typeof(void), false)]
    public void ReturnsAsync_RecognisesAsyncShapes(Type returnType, bool expected)
    {
        Assert.Equal(expected, IsTaskLike(returnType) || IsStreamLike(returnType));
    }

    [Fact]
    public void ImplementsForeignContract_FrameworkOverridesYesOwnMembersNo()
    {
        Assert.True(ImplementsForeignContract(typeof(EmailAddressJsonConverter).GetMethod(nameof(EmailAddressJsonConverter.Read))!));
        Assert.True(ImplementsForeignContract(typeof(CustomFieldCollection).GetMethod(nameof(CustomFieldCollection.GetEnumerator))!));
        Assert.False(ImplementsForeignContract(typeof(DelegatingContactClient).GetMethod(nameof(DelegatingContactClient.GetAsync))!));
        Assert.False(ImplementsForeignContract(typeof(ContactClientExtensions).GetMethod(nameof(ContactClientExtensions.ListAllAsync))!));
    }

    /// <summary>
    /// Bulk calls run through the core's <see cref="BulkRun{T}"/>: no other assembly keeps its own bounded-concurrency
    /// loop. Checked in the IL (async bodies included), so a provider that calls Parallel.ForEachAsync itself fails.
    /// </summary>
    [Fact]
    public void ProviderAssemblies_RunBulkCallsThroughBulkRun_NotTheirOwnParallelLoop()
    {
        // The check can fail: the core's runner is found by it.
        Assert.Contains(CallersOfParallelForEachAsync(CoreAssembly), static m => m.StartsWith("BulkRun", StringComparison.Ordinal));

        var offenders = new List<string>();
        foreach (Assembly assembly in Assemblies.Where(static a => a != CoreAssembly && a != AbstractionsAssembly))
        {
            offenders.AddRange(CallersOfParallelForEachAsync(assembly).Select(m => $"{assembly.GetName().Name}: {m}"));
        }

        Assert.True(offenders.Count == 0, Offenders("Run bulk calls through BulkRun<T> (src/Martech.Sdk/Bulk) instead of a Parallel.ForEachAsync loop of the provider's own.", offenders));
    }

    /// <summary>The methods (by declaring type and name) whose IL calls <see cref="Parallel"/>.ForEachAsync.</summary>
    private static List<string> CallersOfParallelForEachAsync(Assembly assembly)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var callers = new List<string>();
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            types = ex.Types;
        }

        foreach (Type? type in types)
        {
            if (type is null)
            {
                continue;
            }

            foreach (MethodBase method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                byte[]? il = method.GetMethodBody()?.GetILAsByteArray();
                if (il is null)
                {
                    continue;
                }

                for (int i = 0; i + 4 < il.Length; i++)
                {
                    // call (0x28) or callvirt (0x6F), then a method token: a MethodDef, MemberRef or MethodSpec.
                    if (il[i] is not (0x28 or 0x6F) || il[i + 4] is not (0x06 or 0x0A or 0x2B))
                    {
                        continue;
                    }

                    MethodBase? called;
                    try
                    {
                        called = method.Module.ResolveMethod(
                            BitConverter.ToInt32(il, i + 1),
                            type.IsGenericType ? type.GetGenericArguments() : null,
                            method.IsGenericMethod ? method.GetGenericArguments() : null);
                    }
                    catch (Exception ex) when (ex is ArgumentException or BadImageFormatException or TypeLoadException or MissingMemberException)
                    {
                        continue; // not an instruction boundary
                    }

                    if (called?.DeclaringType == typeof(Parallel) && called.Name == nameof(Parallel.ForEachAsync))
                    {
                        Type owner = type;
                        while (owner.IsNested && owner.Name.Contains('<', StringComparison.Ordinal))
                        {
                            owner = owner.DeclaringType!; // an async state machine or lambda closure: name its method's type
                        }

                        callers.Add($"{owner.Name}.{(owner == type ? method.Name : type.Name)}");
                        break;
                    }
                }
            }
        }

        return callers;
    }

    private static bool ImplementsExtensibleEnum(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IExtensibleEnum<>) && i.GetGenericArguments()[0] == type);

    // The extensible-enum shape: a public (string) constructor, a string Value, and static members of its own type.
    private static bool LooksLikeExtensibleEnum(Type type) =>
        type.GetConstructor([typeof(string)]) is not null
        && type.GetProperty("Value")?.PropertyType == typeof(string)
        && type.GetProperties(BindingFlags.Public | BindingFlags.Static).Any(p => p.PropertyType == type);

    internal static bool IsMutableCollection(Type type)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return false;
        }

        if (type.IsArray)
        {
            return true;
        }

        // Immutable and read-only wrappers implement IList<T> only to throw on writes.
        string? ns = type.Namespace;
        if (ns is "System.Collections.Immutable" or "System.Collections.Frozen"
            || (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(System.Collections.ObjectModel.ReadOnlyCollection<>)
                || type.GetGenericTypeDefinition() == typeof(System.Collections.ObjectModel.ReadOnlyDictionary<,>))))
        {
            return false;
        }

        IEnumerable<Type> shapes = type.IsInterface ? type.GetInterfaces().Append(type) : type.GetInterfaces();
        return shapes.Any(i => i == typeof(IList) || i == typeof(IDictionary)
            || (i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(ICollection<>) || i.GetGenericTypeDefinition() == typeof(ISet<>))));
    }
}

using System.Reflection;
using System.Runtime.CompilerServices;

namespace Martech.Sdk.Tests.Conventions;

/// <summary>The shipped Martech.Sdk assemblies this test project references, and reflection helpers over them.</summary>
internal static class PublicApi
{
    /// <summary>Every Martech.Sdk* assembly next to the tests (the src/ projects the test project references).</summary>
    public static IReadOnlyList<Assembly> Assemblies { get; } = LoadAssemblies();

    public static Assembly AbstractionsAssembly => typeof(EmailAddress).Assembly;

    public static Assembly CoreAssembly => typeof(MartechBuilder).Assembly;

    public static Assembly? TestingAssembly => Assemblies.FirstOrDefault(a => a.GetName().Name == "Martech.Sdk.Testing");

    /// <summary>The public (exported) types of every assembly.</summary>
    public static IEnumerable<Type> ExportedTypes => Assemblies.SelectMany(a => a.GetExportedTypes());

    /// <summary>The capability interfaces: the interfaces in Abstractions with a <c>GetService(Type, object?)</c> method,
    /// their own or inherited (<c>ICampaignClient</c> extends <c>ICampaignStatsClient</c>).</summary>
    public static IReadOnlyList<Type> CapabilityInterfaces { get; } = AbstractionsAssembly.GetExportedTypes()
        .Where(t => t.IsInterface && new[] { t }.Concat(t.GetInterfaces()).Any(i => i.GetMethod("GetService", [typeof(Type), typeof(object)]) is not null))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToList();

    /// <summary>Every type of an assembly, public or not, that is not compiler-generated.</summary>
    public static IEnumerable<Type> AllTypes(Assembly assembly)
    {
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            types = ex.Types;
        }

        return types.OfType<Type>().Where(t => !t.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false));
    }

    /// <summary>The public methods a type declares itself, without property/event accessors and operators.</summary>
    public static IEnumerable<MethodInfo> DeclaredPublicMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && !m.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false));

    /// <summary>Whether a method is an xunit test (the conformance suite's tests cannot take a token).</summary>
    public static bool IsTestMethod(MethodInfo method) => method.IsDefined(typeof(FactAttribute), inherit: true);

    /// <summary>
    /// Whether a method's shape is fixed by a contract outside Martech.Sdk: an override of a framework base method
    /// or the implementation of a framework interface member (IAsyncDisposable.DisposeAsync, IAsyncLifetime, …).
    /// </summary>
    public static bool ImplementsForeignContract(MethodInfo method)
    {
        if (method.IsVirtual && method.GetBaseDefinition() is { } baseDefinition && baseDefinition != method && !IsOurs(baseDefinition.DeclaringType!.Assembly))
        {
            return true;
        }

        Type type = method.DeclaringType!;
        if (type.IsInterface || method.IsStatic)
        {
            return false;
        }

        foreach (Type iface in type.GetInterfaces())
        {
            if (IsOurs(iface.Assembly))
            {
                continue;
            }

            var map = type.GetInterfaceMap(iface);
            if (map.TargetMethods.Contains(method))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a method returns a Task, ValueTask, IAsyncEnumerable or AsyncPageable.</summary>
    public static bool ReturnsAsync(MethodInfo method) => IsTaskLike(method.ReturnType) || IsStreamLike(method.ReturnType);

    public static bool IsTaskLike(Type type) =>
        type == typeof(Task) || type == typeof(ValueTask)
        || (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        || (type.IsSubclassOf(typeof(Task)));

    public static bool IsStreamLike(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>))
        {
            return true;
        }

        for (Type? t = type; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(AsyncPageable<>))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsOurs(Assembly assembly) => Assemblies.Contains(assembly);

    /// <summary>A readable name for a member, such as <c>AsyncPageable&lt;T&gt;.AsPages</c>.</summary>
    public static string Describe(MemberInfo member) => $"{Describe(member.DeclaringType!)}.{member.Name}";

    public static string Describe(Type type)
    {
        string name = type.IsGenericType ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(",", type.GetGenericArguments().Select(Describe))}>" : type.Name;
        return type.IsNested && !type.IsGenericParameter ? $"{Describe(type.DeclaringType!)}.{name}" : name;
    }

    /// <summary>Formats offenders as a failure message, one per line.</summary>
    public static string Offenders(string rule, IEnumerable<string> offenders) =>
        $"{rule}\nOffenders:\n  " + string.Join("\n  ", offenders);

    private static List<Assembly> LoadAssemblies()
    {
        // Touch the assemblies the test project references directly so they are loaded, then take every
        // Martech.Sdk* assembly copied next to the tests: a src/ project added as a reference is covered automatically.
        var found = new Dictionary<string, Assembly>(StringComparer.Ordinal)
        {
            [typeof(EmailAddress).Assembly.GetName().Name!] = typeof(EmailAddress).Assembly,
            [typeof(MartechBuilder).Assembly.GetName().Name!] = typeof(MartechBuilder).Assembly,
        };

        string testAssembly = typeof(PublicApi).Assembly.GetName().Name!;
        foreach (string path in Directory.EnumerateFiles(AppContext.BaseDirectory, "Martech.Sdk*.dll"))
        {
            string name = Path.GetFileNameWithoutExtension(path);
            if (name == testAssembly || found.ContainsKey(name))
            {
                continue;
            }

            found[name] = Assembly.Load(new AssemblyName(name));
        }

        return found.Values.OrderBy(a => a.GetName().Name, StringComparer.Ordinal).ToList();
    }
}

using System.Reflection;
using System.Text.Json;
using Martech.Sdk.Testing;
using Martech.Sdk.Testing.Conformance;

namespace Martech.Sdk.Tests.Testing;

/// <summary>The testing split: the emulator kit pulls in no test framework, so an app or any test framework can use
/// it; the xunit conformance suite is its own package.</summary>
public class TestingPackageTests
{
    private static readonly string[] TestFrameworks = ["xunit", "nunit", "mstest", "Microsoft.VisualStudio.TestPlatform", "TUnit", "Microsoft.Testing"];

    [Fact]
    public void TestingAssembly_ReferencesNoTestFrameworkAssembly()
    {
        AssemblyName[] references = typeof(VendorEmulator).Assembly.GetReferencedAssemblies();

        Assert.DoesNotContain(references, r => IsTestFramework(r.Name!));
        Assert.Contains(typeof(ContactClientConformanceTests).Assembly.GetReferencedAssemblies(), r => r.Name!.StartsWith("xunit", StringComparison.Ordinal));
    }

    [Fact]
    public void TestingPackage_DependsOnNoTestFramework_AnywhereInItsDependencyGraph()
    {
        // The deps file lists each project's dependencies as its package will declare them, transitively.
        using JsonDocument deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Martech.Sdk.Tests.deps.json")));
        JsonElement target = deps.RootElement.GetProperty("targets").EnumerateObject().First().Value;

        HashSet<string> closure = Closure(target, "Martech.Sdk.Testing");
        HashSet<string> conformance = Closure(target, "Martech.Sdk.Testing.Conformance");

        Assert.Contains("Martech.Sdk", closure);
        Assert.DoesNotContain(closure, IsTestFramework);
        Assert.Contains("Martech.Sdk.Testing", conformance);
        Assert.Contains("xunit", conformance);
    }

    private static bool IsTestFramework(string name) => TestFrameworks.Any(f => name.StartsWith(f, StringComparison.OrdinalIgnoreCase));

    private static HashSet<string> Closure(JsonElement target, string root)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>([root]);
        while (pending.TryPop(out string? name))
        {
            JsonProperty entry = target.EnumerateObject().Single(p => p.Name.StartsWith(name + "/", StringComparison.OrdinalIgnoreCase));
            if (!entry.Value.TryGetProperty("dependencies", out JsonElement dependencies))
            {
                continue;
            }

            foreach (JsonProperty dependency in dependencies.EnumerateObject())
            {
                if (seen.Add(dependency.Name))
                {
                    pending.Push(dependency.Name);
                }
            }
        }

        return seen;
    }
}

using System.Xml.Linq;

namespace Martech.Sdk.Docs.Tests;

/// <summary>
/// The assemblies a console app gets from a set of packages and everything they depend on: the SDK's packages from
/// their projects (built next to these tests), other packages from the machine's NuGet cache (their nuspec's
/// dependencies for .NET 10 and their <c>lib</c> folder), at the versions of Directory.Packages.props.
/// </summary>
internal static class PackageClosure
{
    private static readonly string[] Frameworks = ["net10.0", "net9.0", "net8.0", "netstandard2.1", "netstandard2.0"];

    public static IReadOnlyList<string> Assemblies(IEnumerable<string> packages)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var assemblies = new List<string>();
        var pending = new Stack<(string Name, string? Version)>(packages.Select(p => (p, (string?)null)));
        while (pending.TryPop(out var package))
        {
            if (!seen.Add(package.Name))
            {
                continue;
            }

            string project = Repository.FullPath($"src/{package.Name}/{package.Name}.csproj");
            if (File.Exists(project))
            {
                assemblies.Add(Path.Combine(AppContext.BaseDirectory, package.Name + ".dll"));
                XDocument xml = XDocument.Load(project);
                foreach (XElement reference in xml.Descendants("ProjectReference"))
                {
                    pending.Push((Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value.Replace('\\', '/')), null));
                }

                foreach (XElement reference in xml.Descendants("PackageReference"))
                {
                    pending.Push((reference.Attribute("Include")!.Value, null));
                }

                if (xml.Descendants("FrameworkReference").Any(f => f.Attribute("Include")?.Value == "Microsoft.AspNetCore.App"))
                {
                    assemblies.AddRange(SharedFramework("Microsoft.AspNetCore.App"));
                }

                continue;
            }

            string version = CentralVersion(package.Name) ?? package.Version
                ?? throw new InvalidOperationException($"No version for {package.Name}: not in Directory.Packages.props and not a dependency.");
            string folder = Path.Combine(PackagesFolder(), package.Name.ToLowerInvariant(), version);
            string nuspec = Path.Combine(folder, package.Name.ToLowerInvariant() + ".nuspec");
            if (!File.Exists(nuspec))
            {
                throw new InvalidOperationException($"{package.Name} {version} is not in the NuGet cache ({folder}); restore the solution first.");
            }

            XNamespace ns = XDocument.Load(nuspec).Root!.Name.Namespace;
            XElement[] groups = [.. XDocument.Load(nuspec).Descendants(ns + "group")];
            XElement? group = Frameworks.Select(f => groups.FirstOrDefault(g => Normalize(g.Attribute("targetFramework")?.Value) == f)).FirstOrDefault(g => g is not null)
                ?? groups.FirstOrDefault(g => g.Attribute("targetFramework") is null);
            foreach (XElement dependency in group?.Elements(ns + "dependency") ?? [])
            {
                string range = dependency.Attribute("version")!.Value.Trim('[', ']', '(', ')');
                pending.Push((dependency.Attribute("id")!.Value, range.Split(',')[0]));
            }

            string? lib = Frameworks.Select(f => Path.Combine(folder, "lib", f)).FirstOrDefault(Directory.Exists);
            if (lib is not null)
            {
                assemblies.AddRange(Directory.EnumerateFiles(lib, "*.dll"));
            }
        }

        return assemblies;
    }

    /// <summary>The assemblies of a shared framework the tests run on, such as Microsoft.NETCore.App.</summary>
    public static IEnumerable<string> SharedFramework(string name)
    {
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        string marker = $"{Path.DirectorySeparatorChar}shared{Path.DirectorySeparatorChar}{name}{Path.DirectorySeparatorChar}";
        return trusted.Split(Path.PathSeparator).Where(p => p.Contains(marker, StringComparison.Ordinal) && p.EndsWith(".dll", StringComparison.Ordinal));
    }

    private static string? CentralVersion(string package) =>
        XDocument.Load(Repository.FullPath("Directory.Packages.props")).Descendants("PackageVersion")
            .FirstOrDefault(p => string.Equals(p.Attribute("Include")?.Value, package, StringComparison.OrdinalIgnoreCase))
            ?.Attribute("Version")?.Value;

    private static string PackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static string? Normalize(string? framework) => framework?.ToLowerInvariant() switch
    {
        null => null,
        ".netstandard2.0" => "netstandard2.0",
        ".netstandard2.1" => "netstandard2.1",
        var f when f.StartsWith("net", StringComparison.Ordinal) => f,
        _ => framework,
    };
}

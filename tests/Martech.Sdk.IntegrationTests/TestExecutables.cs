namespace Martech.Sdk.IntegrationTests;

/// <summary>Finds the helper programs the tests start as separate processes (tests/Martech.Sdk.JobWorker,
/// tests/Martech.Sdk.ScaleOutWorker, tests/Martech.Sdk.WebhookTestHost). Each is a project reference of the tests
/// without its assembly, so building the tests builds it, and its output sits in its own bin folder under the same
/// configuration and target framework as the tests'.</summary>
internal static class TestExecutables
{
    /// <summary>The path of the helper project's assembly, to run with <c>dotnet &lt;path&gt;</c>.</summary>
    /// <param name="project">The project's folder and assembly name under tests/, such as <c>Martech.Sdk.JobWorker</c>.</param>
    /// <returns>The assembly's full path.</returns>
    /// <exception cref="FileNotFoundException">The project was not built.</exception>
    public static string PathOf(string project)
    {
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        string framework = output.Name;
        string configuration = output.Parent!.Name;
        DirectoryInfo? dir = output;
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Martech.Sdk.sln")))
        {
            dir = dir.Parent;
        }

        string path = Path.Combine(dir?.FullName ?? ".", "tests", project, "bin", configuration, framework, project + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{project} was not built: {path}. Build tests/Martech.Sdk.IntegrationTests, which builds it.");
    }
}

namespace Martech.Sdk.Testing;

/// <summary>Marks the Martech.Sdk.Testing assembly.</summary>
internal static class TestingAssembly;

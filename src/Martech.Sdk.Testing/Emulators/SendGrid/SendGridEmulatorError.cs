namespace Martech.Sdk.Testing;

/// <summary>One error of a SendGrid error body, as the emulator writes it.</summary>
/// <param name="Field">The field at fault, or <see langword="null"/>.</param>
/// <param name="Message">What is wrong.</param>
internal sealed record SendGridEmulatorError(string? Field, string Message);

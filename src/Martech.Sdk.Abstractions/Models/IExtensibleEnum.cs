namespace Martech.Sdk;

/// <summary>
/// An open set of string values with well-known members (an "extensible enum"). A value the SDK does not know,
/// such as a lifecycle stage a vendor added last month, is kept as it is instead of failing the read.
/// </summary>
/// <typeparam name="TSelf">The implementing struct.</typeparam>
public interface IExtensibleEnum<TSelf>
    where TSelf : struct, IExtensibleEnum<TSelf>
{
    /// <summary>The value as the vendor or the SDK writes it.</summary>
    string Value { get; }

    /// <summary>Creates an instance for a value.</summary>
    /// <param name="value">The value; not null or white space.</param>
    /// <returns>The instance.</returns>
    static abstract TSelf Create(string value);
}

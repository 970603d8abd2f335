using System.Diagnostics.CodeAnalysis;

namespace Tidegate.Domain.Common;

/// <summary>Either a value or an <see cref="Error"/>; rules return these instead of throwing.</summary>
public readonly struct Result<T>
{
    private Result(T? value, Error? error) => (Value, Error) = (value, error);

    public T? Value { get; }
    public Error? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsOk => Error is null;

    public static implicit operator Result<T>(T value) => new(value, null);
    public static implicit operator Result<T>(Error error) => new(default, error);
}

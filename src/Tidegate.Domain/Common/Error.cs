namespace Tidegate.Domain.Common;

/// <summary>A refusal with a stable code from the API contract, a human detail and optional extra members.</summary>
public sealed record Error(string Code, string Detail, IReadOnlyDictionary<string, object?>? Extra = null)
{
    public Error With(string name, object? value)
    {
        var extra = new Dictionary<string, object?>(Extra ?? new Dictionary<string, object?>()) { [name] = value };
        return this with { Extra = extra };
    }
}

using Tidegate.Domain.Common;

namespace Tidegate.Domain.Staff;

/// <summary>
/// What a staff password must be: at least <see cref="MinimumLength"/> characters and not one of the
/// passwords every guessing list starts with (compared without case, spaces or trailing digits).
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 256;

    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passwordpassword", "qwertyuiop", "qwertyuiopasdf", "letmein", "welcome", "iloveyou",
        "administrator", "adminadmin", "changeme", "trustno1", "sunshine", "football", "baseball",
        "aquarium", "tidegate", "sameshine", "abcdefghijkl", "abcdefghijklmnop", "qwerty", "asdfghjkl",
        "monkey", "dragon", "princess", "superman", "starwars", "whatever", "passw0rd", "p@ssw0rd",
        "zaq12wsx", "1qaz2wsx", "1q2w3e4r5t6y", "q1w2e3r4t5y6",
    };

    public static Error? Check(string? password)
    {
        if (password is null || password.Length < MinimumLength)
            return Weak($"A staff password needs at least {MinimumLength} characters.");
        if (password.Length > MaximumLength) return Weak($"A staff password has at most {MaximumLength} characters.");
        if (IsCommon(password)) return Weak("This password is on every list of common passwords: choose another.");
        return null;
    }

    private static bool IsCommon(string password)
    {
        var core = password.Replace(" ", "", StringComparison.Ordinal).TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '!');
        // One character repeated, or a run of digits alone ("111111111111", "123456789012").
        if (password.Distinct().Count() <= 2 || password.All(char.IsAsciiDigit)) return true;
        return core.Length == 0 || Common.Contains(core) || Common.Contains(password);
    }

    private static Error Weak(string detail) => new(ErrorCodes.WeakPassword, detail);
}

namespace Tidegate.Domain.Staff;

/// <summary>
/// What a person must do before their sign-in opens a full session: choose their own password after
/// a one-time one, and (admins and operators) enrol a second factor. Until then the session is a
/// setup session that may only do these steps and sign out. Analysts may enrol but need not.
/// </summary>
public static class SetupSteps
{
    public const string Password = "password";
    public const string SecondFactor = "second_factor";

    /// <summary>The steps left, in the order the console walks them (password first).</summary>
    public static IReadOnlyList<string> Required(string role, bool mustChangePassword, bool enrolled)
    {
        var steps = new List<string>(2);
        if (mustChangePassword) steps.Add(Password);
        if (!enrolled && NeedsSecondFactor(role)) steps.Add(SecondFactor);
        return steps;
    }

    public static bool NeedsSecondFactor(string role) => role is StaffRole.Admin or StaffRole.Operator;
}

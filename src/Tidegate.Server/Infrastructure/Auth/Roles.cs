namespace Tidegate.Server.Infrastructure.Auth;

public static class Roles
{
    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Analyst = "analyst";
    public const string Gate = "gate";
    public const string Partner = "partner";
    public const string Member = "member";
    /// <summary>
    /// A staff person whose setup is unfinished (one-time password, or no second factor where one is
    /// required): the token and cookie carry this role, not theirs, so every role-named policy refuses
    /// them (403) except <see cref="Policies.StaffSetup"/>. Their real role is in <see cref="AuthSchemes.StaffRoleClaim"/>.
    /// </summary>
    public const string StaffSetup = "staff-setup";

    public static readonly IReadOnlySet<string> Staff = new HashSet<string> { Admin, Operator, Analyst, Gate, Partner };
    public static readonly IReadOnlySet<string> All = new HashSet<string> { Admin, Operator, Analyst, Gate, Partner, Member };
}

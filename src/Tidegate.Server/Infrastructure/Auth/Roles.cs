namespace Tidegate.Server.Infrastructure.Auth;

public static class Roles
{
    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Analyst = "analyst";
    public const string Gate = "gate";
    public const string Partner = "partner";
    public const string Member = "member";

    public static readonly IReadOnlySet<string> Staff = new HashSet<string> { Admin, Operator, Analyst, Gate, Partner };
    public static readonly IReadOnlySet<string> All = new HashSet<string> { Admin, Operator, Analyst, Gate, Partner, Member };
}

using Microsoft.AspNetCore.Authorization;

namespace Tidegate.Server.Infrastructure.Auth;

/// <summary>
/// Who may call, named once and put on each route group (STYLE.md): <c>.RequireAuthorization(Policies.Operator)</c>.
/// A caller without a valid token gets 401, one of another role 403, as problem+json (BearerHandler).
/// </summary>
public static class Policies
{
    /// <summary>Any staff person: admin, operator or analyst.</summary>
    public const string Staff = "Staff";
    public const string Admin = "Admin";
    /// <summary>Running the day: operator or admin.</summary>
    public const string Operator = "Operator";
    /// <summary>Aggregates without personal data: analyst or admin.</summary>
    public const string Analyst = "Analyst";
    /// <summary>
    /// Any staff session, a setup session too: enrolment, password change, sign-out. A setup session
    /// (role <see cref="Roles.StaffSetup"/>) is refused by every other policy.
    /// </summary>
    public const string StaffSetup = "StaffSetup";
    /// <summary>Gate devices.</summary>
    public const string Gate = "Gate";

    public static AuthorizationBuilder AddTidegatePolicies(this AuthorizationBuilder auth) => auth
        .AddPolicy(Staff, p => p.RequireRole(Roles.Admin, Roles.Operator, Roles.Analyst))
        .AddPolicy(StaffSetup, p => p.RequireRole(Roles.Admin, Roles.Operator, Roles.Analyst, Roles.StaffSetup))
        .AddPolicy(Admin, p => p.RequireRole(Roles.Admin))
        .AddPolicy(Operator, p => p.RequireRole(Roles.Admin, Roles.Operator))
        .AddPolicy(Analyst, p => p.RequireRole(Roles.Admin, Roles.Analyst))
        .AddPolicy(Gate, p => p.RequireRole(Roles.Gate));
}

namespace Tidegate.Domain.Staff;

/// <summary>The roles a staff account can have (gate devices and partners are not people).</summary>
public static class StaffRole
{
    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Analyst = "analyst";

    public static readonly IReadOnlyList<string> All = [Admin, Operator, Analyst];

    public static bool IsValid(string? role) => role is not null && All.Contains(role);
}

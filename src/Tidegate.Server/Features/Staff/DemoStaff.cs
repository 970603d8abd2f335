using Tidegate.Domain.Common;
using Tidegate.Domain.Staff;
using Tidegate.Server.Features.Audit;

namespace Tidegate.Server.Features.Staff;

/// <summary>
/// The demo's staff, in Development with the dev tools on: one account per role with a known
/// password and no second factor, so the README's first command shows the console at once.
/// </summary>
public sealed class DemoStaff(CreateStaff create, ILogger<DemoStaff> logger)
{
    public const string Password = "tidegate-demo-2026";
    public static string EmailOf(string role) => $"{role}@demo.tidegate.local";

    public async Task SeedAsync(CancellationToken ct = default)
    {
        foreach (var role in StaffRole.All)
        {
            var created = await create.ExecuteAsync(new CreateStaff.Request(EmailOf(role), $"Demo {role}", role, Password), AuditActor.System("demo"), ct);
            if (!created.IsOk && created.Error.Code != ErrorCodes.EmailTaken)
                throw new InvalidOperationException($"The demo {role} account was refused: {created.Error.Detail}");
        }
        logger.LogInformation(
            "Demo staff: sign in with {Admin}, {Operator} or {Analyst}, password {Password} (POST /api/v1/staff/session)",
            EmailOf(StaffRole.Admin), EmailOf(StaffRole.Operator), EmailOf(StaffRole.Analyst), Password);
    }
}

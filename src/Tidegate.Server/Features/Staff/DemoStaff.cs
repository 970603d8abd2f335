using Dapper;
using Tidegate.Domain.Common;
using Tidegate.Domain.Staff;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Audit;
using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Privacy;

namespace Tidegate.Server.Features.Staff;

/// <summary>
/// The demo's staff, in Development with the dev tools on only (refused otherwise): one account per
/// role with a known password; admin and operator enrolled with one published authenticator key, so
/// the README's first command gets into the console without a phone (the sign-in page shows the
/// key's current code while the dev tools are on).
/// </summary>
public sealed class DemoStaff(CreateStaff create, Db db, PersonalData personal, IHostEnvironment environment,
    DevToolsOptions devTools, ILogger<DemoStaff> logger)
{
    public const string Password = "tidegate-demo-2026";
    /// <summary>Public by design: anyone who reads the README knows it, which is why it exists only in the demo.</summary>
    public const string AuthenticatorKey = "TIDEGATEDEMOKEY2TIDEGATEDEMOKEY2";
    public static string EmailOf(string role) => $"{role}@demo.tidegate.local";

    /// <summary>Whether the demo accounts exist here (and the sign-in page may show them).</summary>
    public bool Enabled => environment.IsDevelopment() && devTools.DevTools;

    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (!Enabled) throw new InvalidOperationException("The demo staff exist only in Development with the dev tools on.");
        foreach (var role in StaffRole.All)
        {
            var created = await create.ExecuteAsync(new CreateStaff.Request(EmailOf(role), $"Demo {role}", role, Password), AuditActor.System("demo"), ct, oneTimePassword: false);
            if (!created.IsOk && created.Error.Code != ErrorCodes.EmailTaken)
                throw new InvalidOperationException($"The demo {role} account was refused: {created.Error.Detail}");
            if (created.IsOk && SetupSteps.NeedsSecondFactor(role))
                await db.WriteAsync((c, tx) => c.ExecuteAsync(StaffSql.EnrolDemo,
                    new { Id = created.Value.StaffId, Secret = personal.Encrypt(AuthenticatorKey) }, tx), ct);
        }
        logger.LogInformation(
            "Demo staff: sign in at /console/sign-in with {Admin}, {Operator} or {Analyst}, password {Password}; admin and operator " +
            "also need the code of the demo authenticator key {Key} (the sign-in page shows it while the dev tools are on)",
            EmailOf(StaffRole.Admin), EmailOf(StaffRole.Operator), EmailOf(StaffRole.Analyst), Password, AuthenticatorKey);
    }

    /// <summary>The demo key's code now, for the sign-in page's demo box.</summary>
    public string CodeNow(DateTimeOffset now) => OtpCodes.CodeAt(AuthenticatorKey, now);
}

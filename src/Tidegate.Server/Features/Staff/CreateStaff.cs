using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Tidegate.Domain.Common;
using Tidegate.Domain.Staff;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Audit;
using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Privacy;

namespace Tidegate.Server.Features.Staff;

/// <summary>
/// POST /api/v1/admin/staff {email, name, role, password} (admin) → 201 {staffId}; also the
/// `staff create` command and the demo's accounts. The email is stored encrypted, found by its
/// keyed hash: two spellings of one address (case, spaces) are one account, <c>409 email_taken</c>.
/// The password is chosen for someone else, so its person must change it at first sign-in (SetupSteps).
/// </summary>
public sealed class CreateStaff(Db db, PersonalData personal, IPasswordHasher<StaffAccount> hasher, AuditLog audit, TimeProvider clock)
{
    public sealed record Request(string? Email, string? Name, string? Role, string? Password);
    public sealed record Response(string StaffId);

    public static async Task<IResult> Handle(Body<Request> body, ClaimsPrincipal user, CreateStaff useCase, CancellationToken ct)
    {
        var result = await useCase.ExecuteAsync(body.Value, AuditActor.Of(user), ct, oneTimePassword: true);
        return result.IsOk ? TypedResults.Created($"/api/v1/admin/staff/{result.Value.StaffId}", result.Value) : Problems.From(result.Error);
    }

    /// <summary>Creates the account and its audit entry (by <paramref name="by"/>) in one transaction.</summary>
    /// <param name="oneTimePassword">True (the API, the command, the console): the person must choose their own password at first sign-in.</param>
    public async Task<Result<Response>> ExecuteAsync(Request request, AuditActor by, CancellationToken ct, bool oneTimePassword)
    {
        if (request.Email is not { } email || !LooksLikeEmail(email))
            return Invalid("email", "'email' must be an email address.");
        if (!StaffRole.IsValid(request.Role)) return Invalid("role", $"'role' must be one of: {string.Join(", ", StaffRole.All)}.");
        var name = string.IsNullOrWhiteSpace(request.Name) ? email.Trim() : request.Name.Trim();
        if (name.Length > 200) return Invalid("name", "'name' has at most 200 characters.");
        if (PasswordPolicy.Check(request.Password) is { } weak) return weak;

        var row = new
        {
            Id = Guid.CreateVersion7().ToString(),
            EmailKey = personal.EmailKey(email),
            Email = personal.Encrypt(PersonalData.NormaliseEmail(email)),
            Name = personal.Encrypt(name),
            request.Role,
            PasswordHash = hasher.HashPassword(StaffAccount.Any, request.Password!),
            MustChangePassword = oneTimePassword ? 1 : 0,
            CreatedAt = clock.GetUtcNow(),
        };
        var inserted = await db.WriteAsync(async (c, tx) =>
        {
            if (await c.ExecuteAsync(StaffSql.Insert, row, tx) == 0) return false;
            await audit.AppendAsync(c, tx, by.Did("staff.created", row.Id, $"role={row.Role}"));
            return true;
        }, ct);
        if (!inserted) return new Error(ErrorCodes.EmailTaken, "A staff account with this email already exists.");
        return new Response(row.Id);
    }

    private static bool LooksLikeEmail(string email)
    {
        var trimmed = email.Trim();
        var at = trimmed.IndexOf('@');
        return trimmed.Length <= 254 && at > 0 && at < trimmed.Length - 1 && !trimmed.Contains(' ');
    }

    private static Error Invalid(string field, string detail) => new Error(ErrorCodes.InvalidRequest, detail).With("field", field);
}

/// <summary>The type PasswordHasher is keyed on; Identity's hasher does not read the user, so one stands for all.</summary>
public sealed class StaffAccount
{
    public static readonly StaffAccount Any = new();
}

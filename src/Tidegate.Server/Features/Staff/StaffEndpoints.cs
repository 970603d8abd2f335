using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Tidegate.Server.Features.Audit;
using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.Staff;

public static class StaffEndpoints
{
    public static IServiceCollection AddStaff(this IServiceCollection services) => services
        .AddSingleton<IPasswordHasher<StaffAccount>, PasswordHasher<StaffAccount>>()
        .AddSingleton<StaffSessions>()
        .AddSingleton<IStaffSessions>(sp => sp.GetRequiredService<StaffSessions>())
        .AddSingleton<CreateStaff>()
        .AddSingleton<SignIn>()
        .AddSingleton<StaffOtp>()
        .AddSingleton<ChangePassword>()
        .AddSingleton<DemoStaff>()
        .AddSingleton<ListStaff>()
        .AddSingleton<IActorNames>(sp => sp.GetRequiredService<ListStaff>())
        .AddSingleton<StaffChanges>()
        .AddSingleton<ChangeStaff>()
        .AddSingleton<ResetSecondFactor>()
        .AddSingleton<UnlockStaff>();

    public static IEndpointRouteBuilder MapStaff(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/staff/session", SignIn.Handle).WithBody<SignIn.Request>().WithName("StaffSignIn")
            .RequireRateLimiting(RateLimits.SignIn);

        // What a setup session may do (a full session too): finish its setup, or sign out.
        var setup = app.MapGroup("/api/v1/staff").RequireAuthorization(Policies.StaffSetup);
        setup.MapDelete("/session", EndSession).WithName("StaffSignOut");
        setup.MapPost("/otp/enrol", StaffOtp.Enrol).WithName("StaffOtpEnrol");
        setup.MapPost("/otp/confirm", StaffOtp.Confirm).WithBody<StaffOtp.ConfirmRequest>().WithName("StaffOtpConfirm");
        setup.MapPost("/password", ChangePassword.Handle).WithBody<ChangePassword.Request>().WithName("StaffChangePassword")
            .RequireRateLimiting(RateLimits.SignIn); // it checks a password too

        var signedIn = app.MapGroup("/api/v1/staff").RequireAuthorization(Policies.Staff);
        signedIn.MapPost("/sessions/end-all", EndAllSessions).WithName("StaffEndAllSessions");

        var admin = app.MapGroup("/api/v1/admin/staff").RequireAuthorization(Policies.Admin);
        admin.MapPost("", CreateStaff.Handle).WithBody<CreateStaff.Request>().WithName("CreateStaff");
        admin.MapGet("", ListStaff.Handle).WithName("ListStaff");
        admin.MapPatch("/{staffId}", ChangeStaff.Handle).WithBody<ChangeStaff.Request>().WithName("ChangeStaff");
        admin.MapPost("/{staffId}/second-factor/reset", ResetSecondFactor.Handle).WithName("ResetStaffSecondFactor");
        admin.MapPost("/{staffId}/unlock", UnlockStaff.Handle).WithName("UnlockStaff");
        return app;
    }

    /// <summary>DELETE /api/v1/staff/session: ends this session (its token and cookie) → 204.</summary>
    private static async Task<IResult> EndSession(HttpContext http, StaffSessions sessions, CancellationToken ct)
    {
        if (http.User.FindFirstValue(AuthSchemes.SessionClaim) is not { } session) return StaffOtp.NoSession();
        await sessions.EndAsync(session, ct);
        await http.SignOutAsync(AuthSchemes.StaffCookie);
        return TypedResults.NoContent();
    }

    /// <summary>POST /api/v1/staff/sessions/end-all: ends every session of the signed-in person, this one too → 200 {ended}.</summary>
    private static async Task<IResult> EndAllSessions(HttpContext http, StaffSessions sessions, CancellationToken ct)
    {
        if (StaffOtp.StaffOf(http.User) is not { } staffId) return StaffOtp.NoSession();
        var ended = await sessions.EndAllAsync(staffId, ct);
        await http.SignOutAsync(AuthSchemes.StaffCookie);
        return TypedResults.Ok(new { ended });
    }
}

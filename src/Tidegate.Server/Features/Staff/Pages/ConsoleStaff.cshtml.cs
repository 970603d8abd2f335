using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Tidegate.Domain.Common;
using Tidegate.Domain.Staff;
using Tidegate.Server.Features.Audit;
using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.Staff.Pages;

/// <summary>
/// /console/staff (admin): the accounts, and adding one (the server makes its one-time password and
/// shows it on this answer only), changing a role, disabling, resetting the second factor, unlocking.
/// Every change goes through the same use case as the API, so its rules and audit entry are the API's.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class ConsoleStaffModel(
    ListStaff list, CreateStaff create, ChangeStaff change, ResetSecondFactor reset, UnlockStaff unlock,
    IStringLocalizer<StaffText> text, IStringLocalizer<SharedResource> shared) : PageModel
{
    public sealed class NewAccount
    {
        public string? Email { get; set; }
        public string? Name { get; set; }
        public string? Role { get; set; } = StaffRole.Operator;
    }

    public sealed record Created(string StaffId, string Email, string Name, string Role, string Password);

    [BindProperty] public NewAccount Input { get; set; } = new();
    public IReadOnlyList<ListStaff.StaffView> Accounts { get; private set; } = [];
    public Created? Added { get; private set; }
    /// <summary>A refusal in words; <see cref="ErrorFor"/> is the account it is about (null: the add form).</summary>
    public string? Error { get; private set; }
    public string? ErrorFor { get; private set; }
    public ListStaff.StaffView? Changed { get; private set; }
    public string? Me => StaffOtp.StaffOf(User);

    public async Task OnGetAsync(string? changed, CancellationToken ct)
    {
        await LoadAsync(ct);
        Changed = Accounts.FirstOrDefault(a => a.StaffId == changed);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var password = OneTimePassword.New();
        var result = await create.ExecuteAsync(new CreateStaff.Request(Input.Email, Input.Name, Input.Role, password), AuditActor.Of(User), ct, oneTimePassword: true);
        if (!result.IsOk) return await RefusedAsync(result.Error, null, ct);
        // Shown on this answer only (not redirected: the password must not travel in a cookie or a URL).
        Response.Headers.CacheControl = "no-store";
        var account = await list.FindAsync(result.Value.StaffId, ct);
        Added = new Created(result.Value.StaffId, account?.Email ?? Input.Email!, account?.Name ?? "", Input.Role!, password);
        Input = new NewAccount();
        ModelState.Clear();
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostRoleAsync(string staffId, string? role, CancellationToken ct) =>
        AfterAsync(staffId, change.ExecuteAsync(staffId, new ChangeStaff.Request(role ?? "", null), AuditActor.Of(User), ct), ct);

    public Task<IActionResult> OnPostDisableAsync(string staffId, CancellationToken ct) =>
        AfterAsync(staffId, change.ExecuteAsync(staffId, new ChangeStaff.Request(null, true), AuditActor.Of(User), ct), ct);

    public Task<IActionResult> OnPostEnableAsync(string staffId, CancellationToken ct) =>
        AfterAsync(staffId, change.ExecuteAsync(staffId, new ChangeStaff.Request(null, false), AuditActor.Of(User), ct), ct);

    public Task<IActionResult> OnPostResetAsync(string staffId, CancellationToken ct) =>
        AfterAsync(staffId, reset.ExecuteAsync(staffId, AuditActor.Of(User), ct), ct);

    public Task<IActionResult> OnPostUnlockAsync(string staffId, CancellationToken ct) =>
        AfterAsync(staffId, unlock.ExecuteAsync(staffId, AuditActor.Of(User), ct), ct);

    private async Task<IActionResult> AfterAsync(string staffId, Task<Result<ListStaff.StaffView>> changing, CancellationToken ct)
    {
        var result = await changing;
        return result.IsOk ? RedirectToPage(new { changed = staffId }) : await RefusedAsync(result.Error, staffId, ct);
    }

    private async Task<IActionResult> RefusedAsync(Error error, string? staffId, CancellationToken ct)
    {
        Error = MessageFor(error);
        ErrorFor = staffId;
        Response.StatusCode = Problems.StatusOf(error.Code);
        await LoadAsync(ct);
        return Page();
    }

    private string MessageFor(Error error)
    {
        if (error.Code == ErrorCodes.InvalidRequest && error.Extra?.GetValueOrDefault("field") is string field
            && text["Error_Field_" + field] is { ResourceNotFound: false } specific)
            return specific;
        var message = shared["Error_" + error.Code];
        return message.ResourceNotFound ? shared["Error_unknown"] : message;
    }

    private async Task LoadAsync(CancellationToken ct) => Accounts = await list.ExecuteAsync(ct);
}

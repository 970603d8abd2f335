using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Tidegate.Domain.Common;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Features.Audit;
using Tidegate.Server.Infrastructure;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.Devices.Pages;

/// <summary>
/// /console/devices (operator, admin): the registered gate and shop devices, online or not; registering
/// one (its token shown on this answer only, as text and as the QR the gate page's camera pairs with);
/// revoking one. The same use cases as the API, with their audit entries.
/// </summary>
[Authorize(Policy = Policies.Operator)]
public sealed class ConsoleDevicesModel(
    Db db, VenueStore venues, TimeProvider clock, RegisterDevice register, RevokeDevice revoke, IStringLocalizer<DevicesText> text, IStringLocalizer<SharedResource> shared)
    : PageModel
{
    public sealed class NewDevice
    {
        public string? Name { get; set; }
        public string? Lane { get; set; }
        public string? Kind { get; set; } = "gate";
    }

    [BindProperty] public NewDevice Input { get; set; } = new();
    public IReadOnlyList<ListDevices.DeviceView> Devices { get; private set; } = [];
    public RegisterDevice.Response? Registered { get; private set; }
    public string? Error { get; private set; }
    public string? ErrorFor { get; private set; }
    public ListDevices.DeviceView? Revoked { get; private set; }

    /// <summary>The QR as an image the strict CSP allows (img-src data:), not inline SVG markup.</summary>
    public static string QrDataUrl(string svg) => "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));

    public async Task OnGetAsync(string? revoked, CancellationToken ct)
    {
        await LoadAsync(ct);
        Revoked = Devices.FirstOrDefault(d => d.DeviceId == revoked);
    }

    public async Task<IActionResult> OnPostRegisterAsync(CancellationToken ct)
    {
        var result = await register.ExecuteAsync(new RegisterDevice.Request(Input.Name, Input.Lane, Input.Kind), AuditActor.Of(User), ct);
        if (!result.IsOk) return await RefusedAsync(result.Error, null, ct);
        // Shown on this answer only (not redirected: the token must not travel in a cookie or a URL).
        Response.Headers.CacheControl = "no-store";
        Registered = result.Value;
        Input = new NewDevice();
        ModelState.Clear();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string deviceId, CancellationToken ct)
    {
        if (await revoke.ExecuteAsync(deviceId, AuditActor.Of(User), ct)) return RedirectToPage(new { revoked = deviceId });
        return await RefusedAsync(new Error(ErrorCodes.NotFound, "No device has this id."), deviceId, ct);
    }

    private async Task<IActionResult> RefusedAsync(Error error, string? deviceId, CancellationToken ct)
    {
        var specific = error.Extra?.GetValueOrDefault("field") is string field ? text["Error_Field_" + field] : null;
        Error = specific is { ResourceNotFound: false } ? specific : shared["Error_" + error.Code] is { ResourceNotFound: false } m ? m : shared["Error_unknown"];
        ErrorFor = deviceId;
        Response.StatusCode = Problems.StatusOf(error.Code);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Devices = (await ListDevices.ReadAsync(db, venues, clock, ct)).OrderBy(d => d.Revoked).ThenBy(d => d.Lane ?? d.Name, StringComparer.InvariantCultureIgnoreCase)
            .ThenBy(d => d.Name, StringComparer.InvariantCultureIgnoreCase).ToList();
}

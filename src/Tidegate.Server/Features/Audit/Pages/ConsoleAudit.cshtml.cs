using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Tidegate.Server.Infrastructure.Auth;

namespace Tidegate.Server.Features.Audit.Pages;

/// <summary>
/// /console/audit (admin): the audit log newest first, filtered by person, action and venue dates, a
/// page at a time, and whether the hash chain verifies (<see cref="VerifyAuditChain"/>, the same walk
/// as the <c>audit verify</c> command).
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class ConsoleAuditModel(GetAuditLog log, VerifyAuditChain verify, IActorNames names, IStringLocalizer<AuditText> text)
    : PageModel
{
    public const int PageSize = 50;

    [FromQuery] public string? Person { get; set; }
    [FromQuery(Name = "action")] public string? ActionFilter { get; set; }
    [FromQuery] public string? From { get; set; }
    [FromQuery] public string? To { get; set; }
    [FromQuery] public long? Before { get; set; }

    public IReadOnlyList<GetAuditLog.Item> Items { get; private set; } = [];
    public long? Older { get; private set; }
    public IReadOnlyList<string> Actors { get; private set; } = [];
    public IReadOnlyList<string> Actions { get; private set; } = [];
    public VerifyAuditChain.Outcome Chain { get; private set; } = new(0, null);
    public string? Error { get; private set; }
    private IReadOnlyDictionary<string, string> _names = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        _names = await names.NamesAsync(ct);
        (Actors, Actions) = await log.FiltersAsync(ct);
        Chain = await verify.ExecuteAsync(ct);
        var page = await log.ExecuteAsync(new GetAuditLog.Query(From, To, Person, ActionFilter, Before, PageSize), ct);
        if (!page.IsOk)
        {
            Error = text["Error_Field_" + page.Error.Extra?.GetValueOrDefault("field")];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        (Items, Older) = (page.Value.Items, page.Value.Older);
    }

    /// <summary>A staff member's name, or the id itself (dev tokens, commands, devices).</summary>
    public string NameOf(string actor) => _names.TryGetValue(actor, out var name) ? name : actor;

    public string ActionLabel(string action) => text["Action_" + action.Replace('.', '_')] is { ResourceNotFound: false } label ? label : action;

    public string RoleLabel(string role) => text["Role_" + role] is { ResourceNotFound: false } label ? label : role;

    /// <summary>The next (older) page with the same filters.</summary>
    public string? OlderLink => Older is { } older ? Link(older) : null;

    public string NewestLink => Link(null);

    private string Link(long? before)
    {
        var query = new Dictionary<string, string?>
        {
            ["person"] = Person, ["action"] = ActionFilter, ["from"] = From, ["to"] = To, ["before"] = before?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(p => !string.IsNullOrEmpty(p.Value));
        return QueryHelpers.AddQueryString("/console/audit", query);
    }
}

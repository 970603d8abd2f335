using Tidegate.Domain.Tickets;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Venue;
using Tidegate.Server.Infrastructure;

namespace Tidegate.Server.Features.Gates;

/// <summary>POST /api/v1/gate/scans: decides one scan (200 for every decided scan, admitted or rejected; a repeated nonce gets the first answer).</summary>
public sealed class RedeemScan(ScanStore scans, TicketKeys keys, VenueStore venues, GateSettings settings, TimeProvider clock)
{
    /// <summary>Device clocks drift; a scan "from the future" beyond this is taken as now.</summary>
    private static readonly TimeSpan FutureSkew = TimeSpan.FromMinutes(2);

    public static Task<IResult> Handle(Body<ScanRequest> body, RedeemScan useCase, CancellationToken ct) => useCase.ExecuteAsync(body.Value, ct);

    public async Task<IResult> ExecuteAsync(ScanRequest request, CancellationToken ct)
    {
        var calendar = await venues.GetAsync(ct);
        if (GateInput.Check(request, calendar.Settings.MaxPartySize) is { } error) return Problems.From(error);

        var now = clock.GetUtcNow();
        var at = request.ScannedAt is { } scannedAt && scannedAt <= now + FutureSkew ? scannedAt : now;
        var scan = new ScanStore.Scan(request, keys.Verify(request.Code), at, calendar.Time.Today(at), now,
            calendar, settings.Window);
        try
        {
            return TypedResults.Ok(await scans.RedeemAsync(scan, ct));
        }
        catch (OverloadedException)
        {
            // The device keeps the scan and retries with the same nonce; nothing was counted.
            return Problems.From(new Tidegate.Domain.Common.Error(Tidegate.Domain.Common.ErrorCodes.Unavailable, "The gate service is very busy: try again in a second."));
        }
    }
}

using System.Text.Json;
using Tidegate.Domain.Gates;
using Tidegate.Domain.Tickets;
using Tidegate.Domain.Venue;
using Tidegate.Server.Data;
using Tidegate.Server.Infrastructure.Telemetry;

namespace Tidegate.Server.Features.Gates;

/// <summary>
/// Records scans durably, group-committed like holds: one writer per instance runs every scan
/// waiting as one transaction (<see cref="ScanWrite"/> decides each in arrival order, so a scan
/// sees the admissions of the scans before it). Tidegate:Gates:GroupCommit=false gives one
/// transaction per scan.
/// </summary>
public sealed class ScanStore : IAsyncDisposable
{
    public sealed record Scan(ScanRequest Request, TicketClaims? Claims, DateTimeOffset At, DateOnly Today, DateTimeOffset Now,
        VenueCalendar Calendar, EntryWindow Window);

    private readonly Db _db;
    private readonly JsonSerializerOptions _json;
    private readonly GroupCommit<Scan, ScanResponse>? _group;

    public ScanStore(Db db, JsonSerializerOptions json, GateOptions options)
    {
        (_db, _json) = (db, json);
        if (options.GroupCommit)
            _group = new GroupCommit<Scan, ScanResponse>("scan writer",
                options.QueueCapacity, options.MaxBatch, RunBatchAsync);
    }

    /// <summary>The decision for the scan, or the stored one when its nonce was seen before. Throws <see cref="OverloadedException"/> when the writer's queue is full.</summary>
    public async Task<ScanResponse> RedeemAsync(Scan scan, CancellationToken ct = default)
    {
        var response = _group is null ? await RedeemAloneAsync(scan, ct) : await _group.SubmitAsync(scan);
        TidegateMetrics.ScanDecided(response.Result, ReasonTag(response.Reason));
        return response;
    }

    /// <summary>An offline upload carries the device's own reason: only the contract's codes become a tag value.</summary>
    private static string ReasonTag(string? reason) => reason switch
    {
        null => "none",
        ScanReasons.Invalid or ScanReasons.Revoked or ScanReasons.WrongDate or ScanReasons.TooEarly or ScanReasons.TooLate
            or ScanReasons.AlreadyUsed or ScanReasons.NotPaid or "over_admitted" => reason,
        _ => "other",
    };

    /// <summary>The writer's counters, for the bench (GET /api/v1/dev/scan-writer).</summary>
    public object Stats => GroupCommit<Scan, ScanResponse>.StatsOf(_group);

    private Task RunBatchAsync(IReadOnlyList<GroupCommit<Scan, ScanResponse>.Pending> batch, CancellationToken ct) =>
        GroupCommit<Scan, ScanResponse>.WithFallbackAsync(batch, async () =>
        {
            // Booking order (stable, so a party's scans keep their arrival order) keeps two instances' batches from deadlocking.
            var ordered = batch.OrderBy(p => p.Item.Claims?.BookingId.ToString() ?? "", StringComparer.Ordinal).ToList();
            var results = await WriteAsync(ordered.Select(p => p.Item).ToList(), ct);
            for (var i = 0; i < ordered.Count; i++) ordered[i].Done.TrySetResult(results[i]);
        }, scan => RedeemAloneAsync(scan, ct));

    private Task<ScanResponse> RedeemAloneAsync(Scan scan, CancellationToken ct) =>
        TransientRetry.RunAsync(async () => (await WriteAsync([scan], ct))[0], ct);

    private async Task<ScanResponse[]> WriteAsync(IReadOnlyList<Scan> scans, CancellationToken ct)
    {
        await using var write = await _db.BeginWriteAsync(ct);
        var (connection, tx) = write;
        var results = new ScanResponse[scans.Count];
        for (var i = 0; i < scans.Count; i++) results[i] = await ScanWrite.RedeemAsync(connection, tx, scans[i], _json);
        await tx.CommitAsync(ct);
        return results;
    }

    public ValueTask DisposeAsync() => _group?.DisposeAsync() ?? ValueTask.CompletedTask;
}
